#include "SyncTestSupport.h"

#include <catch2/catch.hpp>

namespace ow::test {

SyncCounter::SyncCounter(const NewSite& s)
    : site(s), intake(s.code), gateway(s.url),
      engine(*intake.store.db, gateway, s.code, intake.clock)
{
    engine.setBatchSize(50);
    engine.setPageSize(100);
}

QString residentId(int n)
{
    // 320581 19800101 sequence check
    const QString body = QStringLiteral("32058119800101") +
                         QStringLiteral("%1").arg(n % 1000, 3, 10, QLatin1Char('0'));
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (body.at(i).unicode() - '0') * weights[i];
    return body + QLatin1Char(checks[sum % 11]);
}

QString SyncCounter::acceptImmediate(int n)
{
    IntakeService& service = *intake.service;
    Intake in = service.begin();
    REQUIRE(
        service.setApplicant(in, naturalPerson(QStringLiteral("申请人%1").arg(n), residentId(n)))
            .ok());
    REQUIRE(in.addItem(QStringLiteral("RSJ-GG-004")).ok());
    in.prefillForm();
    receiveEverything(in);
    auto d = service.accept(in);
    if (!d)
        FAIL(d.error().fullText().toStdString());
    return d->caseId;
}

QString SyncCounter::acceptPromised(int n)
{
    IntakeService& service = *intake.service;
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
    return d->caseId;
}

SyncPassReport SyncCounter::sync()
{
    auto r = engine.runOnce();
    if (!r)
        FAIL("The sync pass failed: " + r.error().fullText().toStdString());
    return r.value();
}

int SyncCounter::outboxCount() const
{
    return intake.count(QStringLiteral("outbox"));
}

QStringList SyncCounter::localCaseNumbers() const
{
    QSqlQuery q = intake.store.db->query();
    REQUIRE(q.exec(QStringLiteral(
        "SELECT case_number FROM intake_case WHERE case_number IS NOT NULL ORDER BY case_number")));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QString SyncCounter::localStatus(const QString& caseId) const
{
    return intake
        .scalar(QStringLiteral("SELECT status FROM intake_case WHERE id = '%1'").arg(caseId))
        .toString();
}

QStringList centralCaseNumbers(CentralConnection& admin, const QString& siteCode)
{
    QSqlQuery q = admin.query();
    REQUIRE(q.exec(QStringLiteral("SELECT case_number FROM ow.cases WHERE site_code = '%1' AND "
                                  "case_number IS NOT NULL ORDER BY case_number")
                       .arg(siteCode)));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace ow::test
