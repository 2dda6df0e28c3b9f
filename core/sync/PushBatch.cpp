#include "sync/PushBatch.h"

#include "sync/SyncEngineDetail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QLocale>
#include <QStringList>
#include <QUuid>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <limits>

namespace ow {

using sync_detail::str;

namespace {

// `s` in UTF-8, written straight after what `out` holds (no temporary
// copy); a lone surrogate becomes '?', as QString::toUtf8() writes it
// (QStringEncoder::appendToBuffer would write U+FFFD there).
void appendUtf8(QByteArray& out, QStringView s)
{
    const qsizetype start = out.size();
    out.resize(start + 3 * s.size());
    auto* p = reinterpret_cast<unsigned char*>(out.data() + start);
    const char16_t* u = s.utf16();
    const char16_t* end = u + s.size();
    while (u < end) {
        char32_t c = *u++;
        if (c < 0x80) {
            *p++ = static_cast<unsigned char>(c);
            continue;
        }
        if (QChar::isHighSurrogate(c) && u < end && QChar::isLowSurrogate(*u)) {
            c = QChar::surrogateToUcs4(char16_t(c), *u++);
            *p++ = static_cast<unsigned char>(0xf0 | (c >> 18));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 12) & 0x3f));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3f));
            *p++ = static_cast<unsigned char>(0x80 | (c & 0x3f));
            continue;
        }
        if (QChar::isSurrogate(c)) {
            *p++ = '?';
            continue;
        }
        if (c < 0x800) {
            *p++ = static_cast<unsigned char>(0xc0 | (c >> 6));
        } else {
            *p++ = static_cast<unsigned char>(0xe0 | (c >> 12));
            *p++ = static_cast<unsigned char>(0x80 | ((c >> 6) & 0x3f));
        }
        *p++ = static_cast<unsigned char>(0x80 | (c & 0x3f));
    }
    out.resize(reinterpret_cast<char*>(p) - out.data());
}

void appendInt32(QByteArray& out, qint32 v)
{
    const qint32 be = qToBigEndian(v);
    out.append(reinterpret_cast<const char*>(&be), sizeof be);
}

// A 36-character lower-case UUID, as QUuid writes it.
bool isCanonicalUuid(const QString& s)
{
    if (s.size() != 36)
        return false;
    const QUuid u = QUuid::fromString(s);
    return !u.isNull() && u.toString(QUuid::WithoutBraces) == s;
}

bool isStringOrAbsent(const QJsonValue& v)
{
    return v.isUndefined() || v.isString();
}

// JSON text written directly, for the small objects the columns keep as
// JSON (the payload, the materials' details): what QJsonDocument would
// write, without building the object first.
void appendJsonString(QByteArray& out, QStringView s)
{
    out += '"';
    const qsizetype start = out.size();
    appendUtf8(out, s);
    bool plain = true;
    for (qsizetype i = start; i < out.size() && plain; ++i) {
        const auto c = static_cast<unsigned char>(out.at(i));
        plain = c >= 0x20 && c != '"' && c != '\\';
    }
    if (plain) {
        out += '"';
        return;
    }
    const QByteArray u = out.mid(start);
    out.truncate(start);
    for (const char ch : u) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            switch (c) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        } else {
            out += ch;
        }
    }
    out += '"';
}

void appendJsonValue(QByteArray& out, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double: {
        constexpr qint64 none = std::numeric_limits<qint64>::min();
        const qint64 i = v.toInteger(none);
        const double d = v.toDouble();
        if (i != none)
            out += QByteArray::number(i);
        else if (std::isfinite(d))
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        else
            out += "null";
        break;
    }
    case QJsonValue::String:
        appendJsonString(out, v.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i > 0)
                out += ',';
            appendJsonValue(out, a.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        out += '{';
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (it != o.constBegin())
                out += ',';
            appendJsonString(out, it.key());
            out += ':';
            appendJsonValue(out, it.value());
        }
        out += '}';
        break;
    }
    default:
        out += "null";
    }
}

