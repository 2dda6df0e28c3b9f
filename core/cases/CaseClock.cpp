#include "calendar/WorkCalendar.h"
#include "cases/CaseLife.h"

#include <QCoreApplication>

// The legal clock of a case on working days (CaseClock, clockOf): the
// promised date moved on by the paused working days, and its colour.
namespace ow {

// The clock stops for good once the case is concluded.
static bool clockOver(CaseStatus s)
{
    switch (s) {
    case CaseStatus::Completed:
    case CaseStatus::AwaitingPickup:
    case CaseStatus::Mailed:
    case CaseStatus::Delivered:
    case CaseStatus::Withdrawn:
    case CaseStatus::NotAccepted:
        return true;
    default:
        return false;
    }
}

bool clockRuns(CaseStatus s)
{
    return s == CaseStatus::Accepted || s == CaseStatus::FirstReview ||
           s == CaseStatus::Forwarded || s == CaseStatus::Approved || s == CaseStatus::Refused;
}

QString toString(ClockState state)
{
    switch (state) {
    case ClockState::Ok:
        return QStringLiteral("ok");
    case ClockState::Yellow:
        return QStringLiteral("yellow");
    case ClockState::Red:
        return QStringLiteral("red");
    case ClockState::Paused:
        return QStringLiteral("paused");
    }
    return {};
}

QString displayName(ClockState state)
{
    switch (state) {
    case ClockState::Ok:
        return QCoreApplication::translate("ow::CaseLifeService", "on time");
    case ClockState::Yellow:
        return QCoreApplication::translate("ow::CaseLifeService", "due soon");
    case ClockState::Red:
        return QCoreApplication::translate("ow::CaseLifeService", "overdue");
    case ClockState::Paused:
        return QCoreApplication::translate("ow::CaseLifeService", "paused");
    }
    return {};
}

CaseClock clockOf(const CaseRecord& c, const QList<ClockPause>& pauses, const QDate& today,
                  const WorkCalendar& calendar, int yellowDays)
{
    CaseClock clock;
    clock.promisedDate = c.promisedDate;
    clock.provisional = c.promisedProvisional;
    if (!c.promisedDate.isValid()) {
        clock.running = false;
        return clock;
    }
    // The day the clock stopped for good, or today.
    QDate stop = today;
    if (clockOver(c.status)) {
        clock.running = false;
        for (const StatusChange& h : c.history) {
            const auto to = caseStatusFromString(h.to);
            if (to && clockOver(*to)) {
                stop = h.at.date();
                break;
            }
        }
    } else if (!clockRuns(c.status)) {
        clock.running = false;
    }
    bool pausedNow = false;
    for (const ClockPause& p : pauses) {
        QDate end = p.running() ? stop : p.endedOn;
        if (end > stop)
            end = stop;
        if (p.running() && clock.running)
            pausedNow = true;
        clock.pausedWorkingDays += qMax(0, calendar.workingDaysBetween(p.startedOn, end));
    }
    clock.dueDate = c.promisedDate;
    if (clock.pausedWorkingDays > 0) {
        const DueDate due = calendar.addWorkingDays(c.promisedDate, clock.pausedWorkingDays);
        clock.dueDate = due.date;
        clock.provisional = clock.provisional || due.provisional;
    }
    clock.workingDaysLeft = calendar.workingDaysBetween(stop, clock.dueDate);
    if (!clock.running)
        clock.state = ClockState::Ok;
    else if (pausedNow)
        clock.state = ClockState::Paused;
    else if (stop > clock.dueDate)
        clock.state = ClockState::Red;
    else if (clock.workingDaysLeft <= yellowDays)
        clock.state = ClockState::Yellow;
    else
        clock.state = ClockState::Ok;
    return clock;
}

} // namespace ow
