#include "DocumentPreview.h"

#include "DocumentPrinting.h"
#include "documents/Document.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPageLayout>
#include <QPageSize>
#include <QPointer>
#include <QPrintDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace ow::ui {

DocumentPreviewDialog::DocumentPreviewDialog(PreparedDocument document, DocumentPrinting& printing,
                                             QWidget* parent)
    : QDialog(parent), m_document(std::move(document)), m_printing(printing),
      m_printer(std::make_unique<QPrinter>(QPrinter::HighResolution)), m_preview(nullptr),
      m_copyLabel(new QLabel(this)), m_printerLabel(new QLabel(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("documentPreview"));
    setWindowTitle(tr("Print preview: %1").arg(displayName(m_document.ref.kind)));
    setModal(false);
    m_printer->setPageSize(QPageSize(QPageSize::A4));
    m_printer->setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    m_printer->setFullPage(true);
    m_printer->setDocName(m_document.ref.subject);
    // The printer remembered for this paper, when it is still there.
    const QString remembered = m_printing.rememberedPrinter(m_document.ref.kind);
    if (!remembered.isEmpty() && !QPrinterInfo::printerInfo(remembered).isNull())
        m_printer->setPrinterName(remembered);

    if (auto next = m_printing.nextCopyNumber(m_document.ref); next)
        m_copyNo = *next;
    m_copyLabel->setObjectName(QStringLiteral("previewCopy"));
    m_copyLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_copyLabel->setText(
        m_copyNo > 0 ? tr("Copy %1: printed before, every page is marked as a copy.").arg(m_copyNo)
                     : QString());
    m_copyLabel->setVisible(m_copyNo > 0);

    m_preview = new QPrintPreviewWidget(m_printer.get(), this);
    m_preview->setObjectName(QStringLiteral("previewPages"));
    m_preview->setZoomMode(QPrintPreviewWidget::FitToWidth);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, &DocumentPreviewDialog::paint);

    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_printerLabel->setObjectName(QStringLiteral("previewPrinter"));

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* printButton =
        buttons->addButton(tr("Print (Ctrl+P)"), QDialogButtonBox::AcceptRole);
    printButton->setObjectName(QStringLiteral("previewPrint"));
    printButton->setDefault(true);
    QPushButton* chooseButton =
        buttons->addButton(tr("Printer... (Ctrl+Shift+P)"), QDialogButtonBox::ActionRole);
    chooseButton->setObjectName(QStringLiteral("previewChoosePrinter"));
    QPushButton* pdfButton = buttons->addButton(tr("Export PDF..."), QDialogButtonBox::ActionRole);
    pdfButton->setObjectName(QStringLiteral("previewExportPdf"));
    QPushButton* closeButton = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    closeButton->setObjectName(QStringLiteral("previewClose"));
    connect(printButton, &QPushButton::clicked, this, &DocumentPreviewDialog::print);
    connect(chooseButton, &QPushButton::clicked, this,
            &DocumentPreviewDialog::choosePrinterAndPrint);
    connect(pdfButton, &QPushButton::clicked, this, &DocumentPreviewDialog::exportPdf);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    for (const QKeySequence& key : {QKeySequence(QKeySequence::Print), QKeySequence(Qt::Key_F5)}) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &DocumentPreviewDialog::print);
    }
    auto* choose = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), this);
    connect(choose, &QShortcut::activated, this, &DocumentPreviewDialog::choosePrinterAndPrint);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_copyLabel);
    layout->addWidget(m_preview, 1);
    auto* bottom = new QHBoxLayout;
    auto* labels = new QVBoxLayout;
    labels->addWidget(m_printerLabel);
    labels->addWidget(m_status);
    bottom->addLayout(labels, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(820, 900);
    showPrinter();
    m_preview->updatePreview();
    m_preview->setFocus();
}

DocumentPreviewDialog::~DocumentPreviewDialog() = default;

int DocumentPreviewDialog::pageCount() const
{
    return m_preview->pageCount();
}

QString DocumentPreviewDialog::statusText() const
{
    return m_status->text();
}

void DocumentPreviewDialog::paint(QPrinter* printer)
{
    RenderOptions options;
    options.copy = m_copyNo > 0;
    auto rendered = m_document.document->render(*printer, options);
    if (!rendered) {
        m_status->setText(rendered.error().message);
        return;
    }
    m_status->setText(tr("%n page(s)", nullptr, rendered->pages));
}

