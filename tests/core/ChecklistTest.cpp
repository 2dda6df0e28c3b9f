// The merged checklist of an intake: materials merged by id, conditions
// over the applicant, the agent, the form and the other items, reuse from
// the applicant's file, completeness.
#include "TestSupport.h"
#include "intake/Intake.h"

#include <catch2/catch.hpp>

using namespace ow;

namespace {

Material material(const QString& id, const QString& name, MaterialForm form,
                  Requirement req = Requirement::Required, const QString& condition = {},
                  int copies = 1)
{
    Material m;
    m.id = id;
    m.name = name;
    m.form = form;
    m.requirement = req;
    m.condition = condition;
    m.copies = copies;
    return m;
}

Catalogue testCatalogue()
{
    Item a;
    a.code = QStringLiteral("T-A");
    a.name = QStringLiteral("甲事项");
    a.promisedLimitDays = 5;
    a.materials = {
        material(QStringLiteral("id-card"), QStringLiteral("申请人居民身份证"),
                 MaterialForm::Original, Requirement::Conditional,
                 QStringLiteral("applicant.kind == \"natural\"")),
        material(QStringLiteral("business-licence"), QStringLiteral("营业执照"), MaterialForm::Copy,
                 Requirement::Conditional, QStringLiteral("applicant.kind == \"legal\"")),
        material(QStringLiteral("power-of-attorney"), QStringLiteral("授权委托书"),
                 MaterialForm::Original, Requirement::Conditional, QStringLiteral("agent")),
        material(QStringLiteral("bank-card"), QStringLiteral("银行卡"), MaterialForm::Copy),
        material(QStringLiteral("photo"), QStringLiteral("照片"), MaterialForm::Original,
                 Requirement::Optional),
        material(QStringLiteral("pretreatment"), QStringLiteral("预处理材料"),
                 MaterialForm::Original, Requirement::Conditional,
                 QStringLiteral("form.kind in [\"餐饮\", \"工业\"]")),
    };
    a.materials[1].source = MaterialSource::Government;
    a.materials[1].reusable = true;
    FormField kind;
    kind.key = QStringLiteral("kind");
    kind.label = QStringLiteral("排水类别");
    kind.type = FieldType::Choice;
    kind.options = {QStringLiteral("餐饮"), QStringLiteral("工业"), QStringLiteral("其他")};
    a.form = {kind};

    Item b;
    b.code = QStringLiteral("T-B");
    b.name = QStringLiteral("乙事项");
    b.promisedLimitDays = 8;
    b.materials = {
        material(QStringLiteral("id-card"), QStringLiteral("申请人居民身份证"),
                 MaterialForm::OriginalAndCopy),
        material(QStringLiteral("bank-card"), QStringLiteral("银行卡"), MaterialForm::Original,
                 Requirement::Required, {}, 2),
        material(QStringLiteral("photo"), QStringLiteral("照片"), MaterialForm::Original,
                 Requirement::Required),
        material(QStringLiteral("joint-note"), QStringLiteral("联办说明"), MaterialForm::Original,
                 Requirement::Conditional, QStringLiteral("item.T-A")),
    };

    Item c;
    c.code = QStringLiteral("T-C");
    c.name = QStringLiteral("丙事项");
    c.handling = HandlingType::Immediate;
    c.materials = {material(QStringLiteral("id-card"), QStringLiteral("申请人居民身份证"),
                            MaterialForm::Copy)};

    JointItem j;
    j.code = QStringLiteral("T-J");
    j.name = QStringLiteral("甲乙一件事");
    j.members = {QStringLiteral("T-A"), QStringLiteral("T-B")};
    j.promisedLimitDays = 6;

    Catalogue cat;
    cat.items = {a, b, c};
    cat.jointItems = {j};
    return cat;
}

Applicant person()
{
    Applicant p;
    p.kind = ApplicantKind::Natural;
    p.idNumber = QStringLiteral("320581196503151239");
    p.name = QStringLiteral("王建华");
    return p;
}

Applicant company()
{
    Applicant p;
    p.kind = ApplicantKind::Legal;
    p.creditCode = QStringLiteral("91320581MA1X00001B");
    p.name = QStringLiteral("常熟市虞山餐饮管理有限公司");
    return p;
}

const QDate kToday(2025, 3, 14);

} // namespace

