#include "store/JsonWriter.h"

#include <charconv>
#include <utility>

namespace ow {

namespace {

inline char hexDigit(unsigned u)
{
    return char(u < 10 ? '0' + u : 'a' + (u - 10));
}

inline bool plainAscii(unsigned u)
{
    return u >= 0x20 && u != '"' && u != '\\';
}

// An ASCII character JSON escapes (not plainAscii()), written at `d`;
// returns the end.
inline char* writeEscapedAscii(char* d, unsigned u)
{
    *d++ = '\\';
    switch (u) {
    case '"':
        *d++ = '"';
        break;
    case '\\':
        *d++ = '\\';
        break;
    case 0x8:
        *d++ = 'b';
        break;
    case 0xc:
        *d++ = 'f';
        break;
    case 0xa:
        *d++ = 'n';
        break;
    case 0xd:
        *d++ = 'r';
        break;
    case 0x9:
        *d++ = 't';
        break;
    default:
        *d++ = 'u';
        *d++ = '0';
        *d++ = '0';
        *d++ = hexDigit(u >> 4);
        *d++ = hexDigit(u & 0xf);
    }
    return d;
}

inline qsizetype escapedAsciiLength(unsigned u)
{
    switch (u) {
    case '"':
    case '\\':
    case 0x8:
    case 0xc:
    case 0xa:
    case 0xd:
    case 0x9:
        return 2;
    default:
        return 6;
    }
}

} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    if (reserve > 0)
        m_out.reserve(reserve);
}

void JsonWriter::separate()
{
    if (m_needComma)
        m_out.append(',');
}

void JsonWriter::beginObject()
{
    separate();
    m_out.append('{');
    m_needComma = false;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_needComma = true;
}

void JsonWriter::beginArray()
{
    separate();
    m_out.append('[');
    m_needComma = false;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_needComma = true;
}

void JsonWriter::key(const char* name)
{
    separate();
    m_out.append('"');
    m_out.append(name);
    m_out.append("\":", 2);
    m_needComma = false;
}

void JsonWriter::string(QStringView s)
{
    separate();
    appendString(m_out, s);
    m_needComma = true;
}

void JsonWriter::stringUtf8(QByteArrayView utf8)
{
    separate();
    appendStringUtf8(m_out, utf8);
    m_needComma = true;
}

void JsonWriter::integer(qint64 n)
{
    separate();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    m_out.append(buf, r.ptr - buf);
    m_needComma = true;
}

void JsonWriter::boolean(bool b)
{
    separate();
    if (b)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
    m_needComma = true;
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
    m_needComma = true;
}

void JsonWriter::raw(QByteArrayView json)
{
    separate();
    m_out.append(json);
    m_needComma = true;
}

QByteArray JsonWriter::take()
{
    m_needComma = false;
    return std::exchange(m_out, QByteArray());
}

void JsonWriter::appendString(QByteArray& out, QStringView s)
{
    // Room for the worst (6 bytes a character: \u00xx), written through a
    // pointer, then cut to what was written.
    const qsizetype at = out.size();
    out.resize(at + 6 * s.size() + 2);
    char* d = out.data() + at;
    *d++ = '"';
    const char16_t* p = s.utf16();
    const char16_t* const end = p + s.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            if (plainAscii(u))
                *d++ = char(u);
            else
                d = writeEscapedAscii(d, u);
        } else if (u < 0x800) {
            *d++ = char(0xc0 | (u >> 6));
            *d++ = char(0x80 | (u & 0x3f));
        } else if (u < 0xd800 || u > 0xdfff) {
            *d++ = char(0xe0 | (u >> 12));
            *d++ = char(0x80 | ((u >> 6) & 0x3f));
            *d++ = char(0x80 | (u & 0x3f));
        } else if (u < 0xdc00 && p != end && *p >= 0xdc00 && *p <= 0xdfff) {
            const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*p++) - 0xdc00);
            *d++ = char(0xf0 | (c >> 18));
            *d++ = char(0x80 | ((c >> 12) & 0x3f));
            *d++ = char(0x80 | ((c >> 6) & 0x3f));
            *d++ = char(0x80 | (c & 0x3f));
        } else {
            // A lone surrogate has no UTF-8: Qt writes it as an escape.
            *d++ = '\\';
            *d++ = 'u';
            *d++ = hexDigit((u >> 12) & 0xf);
            *d++ = hexDigit((u >> 8) & 0xf);
            *d++ = hexDigit((u >> 4) & 0xf);
            *d++ = hexDigit(u & 0xf);
        }
    }
    *d++ = '"';
    out.resize(d - out.constData());
}

void JsonWriter::appendStringUtf8(QByteArray& out, QByteArrayView utf8)
{
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const qsizetype n = utf8.size();
    qsizetype length = n + 2;
    for (qsizetype i = 0; i < n; ++i)
        if (!plainAscii(p[i]))
            length += escapedAsciiLength(p[i]) - 1;
    const qsizetype at = out.size();
    out.resize(at + length);
    char* d = out.data() + at;
    *d++ = '"';
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned u = p[i];
        if (plainAscii(u))
            *d++ = char(u);
        else
            d = writeEscapedAscii(d, u);
    }
    *d = '"';
}

} // namespace ow
