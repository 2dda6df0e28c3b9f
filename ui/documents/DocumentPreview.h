#pragma once

#include "documents/CaseDocuments.h"
#include "documents/PrintJournal.h"

#include <QDialog>
#include <memory>
#include <optional>

class QLabel;
class QPrinter;
class QPrintPreviewWidget;

namespace ow::ui {

class DocumentPrinting;

// Shows a document the counter prints and lets the clerk print it. Pages
// hold a presenter instead of opening dialogs themselves, so a test can
// stand in for the clerk looking at the preview.
class DocumentPresenter
{
public:
    virtual ~DocumentPresenter() = default;
    virtual void present(const PreparedDocument& document, QWidget* parent) = 0;
};

// The preview of one document as it will come out of the printer: the
// pages at their paper size, zoomed to the width, with the copy mark when
// the journal already holds a print of it. Ctrl+P (or F5) prints on the
// printer remembered for the document's paper without asking, or asks
// which printer (and remembers it) when none is; Ctrl+Shift+P always asks;
// "Export PDF" writes a file. Every print and export goes through the print
// journal. Esc closes without printing. Not modal: the window behind stays
// usable.
class DocumentPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    DocumentPreviewDialog(PreparedDocument document, DocumentPrinting& printing,
                          QWidget* parent = nullptr);
    ~DocumentPreviewDialog() override;

    const Document& document() const { return *m_document.document; }
    const DocumentRef& ref() const { return m_document.ref; }
    // The printer the next print goes to (the remembered one, preselected).
    QPrinter* printer() const { return m_printer.get(); }
    QPrintPreviewWidget* previewWidget() const { return m_preview; }
    int pageCount() const;
    // 0: the preview shows the original; otherwise the copy it will print.
    int copyNumber() const { return m_copyNo; }
    QString statusText() const;
    // The last print or export recorded from this preview.
    const std::optional<JournalEntry>& lastPrint() const { return m_lastPrint; }

    // Prints on the remembered printer (or a PDF file the printer was set
    // to) and closes; asks for the printer when none is remembered.
    void print();
    // Asks which printer, remembers it for the document's paper, prints.
    void choosePrinterAndPrint();
    // Asks for a file name and exports the PDF.
    void exportPdf();

signals:
    // A print or export was recorded in the journal.
    void printed(int pages);

private:
    void paint(QPrinter* printer);
    void printNow();
    void showPrinter();
    bool printerReady() const;

    PreparedDocument m_document;
    DocumentPrinting& m_printing;
    std::unique_ptr<QPrinter> m_printer;
    QPrintPreviewWidget* m_preview;
    QLabel* m_copyLabel;
    QLabel* m_printerLabel;
    QLabel* m_status;
    int m_copyNo = 0;
    std::optional<JournalEntry> m_lastPrint;
};

// Opens a DocumentPreviewDialog for each document (deleted when closed).
class PreviewDialogPresenter final : public DocumentPresenter
{
public:
    explicit PreviewDialogPresenter(DocumentPrinting& printing);
    ~PreviewDialogPresenter() override;
    // Shows the preview at once, or, while another is open, when that one
    // closes: the documents of one decision come one after the other, each
    // with the keyboard, so that one key prints each.
    void present(const PreparedDocument& document, QWidget* parent) override;

private:
    struct Queue;
    std::shared_ptr<Queue> m_queue;
};

} // namespace ow::ui
