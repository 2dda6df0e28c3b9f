#include "MainWindow.h"

#include "calendar/WorkCalendar.h"
#include "cases/CasesController.h"
#include "cases/CasesPage.h"
#include "catalogue/CatalogueService.h"
#include "documents/DocumentPrinting.h"
#include "intake/IntakeController.h"
#include "intake/IntakeService.h"
#include "service/CallbackPage.h"
#include "service/ConsultationPage.h"
#include "service/MailingLedgerPage.h"
#include "service/ServiceController.h"
#include "stats/StatsController.h"
#include "stats/StatsPage.h"
#include "store/Database.h"
#include "supervision/SamplingController.h"
#include "supervision/SamplingPage.h"
#include "sync/SyncIndicator.h"
#include "sync/SyncPanel.h"
#include "workbench/CatalogueSearchController.h"
#include "workbench/WorkbenchPage.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <algorithm>

namespace ow::ui {

namespace {

QLabel* statusLabel(const QString& text, const QString& name, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(name);
    label->setContentsMargins(8, 0, 8, 0);
    return label;
}

} // namespace

MainWindow::MainWindow(Database& store, CatalogueService& catalogue, IntakeContext context,
                       QWidget* parent)
    : QMainWindow(parent), m_catalogue(catalogue),
      m_calendar(std::make_unique<WorkCalendar>(WorkCalendar::published(store))),
      m_intake(std::make_unique<IntakeService>(store, catalogue, *m_calendar, context)),
      m_printing(
          std::make_unique<DocumentPrinting>(store, *m_calendar, context.place(), *context.clock,
                                             context.session)),
      m_navigation(new QListWidget), m_pages(new QStackedWidget), m_workbench(nullptr),
      m_cases(nullptr), m_casesController(nullptr), m_service(nullptr), m_itemCount(nullptr)
{
    setWindowTitle(tr("OneWindow"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setFocusPolicy(Qt::NoFocus);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setFixedWidth(120);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->setTextElideMode(Qt::ElideRight);
    m_navigation->setStyleSheet(QStringLiteral(
        "QListWidget { background: palette(window); border-right: 1px solid palette(mid);"
        " padding-top: 8px; }"
        "QListWidget::item { padding: 10px 4px; margin: 2px 6px; border-radius: 4px; }"
        "QListWidget::item:selected { background: palette(highlight);"
        " color: palette(highlighted-text); }"));
    QFont navFont = font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_navigation->setFont(navFont);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showPage);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    // The workbench and the cases; statistics, sampling and sync join here as pages.
    m_workbench = new WorkbenchPage(catalogue, m_intake.get(), m_printing.get(), m_pages);
    addPage(tr("Workbench"), m_workbench);
    m_cases = new CasesPage(m_pages);
    m_casesController = new CasesController(store, *m_calendar, *m_printing, m_cases,
                                            context.session, *context.clock, m_cases);
    addPage(tr("Cases"), m_cases);
    // The service around a case: the mailing ledger, consultations, call-backs and ratings.
    m_service = new ServiceController(store, context.session, context.place(), *context.clock,
                                      m_printing.get(), this);
    auto* mailing = new MailingLedgerPage(*m_service, m_pages);
    addPage(tr("Mailing ledger"), mailing);
    // A case moved on the cases page may now await its waybill; a mailing
    // recorded moves its case.
    connect(m_casesController, &CasesController::caseMoved, mailing, &MailingLedgerPage::refresh);
    connect(m_service, &ServiceController::changed, m_casesController, &CasesController::refresh);
    connect(m_casesController, &CasesController::mailingRequested, mailing,
            [this, mailing](const QString& number) {
                m_navigation->setCurrentRow(m_pages->indexOf(mailing));
                mailing->focusCase(number);
            });
    // A case awaiting a correction is taken up again in the intake.
    connect(m_casesController, &CasesController::correctionResumeRequested, this,
            [this](const QString& number) {
                m_navigation->setCurrentRow(m_pages->indexOf(m_workbench));
                m_workbench->showIntake();
                m_workbench->intakeController()->resumeCorrection(number);
            });
    addPage(tr("Consultations"), new ConsultationPage(*m_service, m_pages));
    auto* callbacks = new CallbackPage(*m_service, m_pages);
    addPage(tr("Call-backs"), callbacks);
    connect(m_workbench->intakeController(), &IntakeController::decided, m_service,
            [this](const Decision& d) { m_service->setCurrentCase(d.caseNumber); });
    connect(m_cases, &CasesPage::caseOpened, m_service,
            [this](const QString& id) { m_service->setCurrentCase(m_service->caseNumberOf(id)); });
    connect(new QShortcut(QKeySequence(Qt::Key_F12), this), &QShortcut::activated, callbacks,
            &CallbackPage::rateVisit);
    // Supervisors and above: the statistics and the sampling, the supervisor's
    // oversight (Permission::RunSampling; the services check it too).
    if (context.session.may(Permission::RunSampling)) {
        auto* stats = new StatsPage(m_pages);
        new StatsController(store, WorkCalendar::builtIn(), context.session, stats, *context.clock,
                            stats);
        addPage(tr("Statistics"), stats);
        auto* sampling = new SamplingPage(m_pages);
        new SamplingController(store, context.session, sampling, *context.clock, sampling);
        addPage(tr("Sampling"), sampling);
    }
    m_navigation->setCurrentRow(0);

    QStatusBar* bar = statusBar();
    bar->addWidget(statusLabel(context.siteCode.isEmpty() ? tr("Site: not set")
                                                          : tr("Site: %1").arg(context.siteCode),
                               QStringLiteral("statusSite"), bar));
    bar->addWidget(statusLabel(context.window.isEmpty() ? tr("Window: not set")
                                                        : tr("Window: %1").arg(context.window),
                               QStringLiteral("statusWindow"), bar));
    bar->addWidget(statusLabel(context.clerk.isEmpty() ? tr("Clerk: not signed in")
                                                       : tr("Clerk: %1").arg(context.clerk),
                               QStringLiteral("statusClerk"), bar));
    m_itemCount = statusLabel({}, QStringLiteral("statusItemCount"), bar);
    bar->addPermanentWidget(m_itemCount);
    auto* storeLabel = statusLabel(tr("Local store"), QStringLiteral("statusStore"), bar);
    storeLabel->setToolTip(QDir::toNativeSeparators(store.path()));
    bar->addPermanentWidget(storeLabel);
    updateItemCount();
    connect(&m_catalogue, &CatalogueService::changed, this, &MainWindow::updateItemCount);
    connect(m_workbench->controller(), &CatalogueSearchController::message, bar,
            [bar](const QString& text) { bar->showMessage(text, 8000); });
    connect(m_workbench->controller(), &CatalogueSearchController::itemChosen, bar,
            [bar](const QString& code, const QString& name) {
                bar->showMessage(tr("Chosen: %1 (%2)").arg(name, code), 8000);
            });

    connect(m_workbench->intakeController(), &IntakeController::message, bar,
            [bar](const QString& text) { bar->showMessage(text, 8000); });
    connect(m_casesController, &CasesController::message, bar,
            [bar](const QString& text) { bar->showMessage(text, 8000); });
    connect(m_service, &ServiceController::message, bar,
            [bar](const QString& text) { bar->showMessage(text, 8000); });
    // The legal clock on the status bar: due soon in yellow, overdue in red.
    auto* deadlines = statusLabel({}, QStringLiteral("statusDeadlines"), bar);
    bar->insertPermanentWidget(0, deadlines);
    auto showDeadlines = [deadlines](int dueSoon, int overdue) {
        QStringList parts;
        if (overdue > 0)
            parts << QStringLiteral("<span style=\"color:#b00020\">%1</span>")
                         .arg(tr("Overdue: %n", nullptr, overdue));
        if (dueSoon > 0)
            parts << QStringLiteral("<span style=\"color:#8a6d00\">%1</span>")
                         .arg(tr("Due soon: %n", nullptr, dueSoon));
        deadlines->setText(parts.join(QStringLiteral(" · ")));
    };
    connect(m_casesController, &CasesController::deadlinesCounted, deadlines, showDeadlines);
    m_casesController->refresh();

    resize(1280, 800);
    m_workbench->setFocus(); // the search box, once the window shows
}

MainWindow::~MainWindow()
{
    delete takeCentralWidget(); // the pages go before the service they use
}

void MainWindow::attachSync(SyncWorker& worker)
{
    auto* indicator = new SyncIndicator(statusBar());
    statusBar()->insertPermanentWidget(0, indicator);
    auto* panel = new SyncPanel(m_pages);
    addPage(tr("Sync"), panel);
    const int page = m_pages->indexOf(panel);
    connect(indicator, &SyncIndicator::clicked, this,
            [this, page] { m_navigation->setCurrentRow(page); });
    connect(&worker, &SyncWorker::statusChanged, indicator, &SyncIndicator::setStatus);
    connect(&worker, &SyncWorker::statusChanged, panel, &SyncPanel::setStatus);
    connect(panel, &SyncPanel::syncNowRequested, &worker, &SyncWorker::syncNow);
    indicator->setStatus(worker.status());
    panel->setStatus(worker.status());
}

void MainWindow::addPage(const QString& title, QWidget* page)
{
    const int index = m_pages->addWidget(page);
    auto* entry = new QListWidgetItem(title, m_navigation);
    entry->setTextAlignment(Qt::AlignCenter);
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this);
    connect(shortcut, &QShortcut::activated, this,
            [this, index] { m_navigation->setCurrentRow(index); });
}

void MainWindow::showPageAt(int index)
{
    m_navigation->setCurrentRow(index);
}

void MainWindow::showPage(int index)
{
    if (index < 0 || index >= m_pages->count())
        return;
    if (m_pages->widget(index) == m_cases)
        m_casesController->refresh(); // decisions taken since it was last shown
    m_pages->setCurrentIndex(index);
    m_pages->currentWidget()->setFocus();
}

void MainWindow::updateItemCount()
{
    const Catalogue& c = m_catalogue.catalogue();
    const auto active = std::count_if(c.items.cbegin(), c.items.cend(),
                                      [](const Item& item) { return item.active; });
    m_itemCount->setText(
        tr("%n item(s)", nullptr, int(active)) +
        (c.jointItems.isEmpty() ? QString() : tr(", %n joint", nullptr, int(c.jointItems.size()))));
}

} // namespace ow::ui
