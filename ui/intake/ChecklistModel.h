#pragma once

#include "intake/Checklist.h"

#include <QAbstractTableModel>

namespace ow::ui {

// The intake's checklist as a table: the lines that apply first, then
// those left out by their condition (greyed, struck out).
class ChecklistModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Name, Asked, State, Detail, Items, ColumnCount };
    enum Role { MaterialIdRole = Qt::UserRole + 1, AppliesRole, SatisfiedRole, PendingRole };

    explicit ChecklistModel(QObject* parent = nullptr);

    // `itemNumbers`: code -> the item's number in the basket, to name the
    // items asking for a material when there are several.
    // `dependsOn`: for a line left out by its condition, the form fields not
    // answered yet that decide it (shown "depends on ..." instead of "not needed").
    void setChecklist(const Checklist& checklist, const QHash<QString, int>& itemNumbers,
                      const QHash<QString, QStringList>& dependsOn = {});
    const ChecklistLine* line(int row) const;
    int rowOf(const QString& materialId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString text(const ChecklistLine& line, int column) const;

    QList<ChecklistLine> m_lines;
    QHash<QString, int> m_itemNumbers;
    QHash<QString, QStringList> m_dependsOn;
};

} // namespace ow::ui
