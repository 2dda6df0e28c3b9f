#include "i18n/Language.h"

#include <QCoreApplication>
#include <QTranslator>

namespace ow {

QString installTranslation(QCoreApplication& app, const QString& language)
{
    const QString lang = language.isEmpty() ? QStringLiteral("zh_CN") : language;
    auto* translator = new QTranslator(&app);
    if (translator->load(QStringLiteral(":/i18n/onewindow_") + lang + QStringLiteral(".qm")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
    return lang;
}

} // namespace ow
