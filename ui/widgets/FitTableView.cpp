#include "FitTableView.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTimer>

namespace ow::ui {

FitTableView::FitTableView(QWidget* parent) : QTableView(parent)
{
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setWordWrap(true);
    verticalHeader()->hide();
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, &FitTableView::scheduleFit);
}

void FitTableView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::modelReset, this, &FitTableView::scheduleFit);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FitTableView::scheduleFit);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FitTableView::scheduleFit);
    connect(model, &QAbstractItemModel::dataChanged, this, &FitTableView::scheduleFit);
    scheduleFit();
}

void FitTableView::setColumnWeights(const QHash<int, int>& weights)
{
    m_weights = weights;
    for (auto it = m_weights.cbegin(); it != m_weights.cend(); ++it)
        horizontalHeader()->setSectionResizeMode(it.key(), QHeaderView::Fixed);
    scheduleFit();
}

void FitTableView::shareWidth()
{
    const QHeaderView* h = horizontalHeader();
    int rest = viewport()->width();
    int total = 0;
    for (int c = 0; c < h->count(); ++c) {
        if (h->isSectionHidden(c))
            continue;
        const int weight = m_weights.value(c);
        if (weight > 0)
            total += weight;
        else
            rest -= h->sectionSize(c);
    }
    if (total == 0)
        return;
    const int share = std::max(0, rest);
    int given = 0;
    int last = -1;
    for (int c = 0; c < h->count(); ++c) {
        const int weight = m_weights.value(c);
        if (weight <= 0 || h->isSectionHidden(c))
            continue;
        const int width = std::max(h->minimumSectionSize(), share * weight / total);
        horizontalHeader()->resizeSection(c, width);
        given += width;
        last = c;
    }
    if (last >= 0 && given < share) // the rounding remainder to the last
        horizontalHeader()->resizeSection(last, h->sectionSize(last) + share - given);
}

QSize FitTableView::sizeHint() const
{
    const int frame = 2 * frameWidth();
    int height = frame + verticalHeader()->length();
    if (!horizontalHeader()->isHidden())
        height += horizontalHeader()->sizeHint().height();
    return {QTableView::sizeHint().width(), height};
}

QSize FitTableView::minimumSizeHint() const
{
    return {QTableView::minimumSizeHint().width(), sizeHint().height()};
}

void FitTableView::resizeEvent(QResizeEvent* event)
{
    QTableView::resizeEvent(event);
    scheduleFit();
}

void FitTableView::scheduleFit()
{
    if (m_fitPending)
        return;
    m_fitPending = true;
    QTimer::singleShot(0, this, &FitTableView::fit);
}

void FitTableView::fit()
{
    m_fitPending = false;
    shareWidth();
    resizeRowsToContents();
    if (height() != sizeHint().height())
        updateGeometry();
}

} // namespace ow::ui
