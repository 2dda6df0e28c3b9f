#include "ChecklistModel.h"

#include "IntakeText.h"
#include "workbench/CatalogueText.h"

#include <QColor>
#include <QFont>

namespace ow::ui {

ChecklistModel::ChecklistModel(QObject* parent) : QAbstractTableModel(parent) {}

void ChecklistModel::setChecklist(const Checklist& checklist,
                                  const QHash<QString, int>& itemNumbers,
                                  const QHash<QString, QStringList>& dependsOn)
{
    m_dependsOn = dependsOn;
    QList<ChecklistLine> lines = checklist.applicableLines();
    for (const ChecklistLine& l : checklist.lines())
        if (!l.applies)
            lines.append(l);
    const bool sameRows =
        lines.size() == m_lines.size() &&
        std::equal(lines.cbegin(), lines.cend(), m_lines.cbegin(),
                   [](const ChecklistLine& a, const ChecklistLine& b) {
                       return a.material.id == b.material.id && a.applies == b.applies;
                   });
    m_itemNumbers = itemNumbers;
    if (sameRows) {
        m_lines = std::move(lines);
        if (!m_lines.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_lines = std::move(lines);
    endResetModel();
}

const ChecklistLine* ChecklistModel::line(int row) const
{
    return row >= 0 && row < m_lines.size() ? &m_lines[row] : nullptr;
}

int ChecklistModel::rowOf(const QString& materialId) const
{
    for (int r = 0; r < m_lines.size(); ++r)
        if (m_lines[r].material.id == materialId)
            return r;
    return -1;
}

int ChecklistModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ChecklistModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChecklistModel::text(const ChecklistLine& l, int column) const
{
    const Material& m = l.material;
    switch (column) {
    case Name:
        return m.name;
    case Asked: {
        QString asked = tr("%1 × %2").arg(CatalogueText::form(m.form)).arg(std::max(1, m.copies));
        if (m.requirement == Requirement::Optional)
            asked += QLatin1Char('\n') + CatalogueText::requirement(m.requirement);
        return asked;
    }
    case State:
        if (!l.applies && m_dependsOn.contains(l.material.id))
            return tr("Depends on %1").arg(m_dependsOn.value(l.material.id).join(tr(", ")));
        if (!l.applies)
            return tr("Not needed");
        if (l.state == MaterialState::Received && !l.satisfied())
            return tr("Received, short");
        return IntakeText::state(l.state);
    case Detail:
        switch (l.state) {
        case MaterialState::Received:
            return l.presented ? tr("%1 × %2").arg(CatalogueText::form(*l.presented)).arg(l.count)
                               : QString();
        case MaterialState::Reused:
            return IntakeText::reuseSource(l.reusedFrom);
        case MaterialState::Defective:
            return l.defectReason;
        case MaterialState::Missing:
            return l.whatToBring;
        case MaterialState::Pending:
            return l.onFile && l.applies ? IntakeText::reuseSource(*l.onFile) : QString();
        }
        return {};
    case Items: {
        QStringList numbers;
        for (const QString& code : l.itemCodes)
            if (m_itemNumbers.contains(code))
                numbers << QString::number(m_itemNumbers.value(code));
        return numbers.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant ChecklistModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChecklistLine& l = m_lines[index.row()];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == Number ? QString::number(index.row() + 1) : text(l, column);
    case Qt::ToolTipRole:
        if (column == Name)
            return l.material.note.isEmpty()
                       ? l.material.name
                       : l.material.name + QLatin1Char('\n') + l.material.note;
        return column == Detail ? text(l, column) : QVariant();
    case Qt::ForegroundRole:
        if (!l.applies || l.material.requirement == Requirement::Optional)
            return QColor(0x80, 0x80, 0x80);
        if (column == State) {
            if (l.satisfied())
                return QColor(0x1E, 0x7B, 0x34);
            if (l.state == MaterialState::Missing || l.state == MaterialState::Defective ||
                l.state == MaterialState::Received)
                return QColor(0xB0, 0x2A, 0x1F);
        }
        return {};
    case Qt::FontRole:
        if (!l.applies && !m_dependsOn.contains(l.material.id)) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        if (column == State) {
            QFont f;
            f.setBold(l.state != MaterialState::Pending);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return column == Number ? QVariant(int(Qt::AlignHCenter | Qt::AlignVCenter))
                                : QVariant(int(Qt::AlignLeft | Qt::AlignVCenter));
    case MaterialIdRole:
        return l.material.id;
    case AppliesRole:
        return l.applies;
    case PendingRole:
        return l.state == MaterialState::Pending;
    case SatisfiedRole:
        return l.satisfied();
    default:
        return {};
    }
}

QVariant ChecklistModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("#");
    case Name:
        return tr("Material");
    case Asked:
        return tr("Asked");
    case State:
        return tr("State");
    case Detail:
        return tr("Received / source / reason");
    case Items:
        return tr("Items");
    default:
        return {};
    }
}

} // namespace ow::ui
