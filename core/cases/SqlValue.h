#pragma once

#include <QString>
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

} // namespace ow
