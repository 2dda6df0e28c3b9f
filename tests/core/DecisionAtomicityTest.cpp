// A decision is all or nothing: a failure between any two of its writes
// leaves no case, no material, no history, no outbox entry, no visit and no
// case number consumed; the next decision then works.
#include "IntakeFixture.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace ow;
using namespace ow::test;

namespace {

struct InjectedFault : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

const QStringList kTables{
    QStringLiteral("applicant"),
    QStringLiteral("agent"),
    QStringLiteral("applicant_material"),
    QStringLiteral("matter"),
    QStringLiteral("matter_visit"),
    QStringLiteral("number_sequence"),
    QStringLiteral("intake_case"),
    QStringLiteral("case_item"),
    QStringLiteral("case_material"),
    QStringLiteral("case_status_history"),
    QStringLiteral("correction"),
    QStringLiteral("correction_line"),
    QStringLiteral("refusal"),
    QStringLiteral("supervisor_override"),
    QStringLiteral("outbox"),
    QStringLiteral("audit_log"),
    QStringLiteral("intake_request"),
};

QMap<QString, int> counts(const IntakeFixture& f)
{
    QMap<QString, int> out;
    for (const QString& t : kTables)
        out.insert(t, f.count(t));
    return out;
}

// An intake with an agent, a reusable material and an overridden credit
// code, so that every step of the write path has something to write.
Intake fullIntake(IntakeFixture& f)
{
    Intake intake = f.service->begin();
    Applicant company = legalPerson(QStringLiteral("常熟市老字号营造有限公司"),
                                    QStringLiteral("91320581MA1X00001C"), CreditGrade::B);
    REQUIRE(f.service->setApplicant(intake, company).ok());
    Agent agent;
    agent.idNumber = QStringLiteral("320581198001052010");
    agent.name = QStringLiteral("陈会计");
    intake.setAgent(agent);
    REQUIRE(intake.addItem(QStringLiteral("ZJJ-QT-001")).ok());
    intake.prefillForm();
    setForm(intake, {{QStringLiteral("project_name"), QStringLiteral("厂房设计")},
                     {QStringLiteral("project_address"), QStringLiteral("常熟高新区")}});
    receiveEverything(intake);
    return intake;
}

AcceptOptions withOverride()
{
    AcceptOptions o;
    o.creditCodeOverride =
        SupervisorOverride{SupervisorOverride::Kind::CreditCode, QStringLiteral("刘科长"),
                           QStringLiteral("存量代码，已核实")};
    return o;
}

// The fixture's service answering the request `requestId` (a batch element).
void answering(IntakeFixture& f, const QString& requestId)
{
    IntakeContext c = f.context(QStringLiteral("320581001"), Level::City);
    c.requestId = requestId;
    f.service =
        std::make_unique<IntakeService>(*f.store.db, *f.catalogue, WorkCalendar::builtIn(), c);
}

} // namespace

TEST_CASE("a fault between any two writes of an acceptance leaves nothing behind",
          "[intake][atomicity]")
{
    const QStringList steps{
        QStringLiteral("applicant"), QStringLiteral("agent"),  QStringLiteral("matter"),
        QStringLiteral("number"),    QStringLiteral("case"),   QStringLiteral("history"),
        QStringLiteral("record"),    QStringLiteral("visit"),  QStringLiteral("override"),
        QStringLiteral("reusable"),  QStringLiteral("outbox"), QStringLiteral("audit"),
        QStringLiteral("request")};
    IntakeFixture f;
    answering(f, QStringLiteral("batch-7"));
    const Intake intake = fullIntake(f);
    const QMap<QString, int> before = counts(f);

    QStringList seen;
    {
        // A dry run in a throwaway store shows which steps an acceptance passes.
        IntakeFixture probe;
        answering(probe, QStringLiteral("batch-7"));
        probe.service->setFaultHook([&](const QString& step) { seen << step; });
        const Intake probeIntake = fullIntake(probe);
        REQUIRE(probe.service->accept(probeIntake, withOverride()).ok());
    }
    CHECK(seen == steps);

    for (const QString& failAt : steps) {
        DYNAMIC_SECTION("fault after " << failAt.toStdString())
        {
            f.service->setFaultHook([&](const QString& step) {
                if (step == failAt)
                    throw InjectedFault(step.toStdString());
            });
            CHECK_THROWS_AS(f.service->accept(intake, withOverride()), InjectedFault);
            CHECK(counts(f) == before);

            // The store is usable and the number was not consumed.
            f.service->setFaultHook({});
            auto d = f.service->accept(intake, withOverride());
            if (!d)
                FAIL(d.error().fullText().toStdString());
            CHECK(d->caseNumber == QStringLiteral("320581001-20250314-0001"));
            CHECK(f.count(QStringLiteral("outbox"), QStringLiteral("entity = 'case'")) == 1);
            CHECK(f.count(QStringLiteral("supervisor_override")) == 1);
            CHECK(f.count(QStringLiteral("audit_log"), QStringLiteral("action = 'intake.accept'")) ==
                  1);
            CHECK(f.count(QStringLiteral("intake_request"),
                          QStringLiteral("request_id = 'batch-7'")) == 1);
        }
    }
}

