// The case's electronic file (电子档案): one PDF/A-1b, a cover and every
// page in checklist order, recorded in the print journal.
#include "PagesTestSupport.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

QString tool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    REQUIRE(p.waitForFinished(60000));
    INFO(QString::fromUtf8(p.readAllStandardError()).toStdString());
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

TEST_CASE("archive: the electronic file is a PDF/A-1b with its cover and every page",
          "[pages][archive][cli]")
{
    PagesCli cli;
    const QString number = cli.accept();
    QTemporaryDir tmp;
    // Pages for two materials, the second given first: the file keeps checklist order.
    const QString idFront =
        writeImageFile(tmp.filePath(QStringLiteral("front.jpg")), pageFrame(60, 1000, 630), "JPEG");
    const QString idBack =
        writeImageFile(tmp.filePath(QStringLiteral("back.jpg")), pageFrame(61, 1000, 630), "JPEG");
    const QString contract =
        writeImageFile(tmp.filePath(QStringLiteral("contract.png")),
                       pageFrame(62, 800, 1100, false).convertToFormat(QImage::Format_Mono), "PNG");
    auto r = cli.run({QStringLiteral("pages"), QStringLiteral("add"), number,
                      QStringLiteral("land-contract"), contract});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    r = cli.run({QStringLiteral("pages"), QStringLiteral("add"), number, QStringLiteral("id-card"),
                 idFront, idBack});
    REQUIRE(r.exitCode == 0);
    r = cli.run({QStringLiteral("pages"), QStringLiteral("list"), number});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.count(QLatin1Char('\n')) == 3);

    const QString pdf = tmp.filePath(QStringLiteral("档案.pdf"));
    r = cli.run({QStringLiteral("print"), QStringLiteral("archive"), number,
                 QStringLiteral("--pdf"), pdf, QStringLiteral("--clerk"), QStringLiteral("张敏")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    REQUIRE(QFileInfo::exists(pdf));

    const QString info = tool(QStringLiteral("pdfinfo"), {pdf});
    INFO(info.toStdString());
    CHECK(info.contains(QRegularExpression(QStringLiteral("PDF version:\\s+1.4"))));
    // PDF/A-1b, as its XMP metadata says (this pdfinfo prints no subtype line).
    const QString meta = tool(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), pdf});
    CHECK(meta.contains(QLatin1String("pdfaid:part=\"1\"")));
    CHECK(meta.contains(QLatin1String("pdfaid:conformance=\"B\"")));
    const auto pagesLine = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    REQUIRE(pagesLine.hasMatch());
    const int sheets = pagesLine.captured(1).toInt();
    CHECK(sheets >= 4); // the cover, then three pages

    // The pages are in it: the two JPEGs as they are stored (DCT), the PNG as one bit.
    const QString images = tool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    INFO(images.toStdString());
    QStringList imageLines;
    for (const QString& line : images.split(QLatin1Char('\n')))
        if (line.contains(QLatin1String(" image ")))
            imageLines << line.simplified();
    REQUIRE(imageLines.size() == 3);
    // Checklist order: the ID card (before the land contract in the checklist) first.
    CHECK(imageLines[0].contains(QLatin1String(" 1000 630 rgb 3 8 jpeg")));
    CHECK(imageLines[1].contains(QLatin1String(" 1000 630 rgb 3 8 jpeg")));
    CHECK(imageLines[2].contains(QLatin1String(" 800 1100 ")));
    CHECK(imageLines[2].contains(QLatin1String(" 1 ")));

    // The cover says the case and the pages per material.
    const QString text =
        tool(QStringLiteral("pdftotext"),
             {QStringLiteral("-l"), QStringLiteral("1"), pdf, QStringLiteral("-")});
    CHECK(text.contains(number));
    CHECK(text.contains(QStringLiteral("王建华")));
    CHECK(text.contains(QStringLiteral("320581********1239")));
    CHECK_FALSE(text.contains(QStringLiteral("320581196503151239")));

    // Recorded in the print journal.
    r = cli.run({QStringLiteral("print"), QStringLiteral("journal"), number});
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.contains(QLatin1String("case-archive")));
    // The second export is a copy.
    r = cli.run({QStringLiteral("print"), QStringLiteral("archive"), number,
                 QStringLiteral("--pdf"), tmp.filePath(QStringLiteral("again.pdf"))});
    REQUIRE(r.exitCode == 0);
    CHECK(r.err.contains(QLatin1String("copy 1")));
}
