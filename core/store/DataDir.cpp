#include "store/DataDir.h"

#include <QDir>
#include <QStandardPaths>

namespace ow {

QString dataDir(const QString& override)
{
    if (!override.isEmpty())
        return QDir(override).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString storeFile(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("onewindow.sqlite"));
}

} // namespace ow
