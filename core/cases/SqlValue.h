#pragma once

#include <QJsonArray>
#include <QJsonDocument>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace ow {

// A value to bind to a prepared query. A null QString binds as SQL NULL,
// which the NOT NULL text columns refuse: an absent text is stored as ''.
inline QVariant sqlValue(const QString& s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}
inline QVariant sqlValue(const QVariant& v)
{
    return v;
}
template <typename T> inline QVariant sqlValue(const T& v)
{
    return QVariant::fromValue(v);
}

// A list to bind as one JSON array, read in SQL with json_each(?): one
// statement for a whole set instead of one per value.
inline QVariant sqlJsonList(const QStringList& values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

} // namespace ow