TEST_CASE("materials of several items are merged by id, each asked once", "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    intake.setApplicant(person());
    REQUIRE(intake.addItem(QStringLiteral("T-A")).ok());
    REQUIRE(intake.addItem(QStringLiteral("T-B")).ok());

    const Checklist& cl = intake.checklist();
    int idCards = 0;
    for (const ChecklistLine& l : cl.lines())
        idCards += l.material.id == QLatin1String("id-card") ? 1 : 0;
    CHECK(idCards == 1);

    const ChecklistLine* id = cl.line(QStringLiteral("id-card"));
    REQUIRE(id);
    CHECK(id->material.form == MaterialForm::OriginalAndCopy); // the strictest form
    CHECK(id->itemCodes == QStringList{QStringLiteral("T-A"), QStringLiteral("T-B")});
    CHECK(id->required());

    const ChecklistLine* bank = cl.line(QStringLiteral("bank-card"));
    REQUIRE(bank);
    CHECK(bank->material.copies == 2); // the larger number of copies
    // A copy asked by one item and the original by another: the original.
    CHECK(bank->material.form == MaterialForm::Original);

    // Optional in one item, required in another: required.
    const ChecklistLine* photo = cl.line(QStringLiteral("photo"));
    REQUIRE(photo);
    CHECK(photo->required());

    // A condition on another item of the same intake.
    REQUIRE(cl.line(QStringLiteral("joint-note")));
    CHECK(cl.line(QStringLiteral("joint-note"))->applies);
}

TEST_CASE("a joint item expands to its members with one merged checklist and its combined limit",
          "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    intake.setApplicant(person());
    REQUIRE(intake.addItem(QStringLiteral("T-J")).ok());
    CHECK(intake.itemCodes() == QStringList{QStringLiteral("T-A"), QStringLiteral("T-B")});
    CHECK(intake.jointCodeOf(QStringLiteral("T-B")) == QStringLiteral("T-J"));
    CHECK(intake.promisedLimitDays() == 6); // the joint promise, not the members' 8
    // A member of the joint item cannot be added again on its own.
    CHECK_FALSE(intake.addItem(QStringLiteral("T-A")).ok());

    Intake separate(cat, kToday);
    REQUIRE(separate.addItem(QStringLiteral("T-A")).ok());
    REQUIRE(separate.addItem(QStringLiteral("T-B")).ok());
    CHECK(separate.promisedLimitDays() == 8); // several items: the longest

    Intake quick(cat, kToday);
    REQUIRE(quick.addItem(QStringLiteral("T-C")).ok());
    CHECK(quick.allImmediate());
    CHECK(quick.promisedLimitDays() == 0);

    Intake unknown(cat, kToday);
    const Status s = unknown.addItem(QStringLiteral("NOPE"));
    REQUIRE_FALSE(s.ok());
    REQUIRE(s.error().problems.size() == 1);
    CHECK(s.error().problems.first().where == QStringLiteral("items"));
    CHECK(s.error().problems.first().field == QStringLiteral("NOPE"));
}

TEST_CASE("conditional materials follow the applicant kind, the agent and the form", "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    REQUIRE(intake.addItem(QStringLiteral("T-A")).ok());

    intake.setApplicant(person());
    CHECK(intake.checklist().line(QStringLiteral("id-card"))->applies);
    CHECK_FALSE(intake.checklist().line(QStringLiteral("business-licence"))->applies);
    CHECK_FALSE(intake.checklist().line(QStringLiteral("power-of-attorney"))->applies);
    CHECK_FALSE(intake.checklist().line(QStringLiteral("pretreatment"))->applies);

    SECTION("a legal person brings the business licence, not an ID card")
    {
        intake.setApplicant(company());
        CHECK_FALSE(intake.checklist().line(QStringLiteral("id-card"))->applies);
        CHECK(intake.checklist().line(QStringLiteral("business-licence"))->applies);
    }
    SECTION("an agent brings the power of attorney")
    {
        Agent agent;
        agent.idNumber = QStringLiteral("320581198001052010");
        agent.name = QStringLiteral("陈会计");
        intake.setAgent(agent);
        CHECK(intake.checklist().line(QStringLiteral("power-of-attorney"))->applies);
        CHECK(intake.checklist().line(QStringLiteral("power-of-attorney"))->required());
        intake.setAgent(std::nullopt);
        CHECK_FALSE(intake.checklist().line(QStringLiteral("power-of-attorney"))->applies);
    }
    SECTION("a form answer derives the checklist again, keeping the marks")
    {
        REQUIRE(intake.checklist()
                    .markReceived(QStringLiteral("bank-card"), MaterialForm::Copy, 1)
                    .ok());
        REQUIRE(intake.setFormValue(QStringLiteral("kind"), QStringLiteral("餐饮")).ok());
        CHECK(intake.checklist().line(QStringLiteral("pretreatment"))->applies);
        CHECK(intake.checklist().line(QStringLiteral("bank-card"))->state ==
              MaterialState::Received);
        REQUIRE(intake.setFormValue(QStringLiteral("kind"), QStringLiteral("其他")).ok());
        CHECK_FALSE(intake.checklist().line(QStringLiteral("pretreatment"))->applies);
    }
}

