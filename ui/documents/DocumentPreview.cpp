#include "DocumentPreview.h"

#include "documents/Document.h"

#include <QDialogButtonBox>
#include <QKeySequence>
#include <QLabel>
#include <QPageLayout>
#include <QPageSize>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace ow::ui {

DocumentPreviewDialog::DocumentPreviewDialog(std::shared_ptr<const Document> document,
                                             QWidget* parent)
    : QDialog(parent), m_document(std::move(document)),
      m_printer(std::make_unique<QPrinter>(QPrinter::HighResolution)), m_preview(nullptr),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("documentPreview"));
    setWindowTitle(tr("Print preview"));
    setModal(false);
    m_printer->setPageSize(QPageSize(QPageSize::A4));
    m_printer->setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    m_printer->setFullPage(true);

    m_preview = new QPrintPreviewWidget(m_printer.get(), this);
    m_preview->setObjectName(QStringLiteral("previewPages"));
    m_preview->setZoomMode(QPrintPreviewWidget::FitToWidth);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, &DocumentPreviewDialog::paint);

    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(this);
    QPushButton* printButton =
        buttons->addButton(tr("Print (Ctrl+P)"), QDialogButtonBox::AcceptRole);
    printButton->setObjectName(QStringLiteral("previewPrint"));
    printButton->setDefault(true);
    QPushButton* closeButton = buttons->addButton(tr("Close (Esc)"), QDialogButtonBox::RejectRole);
    closeButton->setObjectName(QStringLiteral("previewClose"));
    connect(printButton, &QPushButton::clicked, this, &DocumentPreviewDialog::print);
    connect(closeButton, &QPushButton::clicked, this, &QDialog::reject);
    for (const QKeySequence& key : {QKeySequence(QKeySequence::Print), QKeySequence(Qt::Key_F5)}) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &DocumentPreviewDialog::print);
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_preview, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(buttons);
    layout->addLayout(bottom);
    resize(760, 900);
    m_preview->updatePreview();
    m_preview->setFocus();
}

DocumentPreviewDialog::~DocumentPreviewDialog() = default;

int DocumentPreviewDialog::pageCount() const
{
    return m_preview->pageCount();
}

void DocumentPreviewDialog::paint(QPrinter* printer)
{
    auto rendered = m_document->render(*printer);
    if (!rendered) {
        m_status->setText(rendered.error().message);
        m_lastPages = 0;
        return;
    }
    m_lastPages = rendered->pages;
    m_status->setText(tr("%n page(s)", nullptr, rendered->pages));
}

void DocumentPreviewDialog::print()
{
    m_preview->print();
    emit printed(m_lastPages);
    accept();
}

void PreviewDialogPresenter::present(std::shared_ptr<const Document> document, QWidget* parent)
{
    auto* dialog = new DocumentPreviewDialog(std::move(document), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace ow::ui
