#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>

namespace ow {

// A canonical text of what a document prints: one "key=value" line per
// field, in a fixed order, values escaped. Its SHA-256 identifies a rendering
// in the print journal: the same data, kind and copy flag give the same hash.
class CanonicalText
{
public:
    void add(const char* key, const QString& value);
    void add(const char* key, qint64 value);
    void add(const char* key, bool value);
    void add(const char* key, const QDate& value);
    void add(const char* key, const QDateTime& value);

    const QString& text() const { return m_text; }
    QByteArray sha256() const;

private:
    QString m_text;
};

} // namespace ow