TEST_CASE("materials on file are pre-marked as reused with their source", "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    ReusableMaterial licence;
    licence.materialId = QStringLiteral("business-licence");
    licence.name = QStringLiteral("营业执照");
    licence.sourceKind = ReuseSource::ELicence;
    licence.sourceRef = QStringLiteral("DZZZ-2024-000123");
    ReusableMaterial bank = licence; // on file, but the catalogue does not allow reuse
    bank.materialId = QStringLiteral("bank-card");
    intake.setApplicant(company(), {licence, bank});
    REQUIRE(intake.addItem(QStringLiteral("T-A")).ok());

    const ChecklistLine* l = intake.checklist().line(QStringLiteral("business-licence"));
    REQUIRE(l);
    CHECK(l->state == MaterialState::Reused);
    CHECK(l->reusedFrom == QStringLiteral("elicence:DZZZ-2024-000123"));
    CHECK(l->satisfied());
    CHECK(intake.checklist().line(QStringLiteral("bank-card"))->state == MaterialState::Pending);

    // The clerk may still take the paper.
    REQUIRE(intake.checklist()
                .markReceived(QStringLiteral("business-licence"), MaterialForm::Copy, 1)
                .ok());
    CHECK(intake.checklist().line(QStringLiteral("business-licence"))->reusedFrom.isEmpty());
    // Reuse needs a source when nothing is on file.
    CHECK_FALSE(intake.checklist().markReused(QStringLiteral("bank-card")).ok());
    const Status noSource = intake.checklist().markReused(QStringLiteral("photo"));
    REQUIRE_FALSE(noSource.ok());
    CHECK(noSource.error().problems.first().where == QStringLiteral("photo"));
}

TEST_CASE("completeness: every required line received in form and number, or reused", "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    intake.setApplicant(person());
    REQUIRE(intake.addItem(QStringLiteral("T-A")).ok());
    REQUIRE(intake.addItem(QStringLiteral("T-B")).ok());
    Checklist& cl = intake.checklist();
    CHECK_FALSE(cl.isComplete());
    CHECK(cl.outstanding().size() == 4); // id-card, bank-card, photo, joint-note

    REQUIRE(cl.markReceived(QStringLiteral("id-card"), MaterialForm::Original, 1).ok());
    REQUIRE(cl.markReceived(QStringLiteral("bank-card"), MaterialForm::Original, 1).ok());
    REQUIRE(cl.markMissing(QStringLiteral("photo"), QStringLiteral("近期一寸免冠照片2张")).ok());
    REQUIRE(cl.markDefective(QStringLiteral("joint-note"), QStringLiteral("未盖公章")).ok());
    CHECK_FALSE(cl.markDefective(QStringLiteral("joint-note"), QStringLiteral(" ")).ok());
    CHECK_FALSE(cl.markReceived(QStringLiteral("no-such"), MaterialForm::Copy, 1).ok());

    const QList<CorrectionLine> out = cl.outstanding();
    REQUIRE(out.size() == 4);
    // An original where original and copy are wanted: defective, with why.
    CHECK(out[0].materialId == QStringLiteral("id-card"));
    CHECK(out[0].problem == MaterialState::Defective);
    // One copy of two.
    CHECK(out[1].materialId == QStringLiteral("bank-card"));
    CHECK(out[1].problem == MaterialState::Defective);
    CHECK(out[2].materialId == QStringLiteral("photo"));
    CHECK(out[2].problem == MaterialState::Missing);
    CHECK(out[2].whatToBring == QStringLiteral("近期一寸免冠照片2张"));
    CHECK(out[3].problem == MaterialState::Defective);
    CHECK(out[3].reason == QStringLiteral("未盖公章"));
    for (const CorrectionLine& l : out)
        CHECK_FALSE(l.whatToBring.isEmpty()); // nothing left without instructions

    REQUIRE(cl.markReceived(QStringLiteral("id-card"), MaterialForm::OriginalAndCopy, 1).ok());
    REQUIRE(cl.markReceived(QStringLiteral("bank-card"), MaterialForm::Original, 2).ok());
    REQUIRE(cl.markReceived(QStringLiteral("photo"), MaterialForm::Original, 1).ok());
    REQUIRE(cl.markReceived(QStringLiteral("joint-note"), MaterialForm::Original, 1).ok());
    CHECK(cl.isComplete());
    CHECK(cl.outstanding().isEmpty());

    // Optional lines never block.
    Intake a(cat, kToday);
    a.setApplicant(person());
    REQUIRE(a.addItem(QStringLiteral("T-A")).ok());
    REQUIRE(a.checklist().markReceived(QStringLiteral("id-card"), MaterialForm::Original, 1).ok());
    REQUIRE(a.checklist().markReceived(QStringLiteral("bank-card"), MaterialForm::Copy, 1).ok());
    CHECK(a.checklist().isComplete());
    CHECK_FALSE(a.checklist().line(QStringLiteral("photo"))->required());
}

