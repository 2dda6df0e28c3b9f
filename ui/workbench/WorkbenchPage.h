#pragma once

#include <QWidget>

class QTabWidget;

namespace ow {
class CatalogueService;
class IntakeService;
} // namespace ow

namespace ow::ui {

class CatalogueSearchController;
class DocumentPrinting;
class CatalogueSearchView;
class IntakeController;
class IntakeView;
class ItemDetailView;

// The workbench (工作台): the catalogue search on the left; on the right
// the intake at the window and the detail of the item found, one at a
// time: typing a search shows the item, choosing it (Enter) adds it to the
// intake and shows the intake again. Without an IntakeService the page is
// the catalogue search alone. The intake needs `printing` for the documents
// of its decisions.
class WorkbenchPage : public QWidget
{
    Q_OBJECT
public:
    explicit WorkbenchPage(CatalogueService& catalogue, IntakeService* intake = nullptr,
                           DocumentPrinting* printing = nullptr, QWidget* parent = nullptr);

    CatalogueSearchView* searchView() const { return m_search; }
    ItemDetailView* detailView() const { return m_detail; }
    CatalogueSearchController* controller() const { return m_controller; }
    IntakeView* intakeView() const { return m_intake; }
    IntakeController* intakeController() const { return m_intakeController; }
    QTabWidget* tabs() const { return m_tabs; }

    void showIntake();
    void showDetail();

private:
    CatalogueSearchView* m_search;
    ItemDetailView* m_detail;
    CatalogueSearchController* m_controller;
    QTabWidget* m_tabs;
    IntakeView* m_intake;
    IntakeController* m_intakeController;
};

} // namespace ow::ui
