#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace ow {

// Compact JSON text written straight into UTF-8, with exactly the bytes
// QJsonDocument::Compact gives for the same values: no spaces, strings
// escaped as Qt escapes them (", \ and the control characters; \b \f \n
// \r \t by name, the others as \u00xx; a lone surrogate as \uxxxx; every
// other character as its UTF-8), integers in decimal. A QJsonObject writes
// its keys in sorted order: the caller writes them in that order too.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 0);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // The next member's name (ASCII).
    void key(const char* name);

    void string(QStringView s);
    // A string given as UTF-8 text (valid UTF-8: what this writer or Qt wrote).
    void stringUtf8(QByteArrayView utf8);
    void integer(qint64 n);
    void boolean(bool b);
    void null();
    // A value already written as compact JSON text.
    void raw(QByteArrayView json);

    // Members: key and value.
    void field(const char* name, QStringView s)
    {
        key(name);
        string(s);
    }
    void field(const char* name, const QString& s)
    {
        key(name);
        string(s);
    }
    void field(const char* name, qint64 n)
    {
        key(name);
        integer(n);
    }
    void field(const char* name, int n)
    {
        key(name);
        integer(n);
    }
    void field(const char* name, bool b)
    {
        key(name);
        boolean(b);
    }

    const QByteArray& text() const { return m_out; }
    QByteArray take();

    // `s` as a JSON string (quotes included), appended to `out`.
    static void appendString(QByteArray& out, QStringView s);
    static void appendStringUtf8(QByteArray& out, QByteArrayView utf8);

private:
    void separate();

    QByteArray m_out;
    bool m_needComma = false;
};

} // namespace ow
