// Personal data that makes sense: what the window and the intake documents
// both go through (IntakeService, the field checks of the applicant panel),
// each refusal naming its field, nothing stored.
#include "IntakeFixture.h"
#include "intake/FieldCheck.h"

using namespace ow;
using namespace ow::test;

namespace {

const QString kWang = QStringLiteral("320581196503151239"); // a man born 1965-03-15

// GAJ-GG-002 (无犯罪记录证明) for `a`, every material received.
Intake certificate(IntakeFixture& f, const Applicant& a)
{
    Intake intake = f.service->begin();
    const Status set = f.service->setApplicant(intake, a);
    if (!set)
        FAIL(set.error().fullText().toStdString());
    REQUIRE(intake.addItem(QStringLiteral("GAJ-GG-002")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("certificate_purpose"), QStringLiteral("出国务工")}});
    receiveEverything(intake);
    return intake;
}

const Problem* problemAt(const Error& e, const QString& where)
{
    for (const Problem& p : e.problems)
        if (p.where == where)
            return &p;
    return nullptr;
}

void nothingStored(const IntakeFixture& f)
{
    CHECK(f.count(QStringLiteral("intake_case")) == 0);
    CHECK(f.count(QStringLiteral("applicant")) == 0);
}

} // namespace

TEST_CASE("intake: a sex or birth date the ID number contradicts is refused", "[intake]")
{
    IntakeFixture f;
    Applicant a = naturalPerson(QStringLiteral("王建华"), kWang);
    a.sex = QStringLiteral("female");
    a.birthDate = QDate(2030, 1, 1);
    auto d = f.service->accept(certificate(f, a));
    REQUIRE_FALSE(d.ok());
    const Problem* sex = problemAt(d.error(), QStringLiteral("applicant.sex"));
    REQUIRE(sex);
    CHECK(sex->field == QStringLiteral("sex"));
    CHECK(sex->message.contains(kWang));
    const Problem* birth = problemAt(d.error(), QStringLiteral("applicant.birthDate"));
    REQUIRE(birth);
    CHECK(birth->message.contains(QLatin1String("2030-01-01")));
    CHECK(birth->message.contains(QLatin1String("1965-03-15")));
    nothingStored(f);

    // Agreeing, or left to the ID number, they are accepted.
    a.sex = QStringLiteral("male");
    a.birthDate = QDate(1965, 3, 15);
    auto ok = f.service->accept(certificate(f, a));
    if (!ok)
        FAIL(ok.error().fullText().toStdString());
}

TEST_CASE("intake: a material reused from a case not the applicant's is refused", "[intake]")
{
    IntakeFixture f;
    const Applicant wang = naturalPerson(QStringLiteral("王建华"), kWang);
    const Applicant li =
        naturalPerson(QStringLiteral("李明"), QStringLiteral("320581198001011235"));

    // A case number made up.
    Intake made = certificate(f, wang);
    REQUIRE(
        made.checklist()
            .markReused(QStringLiteral("id-card"), QStringLiteral("case:320581001-20250101-9999"))
            .ok());
    auto refused = f.service->accept(made);
    REQUIRE_FALSE(refused.ok());
    const Problem* p = problemAt(refused.error(), QStringLiteral("materials"));
    REQUIRE(p);
    CHECK(p->field == QStringLiteral("id-card"));
    CHECK(p->message.contains(QLatin1String("320581001-20250101-9999")));
    nothingStored(f);

    // Wang's real case, reused for Li.
    auto first = f.service->accept(certificate(f, wang));
    if (!first)
        FAIL(first.error().fullText().toStdString());
    Intake borrowed = certificate(f, li);
    REQUIRE(borrowed.checklist()
                .markReused(QStringLiteral("id-card"), QStringLiteral("case:") + first->caseNumber)
                .ok());
    auto other = f.service->accept(borrowed);
    REQUIRE_FALSE(other.ok());
    p = problemAt(other.error(), QStringLiteral("materials"));
    REQUIRE(p);
    CHECK(p->field == QStringLiteral("id-card"));
    CHECK(p->message.contains(first->caseNumber));
    CHECK(f.count(QStringLiteral("intake_case")) == 1);
    CHECK(f.count(QStringLiteral("applicant")) == 1);
}

TEST_CASE("the window's ID check refuses what the intake documents refuse", "[intake]")
{
    const QDate today(2025, 3, 14);
    // Born 1800; a province that does not exist; born after today.
    CHECK(
        checkIdNumber(QStringLiteral("320581180001014510"), today).contains(QLatin1String("1900")));
    CHECK(checkIdNumber(QStringLiteral("990426199112010074"), today).contains(QLatin1String("99")));
    CHECK_FALSE(checkIdNumber(QStringLiteral("320581203001010025"), today).isEmpty());
    CHECK(checkIdNumber(kWang, today).isEmpty());
    // A name holding a control character.
    CHECK(checkPersonName(QStringLiteral("王\x1b[2J建华")).contains(QLatin1String("U+001B")));
}