class JsonObjectText
{
public:
    void member(const QString& key, const QJsonValue& value)
    {
        m_out += m_out.isEmpty() ? '{' : ',';
        appendJsonString(m_out, key);
        m_out += ':';
        appendJsonValue(m_out, value);
    }
    // The members of `o` but those named in `skip`.
    void membersOf(const QJsonObject& o, const QStringList& skip)
    {
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString key = it.key();
            if (!skip.contains(key))
                member(key, it.value());
        }
    }
    QByteArray finish() { return m_out.isEmpty() ? QByteArray("{}") : m_out + '}'; }

private:
    QByteArray m_out;
};

// The applicant as the centre keeps it: as stored, with the snake-case
// names of the identity fields the centre reads.
QJsonObject centralApplicant(const QJsonObject& applicant)
{
    QJsonObject app = applicant;
    if (app.contains(QStringLiteral("idNumber")))
        app.insert(QStringLiteral("id_number"), app.value(QStringLiteral("idNumber")));
    if (app.contains(QStringLiteral("creditCode")))
        app.insert(QStringLiteral("credit_code"), app.value(QStringLiteral("creditCode")));
    return app;
}

// centralApplicant(applicant) as JSON text.
QByteArray centralApplicantText(const QJsonObject& applicant)
{
    const QJsonValue idNumber = applicant.value(QLatin1String("idNumber"));
    const QJsonValue creditCode = applicant.value(QLatin1String("creditCode"));
    QStringList replaced;
    if (!idNumber.isUndefined())
        replaced << QStringLiteral("id_number");
    if (!creditCode.isUndefined())
        replaced << QStringLiteral("credit_code");
    JsonObjectText out;
    out.membersOf(applicant, replaced);
    if (!idNumber.isUndefined())
        out.member(QStringLiteral("id_number"), idNumber);
    if (!creditCode.isUndefined())
        out.member(QStringLiteral("credit_code"), creditCode);
    return out.finish();
}

// The keys of a stored case that are not its payload (the place's clerk and
// window replace those of the case).
const QStringList& notPayload()
{
    static const QStringList keys{QStringLiteral("id"),        QStringLiteral("caseNumber"),
                                  QStringLiteral("status"),    QStringLiteral("items"),
                                  QStringLiteral("materials"), QStringLiteral("history"),
                                  QStringLiteral("clerk"),     QStringLiteral("window")};
    return keys;
}

