// The statistics on the fixed dataset of StatsDataset.h: every figure
// below is counted by hand from the table at the top of that file.
#include "stats/StatsService.h"

#include "StatsDataset.h"
#include "TestSupport.h"
#include "auth/Session.h"
#include "calendar/WorkCalendar.h"

using namespace ow;
using namespace ow::test;

namespace {

StatsTable tableOf(Database& db, const QDate& from, const QDate& to, StatsGrouping by)
{
    auto t = StatsService(db, WorkCalendar::builtIn()).table({from, to, by});
    if (!t)
        FAIL(t.error().fullText().toStdString());
    return *t;
}

const StatsRow& rowOf(const StatsTable& t, const QString& key)
{
    for (const StatsRow& r : t.rows)
        if (r.key == key)
            return r;
    FAIL("no row " << key.toStdString());
    return t.total;
}

double rate(const StatsCounts& c, StatsMetric m)
{
    const auto v = c.value(m);
    REQUIRE(v.has_value());
    return *v;
}

const QDate march1(2025, 3, 1);
const QDate march31(2025, 3, 31);

} // namespace

TEST_CASE("Statistics of March on the fixed dataset equal the figures counted by hand", "[stats]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const StatsTable t = tableOf(*s.db, march1, march31, StatsGrouping::None);
    CHECK(t.rows.isEmpty());
    const StatsCounts& c = t.total.counts;
    CHECK(c.accepted == 7);    // K1..K7 (K8 was accepted in February, K9, K10 not accepted)
    CHECK(c.completed == 5);   // K1, K2, K3, K4, K6 by the 31st; K5 open, K7 done in April
    CHECK(c.onTime == 4);      // K3 is late (13th > 11th); K4 within its paused 21st
    CHECK(c.immediate == 2);   // K2, K6
    CHECK(c.oneVisit == 6);    // all but K3
    CHECK(c.visits == 8);      // 1+1+2+1+1+1+1
    CHECK(c.corrections == 2); // K3's on the 3rd, K9's on the 12th
    CHECK(c.refusals == 1);    // K10
    CHECK(c.mailings == 1);    // K1
    CHECK(c.consultations == 3);
    CHECK(c.ratings == 4);
    CHECK(c.gradeSum == 14); // 5+4+2+3
    CHECK(c.satisfied == 3); // 5, 4, 3
    CHECK(rate(c, StatsMetric::CompletionRate) == Approx(5.0 / 7.0));
    CHECK(rate(c, StatsMetric::OnTimeRate) == Approx(0.8));
    CHECK(rate(c, StatsMetric::ImmediateShare) == Approx(2.0 / 7.0));
    CHECK(rate(c, StatsMetric::OneVisitShare) == Approx(6.0 / 7.0));
    CHECK(rate(c, StatsMetric::VisitsAverage) == Approx(8.0 / 7.0));
    CHECK(rate(c, StatsMetric::RatingAverage) == Approx(3.5));
    CHECK(rate(c, StatsMetric::SatisfiedShare) == Approx(0.75));
    CHECK(displayValue(StatsMetric::CompletionRate, c) == QStringLiteral("71.4%"));
    CHECK(displayValue(StatsMetric::OnTimeRate, c) == QStringLiteral("80.0%"));
    CHECK(displayValue(StatsMetric::VisitsAverage, c) == QStringLiteral("1.14"));
}

