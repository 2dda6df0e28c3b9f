#include "MainWindow.h"

#include "admin/AdminController.h"
#include "admin/AdminPage.h"
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
#include "sync/SyncWorker.h"
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
    : QMainWindow(parent), m_store(store), m_catalogue(catalogue), m_clock(context.clock),
      m_calendar(std::make_unique<WorkCalendar>(WorkCalendar::published(store))),
      m_intake(std::make_unique<IntakeService>(store, catalogue, *m_calendar, context)),
      m_printing(std::make_unique<DocumentPrinting>(store, *m_calendar, context.place(),
                                                    *context.clock, context.session)),
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
    addPage(tr("Workbench"), m_workbench, 1, KeyHelpDialog::workbenchKeys());
    m_cases = new CasesPage(m_pages);
    m_casesController = new CasesController(store, *m_calendar, *m_printing, m_cases,
                                            context.session, *context.clock, m_cases);
    addPage(tr("Cases"), m_cases, 2, KeyHelpDialog::casesKeys());
    // The service around a case: the mailing ledger, consultations, call-backs and ratings.
    m_service = new ServiceController(store, context.session, context.place(), *context.clock,
                                      m_printing.get(), this);
    auto* mailing = new MailingLedgerPage(*m_service, m_pages);
    addPage(tr("Mailing ledger"), mailing, 3);
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
    addPage(tr("Consultations"), new ConsultationPage(*m_service, m_pages), 4,
            KeyHelpDialog::consultationKeys());
    auto* callbacks = new CallbackPage(*m_service, m_pages);
    addPage(tr("Call-backs"), callbacks, 5);
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
        addPage(tr("Statistics"), stats, 6);
        auto* sampling = new SamplingPage(m_pages);
        new SamplingController(store, context.session, sampling, *context.clock, sampling);
        addPage(tr("Sampling"), sampling, 7);
    }
    // The exchange with the centre, for everyone: with no centre set up the
    // page says so, shows what waits and how to connect (attachSync).
    m_syncPanel = new SyncPanel(m_pages);
    addPage(tr("Sync"), m_syncPanel, 8);
    // Administrators: the users and the centre's wording (the services check
    // Permission::ManageUsers and ConfigureCounter too).
    AdminController* admin = nullptr;
    if (context.session.may(Permission::ManageUsers)) {
        m_admin = new AdminPage(m_pages);
        admin = new AdminController(store, context.session, *context.clock, m_admin, m_admin);
        addPage(tr("Administration"), m_admin, 9);
    }
    m_navigation->setCurrentRow(0);
    connect(new QShortcut(QKeySequence(Qt::Key_F1), this), &QShortcut::activated, this,
            &MainWindow::showKeys);

    // Who works where stays in view while a message shows (permanent widgets).
    QStatusBar* bar = statusBar();
    bar->addPermanentWidget(statusLabel(
        context.siteCode.isEmpty() ? tr("Site: not set") : tr("Site: %1").arg(context.siteCode),
        QStringLiteral("statusSite"), bar));
    bar->addPermanentWidget(statusLabel(
        context.window.isEmpty() ? tr("Window: not set") : tr("Window: %1").arg(context.window),
        QStringLiteral("statusWindow"), bar));
    bar->addPermanentWidget(statusLabel(
        context.clerk.isEmpty() ? tr("Clerk: not signed in") : tr("Clerk: %1").arg(context.clerk),
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

    m_syncIndicator = new SyncIndicator(bar);
    bar->insertPermanentWidget(0, m_syncIndicator);
    connect(m_syncIndicator, &SyncIndicator::clicked, this,
            [this] { m_navigation->setCurrentRow(m_pages->indexOf(m_syncPanel)); });
    connect(m_workbench->intakeController(), &IntakeController::decided, this,
            [this] { showLocalSyncStatus(); });
    showLocalSyncStatus();

    resize(1280, 800);
    // An administrator signed in before the centre's wording is set (the
    // first start) is asked for it before the first document prints.
    if (admin && !context.session.isSystem() && admin->wordingMissing()) {
        m_navigation->setCurrentRow(m_pages->indexOf(m_admin));
        m_admin->showSettings();
        return;
    }
    m_workbench->setFocus(); // the search box, once the window shows
}

MainWindow::~MainWindow()
{
    delete takeCentralWidget(); // the pages go before the service they use
}

void MainWindow::attachSync(SyncWorker& worker)
{
    m_syncAttached = true;
    connect(&worker, &SyncWorker::statusChanged, m_syncIndicator, &SyncIndicator::setStatus);
    connect(&worker, &SyncWorker::statusChanged, m_syncPanel, &SyncPanel::setStatus);
    connect(m_syncPanel, &SyncPanel::syncNowRequested, &worker, &SyncWorker::syncNow);
    m_syncIndicator->setStatus(worker.status());
    m_syncPanel->setStatus(worker.status());
}

void MainWindow::showLocalSyncStatus()
{
    if (m_syncAttached)
        return;
    auto status = SyncWorker::readStatus(m_store, m_clock->now());
    SyncStatus s = status ? status.value() : SyncStatus{};
    s.setup.kind = SyncSetupProblem::Kind::NoAddress;
    if (!status)
        s.lastError = status.error().message;
    m_syncIndicator->setStatus(s);
    m_syncPanel->setStatus(s);
}

void MainWindow::addPage(const QString& title, QWidget* page, int key, QList<KeyHint> keys)
{
    m_pages->addWidget(page);
    const QKeySequence sequence(Qt::CTRL | Qt::Key(Qt::Key_0 + key));
    auto* entry = new QListWidgetItem(title, m_navigation);
    entry->setTextAlignment(Qt::AlignCenter);
    entry->setToolTip(tr("%1 (%2)").arg(title, sequence.toString(QKeySequence::PortableText)));
    auto* shortcut = new QShortcut(sequence, this);
    connect(shortcut, &QShortcut::activated, this,
            [this, page] { m_navigation->setCurrentRow(m_pages->indexOf(page)); });
    m_pageKeys.insert(page, std::move(keys));
    m_pageKey.insert(page, key);
}

void MainWindow::showKeys()
{
    QWidget* page = m_pages->currentWidget();
    if (!page)
        return;
    if (m_keyHelp)
        m_keyHelp->close();
    QList<KeyHint> pageKeys = m_pageKeys.value(page);
    pageKeys += mnemonicsOf(page);
    QList<KeyHint> windowKeys;
    for (int i = 0; i < m_pages->count(); ++i) {
        QWidget* p = m_pages->widget(i);
        windowKeys.append({QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + m_pageKey.value(p)))
                               .toString(QKeySequence::PortableText),
                           m_navigation->item(i)->text()});
    }
    windowKeys.append({QStringLiteral("F1"), tr("These keys")});
    windowKeys.append({QStringLiteral("F12"), tr("The applicant rates this visit")});
    windowKeys.append({QStringLiteral("Ctrl+L"), tr("Lock the screen")});
    m_keyHelp = new KeyHelpDialog(m_navigation->item(m_pages->currentIndex())->text(), pageKeys,
                                  windowKeys, this);
    m_keyHelp->setAttribute(Qt::WA_DeleteOnClose);
    m_keyHelp->open(); // the keyboard goes to it; Esc closes it
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
    if (m_pages->widget(index) == m_syncPanel)
        showLocalSyncStatus();
    m_pages->setCurrentIndex(index);
    m_pages->currentWidget()->setFocus();
}

void MainWindow::updateItemCount()
{
    const int joint = m_catalogue.jointItemCount();
    m_itemCount->setText(tr("%n item(s)", nullptr, m_catalogue.activeItemCount()) +
                         (joint == 0 ? QString() : tr(", %n joint", nullptr, joint)));
}

} // namespace ow::ui
