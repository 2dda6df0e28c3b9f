// What the centre publishes besides the catalogue is what the counter works
// with once pulled: the holiday calendar moves promised dates, the credit
// register flags applicants at intake; no restart between.
#include "SyncTestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

// Accepts 工伤认定 (promised in working days) for applicant n through `service`.
Decision acceptPromisedWith(IntakeService& service, int n)
{
    Intake in = service.begin();
    REQUIRE(
        service.setApplicant(in, naturalPerson(QStringLiteral("申请人%1").arg(n), residentId(n)))
            .ok());
    REQUIRE(in.addItem(QStringLiteral("RSJ-JF-001")).ok());
    in.prefillForm();
    receiveEverything(in);
    auto d = service.accept(in);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    REQUIRE(d->status == CaseStatus::Accepted);
    return d.value();
}

Intake companyIntake(IntakeService& service, const QString& creditCode)
{
    Intake in = service.begin();
    REQUIRE(service
                .setApplicant(in, legalPerson(QStringLiteral("常熟市虞城设计咨询有限公司"),
                                              creditCode, CreditGrade::None))
                .ok());
    REQUIRE(in.addItem(QStringLiteral("ZJJ-QT-001")).ok());
    in.prefillForm();
    setForm(in, {{QStringLiteral("project_name"), QStringLiteral("高新区厂房设计")},
                 {QStringLiteral("project_address"), QStringLiteral("常熟高新区")}});
    receiveEverything(in);
    return in;
}

} // namespace

TEST_CASE("a calendar the centre published and the counter pulled moves the promised date")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("K")));
    counter.sync();
    const WorkCalendar calendar = WorkCalendar::published(*counter.intake.store.db);
    IntakeService service(*counter.intake.store.db, *counter.intake.catalogue, calendar,
                          counter.intake.context(counter.site.code, Level::City));

    const QDate today = intakeMorning().date();
    const Decision before = acceptPromisedWith(service, 1);
    REQUIRE(before.promisedDays > 0);
    CHECK(before.promisedDate ==
          WorkCalendar::builtIn().addWorkingDays(today, before.promisedDays).date);

    // 2025 as the centre publishes it: two weeks off right after the
    // acceptance day (a year published replaces the built-in year whole).
    const QString text = QStringLiteral("2025-01-01\toff\t元旦\n"
                                        "2025-03-17..2025-03-28\toff\t停电检修\t市政府通知\n");
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("calendar-2025.tsv"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();
    const auto published = CentralAdmin(central.admin()).publishCalendar(path);
    if (!published)
        FAIL(published.error().fullText().toStdString());
    waitUntilSettled(central.admin());
    counter.sync();

    auto expected = WorkCalendar::parse(text);
    REQUIRE(expected.ok());
    const QDate moved = expected->addWorkingDays(today, before.promisedDays).date;
    REQUIRE(moved != before.promisedDate);
    const Decision after = acceptPromisedWith(service, 2);
    CHECK(after.promisedDays == before.promisedDays);
    CHECK(after.promisedDate == moved);
    CHECK_FALSE(calendar.isWorkingDay(QDate(2025, 3, 18)));
    CHECK(calendar.entry(QDate(2025, 3, 18))->name == QStringLiteral("停电检修"));
    // Other years keep the built-in calendar.
    CHECK(calendar.entry(QDate(2024, 10, 1)).has_value());
}

TEST_CASE("a credit grade the centre published flags the company at intake once pulled")
{
    CentralFixture central;
    SyncCounter counter(central.addSite(QStringLiteral("G")));
    counter.sync();
    IntakeService& service = *counter.intake.service;
    const QString watched = QStringLiteral("91320581MA1X00002E");
    const QString blacklisted = QStringLiteral("91320581MA1X00001B");

    // Nothing published yet: no flag.
    CHECK(service.creditFlags(companyIntake(service, watched)).isEmpty());

    CentralAdmin admin(central.admin());
    REQUIRE(admin.setCreditGrade(watched, QStringLiteral("C"), QStringLiteral("抽查不合格")).ok());
    REQUIRE(admin.setCreditGrade(blacklisted, QStringLiteral("blacklist")).ok());
    waitUntilSettled(central.admin());
    counter.sync();

    const Intake c = companyIntake(service, watched);
    const QList<CreditFlag> cFlags = service.creditFlags(c);
    REQUIRE(cFlags.size() == 1);
    CHECK(cFlags[0].kind == CreditFlag::Kind::Watch);
    CHECK(cFlags[0].stopsAcceptance);
    const Intake b = companyIntake(service, blacklisted);
    const QList<CreditFlag> bFlags = service.creditFlags(b);
    REQUIRE(bFlags.size() == 1);
    CHECK(bFlags[0].kind == CreditFlag::Kind::Blacklist);
    auto stopped = service.accept(b);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().kind == Error::Kind::Forbidden);

    // Acknowledged, the case records the centre's grade.
    AcceptOptions ack;
    ack.creditWarningAcknowledged = true;
    auto accepted = service.accept(c, ack);
    if (!accepted)
        FAIL(accepted.error().fullText().toStdString());
    CHECK(counter.intake
              .scalar(QStringLiteral("SELECT credit_grade FROM intake_case WHERE id = '%1'")
                          .arg(accepted->caseId))
              .toString() == QStringLiteral("C"));
}
