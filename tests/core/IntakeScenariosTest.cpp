// The scenarios of DOMAIN.md end to end through IntakeService, on a store
// holding the sample catalogue: 1, 2, 5, 6, 7, 9 (the correction, the
// refusal and the applicant's file are in IntakeCorrectionTest.cpp).
#include "IntakeFixture.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRepository.h"
#include "sync/Outbox.h"

#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const Problem* problemAt(const Error& e, const QString& where)
{
    for (const Problem& p : e.problems)
        if (p.where == where)
            return &p;
    return nullptr;
}

CaseRecord storedCase(IntakeFixture& f, const QString& id)
{
    auto found = CaseRepository(*f.store.db).findById(id);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return **found;
}

} // namespace

TEST_CASE("scenario 1: two unrelated items accepted together in one visit", "[intake][scenario]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("王建华"),
                                                     QStringLiteral("320581196503151239")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("BDC-GG-001")).ok());
    REQUIRE(intake.addItem(QStringLiteral("ZGJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake,
            {{QStringLiteral("query_purpose"), QStringLiteral("其他")},
             {QStringLiteral("project_name"), QStringLiteral("王建华自建住房")},
             {QStringLiteral("project_address"), QStringLiteral("常熟市虞山街道书院街88号")},
             {QStringLiteral("land_supply"), QStringLiteral("出让")},
             {QStringLiteral("building_area"), QStringLiteral("320")}});
    // The ID card is asked once although both items ask for it.
    CHECK(intake.checklist().line(QStringLiteral("id-card"))->itemCodes.size() == 2);
    CHECK(intake.checklist().line(QStringLiteral("land-contract"))->applies);
    CHECK_FALSE(intake.checklist().line(QStringLiteral("land-planning-permit"))->applies);
    receiveEverything(intake);
    REQUIRE(intake.checklist().isComplete());

    auto d = f.service->accept(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    CHECK(d->caseNumber == QStringLiteral("320581001-20250314-0001"));
    CHECK(d->status == CaseStatus::Accepted);
    CHECK(d->promisedDays == 3);
    CHECK(d->promisedDate == QDate(2025, 3, 19));
    CHECK_FALSE(d->promisedProvisional);
    CHECK(d->visit == 1);

    const CaseRecord c = storedCase(f, d->caseId);
    CHECK(c.itemCodes() == QStringList{QStringLiteral("BDC-GG-001"), QStringLiteral("ZGJ-XK-001")});
    for (const CaseItem& i : c.items)
        CHECK(i.version == 1);
    REQUIRE(c.history.size() == 1);
    CHECK(c.history[0].to == QStringLiteral("accepted"));
    CHECK(c.history[0].place.clerk == QStringLiteral("张敏"));
    CHECK(c.history[0].place.window == QStringLiteral("A03"));
    CHECK(c.form.value(QStringLiteral("applicant_name")).toString() == QStringLiteral("王建华"));
    CHECK(c.form.value(QStringLiteral("building_area")).toDouble() == Approx(320));
    CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case'")) == 1);
    CHECK(f.count(QStringLiteral("matter_visit")) == 1);
}

TEST_CASE("scenario 2: medical aid prompts the hardship subsidy, both accepted at one visit",
          "[intake][scenario]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("李国强"),
                                                     QStringLiteral("320581195807220032")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("YBJ-JF-001")).ok());
    intake.prefillForm();
    CHECK(intake.suggestions().size() >= 1);
    bool ruleSeen = false;
    for (const Suggestion& s : intake.suggestions())
        ruleSeen = ruleSeen || (s.code == QLatin1String("RSJ-JF-003") && s.fromRule);
    CHECK_FALSE(ruleSeen); // the condition reads the employment status, not yet answered

    setForm(intake, {{QStringLiteral("employment_status"), QStringLiteral("改制企业下岗职工")},
                     {QStringLiteral("low_income"), QStringLiteral("false")},
                     {QStringLiteral("medical_expense"), QStringLiteral("23800")}});
    std::optional<Suggestion> subsidy;
    for (const Suggestion& s : intake.suggestions())
        if (s.code == QLatin1String("RSJ-JF-003"))
            subsidy = s;
    REQUIRE(subsidy);
    CHECK(subsidy->fromRule);
    CHECK(subsidy->fromItem == QStringLiteral("YBJ-JF-001"));
    CHECK_FALSE(subsidy->reason.isEmpty());

    REQUIRE(intake.addSuggestion(*subsidy).ok()); // one call
    for (const Suggestion& s : intake.suggestions())
        CHECK(s.code != QStringLiteral("RSJ-JF-003"));
    setForm(intake, {{QStringLiteral("former_employer"), QStringLiteral("常熟第二纺织厂")}});
    CHECK(intake.checklist().line(QStringLiteral("restructuring-proof"))->applies);
    CHECK_FALSE(intake.checklist().line(QStringLiteral("retirement-approval"))->applies);
    CHECK(intake.checklist().line(QStringLiteral("bank-card"))->itemCodes.size() == 2);
    receiveEverything(intake);

    auto d = f.service->accept(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    CHECK(d->promisedDays == 10);
    CHECK(d->promisedDate == QDate(2025, 3, 28));
    const CaseRecord c = storedCase(f, d->caseId);
    CHECK(c.itemCodes() == QStringList{QStringLiteral("YBJ-JF-001"), QStringLiteral("RSJ-JF-003")});
    CHECK(c.visits == 1);
}

TEST_CASE("scenario 5: a village accountant certifies several retirees as their agent",
          "[intake][scenario]")
{
    IntakeFixture f(QStringLiteral("320581105"), Level::Village);
    Agent accountant;
    accountant.idNumber = QStringLiteral("320581198001052010");
    accountant.name = QStringLiteral("陈会计");
    accountant.phone = QStringLiteral("13962300001");
    const QStringList ids{QStringLiteral("320581195501011019"),
                          QStringLiteral("320581195209090020"),
                          QStringLiteral("320581196006101038")};
    const QStringList names{QStringLiteral("顾老伯"), QStringLiteral("𠀾秀英"),
                            QStringLiteral("沈大明")};
    QStringList numbers;
    for (int i = 0; i < ids.size(); ++i) {
        Intake intake = f.service->begin();
        REQUIRE(f.service->setApplicant(intake, naturalPerson(names[i], ids[i])).ok());
        intake.setAgent(accountant);
        REQUIRE(intake.addItem(QStringLiteral("RSJ-GG-001")).ok());
        intake.prefillForm();
        setForm(intake, {{QStringLiteral("cert_method"), QStringLiteral("村（社区）协管员代办")}});
        CHECK(intake.form().value(QStringLiteral("agent_name")) == QStringLiteral("陈会计"));
        CHECK(intake.checklist().line(QStringLiteral("power-of-attorney"))->required());
        CHECK(intake.checklist().line(QStringLiteral("agent-id-card"))->required());
        receiveEverything(intake);
        AcceptOptions o;
        o.channel = Channel::Proxy;
        auto d = f.service->accept(intake, o);
        if (!d)
            FAIL(d.error().fullText().toStdString());
        CHECK(d->status == CaseStatus::Completed); // 即办件: completed at the window
        numbers << d->caseNumber;
        const CaseRecord c = storedCase(f, d->caseId);
        REQUIRE(c.history.size() == 2);
        CHECK(c.history[1].to == QStringLiteral("completed"));
        CHECK(c.channel == Channel::Proxy);
        CHECK_FALSE(c.agentId.isEmpty());
    }
    CHECK(numbers == QStringList{QStringLiteral("320581105-20250314-0001"),
                                 QStringLiteral("320581105-20250314-0002"),
                                 QStringLiteral("320581105-20250314-0003")});
    CHECK(f.count(QStringLiteral("agent")) == 1);
    CHECK(f.count(QStringLiteral("intake_case"), QStringLiteral("agent_id IS NOT NULL")) == 3);
    CHECK(f.count(QStringLiteral("applicant")) == 3);
    // The rare character is stored and found as typed.
    auto found = ApplicantRepository(*f.store.db).findByName(QStringLiteral("𠀾秀英"));
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    CHECK(found->first().name == QStringLiteral("𠀾秀英"));
    auto prefix = ApplicantRepository(*f.store.db)
                      .findByName(QStringLiteral("𠀾"), ApplicantRepository::NameMatch::Prefix);
    REQUIRE(prefix.ok());
    CHECK(prefix->size() == 1);
}

TEST_CASE("scenario 6: opening a restaurant as a joint item", "[intake][scenario]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("赵丽萍"),
                                                     QStringLiteral("320581198602203021")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("YJS-CY-001")).ok());
    CHECK(intake.items().size() == 5);
    intake.prefillForm();
    setForm(intake,
            {{QStringLiteral("shop_name"), QStringLiteral("丽萍小馆")},
             {QStringLiteral("business_address"), QStringLiteral("常熟市琴川街道方塔街12号")},
             {QStringLiteral("business_category"), QStringLiteral("餐饮服务")},
             {QStringLiteral("business_scope"), QStringLiteral("热食类食品制售")},
             {QStringLiteral("food_business_items"), QStringLiteral("热食类食品制售")},
             {QStringLiteral("business_area"), QStringLiteral("80")},
             {QStringLiteral("drainage_type"), QStringLiteral("餐饮")},
             {QStringLiteral("daily_discharge"), QStringLiteral("3.5")},
             {QStringLiteral("sign_location"), QStringLiteral("店面正上方")},
             {QStringLiteral("sign_area"), QStringLiteral("12")},
             {QStringLiteral("venue_area"), QStringLiteral("80")}});
    // One merged checklist: each material once.
    QStringList ids;
    for (const ChecklistLine& l : intake.checklist().lines())
        ids << l.material.id;
    QStringList unique = ids;
    unique.removeDuplicates();
    CHECK(ids == unique);
    CHECK(intake.checklist().line(QStringLiteral("business-licence"))->itemCodes.size() >= 3);
    CHECK(intake.checklist().line(QStringLiteral("pretreatment-proof"))->applies);
    CHECK(intake.checklist().line(QStringLiteral("ad-structure-safety"))->applies);
    // One merged form: each key once.
    QStringList keys;
    for (const FormField& fl : intake.form().fields())
        keys << fl.key;
    QStringList uniqueKeys = keys;
    uniqueKeys.removeDuplicates();
    CHECK(keys == uniqueKeys);
    CHECK(intake.form().itemsAsking(QStringLiteral("shop_name")).size() >= 3);
    receiveEverything(intake);

    AcceptOptions o;
    o.delivery.method = Delivery::Ems;
    o.delivery.address = QStringLiteral("常熟市琴川街道方塔街12号");
    o.delivery.postcode = QStringLiteral("215500");
    auto d = f.service->accept(intake, o);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    CHECK(d->promisedDays == 10); // the combined promise
    CHECK(d->promisedDate == QDate(2025, 3, 28));
    const CaseRecord c = storedCase(f, d->caseId);
    REQUIRE(c.items.size() == 5);
    for (const CaseItem& i : c.items)
        CHECK(i.jointCode == QStringLiteral("YJS-CY-001"));
    CHECK(c.delivery.method == Delivery::Ems);
    CHECK(c.delivery.recipient == QStringLiteral("赵丽萍"));
    CHECK(c.delivery.phone == QStringLiteral("13812345678"));
}

