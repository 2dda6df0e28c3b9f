#pragma once

#include <QWidget>

namespace ow {
class CatalogueService;
}

namespace ow::ui {

class CatalogueSearchController;
class CatalogueSearchView;
class ItemDetailView;

// The workbench (工作台): the catalogue search on the left, the selected
// item's detail on the right.
class WorkbenchPage : public QWidget
{
    Q_OBJECT
public:
    explicit WorkbenchPage(CatalogueService& catalogue, QWidget* parent = nullptr);

    CatalogueSearchView* searchView() const { return m_search; }
    ItemDetailView* detailView() const { return m_detail; }
    CatalogueSearchController* controller() const { return m_controller; }

private:
    CatalogueSearchView* m_search;
    ItemDetailView* m_detail;
    CatalogueSearchController* m_controller;
};

} // namespace ow::ui
