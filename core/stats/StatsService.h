#pragma once

#include "auth/Session.h"
#include "stats/Statistics.h"
#include "store/Database.h"

namespace ow {

class WorkCalendar;

// The statistics of this store (DOMAIN.md scenario 10): reads only, the
// only SQL behind the statistics page and `onewindow-admin stats`. Each
// column is defined by definition(StatsMetric); the on-time count uses the
// legal clock of the case page (clockOf), pauses included, on `calendar`.
// Only a supervisor or above may read them: the permission of the
// supervisor's oversight, Permission::RunSampling (statistics and sampling).
class StatsService
{
public:
    StatsService(Database& db, const WorkCalendar& calendar, Session session = Session::system());

    Result<StatsTable> table(const StatsRequest& request) const;

private:
    Database& m_db;
    const WorkCalendar& m_calendar;
    Session m_session;
};

} // namespace ow