TEST_CASE("scenario 7: a universal item accepted at a town-level site", "[intake][scenario]")
{
    IntakeFixture f(QStringLiteral("320581102"), Level::Town);
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("张小军"),
                                                     QStringLiteral("320581198808084013")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("SJJ-XK-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("shop_name"), QStringLiteral("小军早餐店")},
                     {QStringLiteral("business_address"), QStringLiteral("常熟市梅李镇通江路5号")},
                     {QStringLiteral("business_category"), QStringLiteral("餐饮服务")},
                     {QStringLiteral("business_scope"), QStringLiteral("早餐、小吃")}});
    receiveEverything(intake);
    auto d = f.service->accept(intake);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    CHECK(d->caseNumber.startsWith(QStringLiteral("320581102-20250314-")));
    CHECK(d->status == CaseStatus::Completed);
    // The related rule suggests the food licence and the drainage permit.
    QStringList suggested;
    for (const Suggestion& s : intake.suggestions())
        suggested << s.code;
    CHECK(suggested.contains(QStringLiteral("SJJ-XK-003")));
    CHECK(suggested.contains(QStringLiteral("SWJ-XK-001")));

    // An item handled only at city level, not 无差别, is not accepted here.
    Intake city = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(city, naturalPerson(QStringLiteral("张小军"),
                                                   QStringLiteral("320581198808084013")))
                .ok());
    REQUIRE(city.addItem(QStringLiteral("ZGJ-XK-003")).ok());
    receiveEverything(city);
    auto refused = f.service->accept(city);
    REQUIRE_FALSE(refused.ok());
    const Problem* p = problemAt(refused.error(), QStringLiteral("items"));
    REQUIRE(p);
    CHECK(p->field == QStringLiteral("ZGJ-XK-003"));
}

