#pragma once

#include "cases/CaseQuery.h"

#include <QAbstractTableModel>

namespace ow::ui {

// The rows of a case list: number, applicant, items, status, dates and the
// legal clock, due-soon rows yellow and overdue rows red.
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Applicant, Items, Status, Decided, Promised, DaysLeft, Clerk, Count };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit CaseListModel(QObject* parent = nullptr);

    void setRows(QList<CaseRow> rows);
    const QList<CaseRow>& rows() const { return m_rows; }
    const CaseRow* rowAt(int row) const;
    int rowOf(const QString& caseId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<CaseRow> m_rows;
};

} // namespace ow::ui