TEST_CASE("a line left out until a form answer says which form field it waits on", "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    REQUIRE(intake.addItem(QStringLiteral("T-A")).ok());
    intake.setApplicant(person());
    const ChecklistLine* pre = intake.checklist().line(QStringLiteral("pretreatment"));
    REQUIRE_FALSE(pre->applies);
    CHECK(intake.unansweredFieldsFor(*pre) == QStringList{QStringLiteral("排水类别")});
    // A line left out by the applicant's kind waits on no answer.
    CHECK(intake.unansweredFieldsFor(*intake.checklist().line(QStringLiteral("business-licence")))
              .isEmpty());
    // Answered: no longer waiting, whatever the answer.
    REQUIRE(intake.setFormValue(QStringLiteral("kind"), QStringLiteral("其他")).ok());
    CHECK(intake.unansweredFieldsFor(*intake.checklist().line(QStringLiteral("pretreatment")))
              .isEmpty());
}

TEST_CASE("every line still to check received as asked at once, and marks put back as they were",
          "[checklist]")
{
    const Catalogue cat = testCatalogue();
    Intake intake(cat, kToday);
    REQUIRE(intake.addItem(QStringLiteral("T-B")).ok());
    intake.setApplicant(person());
    Checklist& list = intake.checklist();
    REQUIRE(list.markMissing(QStringLiteral("photo")).ok());
    const ChecklistLine before = *list.line(QStringLiteral("id-card"));

    const QStringList marked = list.markAllPendingReceived();
    // The missing photo is left as marked; the others received in the form and number asked.
    CHECK(marked == QStringList{QStringLiteral("id-card"), QStringLiteral("bank-card")});
    CHECK(list.line(QStringLiteral("photo"))->state == MaterialState::Missing);
    CHECK(list.line(QStringLiteral("bank-card"))->presented == MaterialForm::Original);
    CHECK(list.line(QStringLiteral("bank-card"))->count == 2);
    CHECK(list.line(QStringLiteral("bank-card"))->satisfied());
    CHECK(list.line(QStringLiteral("id-card"))->presented == MaterialForm::OriginalAndCopy);
    // A line not applying (the joint note without T-A) is not marked.
    CHECK(list.line(QStringLiteral("joint-note"))->state == MaterialState::Pending);

    REQUIRE(list.restoreMarks(before).ok());
    CHECK(list.line(QStringLiteral("id-card"))->state == MaterialState::Pending);
    CHECK_FALSE(list.line(QStringLiteral("id-card"))->presented.has_value());
    CHECK(list.markAllPendingReceived() == QStringList{QStringLiteral("id-card")});
    ChecklistLine unknown = before;
    unknown.material.id = QStringLiteral("nope");
    CHECK_FALSE(list.restoreMarks(unknown).ok());
}
