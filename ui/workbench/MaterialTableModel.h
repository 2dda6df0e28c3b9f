#pragma once

#include "catalogue/Item.h"

#include <QAbstractTableModel>

namespace ow::ui {

// One line of the materials table.
struct MaterialRow
{
    Material material;
    QString conditionText; // the condition in words, for a conditional material
    QStringList items;     // in a merged list, the items asking for it (as numbered); else empty
};

// An item's materials (or a joint item's merged materials) as a table.
class MaterialTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Name, Form, Copies, Requirement, Source, Note, Items, ColumnCount };

    explicit MaterialTableModel(QObject* parent = nullptr);

    // `showItems`: add the column naming the items that ask for each material.
    void setRows(QList<MaterialRow> rows, bool showItems);
    const QList<MaterialRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString text(const MaterialRow& row, int column) const;

    QList<MaterialRow> m_rows;
    bool m_showItems = false;
};

} // namespace ow::ui
