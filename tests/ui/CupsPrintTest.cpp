// One receipt printed through a real CUPS queue: the test starts its own
// cupsd on a free local port with a configuration in a temporary folder,
// adds a cups-pdf queue, prints through QPrinter and reads the PDF that
// comes out. cups-pdf writes files only as root; run unprivileged the test
// reports itself skipped (exit code 77), never passed.
#include "../core/IntakeFixture.h"
#include "PrivateCups.h"
#include "documents/CaseDocuments.h"
#include "documents/PrintJournal.h"
#include "intake/IntakeRequest.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPrinter>
#include <QProcess>
#include <QThread>
#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace ow;
using namespace ow::doctest;

using namespace ow::printtest;

namespace {

QString takeScenario3(test::IntakeFixture& fx)
{
    QFile f(test::sourcePath(
        QStringLiteral("resources/examples/intake/scenario-3-drainage-permit-ems.json")));
    REQUIRE(f.open(QIODevice::ReadOnly));
    auto request = IntakeRequest::fromJson(QJsonDocument::fromJson(f.readAll()).object());
    REQUIRE(request.ok());
    IntakeService service(*fx.store.db, *fx.catalogue, WorkCalendar::builtIn(),
                          request->context(fx.context(QStringLiteral("320581001"), Level::City)));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return decided->caseNumber;
}

} // namespace

TEST_CASE("CUPS: a receipt printed through a real cups-pdf queue comes out whole", "[print][cups]")
{
    for (const QString& needed : {kCupsd, kBackend, kPpd}) {
        INFO("missing " << needed.toStdString() << ": run packaging/install-deps.sh");
        REQUIRE(QFile::exists(needed));
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr,
                     "SKIPPED: the cups-pdf backend writes files only when cupsd runs "
                     "as root; this test runs as uid %d.\n",
                     int(::geteuid()));
        std::exit(77); // CTest: SKIP_RETURN_CODE
    }
    PrivateCups cups;
    // The process's CUPS client talks to the private server only.
    qputenv("CUPS_SERVER", cups.server.toUtf8());

    test::IntakeFixture fx;
    const QString number = takeScenario3(fx);
    auto receipt = CaseDocuments(*fx.store.db).forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt.ok());

    QPrinter printer(QPrinter::HighResolution);
    printer.setPrinterName(cups.queue);
    REQUIRE(printer.isValid());
    REQUIRE(printer.outputFormat() == QPrinter::NativeFormat);
    printer.setDocName(QStringLiteral("receipt-") + number);
    const Place clerk{QStringLiteral("320581001"), QStringLiteral("C02"), QStringLiteral("周文")};
    auto printed = PrintJournal(*fx.store.db)
                       .print(*receipt->document, receipt->ref, printer, cups.queue, clerk);
    REQUIRE(printed.ok());
    CHECK_FALSE(printed->toFile);
    CHECK(printed->target == cups.queue);
    CHECK(printed->copyNo == 0);

    const bool came = waitFor([&] { return !cups.pdfs().isEmpty(); }, 90000);
    INFO(cups.log().toStdString());
    REQUIRE(came);
    // cups-pdf renames the file into place when it is complete.
    const QString pdf = QDir(cups.out).filePath(cups.pdfs().first());
    REQUIRE(waitFor([&] { return pdfInfo(pdf, QStringLiteral("Pages")) == u"1"; }, 30000));
    CHECK(pdfInfo(pdf, QStringLiteral("Page size")).startsWith(QStringLiteral("595")));
    // cups-pdf has Ghostscript rebuild the PDF from PostScript, which keeps
    // no text layer: what came out is read from the page, as a scanner would.
    const QStringList codes = barcodes(pdf);
    CHECK(codes.contains(QStringLiteral("QR-Code:") + number));
    CHECK(codes.contains(QStringLiteral("CODE-128:") + number));
    const auto jobs =
        cups.lp(QStringLiteral("lpstat"), {QStringLiteral("-W"), QStringLiteral("completed"),
                                           QStringLiteral("-o"), cups.queue});
    CHECK(jobs.out.contains(cups.queue + QStringLiteral("-1")));
}
