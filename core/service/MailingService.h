#pragma once

#include "auth/Session.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

class WorkCalendar;

// The EMS mailing ledger (一单速达 台账). A completed EMS case is mailed:
// its waybill recorded (validateMailingWaybill) makes the mailing (state
// sent) and moves the case to "mailed" through the case life (history,
// outbox entry for the centre, audit entry, one Transaction). Then the
// mailing is delivered (the case moves to "delivered") or returned (with
// its reason: a call-back task "mailing" is made in the same transaction),
// each on a date; follow-up calls (回访) are logged on it. Cases are named
// by their case number.
class MailingService
{
public:
    MailingService(Database& db, Session session, Place place,
                   const Clock& clock = Clock::system());
    MailingService(Database& db, Session session, Place place, const Clock& clock,
                   const WorkCalendar& calendar);

    Result<MailingRecord> record(const QString& caseNumber, const QString& waybill);
    // `on` invalid: today.
    Result<MailingRecord> delivered(const QString& caseNumber, const QDate& on = {});
    Result<MailingRecord> returned(const QString& caseNumber, const QString& reason,
                                   const QDate& on = {});
    Result<MailingRecord> followup(const QString& caseNumber, bool reached, const QString& note);

    Result<MailingRecord> ofCase(const QString& caseNumber) const;
    Result<QList<MailingRecord>> list(const MailingFilter& filter) const;
    // The completed EMS cases whose waybill is still to be recorded, oldest first.
    Result<QStringList> awaitingWaybill() const;

private:
    Result<QDate> checkedDay(const QDate& on, const MailingRecord& m, const QString& field) const;
    Place placeNow() const;

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
    const WorkCalendar& m_calendar;
};

} // namespace ow
