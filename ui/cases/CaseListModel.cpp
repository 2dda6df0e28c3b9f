#include "CaseListModel.h"

#include "documents/Masking.h"

#include <QBrush>
#include <QColor>

namespace ow::ui {

CaseListModel::CaseListModel(QObject* parent) : QAbstractTableModel(parent) {}

void CaseListModel::setRows(QList<CaseRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

const CaseRow* CaseListModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int CaseListModel::rowOf(const QString& caseId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == caseId)
            return i;
    return -1;
}

int CaseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant CaseListModel::data(const QModelIndex& index, int role) const
{
    const CaseRow* r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    if (role == IdRole)
        return r->id;
    if (role == Qt::BackgroundRole) {
        if (r->urgency == Urgency::Overdue)
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (r->urgency == Urgency::DueSoon)
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Items)
        return r->itemNames.join(QLatin1Char('\n'));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number:
        return r->number();
    case Applicant: {
        QString text = r->applicantName;
        if (!r->applicantIdNumber.isEmpty())
            text += QStringLiteral("  ") + maskIdNumber(r->applicantIdNumber);
        return text;
    }
    case Items:
        return r->itemNames.join(QStringLiteral("、"));
    case Status:
        return displayName(r->status);
    case Decided:
        return r->decidedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Promised:
        return r->promisedDate.isValid() ? r->promisedDate.toString(Qt::ISODate) : QString();
    case DaysLeft:
        if (!r->workingDaysLeft)
            return {};
        if (r->urgency == Urgency::Overdue)
            return tr("%n working day(s) overdue", nullptr, -*r->workingDaysLeft);
        if (*r->workingDaysLeft == 0)
            return tr("Due today");
        return tr("%n working day(s) left", nullptr, *r->workingDaysLeft);
    case Clerk:
        return r->place.window.isEmpty() ? r->place.clerk
                                         : r->place.clerk + QStringLiteral(" · ") + r->place.window;
    }
    return {};
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Number");
    case Applicant:
        return tr("Applicant");
    case Items:
        return tr("Items");
    case Status:
        return tr("Status");
    case Decided:
        return tr("Decided");
    case Promised:
        return tr("Promised");
    case DaysLeft:
        return tr("Legal clock");
    case Clerk:
        return tr("Clerk");
    }
    return {};
}

} // namespace ow::ui
