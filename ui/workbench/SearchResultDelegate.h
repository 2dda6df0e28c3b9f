#pragma once

#include <QStyledItemDelegate>

namespace ow::ui {

// Paints a search result on two lines: the name (with a badge for a joint
// item), then the code, category and handling type in a smaller, quieter font.
class SearchResultDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    static QFont nameFont(const QStyleOptionViewItem& option);
    static QFont detailFont(const QStyleOptionViewItem& option);
};

} // namespace ow::ui
