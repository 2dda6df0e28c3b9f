#pragma once

// What the parts of SyncEngine (SyncEngine.cpp, SyncUpload.cpp,
// SyncDownload.cpp) share. Not part of the interface.
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace ow::sync_detail {

inline QString tr(const char* s)
{
    return QCoreApplication::translate("ow::SyncEngine", s);
}

inline const QString kCase = QStringLiteral("case");
inline const QString kCaseStatus = QStringLiteral("case_status");

inline QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

} // namespace ow::sync_detail
