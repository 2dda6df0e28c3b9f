// The program speaks Chinese by default and English completely: every
// string the sources hand to tr() today has a finished translation in both
// catalogues. lupdate is run on the sources into copies of the .ts files, so
// a string added without its translation fails here, not at the counter.
#include "TestSupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
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
