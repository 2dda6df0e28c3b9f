#include "service/ServiceJson.h"

#include "sync/Outbox.h"

#include <QJsonArray>

namespace ow {

QString dayText(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

namespace {

QString timeText(const QDateTime& t)
{
    return t.isValid() ? storedTime(t) : QString();
}

Status queue(Database& db, const QString& entity, const QString& id, const QJsonObject& record,
             const QDateTime& at)
{
    if (auto op = Outbox(db).add(entity, id, record, at); !op)
        return op.error();
    return {};
}

} // namespace

QJsonObject toJson(const MailingRecord& m)
{
    QJsonArray followups;
    for (const MailingFollowup& f : m.followups)
        followups.append(QJsonObject{{QStringLiteral("at"), timeText(f.at)},
                                     {QStringLiteral("clerk"), f.clerk},
                                     {QStringLiteral("reached"), f.reached},
                                     {QStringLiteral("note"), f.note}});
    return {{QStringLiteral("caseId"), m.caseId},
            {QStringLiteral("caseNumber"), m.caseNumber},
            {QStringLiteral("waybill"), m.waybill},
            {QStringLiteral("recipient"), m.recipient},
            {QStringLiteral("phone"), m.phone},
            {QStringLiteral("address"), m.address},
            {QStringLiteral("postcode"), m.postcode},
            {QStringLiteral("state"), m.state},
            {QStringLiteral("sentOn"), dayText(m.sentOn)},
            {QStringLiteral("deliveredOn"), dayText(m.deliveredOn)},
            {QStringLiteral("returnedOn"), dayText(m.returnedOn)},
            {QStringLiteral("returnReason"), m.returnReason},
            {QStringLiteral("clerk"), m.place.clerk},
            {QStringLiteral("site"), m.place.siteCode},
            {QStringLiteral("window"), m.place.window},
            {QStringLiteral("followups"), followups}};
}

QJsonObject toJson(const Consultation& c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("channel"), c.channel},
            {QStringLiteral("askerName"), c.askerName},
            {QStringLiteral("askerPhone"), c.askerPhone},
            {QStringLiteral("topic"), c.topic},
            {QStringLiteral("items"), QJsonArray::fromStringList(c.itemCodes)},
            {QStringLiteral("answer"), c.answer},
            {QStringLiteral("noticeGiven"), c.noticeGiven},
            {QStringLiteral("at"), timeText(c.at)},
            {QStringLiteral("clerk"), c.place.clerk},
            {QStringLiteral("site"), c.place.siteCode},
            {QStringLiteral("window"), c.place.window}};
}

QJsonObject toJson(const CallbackTask& t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("kind"), t.kind},
            {QStringLiteral("caseId"), t.caseId},
            {QStringLiteral("caseNumber"), t.caseNumber},
            {QStringLiteral("ratingId"), t.ratingId},
            {QStringLiteral("site"), t.siteCode},
            {QStringLiteral("contactName"), t.contactName},
            {QStringLiteral("contactPhone"), t.contactPhone},
            {QStringLiteral("reason"), t.reason},
            {QStringLiteral("dueOn"), dayText(t.dueOn)},
            {QStringLiteral("createdAt"), timeText(t.createdAt)},
            {QStringLiteral("createdBy"), t.createdBy},
            {QStringLiteral("open"), t.open()},
            {QStringLiteral("doneAt"), timeText(t.doneAt)},
            {QStringLiteral("doneBy"), t.doneBy},
            {QStringLiteral("result"), t.result}};
}

QJsonObject toJson(const Rating& r)
{
    return {{QStringLiteral("id"), r.id},
            {QStringLiteral("caseId"), r.caseId},
            {QStringLiteral("caseNumber"), r.caseNumber},
            {QStringLiteral("grade"), r.grade},
            {QStringLiteral("reason"), r.reason},
            {QStringLiteral("at"), timeText(r.at)},
            {QStringLiteral("clerk"), r.place.clerk},
            {QStringLiteral("site"), r.place.siteCode},
            {QStringLiteral("window"), r.place.window},
            {QStringLiteral("callbackId"), r.callbackId}};
}

Status queueForCentre(Database& db, const MailingRecord& m, const QDateTime& at)
{
    return queue(db, QStringLiteral("mailing"), m.caseId, toJson(m), at);
}

Status queueForCentre(Database& db, const Consultation& c, const QDateTime& at)
{
    return queue(db, QStringLiteral("consultation"), c.id, toJson(c), at);
}

Status queueForCentre(Database& db, const CallbackTask& t, const QDateTime& at)
{
    return queue(db, QStringLiteral("callback"), t.id, toJson(t), at);
}

Status queueForCentre(Database& db, const Rating& r, const QDateTime& at)
{
    return queue(db, QStringLiteral("rating"), r.id, toJson(r), at);
}

} // namespace ow
