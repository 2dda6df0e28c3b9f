#include "i18n/Language.h"

#include <QCoreApplication>
#include <QTranslator>

namespace ow {

namespace {

// lupdate files a string translated in a free helper (an anonymous
// namespace's tr()) under the enclosing namespace ("ow", "ow::admin"),
// while the program asks with the class-like context it passes
// ("ow::Checklist"). On a miss, the enclosing namespaces are asked in turn.
class NamespaceFallbackTranslator final : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override
    {
        QString found = QTranslator::translate(context, sourceText, disambiguation, n);
        if (!found.isNull() || !context)
            return found;
        QByteArray outer(context);
        for (qsizetype cut = outer.lastIndexOf("::"); cut > 0; cut = outer.lastIndexOf("::")) {
            outer.truncate(cut);
            found = QTranslator::translate(outer.constData(), sourceText, disambiguation, n);
            if (!found.isNull())
                return found;
        }
        return found;
    }
};

} // namespace

QString installTranslation(QCoreApplication& app, const QString& language)
{
    const QString lang = language.isEmpty() ? QStringLiteral("zh_CN") : language;
    auto* translator = new NamespaceFallbackTranslator(&app);
    if (translator->load(QStringLiteral(":/i18n/onewindow_") + lang + QStringLiteral(".qm")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
    return lang;
}

} // namespace ow
