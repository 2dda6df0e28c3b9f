#include "i18n/Language.h"

#include <QCoreApplication>
#include <QTranslator>

namespace ow {

namespace {
QString& installed()
{
    static QString language = QStringLiteral("en");
    return language;
}
} // namespace

QString currentLanguage()
{
    return installed();
}

QString installTranslation(QCoreApplication& app, const QString& language)
{
    const QString lang = language.isEmpty() ? QStringLiteral("zh_CN") : language;
    auto* translator = new QTranslator(&app);
    if (translator->load(QStringLiteral(":/i18n/onewindow_") + lang + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(translator);
        installed() = lang;
    } else
        delete translator;
    return lang;
}

} // namespace ow
