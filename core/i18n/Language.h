#pragma once

#include <QString>

class QCoreApplication;

namespace ow {

// Loads the program's translation: Chinese unless `language` says otherwise
// ("en" or "zh_CN"; empty means the default, Chinese). Returns the language used.
QString installTranslation(QCoreApplication& app, const QString& language = {});

} // namespace ow
