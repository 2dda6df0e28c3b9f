#pragma once

#include "intake/IntakeContext.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace ow {
class CatalogueService;
class Database;
class IntakeService;
class SyncWorker;
class WorkCalendar;
} // namespace ow

namespace ow::ui {

class CasesController;
class CasesPage;
class DocumentPrinting;
class ServiceController;
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
    // Shows the worker's state in the status bar and adds the sync page.
    void attachSync(SyncWorker& worker);
    CasesPage* cases() const { return m_cases; }
    CasesController* casesController() const { return m_casesController; }
    DocumentPrinting& printing() const { return *m_printing; }
    ServiceController* service() const { return m_service; }
    // Shows the page at `index` of the navigation (0: the workbench, 1: the cases).
    void showPageAt(int index);

private:
    // Adds a page to the navigation; Ctrl+<n> shows the n-th page.
    void addPage(const QString& title, QWidget* page);
    void showPage(int index);
    void updateItemCount();

    CatalogueService& m_catalogue;
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
};

} // namespace ow::ui
