#include "i18n/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
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

std::vector<std::unique_ptr<QTranslator>> loadTranslations(const QString& language)
{
    std::vector<std::unique_ptr<QTranslator>> out;
    auto program = std::make_unique<QTranslator>();
    if (!program->load(QStringLiteral(":/i18n/onewindow_") + language + QStringLiteral(".qm")))
        return out;
    out.push_back(std::move(program));
    // Qt's own words (OK, Cancel, the print and file dialogs, context
    // menus) are English in the source; any other language takes Qt's
    // catalogue from the system (Debian: qt6-translations-l10n).
    if (language != QLatin1String("en")) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(QStringLiteral("qtbase_") + language,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            out.push_back(std::move(qt));
    }
    return out;
}

QString installTranslation(QCoreApplication& app, const QString& language)
{
    const QString lang = language.isEmpty() ? QStringLiteral("zh_CN") : language;
    auto translators = loadTranslations(lang);
    if (translators.empty())
        return lang;
    for (auto& translator : translators) {
        translator->setParent(&app);
        QCoreApplication::installTranslator(translator.release());
    }
    installed() = lang;
    return lang;
}

} // namespace ow
