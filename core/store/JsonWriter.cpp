#include "store/JsonWriter.h"

#include <charconv>
#include <utility>

namespace ow {

namespace {

inline char hexDigit(unsigned u)
{
    return char(u < 10 ? '0' + u : 'a' + (u - 10));
}

// An ASCII character, escaped when JSON needs it. Returns false for the
// characters copied as they are.
inline bool appendEscapedAscii(QByteArray& out, unsigned u)
{
    if (u >= 0x20 && u != '"' && u != '\\')
        return false;
    char buf[6] = {'\\', 0, 0, 0, 0, 0};
    int n = 2;
    switch (u) {
    case '"':
        buf[1] = '"';
        break;
    case '\\':
        buf[1] = '\\';
        break;
    case 0x8:
        buf[1] = 'b';
        break;
    case 0xc:
        buf[1] = 'f';
        break;
    case 0xa:
        buf[1] = 'n';
        break;
    case 0xd:
        buf[1] = 'r';
        break;
    case 0x9:
        buf[1] = 't';
        break;
    default:
        buf[1] = 'u';
        buf[2] = '0';
        buf[3] = '0';
        buf[4] = hexDigit(u >> 4);
        buf[5] = hexDigit(u & 0xf);
        n = 6;
    }
    out.append(buf, n);
    return true;
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
    out.append('"');
    const char16_t* p = s.utf16();
    const char16_t* const end = p + s.size();
    // Runs of characters copied as they are are appended at once.
    char buf[64];
    int n = 0;
    auto flush = [&] {
        out.append(buf, n);
        n = 0;
    };
    while (p != end) {
        if (n > int(sizeof buf) - 4)
            flush();
        const char16_t u = *p++;
        if (u < 0x80) {
            if (u >= 0x20 && u != '"' && u != '\\') {
                buf[n++] = char(u);
                continue;
            }
            flush();
            appendEscapedAscii(out, u);
        } else if (u < 0x800) {
            buf[n++] = char(0xc0 | (u >> 6));
            buf[n++] = char(0x80 | (u & 0x3f));
        } else if (u < 0xd800 || u > 0xdfff) {
            buf[n++] = char(0xe0 | (u >> 12));
            buf[n++] = char(0x80 | ((u >> 6) & 0x3f));
            buf[n++] = char(0x80 | (u & 0x3f));
        } else if (u < 0xdc00 && p != end && *p >= 0xdc00 && *p <= 0xdfff) {
            const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*p++) - 0xdc00);
            buf[n++] = char(0xf0 | (c >> 18));
            buf[n++] = char(0x80 | ((c >> 12) & 0x3f));
            buf[n++] = char(0x80 | ((c >> 6) & 0x3f));
            buf[n++] = char(0x80 | (c & 0x3f));
        } else {
            // A lone surrogate has no UTF-8: Qt writes it as an escape.
            flush();
            const char esc[6] = {'\\',
                                 'u',
                                 hexDigit((u >> 12) & 0xf),
                                 hexDigit((u >> 8) & 0xf),
                                 hexDigit((u >> 4) & 0xf),
                                 hexDigit(u & 0xf)};
            out.append(esc, 6);
        }
    }
    flush();
    out.append('"');
}

void JsonWriter::appendStringUtf8(QByteArray& out, QByteArrayView utf8)
{
    out.append('"');
    const char* p = utf8.data();
    const char* const end = p + utf8.size();
    const char* run = p; // the start of the bytes copied as they are
    for (; p != end; ++p) {
        const auto u = static_cast<unsigned char>(*p);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(run, p - run);
        appendEscapedAscii(out, u);
        run = p + 1;
    }
    out.append(run, p - run);
    out.append('"');
}

} // namespace ow