TEST_CASE("a request decided already gets its decision back and writes nothing",
          "[intake][atomicity]")
{
    IntakeFixture f;
    answering(f, QStringLiteral("batch-7"));
    const Intake intake = fullIntake(f);
    auto first = f.service->accept(intake, withOverride());
    if (!first)
        FAIL(first.error().fullText().toStdString());
    CHECK_FALSE(first->alreadyDecided);
    const QMap<QString, int> after = counts(f);

    auto again = f.service->accept(intake, withOverride());
    if (!again)
        FAIL(again.error().fullText().toStdString());
    CHECK(again->alreadyDecided);
    CHECK(again->caseNumber == first->caseNumber);
    CHECK(again->caseId == first->caseId);
    CHECK(counts(f) == after);

    // Another request for the same intake is decided on its own.
    answering(f, QStringLiteral("batch-8"));
    auto other = f.service->accept(intake, withOverride());
    if (!other)
        FAIL(other.error().fullText().toStdString());
    CHECK_FALSE(other->alreadyDecided);
    CHECK(other->caseNumber != first->caseNumber);
    CHECK(f.count(QStringLiteral("intake_request")) == 2);
}

TEST_CASE("a fault while recording a correction or a refusal leaves nothing behind",
          "[intake][atomicity]")
{
    IntakeFixture f;
    Intake intake = f.service->begin();
    REQUIRE(f.service
                ->setApplicant(intake, naturalPerson(QStringLiteral("李明"),
                                                     QStringLiteral("320581197003144512")))
                .ok());
    REQUIRE(intake.addItem(QStringLiteral("GAJ-GG-002")).ok());
    REQUIRE(intake.checklist().markMissing(QStringLiteral("id-card")).ok());
    const QMap<QString, int> before = counts(f);

    f.service->setFaultHook([](const QString& step) {
        if (step == QLatin1String("outbox"))
            throw InjectedFault("outbox");
    });
    CHECK_THROWS_AS(f.service->requestCorrection(intake), InjectedFault);
    CHECK(counts(f) == before);
    RefusalOptions r{Channel::Counter,
                     QStringLiteral("不符合法定形式"),
                     QStringLiteral("行政许可法第三十二条"),
                     {}};
    CHECK_THROWS_AS(f.service->refuse(intake, r), InjectedFault);
    CHECK(counts(f) == before);

    f.service->setFaultHook({});
    auto corr = f.service->requestCorrection(intake);
    REQUIRE(corr.ok());
    CHECK(corr->noticeNumber == QStringLiteral("320581001-20250314-C0001"));
}

TEST_CASE("a failing write (a constraint) rolls the whole decision back", "[intake][atomicity]")
{
    IntakeFixture f;
    Intake intake = fullIntake(f);
    // The store refuses the case after the applicant, the agent, the matter
    // and the number were written.
    QSqlQuery trigger = f.store.db->query();
    REQUIRE(
        trigger.exec(QStringLiteral("CREATE TEMP TRIGGER refuse_case BEFORE INSERT ON "
                                    "intake_case BEGIN SELECT RAISE(ABORT, 'disk full'); END")));
    const QMap<QString, int> before = counts(f);
    auto d = f.service->accept(intake, withOverride());
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().kind == Error::Kind::Storage);
    CHECK(counts(f) == before);
    QSqlQuery drop = f.store.db->query();
    REQUIRE(drop.exec(QStringLiteral("DROP TRIGGER temp.refuse_case")));
    auto again = f.service->accept(intake, withOverride());
    REQUIRE(again.ok());
    CHECK(again->caseNumber == QStringLiteral("320581001-20250314-0001"));
}
