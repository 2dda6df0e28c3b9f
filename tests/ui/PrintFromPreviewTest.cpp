// Printing from the workbench's preview: every print and export goes
// through the print journal (kind, case, clerk, the check code on the
// paper), a reprint is previewed and printed as a copy, and the printer
// remembered for each paper is preselected and used without a dialog.
#include "IntakeCounter.h"
#include "PrivateCups.h"
#include "documents/PrintJournal.h"

#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

using namespace ow::uitest;
using namespace ow::printtest;

namespace {

// Scenario 3 (accepted, mailed by EMS) decided at the counter: its case number.
QString takeScenario3(Counter& c)
{
    auto request =
        IntakeRequest::fromJson(scenario(QStringLiteral("scenario-3-drainage-permit-ems.json")));
    REQUIRE(request);
    IntakeService service(*c.store.db, c.catalogue, WorkCalendar::builtIn(),
                          request->context(c.context));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return decided->caseNumber;
}

// Prints the preview to `pdf` with Ctrl+P, as the clerk does once a
// printer is set; a modal dialog showing up instead fails the test.
void printWithCtrlP(DocumentPreviewDialog& preview)
{
    bool asked = false;
    QTimer guard;
    QObject::connect(&guard, &QTimer::timeout, [&] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            asked = true;
            modal->close();
        }
    });
    guard.start(50);
    preview.activateWindow();
    // The preview itself, not only its main window, has the keyboard.
    REQUIRE(QTest::qWaitFor([&] { return QApplication::activeWindow() == &preview; }));
    QTest::keyClick(&preview, Qt::Key_P, Qt::ControlModifier);
    CHECK_FALSE(asked);
}

} // namespace

TEST_CASE("printing from the preview writes the journal, and the second print is a copy")
{
    Counter c;
    const QString number = takeScenario3(c);
    DocumentPrinting& printing = c.window->printing();
    auto receipt = printing.documents().forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt);

    // The first print: the original.
    const QString first = c.store.dir.filePath(QStringLiteral("first.pdf"));
    {
        DocumentPreviewDialog preview(*receipt, printing, c.window.get());
        preview.show();
        REQUIRE(QTest::qWaitForWindowExposed(&preview));
        CHECK(preview.copyNumber() == 0);
        CHECK_FALSE(preview.findChild<QLabel*>(QStringLiteral("previewCopy"))->isVisible());
        preview.printer()->setOutputFormat(QPrinter::PdfFormat);
        preview.printer()->setOutputFileName(first);
        printWithCtrlP(preview);
        REQUIRE(preview.lastPrint().has_value());
        CHECK_FALSE(preview.isVisible());
    }
    auto entries = printing.journal().entriesOf(number);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    const JournalEntry original = entries->at(0);
    CHECK(original.kind == DocumentKind::AcceptanceReceipt);
    CHECK(original.caseNumber == number);
    CHECK(original.place.clerk == QStringLiteral("周文"));
    CHECK(original.place.window == QStringLiteral("C02"));
    CHECK(original.place.siteCode == QStringLiteral("320581001"));
    CHECK(original.copyNo == 0);
    CHECK(original.toFile);
    CHECK(original.target == first);
    const QString firstText = pdfText(first);
    CHECK(firstText.contains(original.checkCode()));
    CHECK(firstText.contains(number));
    CHECK_FALSE(squeezed(firstText).contains(squeezed(Document::copyMark())));

    // The reprint: previewed with the copy mark, recorded and printed as copy 1.
    const QString second = c.store.dir.filePath(QStringLiteral("second.pdf"));
    {
        DocumentPreviewDialog preview(*receipt, printing, c.window.get());
        preview.show();
        REQUIRE(QTest::qWaitForWindowExposed(&preview));
        CHECK(preview.copyNumber() == 1);
        auto* mark = preview.findChild<QLabel*>(QStringLiteral("previewCopy"));
        CHECK(mark->isVisible());
        CHECK(mark->text().contains(QStringLiteral("副本")));
        preview.printer()->setOutputFileName(second);
        printWithCtrlP(preview);
        REQUIRE(preview.lastPrint().has_value());
        CHECK(preview.lastPrint()->copyNo == 1);
    }
    entries = printing.journal().entriesOf(number);
    REQUIRE(entries);
    REQUIRE(entries->size() == 2);
    const JournalEntry copy = entries->at(1);
    CHECK(copy.isCopy());
    CHECK(copy.copyNo == 1);
    CHECK(copy.checkCode() != original.checkCode());
    const QString secondText = pdfText(second);
    CHECK(secondText.contains(copy.checkCode()));
    CHECK(squeezed(secondText).contains(squeezed(Document::copyMark())));
    // The paper is what the journal can verify.
    auto checks = printing.journal().verify(copy.checkCode(), printing.documents());
    REQUIRE(checks);
    REQUIRE(checks->size() == 1);
    CHECK(checks->at(0).matches);
}

