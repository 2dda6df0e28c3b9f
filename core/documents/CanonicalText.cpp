#include "documents/CanonicalText.h"

#include <QCryptographicHash>

namespace ow {

void CanonicalText::add(const char* key, const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    v.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    m_text += QLatin1String(key) + QLatin1Char('=') + v + QLatin1Char('\n');
}

void CanonicalText::add(const char* key, qint64 value)
{
    add(key, QString::number(value));
}

void CanonicalText::add(const char* key, bool value)
{
    add(key, value ? QStringLiteral("1") : QStringLiteral("0"));
}

void CanonicalText::add(const char* key, const QDate& value)
{
    add(key, value.toString(Qt::ISODate));
}

void CanonicalText::add(const char* key, const QDateTime& value)
{
    add(key, value.toString(Qt::ISODate));
}

QByteArray CanonicalText::sha256() const
{
    return QCryptographicHash::hash(m_text.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace ow
