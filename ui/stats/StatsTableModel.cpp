#include "stats/StatsTableModel.h"

#include <QFont>

namespace ow::ui {

void StatsTableModel::setTable(StatsTable table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

StatsMetric StatsTableModel::metricAt(int column)
{
    return allStatsMetrics().at(column - 1);
}

const StatsRow& StatsTableModel::rowAt(int row) const
{
    return row < m_table.rows.size() ? m_table.rows.at(row) : m_table.total;
}

int StatsTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || !m_table.request.from.isValid())
        return 0;
    return int(m_table.rows.size()) + 1;
}

int StatsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(allStatsMetrics().size()) + 1;
}

QVariant StatsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const StatsRow& row = rowAt(index.row());
    const bool total = index.row() == m_table.rows.size();
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? row.label : displayValue(metricAt(index.column()), row.counts);
    case Qt::ToolTipRole:
        return index.column() == 0 ? row.key : definition(metricAt(index.column()));
    case Qt::TextAlignmentRole:
        return index.column() == 0 ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                   : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (total) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    default:
        return {};
    }
}

QVariant StatsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return section == 0 ? displayName(m_table.request.by) : title(metricAt(section));
    if (role == Qt::ToolTipRole && section > 0)
        return definition(metricAt(section));
    return {};
}

} // namespace ow::ui
