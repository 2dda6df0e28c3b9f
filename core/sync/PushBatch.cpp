#include "sync/PushBatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>
#include <QtEndian>
#include <limits>

namespace ow {

namespace {

void appendInt32(QByteArray& out, qint32 v)
{
    const qint32 be = qToBigEndian(v);
    out.append(reinterpret_cast<const char*>(&be), sizeof be);
}

QByteArray jsonText(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray jsonText(const QJsonArray& a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

// A 36-character lower-case UUID, as QUuid writes it.
bool isCanonicalUuid(const QString& s)
{
    if (s.size() != 36)
        return false;
    const QUuid u = QUuid::fromString(s);
    return !u.isNull() && u.toString(QUuid::WithoutBraces) == s;
}

bool isInt32(const QJsonValue& v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d == double(qint64(d)) && d >= std::numeric_limits<qint32>::min() &&
           d <= std::numeric_limits<qint32>::max();
}

bool isStringOrAbsent(const QJsonValue& v)
{
    return v.isUndefined() || v.isString();
}

// The keys of a material that are columns of their own; the rest is its detail.
const char* const kMaterialColumns[] = {"id",     "name",     "form",
                                        "copies", "received", "reused_from"};

bool materialFits(const QJsonValue& v)
{
    if (!v.isObject())
        return false;
    const QJsonObject m = v.toObject();
    const QJsonValue copies = m.value(QLatin1String("copies"));
    const QJsonValue received = m.value(QLatin1String("received"));
    return m.value(QLatin1String("id")).isString() && m.value(QLatin1String("name")).isString() &&
           isStringOrAbsent(m.value(QLatin1String("form"))) &&
           (copies.isUndefined() || isInt32(copies)) &&
           (received.isUndefined() || received.isBool()) &&
           isStringOrAbsent(m.value(QLatin1String("reused_from")));
}

bool historyFits(const QJsonValue& v)
{
    if (!v.isObject())
        return false;
    const QJsonObject h = v.toObject();
    if (h.size() != 6 || !isInt32(h.value(QLatin1String("status_version"))))
        return false;
    for (const char* key : {"from", "to", "at", "by", "note"})
        if (!h.value(QLatin1String(key)).isString())
            return false;
    return true;
}

// Whether the case of a case.upsert can go into the columns without losing
// anything: the keys the columns hold, each of the shape they hold.
bool caseFits(const QJsonObject& op, const QJsonObject& c)
{
    static const QStringList caseKeys{
        QStringLiteral("case_uuid"),   QStringLiteral("case_number"), QStringLiteral("site_code"),
        QStringLiteral("received_at"), QStringLiteral("status"),
        QStringLiteral("status_version"), QStringLiteral("applicant"),
        QStringLiteral("items"),       QStringLiteral("materials"),   QStringLiteral("history"),
        QStringLiteral("payload")};
    if (op.size() != 3 || !isCanonicalUuid(op.value(QLatin1String("op_id")).toString()))
        return false;
    for (auto it = c.begin(); it != c.end(); ++it)
        if (!caseKeys.contains(it.key()))
            return false;
    if (!isCanonicalUuid(c.value(QLatin1String("case_uuid")).toString()) ||
        !isStringOrAbsent(c.value(QLatin1String("case_number"))) ||
        !c.value(QLatin1String("site_code")).isString() ||
        !c.value(QLatin1String("received_at")).isString() ||
        !c.value(QLatin1String("status")).isString() ||
        !isInt32(c.value(QLatin1String("status_version"))) ||
        !c.value(QLatin1String("applicant")).isObject() ||
        !c.value(QLatin1String("items")).isArray() ||
        !c.value(QLatin1String("payload")).isObject() ||
        !c.value(QLatin1String("materials")).isArray() ||
        !c.value(QLatin1String("history")).isArray())
        return false;
    for (const QJsonValue& m : c.value(QLatin1String("materials")).toArray())
        if (!materialFits(m))
            return false;
    for (const QJsonValue& h : c.value(QLatin1String("history")).toArray())
        if (!historyFits(h))
            return false;
    return true;
}

void appendOptionalText(PgBinaryArray& a, const QJsonValue& v)
{
    if (v.isString())
        a.appendText(v.toString());
    else
        a.appendNull();
}

} // namespace

void PgBinaryArray::appendLength(qint32 length)
{
    appendInt32(m_elements, length);
    ++m_count;
}

void PgBinaryArray::appendNull()
{
    appendLength(-1);
    m_nulls = true;
}

void PgBinaryArray::appendInt(qint32 value)
{
    appendLength(4);
    appendInt32(m_elements, value);
}

void PgBinaryArray::appendBool(bool value)
{
    appendLength(1);
    m_elements.append(value ? '\1' : '\0');
}

void PgBinaryArray::appendText(QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    appendLength(qint32(utf8.size()));
    m_elements.append(utf8);
}

bool PgBinaryArray::appendUuid(QStringView text)
{
    const QUuid u = QUuid::fromString(text);
    if (u.isNull())
        return false;
    appendLength(16);
    m_elements.append(u.toRfc4122());
    return true;
}

void PgBinaryArray::appendJsonb(const QByteArray& json)
{
    appendLength(qint32(json.size() + 1));
    m_elements.append('\1'); // the jsonb binary format's version
    m_elements.append(json);
}

QByteArray PgBinaryArray::bytes() const
{
    QByteArray out;
    out.reserve(20 + m_elements.size());
    appendInt32(out, m_count > 0 ? 1 : 0); // dimensions
    appendInt32(out, m_nulls ? 1 : 0);
    appendInt32(out, qint32(m_type));
    if (m_count > 0) {
        appendInt32(out, qint32(m_count));
        appendInt32(out, 1); // lower bound
    }
    out.append(m_elements);
    return out;
}

PushBatchBuilder::PushBatchBuilder()
{
    m_json.reserve(1 << 16);
}

void PushBatchBuilder::add(const QJsonObject& op)
{
    m_json += m_count == 0 ? '[' : ',';
    if (addColumns(m_count, op))
        m_json += "null";
    else
        m_json += QJsonDocument(op).toJson(QJsonDocument::Compact);
    ++m_count;
}

bool PushBatchBuilder::addColumns(qsizetype position, const QJsonObject& op)
{
    if (op.value(QLatin1String("kind")).toString() != QLatin1String("case.upsert"))
        return false;
    const QJsonObject c = op.value(QLatin1String("case")).toObject();
    if (!caseFits(op, c))
        return false;
    const qint32 n = qint32(++m_cases); // this case's place in the case arrays, from 1
    m_pos.appendInt(qint32(position));
    m_opId.appendUuid(op.value(QLatin1String("op_id")).toString());
    m_caseUuid.appendUuid(c.value(QLatin1String("case_uuid")).toString());
    appendOptionalText(m_caseNumber, c.value(QLatin1String("case_number")));
    m_site.appendText(c.value(QLatin1String("site_code")).toString());
    m_receivedAt.appendText(c.value(QLatin1String("received_at")).toString());
    m_status.appendText(c.value(QLatin1String("status")).toString());
    m_statusVersion.appendInt(c.value(QLatin1String("status_version")).toInt());
    m_applicant.appendJsonb(jsonText(c.value(QLatin1String("applicant")).toObject()));
    m_items.appendJsonb(jsonText(c.value(QLatin1String("items")).toArray()));
    m_payload.appendJsonb(jsonText(c.value(QLatin1String("payload")).toObject()));
    for (const QJsonValue& v : c.value(QLatin1String("materials")).toArray()) {
        QJsonObject m = v.toObject();
        m_mCase.appendInt(n);
        m_mId.appendText(m.value(QLatin1String("id")).toString());
        m_mName.appendText(m.value(QLatin1String("name")).toString());
        appendOptionalText(m_mForm, m.value(QLatin1String("form")));
        const QJsonValue copies = m.value(QLatin1String("copies"));
        if (copies.isUndefined())
            m_mCopies.appendNull();
        else
            m_mCopies.appendInt(copies.toInt());
        const QJsonValue received = m.value(QLatin1String("received"));
        if (received.isUndefined())
            m_mReceived.appendNull();
        else
            m_mReceived.appendBool(received.toBool());
        appendOptionalText(m_mReusedFrom, m.value(QLatin1String("reused_from")));
        for (const char* key : kMaterialColumns)
            m.remove(QLatin1String(key));
        m_mDetail.appendJsonb(jsonText(m));
    }
    for (const QJsonValue& v : c.value(QLatin1String("history")).toArray()) {
        const QJsonObject h = v.toObject();
        m_hCase.appendInt(n);
        m_hVersion.appendInt(h.value(QLatin1String("status_version")).toInt());
        m_hFrom.appendText(h.value(QLatin1String("from")).toString());
        m_hTo.appendText(h.value(QLatin1String("to")).toString());
        m_hAt.appendText(h.value(QLatin1String("at")).toString());
        m_hBy.appendText(h.value(QLatin1String("by")).toString());
        m_hNote.appendText(h.value(QLatin1String("note")).toString());
    }
    return true;
}

PushBatch PushBatchBuilder::finish()
{
    PushBatch b;
    b.count = m_count;
    b.columnCases = m_cases;
    b.operations = m_count == 0 ? QByteArray("[]") : m_json + ']';
    if (m_cases > 0) {
        for (const PgBinaryArray* a :
             {&m_pos,      &m_opId,    &m_caseUuid, &m_caseNumber, &m_site,        &m_receivedAt,
              &m_status,   &m_statusVersion,        &m_applicant,  &m_items,       &m_payload,
              &m_mCase,    &m_mId,     &m_mName,    &m_mForm,      &m_mCopies,     &m_mReceived,
              &m_mReusedFrom,          &m_mDetail,  &m_hCase,      &m_hVersion,    &m_hFrom,
              &m_hTo,      &m_hAt,     &m_hBy,      &m_hNote})
            b.columns.append(a->bytes());
    }
    return b;
}

} // namespace ow
