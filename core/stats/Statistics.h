#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

// How the rows of a statistics table are grouped.
enum class StatsGrouping { None, Day, Week, Month, Site, Window, Clerk, Item, Category };

QString toString(StatsGrouping by); // "none", "day", "week", "month", "site", ...
std::optional<StatsGrouping> statsGroupingFromString(const QString& s);
QString displayName(StatsGrouping by); // translated
bool isTimeGrouping(StatsGrouping by);

// One column of the table: a count or a rate, with its definition.
enum class StatsMetric {
    Consultations,
    Accepted,
    Completed,
    CompletionRate,
    OnTime,
    OnTimeRate,
    Immediate,
    ImmediateShare,
    OneVisit,
    OneVisitShare,
    VisitsAverage,
    Corrections,
    Refusals,
    Mailings,
    Ratings,
    RatingAverage,
    SatisfiedShare,
};

QList<StatsMetric> allStatsMetrics();
QString key(StatsMetric metric);        // "completion_rate": CSV header and JSON key
QString title(StatsMetric metric);      // translated column title: "办结率"
QString definition(StatsMetric metric); // translated: numerator, denominator, dates
// A rate or share (0..1) or an average, rather than a count.
bool isRatio(StatsMetric metric);

// What is counted in one group.
struct StatsCounts
{
    qint64 consultations = 0;
    qint64 accepted = 0;
    qint64 completed = 0; // of the cases accepted, completed by the end of the period
    qint64 onTime = 0;    // of those completed, on or before their due date
    qint64 immediate = 0; // of the cases accepted, immediate items (即办件)
    qint64 oneVisit = 0;  // of the cases accepted, accepted at the matter's first visit
    qint64 visits = 0;    // the visits of the cases accepted, summed
    qint64 corrections = 0;
    qint64 refusals = 0;
    qint64 mailings = 0;
    qint64 ratings = 0;
    qint64 gradeSum = 0;
    qint64 satisfied = 0; // ratings of 3 (基本满意) or better

    // Empty when nothing was counted below the line.
    std::optional<double> value(StatsMetric metric) const;
};

struct StatsRow
{
    QString key;   // "2025-03", "320581001 C02", "SWJ-XK-001", "周文"; "" for none
    QString label; // what a reader sees: the item's name, "(none)", the week's first day
    StatsCounts counts;
};

struct StatsRequest
{
    QDate from; // first day counted
    QDate to;   // last day counted
    StatsGrouping by = StatsGrouping::None;
};

struct StatsTable
{
    StatsRequest request;
    QList<StatsRow> rows; // in key order; every day, week or month of the period when by time
    StatsRow total;       // each case, notice or rating once
};

// A number as shown: counts whole, rates as percentages, averages with two
// decimals; "—" when it is not defined.
QString displayValue(StatsMetric metric, const StatsCounts& counts);

} // namespace ow