TEST_CASE("scenario 9: an A-grade enterprise gets the green channel, a C-grade one is flagged",
          "[intake][scenario]")
{
    IntakeFixture f;
    auto prepare = [&](const Applicant& company) {
        Intake intake = f.service->begin();
        REQUIRE(f.service->setApplicant(intake, company).ok());
        REQUIRE(intake.addItem(QStringLiteral("ZJJ-QT-001")).ok());
        intake.prefillForm();
        setForm(intake, {{QStringLiteral("project_name"), QStringLiteral("高新区厂房设计")},
                         {QStringLiteral("project_address"), QStringLiteral("常熟高新区")}});
        receiveEverything(intake);
        return intake;
    };

    const Intake a = prepare(legalPerson(QStringLiteral("常熟市东南建筑设计院有限公司"),
                                         QStringLiteral("91320581MA1X00001B"), CreditGrade::A));
    const QList<CreditFlag> aFlags = f.service->creditFlags(a);
    REQUIRE(aFlags.size() == 1);
    CHECK(aFlags[0].kind == CreditFlag::Kind::GreenChannel);
    CHECK_FALSE(aFlags[0].stopsAcceptance);
    auto accepted = f.service->accept(a);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    CHECK(accepted->creditFlags.size() == 1);

    const Intake c = prepare(legalPerson(QStringLiteral("常熟市虞城设计咨询有限公司"),
                                         QStringLiteral("91320581MA1X00002E"), CreditGrade::C));
    REQUIRE(f.service->creditFlags(c).size() == 1);
    CHECK(f.service->creditFlags(c)[0].kind == CreditFlag::Kind::Watch);
    CHECK(f.service->creditFlags(c)[0].stopsAcceptance);
    const int cases = f.count(QStringLiteral("intake_case"));
    auto stopped = f.service->accept(c);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().kind == Error::Kind::Forbidden);
    CHECK(problemAt(stopped.error(), QStringLiteral("applicant.creditGrade")));
    CHECK(f.count(QStringLiteral("intake_case")) == cases); // nothing written

    AcceptOptions ack;
    ack.creditWarningAcknowledged = true;
    auto acknowledged = f.service->accept(c, ack);
    if (!acknowledged)
        FAIL(acknowledged.error().fullText().toStdString());
    const CaseRecord rec = storedCase(f, acknowledged->caseId);
    CHECK(rec.creditGrade == QStringLiteral("C"));
    CHECK(rec.creditAcknowledged);

    // A credit code failing its check character: only with a supervisor override.
    const Intake bad = prepare(legalPerson(QStringLiteral("常熟市老字号营造有限公司"),
                                           QStringLiteral("91320581MA1X00001C"), CreditGrade::B));
    auto noOverride = f.service->accept(bad);
    REQUIRE_FALSE(noOverride.ok());
    CHECK(noOverride.error().kind == Error::Kind::Forbidden);
    CHECK(problemAt(noOverride.error(), QStringLiteral("applicant.creditCode")));
    AcceptOptions ov;
    ov.creditCodeOverride =
        SupervisorOverride{SupervisorOverride::Kind::CreditCode, QStringLiteral("刘科长"),
                           QStringLiteral("2015年前核发的存量代码，已电话核实")};
    auto overridden = f.service->accept(bad, ov);
    if (!overridden)
        FAIL(overridden.error().fullText().toStdString());
    CHECK(f.count(QStringLiteral("supervisor_override"),
                  QStringLiteral("kind = 'credit-code' AND supervisor = '刘科长'")) == 1);
    CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'supervisor_override'")) == 1);

    // A malformed code cannot be overridden.
    const Intake malformed = prepare(legalPerson(
        QStringLiteral("某公司"), QStringLiteral("91350100M000100Y4Z"), CreditGrade::None));
    auto never = f.service->accept(malformed, ov);
    REQUIRE_FALSE(never.ok());
    CHECK(never.error().kind == Error::Kind::Invalid);
    CHECK(problemAt(never.error(), QStringLiteral("applicant.creditCode")));
}
