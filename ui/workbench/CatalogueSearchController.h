#pragma once

#include <QObject>
#include <QString>

namespace ow {
class CatalogueService;
}

namespace ow::ui {

class CatalogueSearchView;
class ItemDetailView;
class SearchResultModel;

// Runs the catalogue search as the clerk types: asks CatalogueService for
// the hits of the query and filters, fills the result model, keeps the first
// result selected and shows the selected item in the detail view. Refreshes
// when the catalogue changes (an import, a sync).
class CatalogueSearchController : public QObject
{
    Q_OBJECT
public:
    CatalogueSearchController(CatalogueService& catalogue, CatalogueSearchView* view,
                              ItemDetailView* detail, QObject* parent = nullptr);

    SearchResultModel* model() const { return m_model; }
    // The code of the selected result, or empty.
    QString currentCode() const;

    static constexpr int kResultLimit = 100;

signals:
    // The clerk picked an item (Enter or a double click) for the matter at the window.
    void itemChosen(const QString& code, const QString& name);
    // Something the clerk should see in the status bar.
    void message(const QString& text);

private:
    void reloadChoices();
    void refresh(const QString& keepCode = {});
    void showRow(int row);
    void pick(int row);

    CatalogueService& m_catalogue;
    CatalogueSearchView* m_view;
    ItemDetailView* m_detail;
    SearchResultModel* m_model;
};

} // namespace ow::ui
