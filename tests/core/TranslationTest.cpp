// The program speaks Chinese by default and English completely: every
// string the sources hand to tr() today has a finished translation in both
// catalogues. lupdate is run on the sources into copies of the .ts files, so
// a string added without its translation fails here, not at the counter.
#include "TestSupport.h"
#include "i18n/Language.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QProcess>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Unfinished
{
    int messages = 0;
    QStringList missing; // "context: source"
};

Unfinished scan(const QString& tsFile)
{
    Unfinished out;
    QFile f(tsFile);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QString context, source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++out.messages;
            const bool unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const bool vanished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("vanished");
            const QString text =
                xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
            if (!vanished && (unfinished || text.isEmpty()))
                out.missing << context + QStringLiteral(": ") + source;
        }
    }
    INFO(tsFile.toStdString() << ": " << xml.errorString().toStdString());
    REQUIRE_FALSE(xml.hasError());
    return out;
}

} // namespace

TEST_CASE("Translations: every string of the sources is translated, Chinese and English")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    QStringList ts;
    for (const char* lang : {"zh_CN", "en"}) {
        const QString name = QStringLiteral("onewindow_%1.ts").arg(QLatin1String(lang));
        const QString copy = dir.filePath(name);
        REQUIRE(QFile::copy(ow::test::sourcePath(QStringLiteral("resources/translations/") + name),
                            copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        ts << copy;
    }
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                     QStringLiteral("none"), QStringLiteral("-extensions"),
                     QStringLiteral("cpp,h")};
    for (const char* folder : {"core", "ui", "app"})
        args << ow::test::sourcePath(QLatin1String(folder));
    args << QStringLiteral("-ts") << ts;
    lupdate.start(QStringLiteral(OW_LUPDATE_EXE), args);
    REQUIRE(lupdate.waitForFinished(120000));
    INFO(lupdate.readAll().toStdString());
    REQUIRE(lupdate.exitCode() == 0);

    for (const QString& file : ts) {
        const Unfinished u = scan(file);
        INFO(file.toStdString() << ": " << u.missing.size() << " of " << u.messages
                                << " untranslated:\n"
                                << u.missing.mid(0, 40).join(QLatin1Char('\n')).toStdString());
        CHECK(u.messages > 500);
        CHECK(u.missing.isEmpty());
    }
}

TEST_CASE("Translations: what to bring on a one-time notice reads in Chinese at run time")
{
    // The words come from Checklist.cpp's helpers, asked as "ow::Checklist".
    CHECK(QCoreApplication::translate("ow::Checklist", "original and copy") ==
          QStringLiteral("原件及复印件"));
    CHECK(QCoreApplication::translate("ow::Checklist", "%1: %2, %3 copies") ==
          QStringLiteral("%1：%2，%3份"));
    CHECK(QCoreApplication::translate("ow::ui::FormView", "Yes") == QStringLiteral("是"));
}

// A file that gives its strings to tr() through a helper of its own,
// QCoreApplication::translate("ow::X", s), finds their translations only if
// lupdate filed them under that same context. lupdate files a call by where
// it stands (the namespace of a free function, the class of a member), so a
// call from elsewhere in the file would print in English in the Chinese
// program. Every message lupdate finds in such a file must be in its context.
TEST_CASE("Translations: strings are filed under the context the code asks for")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString ts = dir.filePath(QStringLiteral("located.ts"));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    QStringList args{QStringLiteral("-locations"), QStringLiteral("absolute"),
                     QStringLiteral("-extensions"), QStringLiteral("cpp,h")};
    for (const char* folder : {"core", "ui", "app"})
        args << ow::test::sourcePath(QLatin1String(folder));
    args << QStringLiteral("-ts") << ts;
    lupdate.start(QStringLiteral(OW_LUPDATE_EXE), args);
    REQUIRE(lupdate.waitForFinished(120000));
    REQUIRE(lupdate.exitCode() == 0);

    // file -> the contexts lupdate filed its messages under
    QHash<QString, QSet<QString>> contexts;
    QFile f(ts);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("location"))
            contexts[QFileInfo(QDir(dir.path()).absoluteFilePath(
                                   xml.attributes().value(QLatin1String("filename")).toString()))
                         .canonicalFilePath()]
                .insert(context);
    }
    REQUIRE_FALSE(xml.hasError());
    REQUIRE(contexts.size() > 20);

    const QRegularExpression helper(QStringLiteral(
        R"re(QString\s+tr\s*\([^)]*\)\s*\{\s*return\s+QCoreApplication::translate\("([^"]+)")re"));
    int helpers = 0;
    for (auto it = contexts.cbegin(); it != contexts.cend(); ++it) {
        QFile source(it.key());
        REQUIRE(source.open(QIODevice::ReadOnly));
        const auto m = helper.match(QString::fromUtf8(source.readAll()));
        if (!m.hasMatch())
            continue;
        ++helpers;
        QStringList others = QStringList(it.value().cbegin(), it.value().cend());
        others.removeAll(m.captured(1));
        others.sort();
        INFO(it.key().toStdString() << " asks for " << m.captured(1).toStdString()
                                    << "; lupdate also files strings under "
                                    << others.join(QStringLiteral(", ")).toStdString());
        CHECK(others.isEmpty());
    }
    CHECK(helpers > 5);
}

// Qt's own words (the buttons of every dialog box, the print and file
// dialogs, the context menu of a text field) come from Qt's catalogue,
// loaded beside the program's; English keeps Qt's English.
TEST_CASE("Translations: Qt's own buttons and menus speak the program's language")
{
    // The test program runs in Chinese, as installTranslation() sets it up.
    CHECK(QCoreApplication::translate("QPlatformTheme", "Cancel") == QStringLiteral("取消"));
    CHECK(QCoreApplication::translate("QPlatformTheme", "OK") == QStringLiteral("确定"));
    CHECK(QCoreApplication::translate("QWidgetTextControl", "&Copy") ==
          QStringLiteral("复制(&C)"));

    const auto zh = ow::loadTranslations(QStringLiteral("zh_CN"));
    REQUIRE(zh.size() == 2); // the program's and Qt's
    CHECK(zh[1]->translate("QPrintDialog", "Print") == QStringLiteral("打印"));

    const auto en = ow::loadTranslations(QStringLiteral("en"));
    REQUIRE(en.size() == 1); // the program's alone: Qt speaks English itself
    CHECK(en[0]->translate("QPlatformTheme", "Cancel").isEmpty());
    CHECK(en[0]->language() == QStringLiteral("en"));
}
