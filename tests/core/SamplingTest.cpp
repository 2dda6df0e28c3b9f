// Supervisor sampling (稽查): a draw is reproducible from its stored seed,
// each case goes open → rectifying → closed with who and when, every
// change is in the audit log, and a clerk is refused by the service.
#include "supervision/Sampling.h"

#include "StatsDataset.h"
#include "TestSupport.h"
#include "audit/AuditLog.h"

#include <QSet>
#include <QTimeZone>

using namespace ow;
using namespace ow::test;

namespace {

Session userSession(Role role, const QString& login)
{
    User u;
    u.id = QStringLiteral("u-") + login;
    u.login = login;
    u.displayName = login;
    u.role = role;
    return Session::forUser(u, QDateTime());
}

QStringList numbers(const SamplingDraw& d)
{
    QStringList out;
    for (const SampledCase& c : d.cases)
        out << c.caseNumber;
    return out;
}

int rows(Database& db, const QString& table)
{
    QSqlQuery q = db.query();
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM ") + table));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

const FixedClock kClock(QDateTime(QDate(2025, 4, 10), QTime(9, 0), QTimeZone(8 * 3600)));

} // namespace

TEST_CASE("Sampling: the same seed draws the same cases, and the seed is kept", "[sampling]")
{
    TempStore a;
    TempStore b;
    buildStatsDataset(*a.db);
    buildStatsDataset(*b.db);
    const QDate from(2025, 3, 1);
    const QDate to(2025, 3, 31);
    auto first = SamplingService(*a.db, Session::system(), kClock).draw(from, to, 3, 20250301);
    auto again = SamplingService(*b.db, Session::system(), kClock).draw(from, to, 3, 20250301);
    REQUIRE(first.ok());
    REQUIRE(again.ok());
    CHECK(first->population == 7); // K1..K7 were accepted in March
    REQUIRE(first->cases.size() == 3);
    CHECK(numbers(*first) == numbers(*again));
    const QStringList picked = numbers(*first);
    CHECK(QSet<QString>(picked.begin(), picked.end()).size() == 3);
    for (const QString& n : picked)
        CHECK(n.startsWith(QStringLiteral("320581001-202503")));

    // Drawn again from the seed stored with the draw: the same cases.
    auto stored = SamplingService(*a.db).find(first->id);
    REQUIRE(stored.ok());
    CHECK(stored->seed == 20250301);
    CHECK(numbers(*stored) == numbers(*first));
    auto redrawn = SamplingService(*a.db, Session::system(), kClock)
                       .draw(stored->from, stored->to, stored->requested, stored->seed);
    REQUIRE(redrawn.ok());
    CHECK(numbers(*redrawn) == numbers(*first));

    // The shuffle is the same everywhere: a few seeds give distinct picks in range.
    QSet<QList<int>> picks;
    for (qint64 seed : {1, 2, 3, 4, 5}) {
        const QList<int> p = SamplingService::choose(seed, 7, 3);
        CHECK(p == SamplingService::choose(seed, 7, 3));
        REQUIRE(p.size() == 3);
        for (int i : p)
            CHECK((i >= 0 && i < 7));
        picks.insert(p);
    }
    CHECK(picks.size() > 1);

    // More asked than there are: all of them.
    auto all = SamplingService(*a.db, Session::system(), kClock).draw(from, to, 50, 7);
    REQUIRE(all.ok());
    CHECK(all->cases.size() == 7);
    CHECK(all->requested == 50);
}

TEST_CASE("Sampling: a finding, its rectification and closure, each with who and when",
          "[sampling]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const Session supervisor = userSession(Role::Supervisor, QStringLiteral("liukz"));
    SamplingService service(*s.db, supervisor, kClock);
    auto d = service.draw(QDate(2025, 3, 1), QDate(2025, 3, 31), 2, 99);
    REQUIRE(d.ok());
    const QString number = d->cases.at(0).caseNumber;
    CHECK(d->cases.at(0).state == SampleState::Open);
    CHECK(d->drawnBy == QStringLiteral("liukz"));

    auto missing = service.recordFinding(number, QStringLiteral("回执未签字"), QString());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == Error::Kind::Invalid);
    REQUIRE(missing.error().problems.size() == 1);
    CHECK(missing.error().problems.at(0).field == QStringLiteral("rectification"));

