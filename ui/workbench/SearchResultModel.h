#pragma once

#include "catalogue/Item.h"

#include <QAbstractListModel>
#include <QList>
#include <optional>

namespace ow::ui {

// One search result as the list shows it.
struct SearchResultRow
{
    QString code;
    QString name;
    bool joint = false; // 联办
    QString category;
    QString department;
    std::optional<HandlingType> handling; // none for a joint item
};

// The results of the catalogue search, best first.
class SearchResultModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        CodeRole = Qt::UserRole + 1,
        NameRole,
        JointRole,
        CategoryRole,
        DepartmentRole,
        HandlingRole, // the handling type in words
        BadgeRole,    // "Joint" for a joint item, else empty
    };

    explicit SearchResultModel(QObject* parent = nullptr);

    void setRows(QList<SearchResultRow> rows);
    const QList<SearchResultRow>& rows() const { return m_rows; }
    const SearchResultRow* row(int index) const;
    int indexOf(const QString& code) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<SearchResultRow> m_rows;
};

} // namespace ow::ui