// The keys of a stored material that the columns hold, or that the centre's
// form replaces; the rest is its detail.
const QStringList& notDetail()
{
    static const QStringList keys{QStringLiteral("id"),       QStringLiteral("name"),
                                  QStringLiteral("form"),     QStringLiteral("count"),
                                  QStringLiteral("from"),     QStringLiteral("copies"),
                                  QStringLiteral("received"), QStringLiteral("reused_from")};
    return keys;
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
    const qsizetype at = m_elements.size();
    appendLength(0);
    appendUtf8(m_elements, value);
    const qint32 length = qToBigEndian(qint32(m_elements.size() - at - 4));
    std::memcpy(m_elements.data() + at, &length, sizeof length);
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

PushBatchBuilder::PushBatchBuilder(bool columns) : m_columns(columns)
{
    m_json.reserve(1 << 16);
}

void PushBatchBuilder::add(const QJsonObject& op)
{
    m_json += m_count == 0 ? '[' : ',';
    m_json += QJsonDocument(op).toJson(QJsonDocument::Compact);
    ++m_count;
}

void PushBatchBuilder::addCase(const QString& opId, const QJsonObject& storedCase,
                               const QJsonObject& applicant)
{
    if (m_columns && addColumns(m_count, opId, storedCase, applicant)) {
        m_json += m_count == 0 ? "[null" : ",null";
        ++m_count;
    } else {
        add(caseOperation(opId, storedCase, applicant));
    }
}

// What caseOperation() writes, straight into the columns.
bool PushBatchBuilder::addColumns(qsizetype position, const QString& opId, const QJsonObject& c,
                                  const QJsonObject& applicant)
{
    const QString caseUuid = str(c, "id");
    const QJsonValue items = c.value(QLatin1String("items"));
    if (!isCanonicalUuid(opId) || !isCanonicalUuid(caseUuid) || !items.isArray())
        return false;
    const QJsonArray materials = c.value(QLatin1String("materials")).toArray();
    for (const QJsonValue& v : materials) {
        const QJsonObject m = v.toObject();
        const QJsonValue from = m.value(QLatin1String("from"));
        if (!v.isObject() || !m.value(QLatin1String("id")).isString() ||
            !m.value(QLatin1String("name")).isString() ||
            !isStringOrAbsent(m.value(QLatin1String("form"))) ||
            !(from.isUndefined() ? isStringOrAbsent(m.value(QLatin1String("reused_from")))
                                 : from.isString()))
            return false;
    }

    const qint32 n = qint32(++m_cases); // this case's place in the case arrays, from 1
    const QJsonObject place = c.value(QLatin1String("place")).toObject();
    const QString clerk = str(place, "clerk");
    m_pos.appendInt(qint32(position));
    m_opId.appendUuid(opId);
    m_caseUuid.appendUuid(caseUuid);
    const QJsonValue number = c.value(QLatin1String("caseNumber"));
    if (number.isString() && !number.toString().isEmpty())
        m_caseNumber.appendText(number.toString());
    else
        m_caseNumber.appendNull();
    m_site.appendText(str(place, "site"));
    m_receivedAt.appendText(str(c, "createdAt"));
    m_status.appendText(str(c, "status"));
    m_applicant.appendJsonb(centralApplicantText(applicant));
    QByteArray itemsText;
    appendJsonValue(itemsText, items);
    m_items.appendJsonb(itemsText);
    JsonObjectText payload;
    payload.membersOf(c, notPayload());
    payload.member(QStringLiteral("clerk"), clerk);
    payload.member(QStringLiteral("window"), str(place, "window"));
    m_payload.appendJsonb(payload.finish());

    for (const QJsonValue& v : materials) {
        const QJsonObject m = v.toObject();
        const QString state = str(m, "state");
        m_mCase.appendInt(n);
        m_mId.appendText(str(m, "id"));
        m_mName.appendText(str(m, "name"));
        appendOptionalText(m_mForm, m.value(QLatin1String("form")));
        m_mCopies.appendInt(m.value(QLatin1String("count")).toInt(0));
        m_mReceived.appendBool(state == QLatin1String("received") ||
                               state == QLatin1String("reused"));
        const QJsonValue from = m.value(QLatin1String("from"));
        appendOptionalText(m_mReusedFrom,
                           from.isUndefined() ? m.value(QLatin1String("reused_from")) : from);
        JsonObjectText detail;
        detail.membersOf(m, notDetail());
        const QByteArray text = detail.finish();
        if (text == "{}") {
            m_mDetail.appendNull();
        } else {
            auto found = m_detailIndex.constFind(text);
            if (found == m_detailIndex.constEnd()) {
                m_details += m_details.isEmpty() ? '[' : ',';
                m_details += text;
                found = m_detailIndex.insert(text, qint32(m_detailIndex.size() + 1));
            }
            m_mDetail.appendInt(*found);
        }
    }
    qint32 version = 0;
    for (const QJsonValue& v : c.value(QLatin1String("history")).toArray()) {
        const QJsonObject h = v.toObject();
        m_hCase.appendInt(n);
        m_hVersion.appendInt(++version);
        m_hFrom.appendText(str(h, "from"));
        m_hTo.appendText(str(h, "to"));
        m_hAt.appendText(str(h, "at"));
        m_hBy.appendText(str(h.value(QLatin1String("place")).toObject(), "clerk"));
        m_hNote.appendText(str(h, "note"));
    }
    m_statusVersion.appendInt(qMax(1, version));
    return true;
}

QJsonObject caseOperation(const QString& opId, const QJsonObject& c, const QJsonObject& applicant)
{
    QJsonArray materials;
    for (const QJsonValue& v : c.value(QStringLiteral("materials")).toArray()) {
        QJsonObject m = v.toObject();
        const QString state = str(m, "state");
        QJsonObject out = m;
        out.insert(QStringLiteral("copies"), m.value(QStringLiteral("count")).toInt(0));
        out.insert(QStringLiteral("received"),
                   state == QLatin1String("received") || state == QLatin1String("reused"));
        if (m.contains(QStringLiteral("from")))
            out.insert(QStringLiteral("reused_from"), m.value(QStringLiteral("from")));
        out.remove(QStringLiteral("count"));
        out.remove(QStringLiteral("from"));
        materials.append(out);
    }
    QJsonArray history;
    int n = 0;
    for (const QJsonValue& v : c.value(QStringLiteral("history")).toArray()) {
        const QJsonObject h = v.toObject();
        const QJsonObject place = h.value(QStringLiteral("place")).toObject();
        history.append(QJsonObject{{QStringLiteral("status_version"), ++n},
                                   {QStringLiteral("from"), str(h, "from")},
                                   {QStringLiteral("to"), str(h, "to")},
                                   {QStringLiteral("at"), str(h, "at")},
                                   {QStringLiteral("by"), str(place, "clerk")},
                                   {QStringLiteral("note"), str(h, "note")}});
    }
    const QJsonObject place = c.value(QStringLiteral("place")).toObject();
    QJsonObject payload = c;
    for (const QString& key : notPayload())
        payload.remove(key);
    payload.insert(QStringLiteral("clerk"), str(place, "clerk"));
    payload.insert(QStringLiteral("window"), str(place, "window"));

    QJsonObject out{{QStringLiteral("case_uuid"), str(c, "id")},
                    {QStringLiteral("site_code"), str(place, "site")},
                    {QStringLiteral("received_at"), str(c, "createdAt")},
                    {QStringLiteral("status"), str(c, "status")},
                    {QStringLiteral("status_version"), qMax(1, n)},
                    {QStringLiteral("applicant"), centralApplicant(applicant)},
                    {QStringLiteral("items"), c.value(QStringLiteral("items"))},
                    {QStringLiteral("materials"), materials},
                    {QStringLiteral("history"), history},
                    {QStringLiteral("payload"), payload}};
    const QJsonValue number = c.value(QStringLiteral("caseNumber"));
    if (number.isString() && !number.toString().isEmpty())
        out.insert(QStringLiteral("case_number"), number);
    return QJsonObject{{QStringLiteral("op_id"), opId},
                       {QStringLiteral("kind"), QStringLiteral("case.upsert")},
                       {QStringLiteral("case"), out}};
}

PushBatch PushBatchBuilder::finish()
{
    PushBatch b;
    b.count = m_count;
    b.columnCases = m_cases;
    b.operations = m_count == 0 ? QByteArray("[]") : m_json + ']';
    if (m_cases > 0) {
        for (const PgBinaryArray* a :
             {&m_pos, &m_opId, &m_caseUuid, &m_caseNumber, &m_site, &m_receivedAt, &m_status,
              &m_statusVersion, &m_applicant, &m_items, &m_payload, &m_mCase, &m_mId, &m_mName,
              &m_mForm, &m_mCopies, &m_mReceived, &m_mReusedFrom, &m_mDetail})
            b.columns.append(a->bytes());
        // The details: one jsonb, in its binary format (a version byte, the text).
        b.columns.append('\1' + (m_details.isEmpty() ? QByteArray("[]") : m_details + ']'));
        for (const PgBinaryArray* a :
             {&m_hCase, &m_hVersion, &m_hFrom, &m_hTo, &m_hAt, &m_hBy, &m_hNote})
            b.columns.append(a->bytes());
    }
    return b;
}

} // namespace ow
