#pragma once

#include <QString>
#include <memory>
#include <vector>

class QCoreApplication;
class QTranslator;

namespace ow {

// Loads the program's translation: Chinese unless `language` says otherwise
// ("en" or "zh_CN"; empty means the default, Chinese), and with it Qt's own
// (buttons, standard dialogs, context menus) for any language but English.
// Returns the language used.
QString installTranslation(QCoreApplication& app, const QString& language = {});

// The translators installTranslation() installs for `language`, not
// installed: the program's catalogue first, then Qt's when the system has
// it. Empty when the program has no catalogue for that language.
std::vector<std::unique_ptr<QTranslator>> loadTranslations(const QString& language);

// The language installTranslation() loaded ("zh_CN", "en"); "en", the
// language of the source texts, before it ran or when loading failed.
QString currentLanguage();

} // namespace ow
