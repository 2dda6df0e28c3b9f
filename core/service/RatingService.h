#pragma once

#include "auth/Session.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

class WorkCalendar;

// Satisfaction ratings (好差评): one grade per visit, 5 非常满意 .. 1 非常不满意.
// A grade of 2 (不满意) or below needs its reason and makes a call-back task
// "rating" in the same Transaction as the rating and their audit entries.
class RatingService
{
public:
    RatingService(Database& db, Session session, Place place, const Clock& clock = Clock::system());
    RatingService(Database& db, Session session, Place place, const Clock& clock,
                  const WorkCalendar& calendar);

    // `caseNumber` may be empty: a visit without a case (a consultation).
    Result<Rating> rate(const QString& caseNumber, int grade, const QString& reason = {});
    Result<QList<Rating>> ofCase(const QString& caseNumber) const;
    Result<QList<Rating>> onDay(const QDate& day) const;

private:
    Place placeNow() const;

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
    const WorkCalendar& m_calendar;
};

} // namespace ow