bool DocumentPreviewDialog::printerReady() const
{
    if (m_printer->outputFormat() == QPrinter::PdfFormat)
        return !m_printer->outputFileName().isEmpty();
    const QString remembered = m_printing.rememberedPrinter(m_document.ref.kind);
    return !remembered.isEmpty() && m_printer->printerName() == remembered;
}

void DocumentPreviewDialog::showPrinter()
{
    QString text;
    if (m_printer->outputFormat() == QPrinter::PdfFormat && !m_printer->outputFileName().isEmpty())
        text =
            tr("Prints to the file %1").arg(QDir::toNativeSeparators(m_printer->outputFileName()));
    else if (printerReady())
        text = DocumentPrinting::paperOf(m_document.ref.kind) == QLatin1String("label")
                   ? tr("Printer for labels: %1").arg(m_printer->printerName())
                   : tr("Printer for A4: %1").arg(m_printer->printerName());
    else
        text = tr("No printer chosen for this paper yet: Ctrl+P asks which.");
    m_printerLabel->setText(text);
}

void DocumentPreviewDialog::print()
{
    if (!printerReady()) {
        choosePrinterAndPrint();
        return;
    }
    printNow();
}

void DocumentPreviewDialog::choosePrinterAndPrint()
{
    QPrintDialog dialog(m_printer.get(), this);
    dialog.setWindowTitle(tr("Print %1").arg(displayName(m_document.ref.kind)));
    dialog.setOption(QAbstractPrintDialog::PrintToFile, true);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (m_printer->outputFormat() == QPrinter::NativeFormat && !m_printer->printerName().isEmpty())
        m_printing.rememberPrinter(m_document.ref.kind, m_printer->printerName());
    showPrinter();
    printNow();
}

void DocumentPreviewDialog::printNow()
{
    auto entry = m_printing.print(m_document, *m_printer);
    if (!entry) {
        m_status->setText(entry.error().message);
        return;
    }
    m_lastPrint = *entry;
    emit printed(entry->pages);
    accept();
}

void DocumentPreviewDialog::exportPdf()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    QString name = m_document.ref.subject;
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export PDF"),
        QDir(folder).filePath(toString(m_document.ref.kind) + QLatin1Char('-') + name +
                              QStringLiteral(".pdf")),
        tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    auto entry = m_printing.exportPdf(m_document, path);
    if (!entry) {
        m_status->setText(entry.error().message);
        return;
    }
    m_lastPrint = *entry;
    emit printed(entry->pages);
    accept();
}

struct PreviewDialogPresenter::Queue
{
    explicit Queue(DocumentPrinting& p) : printing(p) {}
    DocumentPrinting& printing;
    QPointer<DocumentPreviewDialog> open;
    QList<std::pair<PreparedDocument, QPointer<QWidget>>> waiting;

    static void show(const std::shared_ptr<Queue>& queue, const PreparedDocument& document,
                     QWidget* parent)
    {
        auto* dialog = new DocumentPreviewDialog(document, queue->printing, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        queue->open = dialog;
        // The next document waiting comes up when this one is closed.
        const std::weak_ptr<Queue> weak = queue;
        QObject::connect(dialog, &QObject::destroyed, [weak] {
            const std::shared_ptr<Queue> q = weak.lock();
            if (!q)
                return;
            while (!q->waiting.isEmpty()) {
                const auto next = q->waiting.takeFirst();
                if (next.second) {
                    show(q, next.first, next.second);
                    return;
                }
            }
        });
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
        // Once the key that took the decision is handled, the preview has the
        // keyboard: one key prints.
        QTimer::singleShot(0, dialog, [dialog] {
            dialog->raise();
            dialog->activateWindow();
        });
    }
};

PreviewDialogPresenter::PreviewDialogPresenter(DocumentPrinting& printing)
    : m_queue(std::make_shared<Queue>(printing))
{
}

PreviewDialogPresenter::~PreviewDialogPresenter() = default;

void PreviewDialogPresenter::present(const PreparedDocument& document, QWidget* parent)
{
    if (m_queue->open && m_queue->open->isVisible()) {
        m_queue->waiting.append({document, QPointer<QWidget>(parent)});
        return;
    }
    Queue::show(m_queue, document, parent);
}

} // namespace ow::ui
