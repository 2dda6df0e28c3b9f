#include "service/CallbackRules.h"

#include "applicants/ApplicantRepository.h"
#include "audit/AuditLog.h"
#include "auth/Session.h"
#include "calendar/WorkCalendar.h"
#include "service/CallbackRepository.h"
#include "service/ServiceJson.h"
#include "store/Uuid.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace ow {

Result<CallbackTask> addCallback(Database& db, const Session& session, CallbackTask task,
                                 const Clock& clock, const WorkCalendar& calendar,
                                 const QString& window)
{
    const QDateTime now = clock.now();
    if (task.id.isEmpty())
        task.id = newUuidV7();
    if (!task.createdAt.isValid())
        task.createdAt = now;
    if (task.createdBy.isEmpty())
        task.createdBy = session.actor();
    if (!task.dueOn.isValid())
        task.dueOn = calendar.addWorkingDays(now.date(), kCallbackWorkingDays).date;
    if (Status s = CallbackRepository(db).insert(task); !s)
        return s.error();
    if (Status s = queueForCentre(db, task, now); !s)
        return s.error();
    QJsonObject after{{QStringLiteral("id"), task.id},
                      {QStringLiteral("kind"), task.kind},
                      {QStringLiteral("reason"), task.reason},
                      {QStringLiteral("due_on"), task.dueOn.toString(Qt::ISODate)}};
    if (!task.caseNumber.isEmpty())
        after.insert(QStringLiteral("case"), task.caseNumber);
    if (auto a = AuditLog(db, clock).append(session,
                                            {QStringLiteral("callback.add"),
                                             task.caseNumber.isEmpty() ? task.id : task.caseNumber,
                                             QJsonValue::Null, after, task.siteCode, window});
        !a)
        return a.error();
    return task;
}

Status callbackAfterCompletion(Database& db, const Session& session, const CaseRecord& c,
                               const Place& place, const Clock& clock, const WorkCalendar& calendar)
{
    if (c.channel != Channel::Proxy)
        return {};
    CallbackTask t;
    t.kind = QStringLiteral("proxy");
    t.caseId = c.id;
    t.caseNumber = c.caseNumber;
    t.siteCode = place.siteCode.isEmpty() ? c.place.siteCode : place.siteCode;
    ApplicantRepository applicants(db);
    auto a = applicants.findById(c.applicantId);
    if (!a)
        return a.error();
    if (a->has_value()) {
        t.contactName = (*a)->name;
        t.contactPhone = (*a)->phone.isEmpty() ? (*a)->contactPhone : (*a)->phone;
    }
    if (t.contactPhone.isEmpty() && !c.agentId.isEmpty()) {
        auto agent = applicants.findAgentById(c.agentId);
        if (!agent)
            return agent.error();
        if (agent->has_value())
            t.contactPhone = (*agent)->phone;
    }
    QStringList items;
    for (const CaseItem& i : c.items)
        items << i.name;
    t.reason = QCoreApplication::translate("ow::CallbackRules",
                                           "Proxy service completed (%1): call the applicant "
                                           "back and tell them it is done.")
                   .arg(items.join(QStringLiteral("、")));
    auto added = addCallback(db, session, t, clock, calendar, place.window);
    if (!added)
        return added.error();
    return {};
}

} // namespace ow
