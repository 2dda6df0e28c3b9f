#include "service/MailingService.h"

#include "audit/AuditLog.h"
#include "auth/SessionPlace.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseLife.h"
#include "cases/CaseRepository.h"
#include "documents/PrintJournal.h"
#include "service/CallbackRules.h"
#include "service/MailingRepository.h"
#include "service/ServiceJson.h"
#include "service/WaybillNumber.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ow {

namespace {

// The mailing of `caseId` as it stands now, queued for the centre.
Status queueMailing(Database& db, const QString& caseId, const QDateTime& at)
{
    auto m = MailingRepository(db).ofCase(caseId);
    if (!m)
        return m.error();
    if (!m->has_value())
        return {};
    return queueForCentre(db, **m, at);
}

} // namespace

namespace {

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

} // namespace

MailingService::MailingService(Database& db, Session session, Place place, const Clock& clock)
    : MailingService(db, std::move(session), std::move(place), clock, WorkCalendar::builtIn())
{
}

MailingService::MailingService(Database& db, Session session, Place place, const Clock& clock,
                               const WorkCalendar& calendar)
    : m_db(db), m_session(std::move(session)), m_place(std::move(place)), m_clock(clock),
      m_calendar(calendar)
{
}

Place MailingService::placeNow() const
{
    return placeOf(m_session, m_place);
}

Result<MailingRecord> MailingService::record(const QString& caseNumber, const QString& input)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    auto waybill = validateMailingWaybill(input, QStringLiteral("waybill"));
    if (!waybill)
        return waybill.error();
    const QString number = *waybill;
    auto check = [&](const CaseRecord& c, const Place&) -> Status {
        if (c.delivery.method != Delivery::Ems)
            return Error::conflict(
                QCoreApplication::translate("ow::MailingService",
                                            "Case %1 is delivered by %2, not mailed by EMS.")
                    .arg(c.caseNumber, deliveryName(c.delivery.method)));
        auto used = MailingRepository(m_db).caseOfWaybill(number);
        if (!used)
            return used.error();
        if (used->has_value())
            return invalidField(
                QStringLiteral("waybill"),
                QCoreApplication::translate("ow::MailingService",
                                            "The waybill %1 was already recorded for case %2.")
                    .arg(number, **used));
        auto slip = PrintJournal(m_db).latestOfCase(c.caseNumber, DocumentKind::MailingSlip);
        if (!slip)
            return slip.error();
        if (slip->has_value() && !(*slip)->reference.isEmpty() && (*slip)->reference != number)
            return invalidField(QStringLiteral("waybill"),
                                QCoreApplication::translate(
                                    "ow::MailingService",
                                    "The EMS slip of case %1 was printed with the waybill %2, "
                                    "not %3: record the number on the slip, or print the slip "
                                    "again with the new number.")
                                    .arg(c.caseNumber, (*slip)->reference, number));
        return {};
    };
    auto detail = [&](const CaseRecord& c, const Place& place) -> Status {
        MailingRecord m;
        m.caseId = c.id;
        m.waybill = number;
        m.recipient = c.delivery.recipient;
        m.phone = c.delivery.phone;
        m.address = c.delivery.address;
        m.postcode = c.delivery.postcode;
        m.sentOn = m_clock.today();
        m.place = place;
        m.createdAt = m_clock.now();
        if (Status s = MailingRepository(m_db).insert(m); !s)
            return s;
        return queueMailing(m_db, c.id, m.createdAt);
    };
    CaseLifeService life(m_db, m_session, placeNow(), m_clock);
    auto moved = life.move(
        caseNumber, CaseStatus::Mailed, QStringLiteral("mailing.record"),
        QCoreApplication::translate("ow::MailingService", "waybill %1").arg(number), check, detail);
    if (!moved)
        return moved.error();
    return ofCase(moved->caseNumber);
}

Result<QDate> MailingService::checkedDay(const QDate& on, const MailingRecord& m,
                                         const QString& field) const
{
    const QDate d = on.isValid() ? on : m_clock.today();
    if (d > m_clock.today())
        return invalidField(field, QCoreApplication::translate("ow::MailingService",
                                                               "The date %1 is in the future.")
                                       .arg(d.toString(Qt::ISODate)));
    if (d < m.sentOn)
        return invalidField(
            field, QCoreApplication::translate("ow::MailingService",
                                               "The date %1 is before the mailing was sent (%2).")
                       .arg(d.toString(Qt::ISODate), m.sentOn.toString(Qt::ISODate)));
    return d;
}

Result<MailingRecord> MailingService::delivered(const QString& caseNumber, const QDate& on)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    auto current = ofCase(caseNumber);
    if (!current)
        return current.error();
    if (current->state != u"sent")
        return Error::conflict(QCoreApplication::translate(
                                   "ow::MailingService",
                                   "The mailing of case %1 is %2: only a mailing on its way can be "
                                   "delivered.")
                                   .arg(current->caseNumber, mailingStateName(current->state)));
    auto d = checkedDay(on, *current, QStringLiteral("deliveredOn"));
    if (!d)
        return d.error();
    const QDate day = *d;
    CaseLifeService life(m_db, m_session, placeNow(), m_clock);
    auto moved = life.move(
        caseNumber, CaseStatus::Delivered, QStringLiteral("mailing.delivered"),
        QCoreApplication::translate("ow::MailingService", "delivered by EMS on %1 (waybill %2)")
            .arg(day.toString(Qt::ISODate), current->waybill),
        {}, [&](const CaseRecord& c, const Place&) {
            if (Status s = MailingRepository(m_db).setDelivered(c.id, day); !s)
                return s;
            return queueMailing(m_db, c.id, m_clock.now());
        });
    if (!moved)
        return moved.error();
    return ofCase(caseNumber);
}