TEST_CASE("Statistics by clerk and by item", "[stats]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const StatsTable byClerk = tableOf(*s.db, march1, march31, StatsGrouping::Clerk);
    REQUIRE(byClerk.rows.size() == 2);
    const StatsCounts& zhou = rowOf(byClerk, QStringLiteral("周文")).counts;
    CHECK(zhou.accepted == 4); // K1, K2, K5, K6
    CHECK(zhou.completed == 3);
    CHECK(zhou.onTime == 3);
    CHECK(zhou.immediate == 2);
    CHECK(zhou.corrections == 1); // K9
    CHECK(zhou.refusals == 0);
    CHECK(zhou.mailings == 1);
    CHECK(zhou.consultations == 2);
    CHECK(zhou.ratings == 2);
    CHECK(rate(zhou, StatsMetric::RatingAverage) == Approx(4.5));
    const StatsCounts& zhang = rowOf(byClerk, QStringLiteral("张敏")).counts;
    CHECK(zhang.accepted == 3); // K3, K4, K7
    CHECK(zhang.completed == 2);
    CHECK(zhang.onTime == 1); // K4 only
    CHECK(zhang.oneVisit == 2);
    CHECK(zhang.visits == 4);
    CHECK(zhang.corrections == 1); // K3's
    CHECK(zhang.refusals == 1);
    CHECK(zhang.consultations == 1);
    CHECK(zhang.satisfied == 1);
    CHECK(rate(zhang, StatsMetric::OnTimeRate) == Approx(0.5));
    CHECK(byClerk.total.counts.accepted == 7);

    const StatsTable byItem = tableOf(*s.db, march1, march31, StatsGrouping::Item);
    REQUIRE(byItem.rows.size() == 4); // three items and "(none)" for a consultation without one
    const StatsRow& swj = rowOf(byItem, QStringLiteral("SWJ-T-01"));
    CHECK(swj.label == QStringLiteral("排水许可"));
    CHECK(swj.counts.accepted == 4); // K1, K3, K4, K7
    CHECK(swj.counts.completed == 3);
    CHECK(swj.counts.onTime == 2); // K1, K4
    CHECK(swj.counts.visits == 5);
    CHECK(swj.counts.consultations == 2);
    CHECK(swj.counts.corrections == 1);
    CHECK(swj.counts.refusals == 1);
    CHECK(swj.counts.mailings == 1);
    CHECK(swj.counts.ratings == 3);
    CHECK(swj.counts.gradeSum == 10);
    const StatsCounts& gt = rowOf(byItem, QStringLiteral("GT-T-03")).counts;
    CHECK(gt.accepted == 2); // K4, K5
    CHECK(gt.completed == 1);
    CHECK(gt.onTime == 1);
    CHECK(gt.corrections == 1);
    CHECK(gt.consultations == 1);
    const StatsCounts& jy = rowOf(byItem, QStringLiteral("JY-T-02")).counts;
    CHECK(jy.accepted == 2);
    CHECK(jy.immediate == 2);
    CHECK(jy.onTime == 2);
    CHECK(rowOf(byItem, QString()).counts.consultations == 1);
    // K4 has two items: under each of them, once in the total.
    CHECK(byItem.total.counts.accepted == 7);
    CHECK(byItem.total.counts.consultations == 3);

    const StatsTable byCategory = tableOf(*s.db, march1, march31, StatsGrouping::Category);
    CHECK(rowOf(byCategory, QStringLiteral("水务")).counts.accepted == 4);
    CHECK(rowOf(byCategory, QStringLiteral("民政")).counts.immediate == 2);
    CHECK(byCategory.total.counts.accepted == 7);
}

TEST_CASE("Statistics by day, week and month", "[stats]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const StatsTable byDay = tableOf(*s.db, march1, march31, StatsGrouping::Day);
    REQUIRE(byDay.rows.size() == 31); // every day, counted or not
    const StatsCounts& third = rowOf(byDay, QStringLiteral("2025-03-03")).counts;
    CHECK(third.accepted == 2);
    CHECK(third.completed == 2);
    CHECK(third.immediate == 1);
    CHECK(third.corrections == 1);
    CHECK(third.consultations == 1);
    CHECK(third.ratings == 1);
    const StatsCounts& fourth = rowOf(byDay, QStringLiteral("2025-03-04")).counts;
    CHECK(fourth.accepted == 1);
    CHECK(fourth.onTime == 0);
    CHECK(rowOf(byDay, QStringLiteral("2025-03-07")).counts.mailings == 1);
    CHECK(rowOf(byDay, QStringLiteral("2025-03-14")).counts.refusals == 1);
    CHECK(rowOf(byDay, QStringLiteral("2025-03-02")).counts.accepted == 0);
    CHECK_FALSE(
        rowOf(byDay, QStringLiteral("2025-03-02")).counts.value(StatsMetric::CompletionRate));

    const StatsTable byWeek = tableOf(*s.db, march1, march31, StatsGrouping::Week);
    // Weeks starting on Monday: Feb 24 (holds the 1st and 2nd), Mar 3, 10, 17, 24, 31.
    REQUIRE(byWeek.rows.size() == 6);
    CHECK(rowOf(byWeek, QStringLiteral("2025-03-03")).counts.accepted == 5); // K1..K5
    CHECK(rowOf(byWeek, QStringLiteral("2025-03-24")).counts.accepted == 1); // K7

    const StatsTable byMonth =
        tableOf(*s.db, QDate(2025, 2, 1), QDate(2025, 4, 30), StatsGrouping::Month);
    REQUIRE(byMonth.rows.size() == 3);
    const StatsCounts& feb = rowOf(byMonth, QStringLiteral("2025-02")).counts;
    CHECK(feb.accepted == 1); // K8
    CHECK(feb.completed == 1);
    CHECK(feb.onTime == 1);
    // Up to April 30 K7 is completed too (on the 2nd, before its 7th).
    const StatsCounts& mar = rowOf(byMonth, QStringLiteral("2025-03")).counts;
    CHECK(mar.accepted == 7);
    CHECK(mar.completed == 6);
    CHECK(mar.onTime == 5);
    const StatsCounts& apr = rowOf(byMonth, QStringLiteral("2025-04")).counts;
    CHECK(apr.accepted == 0);
    CHECK(apr.consultations == 1);
    CHECK_FALSE(apr.value(StatsMetric::CompletionRate));
    CHECK(byMonth.total.counts.accepted == 8);
    CHECK(byMonth.total.counts.completed == 7);
    CHECK(byMonth.total.counts.onTime == 6);
}