    auto found = service.recordFinding(number, QStringLiteral("回执未签字"),
                                       QStringLiteral("补签回执并存档"));
    REQUIRE(found.ok());
    CHECK(found->state == SampleState::Rectifying);
    CHECK(found->findingBy == QStringLiteral("liukz"));
    CHECK(found->findingAt == kClock.now());
    // A second finding on the same case is refused: it is being rectified.
    auto twice = service.recordFinding(number, QStringLiteral("x"), QStringLiteral("y"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == Error::Kind::Conflict);

    auto closed = service.close(number, QStringLiteral("已补签，复核无误"));
    REQUIRE(closed.ok());
    CHECK(closed->state == SampleState::Closed);
    CHECK(closed->closedBy == QStringLiteral("liukz"));
    CHECK(closed->finding == QStringLiteral("回执未签字"));
    CHECK_FALSE(service.close(number, QStringLiteral("again")).ok());
    // The other case had nothing to find: closed straight from open.
    REQUIRE(service.close(d->cases.at(1).caseNumber, QStringLiteral("无问题")).ok());

    auto listed = service.find(d->id.left(12));
    REQUIRE(listed.ok());
    CHECK(listed->cases.at(0).rectification == QStringLiteral("补签回执并存档"));
    CHECK(listed->cases.at(0).closingNote == QStringLiteral("已补签，复核无误"));
    CHECK(rows(*s.db, QStringLiteral("sampling_event")) == 5); // 2 drawn, 1 finding, 2 closed

    auto audit = AuditLog(*s.db).list();
    REQUIRE(audit.ok());
    QStringList actions;
    for (const AuditRecord& r : *audit)
        actions << r.action;
    CHECK(actions ==
          QStringList{QStringLiteral("sampling.draw"), QStringLiteral("sampling.finding"),
                      QStringLiteral("sampling.close"), QStringLiteral("sampling.close")});
    CHECK(audit->at(1).subject == number);
    CHECK(audit->at(1).afterJson.contains(QStringLiteral("补签回执并存档")));
    CHECK(AuditLog(*s.db).verify()->ok());
}

TEST_CASE("Sampling: a clerk is refused by the service and nothing is written", "[sampling]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    SamplingService asClerk(*s.db, userSession(Role::Clerk, QStringLiteral("zhangmin")), kClock);
    auto refused = asClerk.draw(QDate(2025, 3, 1), QDate(2025, 3, 31), 2, 1);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    CHECK(refused.error().message.contains(describe(Permission::RunSampling)));
    CHECK_FALSE(asClerk.draws().ok());
    CHECK(rows(*s.db, QStringLiteral("sampling_draw")) == 0);
    CHECK(rows(*s.db, QStringLiteral("audit_log")) == 0);

    auto d = SamplingService(*s.db, Session::system(), kClock)
                 .draw(QDate(2025, 3, 1), QDate(2025, 3, 31), 1, 1);
    REQUIRE(d.ok());
    auto finding =
        asClerk.recordFinding(d->cases.at(0).caseNumber, QStringLiteral("a"), QStringLiteral("b"));
    REQUIRE_FALSE(finding.ok());
    CHECK(finding.error().kind == Error::Kind::Forbidden);

    // No case in the period: said so, nothing drawn.
    auto empty = SamplingService(*s.db, Session::system(), kClock)
                     .draw(QDate(2024, 1, 1), QDate(2024, 1, 31), 3, 1);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message.contains(QStringLiteral("2024-01-01")));
}