TEST_CASE("the decision's receipt is built from the stored case and printed through the journal")
{
    Counter c;
    c.controller()->setPresenter(nullptr); // the program's own preview dialog
    c.newApplicantLi();
    c.addDrainage();
    Counter::key(Qt::Key_F10);
    Counter::commit(QStringLiteral("申请人排放的是居民生活污水，无需申领排水许可证"));
    Counter::key(Qt::Key_Return);
    Counter::commit(QStringLiteral("《城镇污水排入排水管网许可管理办法》第二条"));
    Counter::key(Qt::Key_Return);
    Counter::key(Qt::Key_Return);
    REQUIRE(c.controller()->decision().has_value());
    const QString notice = c.controller()->decision()->noticeNumber;

    DocumentPreviewDialog* preview = nullptr;
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<DocumentPreviewDialog*>(w); d && d->isVisible())
            preview = d;
    REQUIRE(preview);
    CHECK(preview->ref().kind == DocumentKind::NonAcceptanceNotice);
    CHECK(preview->ref().subject == notice);
    // The preview has the keyboard once the decision's key is handled.
    REQUIRE(QTest::qWaitFor([&] { return QApplication::activeWindow() == preview; }));
    const QString pdf = c.store.dir.filePath(QStringLiteral("refusal.pdf"));
    preview->printer()->setOutputFileName(pdf);
    printWithCtrlP(*preview);
    INFO(preview->statusText().toStdString());
    auto entries = c.window->printing().journal().entriesOf(notice);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    CHECK(entries->at(0).kind == DocumentKind::NonAcceptanceNotice);
    CHECK(entries->at(0).place.clerk == QStringLiteral("周文"));
    CHECK(pdfText(pdf).contains(entries->at(0).checkCode()));
}

TEST_CASE("the printer remembered for each paper is preselected and prints without a dialog",
          "[print][cups]")
{
    for (const QString& needed : {kCupsd, kBackend, kPpd}) {
        INFO("missing " << needed.toStdString() << ": run packaging/install-deps.sh");
        REQUIRE(QFile::exists(needed));
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr,
                     "SKIPPED: the private cupsd with its cups-pdf queue runs as root only; "
                     "this test runs as uid %d.\n",
                     int(::geteuid()));
        std::exit(77); // CTest: SKIP_RETURN_CODE
    }
    PrivateCups cups;
    // The process's CUPS client talks to the private server only.
    qputenv("CUPS_SERVER", cups.server.toUtf8());

    Counter c;
    const QString number = takeScenario3(c);
    DocumentPrinting& printing = c.window->printing();
    // A4 documents on the private queue; labels on a printer not here today.
    const QString labelPrinter = QStringLiteral("zebra-label-absent");
    printing.rememberPrinter(DocumentKind::OneTimeNotice, cups.queue);
    printing.rememberPrinter(DocumentKind::MailingSlip, labelPrinter);
    CHECK(QSettings().value(QStringLiteral("printers/a4")).toString() == cups.queue);
    CHECK(QSettings().value(QStringLiteral("printers/label")).toString() == labelPrinter);
    CHECK(printing.rememberedPrinter(DocumentKind::AcceptanceReceipt) == cups.queue);
    CHECK(printing.rememberedPrinter(DocumentKind::MailingSlip) == labelPrinter);

    auto receipt = printing.documents().forCase(DocumentKind::AcceptanceReceipt, number);
    REQUIRE(receipt);
    {
        DocumentPreviewDialog preview(*receipt, printing, c.window.get());
        preview.show();
        REQUIRE(QTest::qWaitForWindowExposed(&preview));
        CHECK(preview.printer()->printerName() == cups.queue);
        CHECK(preview.printer()->outputFormat() == QPrinter::NativeFormat);
        CHECK(preview.findChild<QLabel*>(QStringLiteral("previewPrinter"))
                  ->text()
                  .contains(cups.queue));
        printWithCtrlP(preview);
        REQUIRE(preview.lastPrint().has_value());
    }
    auto entries = printing.journal().entriesOf(number);
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    CHECK_FALSE(entries->at(0).toFile);
    CHECK(entries->at(0).target == cups.queue);
    CHECK(entries->at(0).place.clerk == QStringLiteral("周文"));
    // The job reached the queue.
    const bool queued = waitFor(
        [&] {
            return cups
                .lp(QStringLiteral("lpstat"),
                    {QStringLiteral("-W"), QStringLiteral("all"), QStringLiteral("-o"), cups.queue})
                .out.contains(cups.queue + QStringLiteral("-1"));
        },
        30000);
    INFO(cups.log().toStdString());
    CHECK(queued);

    // The slip's label printer is not on this machine: the preview does not
    // send the label to the A4 queue, it says no printer is chosen yet.
    auto slip = printing.documents().forCase(DocumentKind::MailingSlip, number, kWaybill);
    REQUIRE(slip);
    DocumentPreviewDialog slipPreview(*slip, printing, c.window.get());
    CHECK(slipPreview.findChild<QLabel*>(QStringLiteral("previewPrinter"))
              ->text()
              .contains(QStringLiteral("尚未")));
}
