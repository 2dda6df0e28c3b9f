#pragma once

#include <QString>

class QCoreApplication;

namespace ow {

// Loads the program's translation: Chinese unless `language` says otherwise
// ("en" or "zh_CN"; empty means the default, Chinese). Returns the language used.
QString installTranslation(QCoreApplication& app, const QString& language = {});

// The language installTranslation() loaded ("zh_CN", "en"); "en", the
// language of the source texts, before it ran or when loading failed.
QString currentLanguage();

} // namespace ow
