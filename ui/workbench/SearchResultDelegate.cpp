#include "SearchResultDelegate.h"

#include "SearchResultModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace ow::ui {

namespace {
constexpr int kPadX = 10;
constexpr int kPadY = 6;
constexpr int kLineGap = 2;
constexpr int kBadgePadX = 6;
} // namespace

QFont SearchResultDelegate::nameFont(const QStyleOptionViewItem& option)
{
    QFont f = option.font;
    f.setPointSizeF(f.pointSizeF() * 1.1);
    return f;
}

QFont SearchResultDelegate::detailFont(const QStyleOptionViewItem& option)
{
    QFont f = option.font;
    f.setPointSizeF(f.pointSizeF() * 0.9);
    return f;
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int h = QFontMetrics(nameFont(option)).height() + kLineGap +
                  QFontMetrics(detailFont(option)).height() + 2 * kPadY;
    return {option.rect.width() > 0 ? option.rect.width() : 300, h};
}

void SearchResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor text =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor quiet = text;
    quiet.setAlphaF(selected ? 0.85f : 0.6f);

    const QRect r = option.rect.adjusted(kPadX, kPadY, -kPadX, -kPadY);
    const QFont nf = nameFont(option);
    const QFont df = detailFont(option);
    const QFontMetrics nfm(nf);
    const QFontMetrics dfm(df);

    painter->save();
    painter->setClipRect(option.rect);

    // Badge first, at the right of the first line, so the name can be elided before it.
    int nameRight = r.right();
    const QString badge = index.data(SearchResultModel::BadgeRole).toString();
    if (!badge.isEmpty()) {
        const int w = dfm.horizontalAdvance(badge) + 2 * kBadgePadX;
        const QRect b(r.right() - w + 1, r.top() + (nfm.height() - dfm.height() - 2) / 2, w,
                      dfm.height() + 2);
        QPainterPath path;
        path.addRoundedRect(b, 4, 4);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->fillPath(path, selected ? QColor(255, 255, 255, 60) : QColor(0xE8, 0x6A, 0x17));
        painter->setFont(df);
        painter->setPen(selected ? text : QColor(Qt::white));
        painter->drawText(b, Qt::AlignCenter, badge);
        nameRight = b.left() - kBadgePadX;
    }

    const QRect nameRect(r.left(), r.top(), nameRight - r.left(), nfm.height());
    painter->setFont(nf);
    painter->setPen(text);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nfm.elidedText(index.data(SearchResultModel::NameRole).toString(),
                                     Qt::ElideRight, nameRect.width()));

    QStringList details{index.data(SearchResultModel::CodeRole).toString(),
                        index.data(SearchResultModel::CategoryRole).toString(),
                        index.data(SearchResultModel::HandlingRole).toString()};
    details.removeAll(QString());
    const QRect detailRect(r.left(), nameRect.bottom() + 1 + kLineGap, r.width(), dfm.height());
    painter->setFont(df);
    painter->setPen(quiet);
    painter->drawText(
        detailRect, Qt::AlignLeft | Qt::AlignVCenter,
        dfm.elidedText(details.join(QStringLiteral("  ·  ")), Qt::ElideRight, detailRect.width()));
    painter->restore();
}

} // namespace ow::ui
