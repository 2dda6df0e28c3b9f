#include "cases/CaseJson.h"

#include "store/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

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

namespace ow {

namespace {

void writePlace(JsonWriter& w, const char* name, const Place& p)
{
    w.key(name);
    w.beginObject();
    w.field("clerk", p.clerk);
    w.field("site", p.siteCode);
    w.field("window", p.window);
    w.endObject();
}

void writeTime(JsonWriter& w, const char* name, const QDateTime& t)
{
    w.field(name, storedTime(t));
}

void writeCorrection(JsonWriter& w, const CorrectionRecord& c)
{
    w.beginObject();
    writeTime(w, "createdAt", c.createdAt);
    w.field("id", c.id);
    w.key("lines");
    w.beginArray();
    for (const CorrectionLine& l : c.lines) {
        w.beginObject();
        w.field("material", l.materialId);
        w.field("name", l.name);
        w.field("problem", toString(l.problem));
        w.field("reason", l.reason);
        w.field("whatToBring", l.whatToBring);
        w.endObject();
    }
    w.endArray();
    w.field("number", c.number);
    writePlace(w, "place", c.place);
    if (c.resolvedAt.isValid())
        writeTime(w, "resolvedAt", c.resolvedAt);
    w.field("state", c.state);
    w.endObject();
}

void writeRefusal(JsonWriter& w, const RefusalRecord& r)
{
    w.beginObject();
    if (!r.competentBody.isEmpty())
        w.field("competentBody", r.competentBody);
    writeTime(w, "createdAt", r.createdAt);
    w.field("id", r.id);
    w.field("legalBasis", r.legalBasis);
    w.field("number", r.number);
    writePlace(w, "place", r.place);
    w.field("reason", r.reason);
    w.endObject();
}

} // namespace

QByteArray formJsonText(const QJsonObject& form)
{
    return QJsonDocument(form).toJson(QJsonDocument::Compact);
}

QByteArray caseJsonText(const CaseRecord& c, QByteArrayView formJson)
{
    QByteArray formText;
    if (formJson.isNull()) {
        formText = formJsonText(c.form);
        formJson = formText;
    }
    JsonWriter w(1024 + formJson.size() + 320 * (c.items.size() + c.materials.size()) +
                 256 * c.history.size());
    // The members in the order a QJsonObject keeps them: sorted by name.
    w.beginObject();
    if (!c.agentId.isEmpty())
        w.field("agent", c.agentId);
    w.field("applicant", c.applicantId);
    w.key("caseNumber");
    if (c.caseNumber.isEmpty())
        w.null();
    else
        w.string(c.caseNumber);
    w.field("channel", toString(c.channel));
    if (!c.corrections.isEmpty()) {
        w.key("corrections");
        w.beginArray();
        for (const CorrectionRecord& cr : c.corrections)
            writeCorrection(w, cr);
        w.endArray();
    }
    writeTime(w, "createdAt", c.createdAt);
    if (!c.creditGrade.isEmpty()) {
        w.field("creditAcknowledged", c.creditAcknowledged);
        w.field("creditGrade", c.creditGrade);
    }
    writeTime(w, "decidedAt", c.decidedAt);
    w.field("decision", toString(c.decision));
    w.key("delivery");
    w.beginObject();
    const DeliveryChoice& d = c.delivery;
    if (!d.address.isEmpty())
        w.field("address", d.address);
    if (!d.locker.isEmpty())
        w.field("locker", d.locker);
    w.field("method", deliveryName(d.method));
    if (!d.phone.isEmpty())
        w.field("phone", d.phone);
    if (!d.postcode.isEmpty())
        w.field("postcode", d.postcode);
    if (!d.recipient.isEmpty())
        w.field("recipient", d.recipient);
    w.endObject();
    w.key("form");
    w.raw(formJson);
    w.key("history");
    w.beginArray();
    for (const StatusChange& h : c.history) {
        w.beginObject();
        writeTime(w, "at", h.at);
        w.field("from", h.from);
        if (!h.note.isEmpty())
            w.field("note", h.note);
        writePlace(w, "place", h.place);
        w.field("to", h.to);
        w.endObject();
    }
    w.endArray();
    w.field("id", c.id);
    w.key("items");
    w.beginArray();
    for (const CaseItem& i : c.items) {
        w.beginObject();
        w.field("code", i.code);
        if (!i.jointCode.isEmpty())
            w.field("joint", i.jointCode);
        w.field("name", i.name);
        w.field("promisedDays", i.promisedDays);
        w.field("version", i.version);
        w.endObject();
    }
    w.endArray();
    w.key("materials");
    w.beginArray();
    for (const CaseMaterial& m : c.materials) {
        w.beginObject();
        if (m.count > 0)
            w.field("count", m.count);
        if (m.presented)
            w.field("form", materialFormName(*m.presented));
        if (!m.reusedFrom.isEmpty())
            w.field("from", m.reusedFrom);
        w.field("id", m.materialId);
        w.field("name", m.name);
        if (!m.defectReason.isEmpty())
            w.field("reason", m.defectReason);
        w.field("required", m.required);
        w.field("state", toString(m.state));
        if (!m.whatToBring.isEmpty())
            w.field("whatToBring", m.whatToBring);
        w.endObject();
    }
    w.endArray();
    w.field("matter", c.matterId);
    writePlace(w, "place", c.place);
    if (c.promisedDate.isValid()) {
        w.field("promisedDate", c.promisedDate.toString(Qt::ISODate));
        w.field("promisedDays", c.promisedDays);
        w.field("promisedProvisional", c.promisedProvisional);
    }
    if (!c.refusals.isEmpty()) {
        w.key("refusals");
        w.beginArray();
        for (const RefusalRecord& r : c.refusals)
            writeRefusal(w, r);
        w.endArray();
    }
    w.field("status", toString(c.status));
    w.field("visits", c.visits);
    w.endObject();
    return w.take();
}

} // namespace ow
