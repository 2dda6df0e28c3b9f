#include "CatalogueSearchController.h"

#include "CatalogueSearchView.h"
#include "ItemDetailView.h"
#include "SearchResultModel.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/Merge.h"

#include <algorithm>

namespace ow::ui {

CatalogueSearchController::CatalogueSearchController(CatalogueService& catalogue,
                                                     CatalogueSearchView* view,
                                                     ItemDetailView* detail, QObject* parent)
    : QObject(parent), m_catalogue(catalogue), m_view(view), m_detail(detail),
      m_model(new SearchResultModel(this))
{
    m_view->setModel(m_model);
    reloadChoices();
    refresh();

    connect(m_view, &CatalogueSearchView::queryChanged, this, [this] { refresh(); });
    connect(m_view, &CatalogueSearchView::filterChanged, this, [this] { refresh(); });
    connect(m_view, &CatalogueSearchView::currentRowChanged, this,
            &CatalogueSearchController::showRow);
    connect(m_view, &CatalogueSearchView::picked, this, &CatalogueSearchController::pick);
    connect(&m_catalogue, &CatalogueService::changed, this, [this] {
        const QString kept = currentCode();
        reloadChoices();
        m_detail->clear(); // the item itself may have changed
        refresh(kept);
    });
}

QString CatalogueSearchController::currentCode() const
{
    const SearchResultRow* row = m_model->row(m_view->currentRow());
    return row ? row->code : QString();
}

void CatalogueSearchController::reloadChoices()
{
    const QSignalBlocker block(m_view);
    m_view->setCategories(m_catalogue.categories());
    m_view->setDepartments(m_catalogue.departments());
}

void CatalogueSearchController::refresh(const QString& keepCode)
{
    if (!m_catalogue.isReady()) {
        // Still loading in the background: nothing to find yet, and the
        // clerk is told so; changed() brings the first results.
        m_model->setRows({});
        m_detail->clear();
        m_view->setStatusText(tr("Loading…"));
        return;
    }
    const QString query = m_view->query().trimmed();
    QList<SearchResultRow> rows;
    {
        // Before anything is typed, the items to browse: those the filters
        // let through, the most used at this counter first.
        const QList<SearchHit> hits = query.isEmpty()
                                          ? m_catalogue.browse(kResultLimit, m_view->filter())
                                          : m_catalogue.search(query, kResultLimit, m_view->filter());
        rows.reserve(hits.size());
        for (const SearchHit& hit : hits) {
            SearchResultRow row{hit.code, hit.name, hit.joint, {}, {}, {}};
            if (hit.joint) {
                if (const auto joint = m_catalogue.jointItem(hit.code))
                    row.category = joint->category;
            } else if (const ItemSummary* item = m_catalogue.summary(hit.code)) {
                row.category = item->category;
                row.department = item->department;
                row.handling = item->handling;
            }
            rows.append(std::move(row));
        }
    }
    {
        // One selection change below, not one per reset.
        const QSignalBlocker block(m_view);
        m_model->setRows(std::move(rows));
    }

    const int total = m_catalogue.activeItemCount();
    if (query.isEmpty() && !m_view->hasFilter()) {
        m_view->setStatusText(tr("%n item(s) in the catalogue", nullptr, total));
    } else if (m_model->rowCount() == 0) {
        m_view->setStatusText(m_view->hasFilter() ? tr("No match with these filters")
                                                  : tr("No match"));
    } else if (m_model->rowCount() >= kResultLimit) {
        m_view->setStatusText(tr("First %n matches", nullptr, m_model->rowCount()));
    } else {
        m_view->setStatusText(tr("%n match(es)", nullptr, m_model->rowCount()));
    }

    if (m_model->rowCount() == 0) {
        m_detail->clear();
        return;
    }
    const int kept = keepCode.isEmpty() ? -1 : m_model->indexOf(keepCode);
    if (query.isEmpty() && kept < 0) {
        // Browsing: nothing is chosen until the clerk moves to a row.
        m_detail->clear();
        return;
    }
    const int row = std::max(0, kept);
    m_view->setCurrentRow(row);
    showRow(row);
}

void CatalogueSearchController::showRow(int row)
{
    const SearchResultRow* r = m_model->row(row);
    if (!r) {
        m_detail->clear();
        return;
    }
    if (r->code == m_detail->shownCode())
        return;
    if (!r->joint) {
        if (const auto item = m_catalogue.item(r->code))
            m_detail->showItem(*item);
        else
            m_detail->clear();
        return;
    }
    const auto joint = m_catalogue.jointItem(r->code);
    if (!joint) {
        m_detail->clear();
        return;
    }
    const QList<std::shared_ptr<const Item>> held = m_catalogue.itemsOf(r->code);
    QList<const Item*> members;
    QList<Item> memberItems;
    for (const auto& item : held) {
        members.append(item.get());
        memberItems.append(*item);
    }
    QList<FormField> fields;
    for (const MergedField& f : mergeFormFields(members))
        fields.append(f.field);
    m_detail->showJoint(*joint, members, mergeMaterials(members), fields,
                        combinedPromisedLimit(memberItems, joint.get()));
}

void CatalogueSearchController::pick(int row)
{
    const SearchResultRow* r = m_model->row(row);
    if (!r)
        return;
    if (Status s = m_catalogue.recordUse(r->code); !s)
        emit message(s.error().message);
    emit itemChosen(r->code, r->name);
    m_view->focusSearch();
}

} // namespace ow::ui
