#pragma once

#include "stats/Statistics.h"

#include <QAbstractTableModel>

namespace ow::ui {

// The statistics table: a row per group and the total last; a column per
// StatsMetric after the group's label. Each column's header and cells carry
// the metric's definition as their tooltip.
class StatsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    void setTable(StatsTable table);
    const StatsTable& table() const { return m_table; }
    // The metric of a column (column 0 is the group).
    static StatsMetric metricAt(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const StatsRow& rowAt(int row) const;

    StatsTable m_table;
};

} // namespace ow::ui