TEST_CASE("Statistics edge cases: a pause, a correction, immediate items", "[stats]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    // K4 alone (accepted on the 5th): completed on the 20th, after its
    // promised 19th, but the clock stood still 2 working days (11th, 12th),
    // so it was due on the 21st: on time.
    const StatsTable k4 = tableOf(*s.db, QDate(2025, 3, 5), QDate(2025, 3, 5), StatsGrouping::None);
    CHECK(k4.total.counts.accepted == 1);
    CHECK(k4.total.counts.onTime == 0); // not completed by the 5th
    const StatsTable k4done =
        tableOf(*s.db, QDate(2025, 3, 5), QDate(2025, 3, 20), StatsGrouping::Day);
    CHECK(rowOf(k4done, QStringLiteral("2025-03-05")).counts.completed == 1);
    CHECK(rowOf(k4done, QStringLiteral("2025-03-05")).counts.onTime == 1);

    // The same case with a longer pause ending after it was completed: the
    // pause counts only up to completion, the case stays on time.
    sql(*s.db, QStringLiteral("UPDATE case_clock_pause SET ended_on = '2025-03-25' "
                              "WHERE case_id = 'K4'"));
    CHECK(rowOf(tableOf(*s.db, QDate(2025, 3, 5), QDate(2025, 3, 20), StatsGrouping::Day),
                QStringLiteral("2025-03-05"))
              .counts.onTime == 1);
    // Without the pause it is a day late.
    sql(*s.db, QStringLiteral("DELETE FROM case_clock_pause WHERE case_id = 'K4'"));
    CHECK(rowOf(tableOf(*s.db, QDate(2025, 3, 5), QDate(2025, 3, 20), StatsGrouping::Day),
                QStringLiteral("2025-03-05"))
              .counts.onTime == 0);

    // K9, asked for a correction on the 12th and never accepted: a
    // correction, not a case accepted.
    const StatsTable k9 =
        tableOf(*s.db, QDate(2025, 3, 12), QDate(2025, 3, 12), StatsGrouping::None);
    CHECK(k9.total.counts.accepted == 0);
    CHECK(k9.total.counts.corrections == 1);
    CHECK_FALSE(k9.total.counts.value(StatsMetric::CompletionRate));

    // K6, an immediate item on the last day: completed at acceptance, on time.
    const StatsTable k6 = tableOf(*s.db, march31, march31, StatsGrouping::None);
    CHECK(k6.total.counts.accepted == 1);
    CHECK(k6.total.counts.immediate == 1);
    CHECK(k6.total.counts.completed == 1);
    CHECK(k6.total.counts.onTime == 1);
}

TEST_CASE("Statistics: a clerk is refused, a bad period is named", "[stats]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    User clerk;
    clerk.id = QStringLiteral("u1");
    clerk.login = QStringLiteral("zhangmin");
    clerk.displayName = QStringLiteral("张敏");
    clerk.role = Role::Clerk;
    const auto refused =
        StatsService(*s.db, WorkCalendar::builtIn(), Session::forUser(clerk, QDateTime()))
            .table({march1, march31, StatsGrouping::None});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().kind == Error::Kind::Forbidden);
    CHECK(refused.error().message.contains(describe(Permission::RunSampling)));

    User supervisor = clerk;
    supervisor.role = Role::Supervisor;
    CHECK(StatsService(*s.db, WorkCalendar::builtIn(), Session::forUser(supervisor, QDateTime()))
              .table({march1, march31, StatsGrouping::None})
              .ok());

    const auto backwards =
        StatsService(*s.db, WorkCalendar::builtIn()).table({march31, march1, StatsGrouping::Day});
    REQUIRE_FALSE(backwards.ok());
    CHECK(backwards.error().kind == Error::Kind::Invalid);
    REQUIRE(backwards.error().problems.size() == 1);
    CHECK(backwards.error().problems.at(0).field == QStringLiteral("to"));
}
