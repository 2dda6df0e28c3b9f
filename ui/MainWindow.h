#pragma once

#include "help/KeyHelp.h"
#include "intake/IntakeContext.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace ow {
class CatalogueService;
class Clock;
class Database;
class IntakeService;
class SyncWorker;
class WorkCalendar;
} // namespace ow

namespace ow::ui {

class AdminPage;
class CasesController;
class CasesPage;
class DocumentPrinting;
class ServiceController;
class SyncIndicator;
class SyncPanel;
class WorkbenchPage;

// Composes the pages (a navigation list on the left, one page at a time)
// and the status bar; holds no logic of its own.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `context`: the site, window and clerk of this counter, and the clock.
    MainWindow(Database& store, CatalogueService& catalogue, IntakeContext context = {},
               QWidget* parent = nullptr);
    ~MainWindow() override;

    WorkbenchPage* workbench() const { return m_workbench; }
    // Shows the worker's state in the status bar and on the sync page
    // (without a worker they show what waits and how to connect).
    void attachSync(SyncWorker& worker);
    SyncPanel* syncPanel() const { return m_syncPanel; }
    // The administrator's page (users, the centre's wording); null for others.
    AdminPage* admin() const { return m_admin; }
    // The F1 window, while it is open.
    KeyHelpDialog* keyHelp() const { return m_keyHelp; }
    CasesPage* cases() const { return m_cases; }
    CasesController* casesController() const { return m_casesController; }
    DocumentPrinting& printing() const { return *m_printing; }
    ServiceController* service() const { return m_service; }
    // Shows the page at `index` of the navigation (0: the workbench, 1: the cases).
    void showPageAt(int index);

private:
    // Adds a page to the navigation; Ctrl+<key> shows it (the same key for
    // every role); `keys` are its own keys for F1.
    void addPage(const QString& title, QWidget* page, int key, QList<KeyHint> keys = {});
    void showPage(int index);
    void updateItemCount();
    // The sync page and indicator while no worker runs: read from the store.
    void showLocalSyncStatus();
    // F1: the keys of the page in view.
    void showKeys();

    Database& m_store;
    CatalogueService& m_catalogue;
    const Clock* m_clock;
    // The built-in calendar with the years the centre published.
    std::unique_ptr<WorkCalendar> m_calendar;
    std::unique_ptr<IntakeService> m_intake;
    std::unique_ptr<DocumentPrinting> m_printing;
    QListWidget* m_navigation;
    QStackedWidget* m_pages;
    WorkbenchPage* m_workbench;
    CasesPage* m_cases;
    CasesController* m_casesController;
    ServiceController* m_service;
    QLabel* m_itemCount;
    SyncPanel* m_syncPanel = nullptr;
    SyncIndicator* m_syncIndicator = nullptr;
    bool m_syncAttached = false;
    AdminPage* m_admin = nullptr;
    QHash<QWidget*, QList<KeyHint>> m_pageKeys;
    QHash<QWidget*, int> m_pageKey;
    QPointer<KeyHelpDialog> m_keyHelp;
};

} // namespace ow::ui
