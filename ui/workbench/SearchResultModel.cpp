#include "SearchResultModel.h"

#include "CatalogueText.h"

namespace ow::ui {

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractListModel(parent) {}

void SearchResultModel::setRows(QList<SearchResultRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const SearchResultRow* SearchResultModel::row(int index) const
{
    return index >= 0 && index < m_rows.size() ? &m_rows[index] : nullptr;
}

int SearchResultModel::indexOf(const QString& code) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].code == code)
            return i;
    }
    return -1;
}

int SearchResultModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SearchResultModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchResultRow& r = m_rows[index.row()];
    const QString handling = r.handling ? CatalogueText::handling(*r.handling) : QString();
    const QString badge = r.joint ? tr("Joint") : QString();
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case Qt::ToolTipRole:
        return QStringList{r.name, r.code, r.department}.join(QLatin1Char('\n'));
    case Qt::AccessibleTextRole:
        return QStringList{r.name, badge, r.code, r.category, handling}.join(QLatin1Char(' '));
    case CodeRole:
        return r.code;
    case JointRole:
        return r.joint;
    case CategoryRole:
        return r.category;
    case DepartmentRole:
        return r.department;
    case HandlingRole:
        return handling;
    case BadgeRole:
        return badge;
    default:
        return {};
    }
}

QHash<int, QByteArray> SearchResultModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(CodeRole, "code");
    names.insert(NameRole, "name");
    names.insert(JointRole, "joint");
    names.insert(CategoryRole, "category");
    names.insert(DepartmentRole, "department");
    names.insert(HandlingRole, "handling");
    names.insert(BadgeRole, "badge");
    return names;
}

} // namespace ow::ui
