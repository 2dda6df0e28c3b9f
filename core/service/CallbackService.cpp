#include "service/CallbackService.h"

#include "applicants/Validators.h"
#include "audit/AuditLog.h"
#include "auth/SessionPlace.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseRepository.h"
#include "service/CallbackRepository.h"
#include "service/CallbackRules.h"
#include "service/ServiceJson.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ow {

namespace {

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

} // namespace

CallbackService::CallbackService(Database& db, Session session, Place place, const Clock& clock)
    : CallbackService(db, std::move(session), std::move(place), clock, WorkCalendar::builtIn())
{
}

CallbackService::CallbackService(Database& db, Session session, Place place, const Clock& clock,
                                 const WorkCalendar& calendar)
    : m_db(db), m_session(std::move(session)), m_place(std::move(place)), m_clock(clock),
      m_calendar(calendar)
{
}

Place CallbackService::placeNow() const
{
    return placeOf(m_session, m_place);
}

Result<CallbackTask> CallbackService::add(const CallbackRequest& r)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    CallbackTask t;
    t.kind = QStringLiteral("other");
    t.reason = r.reason.trimmed();
    if (t.reason.isEmpty())
        return invalidField(
            QStringLiteral("reason"),
            QCoreApplication::translate(
                "ow::CallbackService", "Say why the call-back is needed (the reason is missing)."));
    if (r.dueOn.isValid() && r.dueOn < m_clock.today())
        return invalidField(
            QStringLiteral("dueOn"),
            QCoreApplication::translate("ow::CallbackService", "The due date %1 is in the past.")
                .arg(r.dueOn.toString(Qt::ISODate)));
    t.dueOn = r.dueOn;
    t.contactName = r.contactName.trimmed();
    if (!r.contactPhone.trimmed().isEmpty()) {
        auto phone = validatePhone(r.contactPhone, QStringLiteral("contactPhone"));
        if (!phone)
            return phone.error();
        t.contactPhone = phone->number;
    }
    const Place place = placeNow();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (!r.caseNumber.trimmed().isEmpty()) {
        auto c = CaseRepository(m_db).findByNumber(r.caseNumber.trimmed());
        if (!c)
            return c.error();
        if (!c->has_value() || (*c)->caseNumber != r.caseNumber.trimmed())
            return invalidField(QStringLiteral("caseNumber"),
                                QCoreApplication::translate("ow::CallbackService",
                                                            "There is no case with the number %1.")
                                    .arg(r.caseNumber));
        t.caseId = (*c)->id;
        t.caseNumber = (*c)->caseNumber;
        if (place.siteCode.isEmpty())
            t.siteCode = (*c)->place.siteCode;
    }
    if (t.siteCode.isEmpty())
        t.siteCode = place.siteCode;
    if (t.siteCode.isEmpty())
        return invalidField(
            QStringLiteral("site"),
            QCoreApplication::translate("ow::CallbackService",
                                        "Name the site the call-back belongs to (--site)."));
    auto added = addCallback(m_db, m_session, t, m_clock, m_calendar, place.window);
    if (!added)
        return added.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return *added;
}

Result<CallbackTask> CallbackService::find(const QString& idOrPrefix) const
{
    const QString key = idOrPrefix.trimmed().toLower();
    if (key.size() < 8)
        return invalidField(QStringLiteral("id"),
                            QCoreApplication::translate(
                                "ow::CallbackService",
                                "Name the call-back by its id or the first 8 characters of it "
                                "or more; %1 is too short.")
                                .arg(idOrPrefix));
    CallbackRepository repo(m_db);
    auto ids = repo.idsStartingWith(key);
    if (!ids)
        return ids.error();
    if (ids->isEmpty())
        return Error::notFound(
            QCoreApplication::translate("ow::CallbackService", "There is no call-back %1.")
                .arg(idOrPrefix));
    if (ids->size() > 1)
        return invalidField(
            QStringLiteral("id"),
            QCoreApplication::translate("ow::CallbackService",
                                        "%1 names %2 call-backs: give more of the id.")
                .arg(idOrPrefix)
                .arg(ids->size()));
    auto found = repo.find(ids->first());
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(
            QCoreApplication::translate("ow::CallbackService", "There is no call-back %1.")
                .arg(idOrPrefix));
    return **found;
}

Result<CallbackTask> CallbackService::done(const QString& idOrPrefix, const QString& result)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString text = result.trimmed();
    if (text.isEmpty())
        return invalidField(
            QStringLiteral("result"),
            QCoreApplication::translate("ow::CallbackService",
                                        "Record the result of the call-back (what was said, or why "
                                        "no one could be reached)."));
    const Place place = placeNow();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto task = find(idOrPrefix);
    if (!task)
        return task.error();
    if (!task->open())
        return Error::conflict(
            QCoreApplication::translate("ow::CallbackService",
                                        "The call-back %1 was already done on %2 by %3.")
                .arg(task->id.left(8), task->doneAt.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     task->doneBy));
    const QDateTime now = m_clock.now();
    auto marked = CallbackRepository(m_db).markDone(task->id, now, place.clerk, text);
    if (!marked)
        return marked.error();
    auto updated = find(task->id);
    if (!updated)
        return updated.error();
    if (Status s = queueForCentre(m_db, *updated, now); !s)
        return s.error();
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session, {QStringLiteral("callback.done"),
                                         task->caseNumber.isEmpty() ? task->id : task->caseNumber,
                                         QJsonObject{{QStringLiteral("id"), task->id},
                                                     {QStringLiteral("open"), true}},
                                         QJsonObject{{QStringLiteral("id"), task->id},
                                                     {QStringLiteral("result"), text}},
                                         task->siteCode, place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return find(task->id);
}

Result<QList<CallbackTask>> CallbackService::list(bool openOnly) const
{
    return CallbackRepository(m_db).list(placeNow().siteCode, openOnly);
}

Result<QList<CallbackTask>> CallbackService::overdue() const
{
    auto open = list(true);
    if (!open)
        return open.error();
    QList<CallbackTask> out;
    for (const CallbackTask& t : *open)
        if (t.overdueOn(m_clock.today()))
            out << t;
    return out;
}

} // namespace ow