Result<MailingRecord> MailingService::returned(const QString& caseNumber, const QString& reason,
                                               const QDate& on)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return invalidField(
            QStringLiteral("reason"),
            QCoreApplication::translate("ow::MailingService",
                                        "Give the reason the mailing of case %1 came back.")
                .arg(caseNumber));
    const Place place = placeNow();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto current = ofCase(caseNumber);
    if (!current)
        return current.error();
    if (current->state != u"sent")
        return Error::conflict(QCoreApplication::translate(
                                   "ow::MailingService",
                                   "The mailing of case %1 is %2: only a mailing on its way can "
                                   "come back.")
                                   .arg(current->caseNumber, mailingStateName(current->state)));
    auto d = checkedDay(on, *current, QStringLiteral("returnedOn"));
    if (!d)
        return d.error();
    MailingRepository repo(m_db);
    if (Status s = repo.setReturned(current->caseId, *d, why); !s)
        return s.error();
    CallbackTask t;
    t.kind = QStringLiteral("mailing");
    t.caseId = current->caseId;
    t.caseNumber = current->caseNumber;
    t.siteCode = current->place.siteCode;
    t.contactName = current->recipient;
    t.contactPhone = current->phone;
    t.reason = QCoreApplication::translate(
                   "ow::MailingService",
                   "The mailing %1 came back: %2. Call the recipient and agree how the result "
                   "reaches them.")
                   .arg(current->waybill, why);
    if (auto added = addCallback(m_db, m_session, t, m_clock, m_calendar, place.window); !added)
        return added.error();
    if (Status s = queueMailing(m_db, current->caseId, m_clock.now()); !s)
        return s.error();
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session,
                             {QStringLiteral("mailing.returned"), current->caseNumber,
                              QJsonObject{{QStringLiteral("state"), current->state}},
                              QJsonObject{{QStringLiteral("state"), QStringLiteral("returned")},
                                          {QStringLiteral("returned_on"), d->toString(Qt::ISODate)},
                                          {QStringLiteral("reason"), why}},
                              current->place.siteCode, place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return ofCase(caseNumber);
}

Result<MailingRecord> MailingService::followup(const QString& caseNumber, bool reached,
                                               const QString& note)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString text = note.trimmed();
    if (text.isEmpty())
        return invalidField(QStringLiteral("note"),
                            QCoreApplication::translate(
                                "ow::MailingService",
                                "Note what the follow-up call of case %1 found (or why no one "
                                "answered).")
                                .arg(caseNumber));
    const Place place = placeNow();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto current = ofCase(caseNumber);
    if (!current)
        return current.error();
    MailingFollowup f;
    f.at = m_clock.now();
    f.clerk = place.clerk;
    f.reached = reached;
    f.note = text;
    if (Status s = MailingRepository(m_db).addFollowup(current->caseId, f); !s)
        return s.error();
    if (Status s = queueMailing(m_db, current->caseId, f.at); !s)
        return s.error();
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {QStringLiteral("mailing.followup"), current->caseNumber,
                                         QJsonValue::Null,
                                         QJsonObject{{QStringLiteral("reached"), reached},
                                                     {QStringLiteral("note"), text}},
                                         current->place.siteCode, place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return ofCase(caseNumber);
}

Result<MailingRecord> MailingService::ofCase(const QString& caseNumber) const
{
    const QString number = caseNumber.trimmed();
    auto c = CaseRepository(m_db).findByNumber(number);
    if (!c)
        return c.error();
    if (!c->has_value() || (*c)->caseNumber != number)
        return Error::notFound(QCoreApplication::translate("ow::MailingService",
                                                           "There is no case with the number %1.")
                                   .arg(caseNumber));
    auto m = MailingRepository(m_db).ofCase((*c)->id);
    if (!m)
        return m.error();
    if (!m->has_value())
        return Error::notFound(
            QCoreApplication::translate("ow::MailingService",
                                        "Case %1 has not been mailed: record its waybill first.")
                .arg(number));
    return **m;
}

Result<QList<MailingRecord>> MailingService::list(const MailingFilter& filter) const
{
    if (!filter.state.isEmpty() && filter.state != u"sent" && filter.state != u"delivered" &&
        filter.state != u"returned")
        return invalidField(
            QStringLiteral("state"),
            QCoreApplication::translate("ow::MailingService",
                                        "A mailing is sent, delivered or returned, not %1.")
                .arg(filter.state));
    if (filter.from.isValid() && filter.to.isValid() && filter.to < filter.from)
        return invalidField(
            QStringLiteral("to"),
            QCoreApplication::translate("ow::MailingService",
                                        "The period ends (%1) before it starts (%2).")
                .arg(filter.to.toString(Qt::ISODate), filter.from.toString(Qt::ISODate)));
    return MailingRepository(m_db).list(filter);
}

Result<QStringList> MailingService::awaitingWaybill() const
{
    return MailingRepository(m_db).awaitingWaybill(placeNow().siteCode);
}

} // namespace ow
