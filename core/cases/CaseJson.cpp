#include "cases/CaseJson.h"

#include <QJsonArray>

namespace ow {

namespace {

QJsonObject placeToJson(const Place& p)
{
    return {{QStringLiteral("site"), p.siteCode},
            {QStringLiteral("window"), p.window},
            {QStringLiteral("clerk"), p.clerk}};
}

QJsonObject deliveryToJson(const DeliveryChoice& d)
{
    QJsonObject o{{QStringLiteral("method"), deliveryName(d.method)}};
    auto put = [&](const char* key, const QString& v) {
        if (!v.isEmpty())
            o.insert(QLatin1String(key), v);
    };
    put("recipient", d.recipient);
    put("phone", d.phone);
    put("address", d.address);
    put("postcode", d.postcode);
    put("locker", d.locker);
    return o;
}

} // namespace

QJsonObject correctionToJson(const CorrectionRecord& c)
{
    QJsonArray lines;
    for (const CorrectionLine& l : c.lines)
        lines.append(QJsonObject{{QStringLiteral("material"), l.materialId},
                                 {QStringLiteral("name"), l.name},
                                 {QStringLiteral("problem"), toString(l.problem)},
                                 {QStringLiteral("reason"), l.reason},
                                 {QStringLiteral("whatToBring"), l.whatToBring}});
    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("number"), c.number},
                  {QStringLiteral("state"), c.state},
                  {QStringLiteral("createdAt"), storedTime(c.createdAt)},
                  {QStringLiteral("place"), placeToJson(c.place)},
                  {QStringLiteral("lines"), lines}};
    if (c.resolvedAt.isValid())
        o.insert(QStringLiteral("resolvedAt"), storedTime(c.resolvedAt));
    return o;
}

QJsonObject refusalToJson(const RefusalRecord& r)
{
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("number"), r.number},
                  {QStringLiteral("reason"), r.reason},
                  {QStringLiteral("legalBasis"), r.legalBasis},
                  {QStringLiteral("createdAt"), storedTime(r.createdAt)},
                  {QStringLiteral("place"), placeToJson(r.place)}};
    if (!r.competentBody.isEmpty())
        o.insert(QStringLiteral("competentBody"), r.competentBody);
    return o;
}

QJsonObject caseToJson(const CaseRecord& c)
{
    QJsonArray items;
    for (const CaseItem& i : c.items) {
        QJsonObject o{{QStringLiteral("code"), i.code},
                      {QStringLiteral("name"), i.name},
                      {QStringLiteral("version"), i.version},
                      {QStringLiteral("promisedDays"), i.promisedDays}};
        if (!i.jointCode.isEmpty())
            o.insert(QStringLiteral("joint"), i.jointCode);
        items.append(o);
    }
    QJsonArray materials;
    for (const CaseMaterial& m : c.materials) {
        QJsonObject o{{QStringLiteral("id"), m.materialId},
                      {QStringLiteral("name"), m.name},
                      {QStringLiteral("required"), m.required},
                      {QStringLiteral("state"), toString(m.state)}};
        if (m.presented)
            o.insert(QStringLiteral("form"), materialFormName(*m.presented));
        if (m.count > 0)
            o.insert(QStringLiteral("count"), m.count);
        if (!m.reusedFrom.isEmpty())
            o.insert(QStringLiteral("from"), m.reusedFrom);
        if (!m.defectReason.isEmpty())
            o.insert(QStringLiteral("reason"), m.defectReason);
        if (!m.whatToBring.isEmpty())
            o.insert(QStringLiteral("whatToBring"), m.whatToBring);
        materials.append(o);
    }
    QJsonArray history;
    for (const StatusChange& h : c.history) {
        QJsonObject o{{QStringLiteral("from"), h.from},
                      {QStringLiteral("to"), h.to},
                      {QStringLiteral("at"), storedTime(h.at)},
                      {QStringLiteral("place"), placeToJson(h.place)}};
        if (!h.note.isEmpty())
            o.insert(QStringLiteral("note"), h.note);
        history.append(o);
    }
    QJsonArray corrections;
    for (const CorrectionRecord& cr : c.corrections)
        corrections.append(correctionToJson(cr));
    QJsonArray refusals;
    for (const RefusalRecord& r : c.refusals)
        refusals.append(refusalToJson(r));

    QJsonObject o{{QStringLiteral("id"), c.id},
                  {QStringLiteral("caseNumber"),
                   c.caseNumber.isEmpty() ? QJsonValue() : QJsonValue(c.caseNumber)},
                  {QStringLiteral("matter"), c.matterId},
                  {QStringLiteral("applicant"), c.applicantId},
                  {QStringLiteral("channel"), toString(c.channel)},
                  {QStringLiteral("decision"), toString(c.decision)},
                  {QStringLiteral("status"), toString(c.status)},
                  {QStringLiteral("place"), placeToJson(c.place)},
                  {QStringLiteral("delivery"), deliveryToJson(c.delivery)},
                  {QStringLiteral("visits"), c.visits},
                  {QStringLiteral("createdAt"), storedTime(c.createdAt)},
                  {QStringLiteral("decidedAt"), storedTime(c.decidedAt)},
                  {QStringLiteral("items"), items},
                  {QStringLiteral("materials"), materials},
                  {QStringLiteral("form"), c.form},
                  {QStringLiteral("history"), history}};
    if (!c.agentId.isEmpty())
        o.insert(QStringLiteral("agent"), c.agentId);
    if (c.promisedDate.isValid()) {
        o.insert(QStringLiteral("promisedDate"), c.promisedDate.toString(Qt::ISODate));
        o.insert(QStringLiteral("promisedProvisional"), c.promisedProvisional);
        o.insert(QStringLiteral("promisedDays"), c.promisedDays);
    }
    if (!c.creditGrade.isEmpty()) {
        o.insert(QStringLiteral("creditGrade"), c.creditGrade);
        o.insert(QStringLiteral("creditAcknowledged"), c.creditAcknowledged);
    }
    if (!corrections.isEmpty())
        o.insert(QStringLiteral("corrections"), corrections);
    if (!refusals.isEmpty())
        o.insert(QStringLiteral("refusals"), refusals);
    return o;
}

} // namespace ow
