#include "stats/Statistics.h"

#include <QCoreApplication>

// The grouping and the columns of the statistics, with the definition of
// each: the same words on the page, in the CLI's help and in
// docs/statistics.md.
namespace ow {

namespace {

// lupdate files tr() in free functions under the context "ow".
QString tr(const char* s)
{
    return QCoreApplication::translate("ow", s);
}

std::optional<double> ratio(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return std::nullopt;
    return double(part) / double(whole);
}

} // namespace

QString toString(StatsGrouping by)
{
    switch (by) {
    case StatsGrouping::None:
        return QStringLiteral("none");
    case StatsGrouping::Day:
        return QStringLiteral("day");
    case StatsGrouping::Week:
        return QStringLiteral("week");
    case StatsGrouping::Month:
        return QStringLiteral("month");
    case StatsGrouping::Site:
        return QStringLiteral("site");
    case StatsGrouping::Window:
        return QStringLiteral("window");
    case StatsGrouping::Clerk:
        return QStringLiteral("clerk");
    case StatsGrouping::Item:
        return QStringLiteral("item");
    case StatsGrouping::Category:
        return QStringLiteral("category");
    }
    return {};
}

std::optional<StatsGrouping> statsGroupingFromString(const QString& s)
{
    for (StatsGrouping by : {StatsGrouping::None, StatsGrouping::Day, StatsGrouping::Week,
                             StatsGrouping::Month, StatsGrouping::Site, StatsGrouping::Window,
                             StatsGrouping::Clerk, StatsGrouping::Item, StatsGrouping::Category})
        if (toString(by) == s)
            return by;
    return std::nullopt;
}

QString displayName(StatsGrouping by)
{
    switch (by) {
    case StatsGrouping::None:
        return tr("whole period");
    case StatsGrouping::Day:
        return tr("by day");
    case StatsGrouping::Week:
        return tr("by week");
    case StatsGrouping::Month:
        return tr("by month");
    case StatsGrouping::Site:
        return tr("by site");
    case StatsGrouping::Window:
        return tr("by window");
    case StatsGrouping::Clerk:
        return tr("by clerk");
    case StatsGrouping::Item:
        return tr("by item");
    case StatsGrouping::Category:
        return tr("by category");
    }
    return {};
}

bool isTimeGrouping(StatsGrouping by)
{
    return by == StatsGrouping::Day || by == StatsGrouping::Week || by == StatsGrouping::Month;
}

QList<StatsMetric> allStatsMetrics()
{
    return {StatsMetric::Consultations,  StatsMetric::Accepted,       StatsMetric::Completed,
            StatsMetric::CompletionRate, StatsMetric::OnTime,         StatsMetric::OnTimeRate,
            StatsMetric::Immediate,      StatsMetric::ImmediateShare, StatsMetric::OneVisit,
            StatsMetric::OneVisitShare,  StatsMetric::VisitsAverage,  StatsMetric::Corrections,
            StatsMetric::Refusals,       StatsMetric::Mailings,       StatsMetric::Ratings,
            StatsMetric::RatingAverage,  StatsMetric::SatisfiedShare};
}

QString key(StatsMetric metric)
{
    switch (metric) {
    case StatsMetric::Consultations:
        return QStringLiteral("consultations");
    case StatsMetric::Accepted:
        return QStringLiteral("accepted");
    case StatsMetric::Completed:
        return QStringLiteral("completed");
    case StatsMetric::CompletionRate:
        return QStringLiteral("completion_rate");
    case StatsMetric::OnTime:
        return QStringLiteral("on_time");
    case StatsMetric::OnTimeRate:
        return QStringLiteral("on_time_rate");
    case StatsMetric::Immediate:
        return QStringLiteral("immediate");
    case StatsMetric::ImmediateShare:
        return QStringLiteral("immediate_share");
    case StatsMetric::OneVisit:
        return QStringLiteral("one_visit");
    case StatsMetric::OneVisitShare:
        return QStringLiteral("one_visit_share");
    case StatsMetric::VisitsAverage:
        return QStringLiteral("visits_average");
    case StatsMetric::Corrections:
        return QStringLiteral("corrections");
    case StatsMetric::Refusals:
        return QStringLiteral("refusals");
    case StatsMetric::Mailings:
        return QStringLiteral("mailings");
    case StatsMetric::Ratings:
        return QStringLiteral("ratings");
    case StatsMetric::RatingAverage:
        return QStringLiteral("rating_average");
    case StatsMetric::SatisfiedShare:
        return QStringLiteral("satisfied_share");
    }
    return {};
}

QString title(StatsMetric metric)
{
    switch (metric) {
    case StatsMetric::Consultations:
        return tr("Consultations");
    case StatsMetric::Accepted:
        return tr("Accepted");
    case StatsMetric::Completed:
        return tr("Completed");
    case StatsMetric::CompletionRate:
        return tr("Completion rate");
    case StatsMetric::OnTime:
        return tr("Completed on time");
    case StatsMetric::OnTimeRate:
        return tr("On-time completion rate");
    case StatsMetric::Immediate:
        return tr("Immediate items");
    case StatsMetric::ImmediateShare:
        return tr("Share of immediate items");
    case StatsMetric::OneVisit:
        return tr("Done in one visit");
    case StatsMetric::OneVisitShare:
        return tr("Share done in one visit");
    case StatsMetric::VisitsAverage:
        return tr("Visits per matter");
    case StatsMetric::Corrections:
        return tr("Corrections requested");
    case StatsMetric::Refusals:
        return tr("Not accepted");
    case StatsMetric::Mailings:
        return tr("Mailings");
    case StatsMetric::Ratings:
        return tr("Ratings");
    case StatsMetric::RatingAverage:
        return tr("Average grade");
    case StatsMetric::SatisfiedShare:
        return tr("Share satisfied");
    }
    return {};
}

QString definition(StatsMetric metric)
{
    switch (metric) {
    case StatsMetric::Consultations:
        return tr("Consultations logged (counter or phone), counted on the day logged, at the "
                  "site, window and clerk who logged them.");
    case StatsMetric::Accepted:
        return tr("Cases accepted (受理), counted on the day of acceptance, at the site, window "
                  "and clerk who accepted them. A case accepted after a correction counts on "
                  "the day it was accepted.");
    case StatsMetric::Completed:
        return tr("Of the cases accepted, those completed (办结) on or before the last day of "
                  "the period asked for, counted on the day of acceptance (so the rows add up "
                  "to the total).");
    case StatsMetric::CompletionRate:
        return tr("Completion rate (办结率) = completed ÷ accepted: of the cases accepted, the "
                  "share completed by the last day of the period asked for.");
    case StatsMetric::OnTime:
        return tr("Of the cases completed, those completed on or before their due date: the "
                  "promised date moved on by the working days the legal clock was paused "
                  "(correction or special procedure), as on the case page.");
    case StatsMetric::OnTimeRate:
        return tr("On-time completion rate (按时办结率) = completed on time ÷ completed; the "
                  "target is 99% or more. Paused working days extend the due date; a case "
                  "completed after its due date is late.");
    case StatsMetric::Immediate:
        return tr("Of the cases accepted, immediate items (即办件): every item of the case is "
                  "done on the spot, without a promised time limit.");
    case StatsMetric::ImmediateShare:
        return tr("Share of immediate items = immediate items ÷ accepted.");
    case StatsMetric::OneVisit:
        return tr("Of the cases accepted, those accepted at the matter's first visit (no "
                  "correction asked before).");
    case StatsMetric::OneVisitShare:
        return tr("Share done in one visit = accepted at the first visit ÷ accepted.");
    case StatsMetric::VisitsAverage:
        return tr("Visits per matter = the visits the applicants made up to acceptance, summed "
                  "over the cases accepted ÷ accepted.");
    case StatsMetric::Corrections:
        return tr("One-time notices (补正) issued, counted on the day of the notice, at the "
                  "site, window and clerk who issued them.");
    case StatsMetric::Refusals:
        return tr("Non-acceptance notices (不予受理) issued, counted on the day of the notice.");
    case StatsMetric::Mailings:
        return tr("Results sent by EMS, counted on the day sent, at the site, window and clerk "
                  "who sent them.");
    case StatsMetric::Ratings:
        return tr("Satisfaction ratings (好差评) given, counted on the day given, with the clerk "
                  "rated.");
    case StatsMetric::RatingAverage:
        return tr("Average grade = the grades summed ÷ ratings (5 very satisfied … 1 very "
                  "dissatisfied).");
    case StatsMetric::SatisfiedShare:
        return tr("Share satisfied = ratings of 3 (basically satisfied) or better ÷ ratings.");
    }
    return {};
}

bool isRatio(StatsMetric metric)
{
    switch (metric) {
    case StatsMetric::CompletionRate:
    case StatsMetric::OnTimeRate:
    case StatsMetric::ImmediateShare:
    case StatsMetric::OneVisitShare:
    case StatsMetric::VisitsAverage:
    case StatsMetric::RatingAverage:
    case StatsMetric::SatisfiedShare:
        return true;
    default:
        return false;
    }
}

std::optional<double> StatsCounts::value(StatsMetric metric) const
{
    switch (metric) {
    case StatsMetric::Consultations:
        return double(consultations);
    case StatsMetric::Accepted:
        return double(accepted);
    case StatsMetric::Completed:
        return double(completed);
    case StatsMetric::CompletionRate:
        return ratio(completed, accepted);
    case StatsMetric::OnTime:
        return double(onTime);
    case StatsMetric::OnTimeRate:
        return ratio(onTime, completed);
    case StatsMetric::Immediate:
        return double(immediate);
    case StatsMetric::ImmediateShare:
        return ratio(immediate, accepted);
    case StatsMetric::OneVisit:
        return double(oneVisit);
    case StatsMetric::OneVisitShare:
        return ratio(oneVisit, accepted);
    case StatsMetric::VisitsAverage:
        return ratio(visits, accepted);
    case StatsMetric::Corrections:
        return double(corrections);
    case StatsMetric::Refusals:
        return double(refusals);
    case StatsMetric::Mailings:
        return double(mailings);
    case StatsMetric::Ratings:
        return double(ratings);
    case StatsMetric::RatingAverage:
        return ratio(gradeSum, ratings);
    case StatsMetric::SatisfiedShare:
        return ratio(satisfied, ratings);
    }
    return std::nullopt;
}

QString displayValue(StatsMetric metric, const StatsCounts& counts)
{
    const std::optional<double> v = counts.value(metric);
    if (!v)
        return QStringLiteral("—");
    if (!isRatio(metric))
        return QString::number(qint64(*v));
    if (metric == StatsMetric::VisitsAverage || metric == StatsMetric::RatingAverage)
        return QString::number(*v, 'f', 2);
    return QString::number(*v * 100.0, 'f', 1) + QLatin1Char('%');
}

} // namespace ow
