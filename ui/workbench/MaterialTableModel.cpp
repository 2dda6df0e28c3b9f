#include "MaterialTableModel.h"

#include "CatalogueText.h"

#include <QColor>

namespace ow::ui {

MaterialTableModel::MaterialTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MaterialTableModel::setRows(QList<MaterialRow> rows, bool showItems)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_showItems = showItems;
    endResetModel();
}

int MaterialTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MaterialTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return m_showItems ? ColumnCount : ColumnCount - 1;
}

QString MaterialTableModel::text(const MaterialRow& row, int column) const
{
    const Material& m = row.material;
    switch (column) {
    case Name:
        return m.name;
    case Form:
        return CatalogueText::form(m.form);
    case Copies:
        return QString::number(m.copies);
    case Requirement:
        if (m.requirement == ow::Requirement::Conditional && !row.conditionText.isEmpty())
            return CatalogueText::requirement(m.requirement) + QLatin1Char('\n') +
                   row.conditionText;
        return CatalogueText::requirement(m.requirement);
    case Source:
        return CatalogueText::source(m.source, m.reusable);
    case Note:
        return m.note;
    case Items:
        return row.items.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant MaterialTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MaterialRow& row = m_rows[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == Number ? QString::number(index.row() + 1) : text(row, column);
    case Qt::ToolTipRole:
        return column == Name || column == Note || column == Requirement || column == Items
                   ? text(row, column)
                   : QVariant();
    case Qt::TextAlignmentRole:
        return column == Number || column == Copies ? QVariant(int(Qt::AlignHCenter | Qt::AlignTop))
                                                    : QVariant(int(Qt::AlignLeft | Qt::AlignTop));
    case Qt::ForegroundRole:
        if (column == Requirement && row.material.requirement == ow::Requirement::Conditional)
            return QColor(0x1F, 0x5F, 0xA8);
        if (row.material.requirement == ow::Requirement::Optional)
            return QColor(0x70, 0x70, 0x70);
        return {};
    default:
        return {};
    }
}

QVariant MaterialTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("#");
    case Name:
        return tr("Material");
    case Form:
        return tr("Form");
    case Copies:
        return tr("Copies");
    case Requirement:
        return tr("Required?");
    case Source:
        return tr("Source");
    case Note:
        return tr("Note");
    case Items:
        return tr("For items");
    default:
        return {};
    }
}

} // namespace ow::ui
