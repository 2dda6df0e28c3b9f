#include "WorkbenchPage.h"

#include "CatalogueSearchController.h"
#include "CatalogueSearchView.h"
#include "ItemDetailView.h"
#include "intake/ApplicantView.h"
#include "intake/IntakeController.h"
#include "intake/IntakeView.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ow::ui {

WorkbenchPage::WorkbenchPage(CatalogueService& catalogue, IntakeService* intake,
                             DocumentPrinting* printing, QWidget* parent)
    : QWidget(parent), m_search(new CatalogueSearchView), m_detail(new ItemDetailView),
      m_controller(nullptr), m_tabs(nullptr), m_intake(nullptr), m_intakeController(nullptr)
{
    setObjectName(QStringLiteral("workbenchPage"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("workbenchSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(12, 12, 6, 12);
    leftLayout->addWidget(m_search);
    m_search->setParent(left);
    left->setMinimumWidth(320);
    splitter->addWidget(left);
    if (!printing)
        intake = nullptr; // no intake without the documents it hands over
    if (intake) {
        m_tabs = new QTabWidget(splitter);
        m_tabs->setObjectName(QStringLiteral("workbenchTabs"));
        m_tabs->setDocumentMode(true);
        m_tabs->setFocusPolicy(Qt::NoFocus);
        m_intake = new IntakeView(m_tabs);
        m_tabs->addTab(m_intake, tr("Intake"));
        m_tabs->addTab(m_detail, tr("Item detail"));
        m_tabs->setMinimumWidth(640);
        splitter->addWidget(m_tabs);
    } else {
        splitter->addWidget(m_detail);
    }
    m_detail->setMinimumWidth(480);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 920});

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    m_controller = new CatalogueSearchController(catalogue, m_search, m_detail, this);

    // Back to the search box from anywhere on the page.
    for (const QKeySequence& key : {QKeySequence(QKeySequence::Find), QKeySequence(Qt::Key_F3)}) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, m_search, &CatalogueSearchView::focusSearch);
    }

    if (!intake) {
        setFocusProxy(m_search);
        return;
    }
    m_intakeController = new IntakeController(*intake, catalogue, m_intake, *printing, this);
    // The page opens on the search box; an ID card read there (or an ID
    // number or credit code typed and ended with Enter) goes to the ID
    // entry, so either box serves the first keystroke.
    setFocusProxy(m_search);
    m_search->setRoutesIdentifiers(true);
    connect(m_search, &CatalogueSearchView::identifierEntered, this, [this](const QString& text) {
        showIntake();
        m_intake->entry()->idEdit()->setText(text);
        m_intakeController->enterId(text);
    });
    m_intake->installShortcuts(this, [this] { showIntake(); });
    // Searching shows the item; choosing it puts it on the intake.
    connect(m_search, &CatalogueSearchView::queryChanged, this, [this](const QString& query) {
        if (query.trimmed().isEmpty())
            showIntake();
        else
            showDetail();
    });
    connect(m_controller, &CatalogueSearchController::itemChosen, this,
            [this](const QString& code) {
                m_intakeController->addItem(code);
                showIntake();
            });
    connect(m_intakeController, &IntakeController::applicantConfirmed, m_search,
            &CatalogueSearchView::focusSearch);
    // The next applicant starts with an empty search too.
    connect(m_intakeController, &IntakeController::nextStarted, this,
            [this] { m_search->searchEdit()->clear(); });
}

void WorkbenchPage::showIntake()
{
    if (m_tabs)
        m_tabs->setCurrentWidget(m_intake);
}

void WorkbenchPage::showDetail()
{
    if (m_tabs)
        m_tabs->setCurrentWidget(m_detail);
}

} // namespace ow::ui
