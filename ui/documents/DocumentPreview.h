#pragma once

#include <QDialog>
#include <memory>

class QLabel;
class QPrinter;
class QPrintPreviewWidget;

namespace ow {
class Document;
}

namespace ow::ui {

// Shows a document the counter prints and lets the clerk print it. Pages
// hold a presenter instead of opening dialogs themselves, so a test can
// stand in for the clerk looking at the preview.
class DocumentPresenter
{
public:
    virtual ~DocumentPresenter() = default;
    virtual void present(std::shared_ptr<const Document> document, QWidget* parent) = 0;
};

// The preview of one document as it will come out of the printer: the
// pages at the printer's paper size, zoomed to the width; Ctrl+P (or F5)
// prints on the default printer and closes, Esc closes without printing.
// Not modal: the window behind stays usable.
class DocumentPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DocumentPreviewDialog(std::shared_ptr<const Document> document,
                                   QWidget* parent = nullptr);
    ~DocumentPreviewDialog() override;

    const Document& document() const { return *m_document; }
    QPrinter* printer() const { return m_printer.get(); }
    QPrintPreviewWidget* previewWidget() const { return m_preview; }
    int pageCount() const;

    // Prints on `printer()` and closes. The pages count what was rendered.
    void print();

signals:
    void printed(int pages);

private:
    void paint(QPrinter* printer);

    std::shared_ptr<const Document> m_document;
    std::unique_ptr<QPrinter> m_printer;
    QPrintPreviewWidget* m_preview;
    QLabel* m_status;
    int m_lastPages = 0;
};

// Opens a DocumentPreviewDialog for each document (deleted when closed).
class PreviewDialogPresenter final : public DocumentPresenter
{
public:
    void present(std::shared_ptr<const Document> document, QWidget* parent) override;
};

} // namespace ow::ui
