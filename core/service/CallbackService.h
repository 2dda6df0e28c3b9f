#pragma once

#include "auth/Session.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

class WorkCalendar;

// A call-back made by hand.
struct CallbackRequest
{
    QString caseNumber; // optional
    QString contactName;
    QString contactPhone;
    QString reason;
    QDate dueOn; // invalid: kCallbackWorkingDays working days from today
};

// Call-back tasks (回访): made by the rules (a proxy service completed, a
// bad rating, a returned mailing) or by hand; listed open, due first, with
// the overdue ones flagged; done once, with the result of the call. Each
// change is written with its audit entry in one Transaction. Tasks are
// named by their id or a unique prefix of it (8 characters or more).
class CallbackService
{
public:
    CallbackService(Database& db, Session session, Place place,
                    const Clock& clock = Clock::system());
    CallbackService(Database& db, Session session, Place place, const Clock& clock,
                    const WorkCalendar& calendar);

    Result<CallbackTask> add(const CallbackRequest& request);
    Result<CallbackTask> done(const QString& idOrPrefix, const QString& result);
    // The open tasks (or all, newest first) of the place's site (every site
    // when it has none).
    Result<QList<CallbackTask>> list(bool openOnly = true) const;
    // The open tasks due before today.
    Result<QList<CallbackTask>> overdue() const;
    Result<CallbackTask> find(const QString& idOrPrefix) const;

private:
    Place placeNow() const;

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
    const WorkCalendar& m_calendar;
};

} // namespace ow
