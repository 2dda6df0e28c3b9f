#pragma once

#include "stats/Statistics.h"

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace ow::ui {

class StatsTableModel;

// The statistics page (统计): the period and the grouping, a chart of the
// cases accepted and completed per group with the completion and on-time
// rates, the table of every column, and each rate's definition under it.
class StatsPage : public QWidget
{
    Q_OBJECT
public:
    explicit StatsPage(QWidget* parent = nullptr);

    StatsRequest request() const;
    void setRequest(const StatsRequest& request);
    // Shows `table` in the table and the chart.
    void showTable(const StatsTable& table);
    void showMessage(const QString& text);

    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    QComboBox* groupingBox() const { return m_by; }
    QPushButton* countButton() const { return m_count; }
    QPushButton* exportButton() const { return m_export; }
    QTableView* table() const { return m_table; }
    StatsTableModel* model() const { return m_model; }
    QChartView* chartView() const { return m_chartView; }
    QLabel* message() const { return m_message; }

signals:
    void countRequested();
    void exportRequested();

private:
    void updateChart(const StatsTable& table);

    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_by;
    QPushButton* m_count;
    QPushButton* m_export;
    QLabel* m_message;
    QChartView* m_chartView;
    QTableView* m_table;
    StatsTableModel* m_model;
};

} // namespace ow::ui
