#include "documents/PageLayout.h"

#include <QCoreApplication>
#include <QHash>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPainterPath>

namespace ow {

namespace {

constexpr qreal kPadX = 4;
constexpr qreal kPadY = 2.5;
constexpr qreal kRule = 0.6;
const QColor kShade(238, 238, 238);

} // namespace

PageLayout::PageLayout(PageSpec page) : m_page(std::move(page)) {}

void PageLayout::setRunningHeader(const QString& left, const QString& right)
{
    m_headerLeft = left;
    m_headerRight = right;
}

QSizeF PageLayout::pagePoints() const
{
    QSizeF s = m_page.size.size(QPageSize::Millimeter) * (72.0 / 25.4);
    if (m_page.orientation == QPageLayout::Landscape)
        s.transpose();
    return s;
}

QRectF PageLayout::contentRect() const
{
    const QSizeF s = pagePoints();
    return QRectF(m_page.margins.left(), m_page.margins.top(),
                  s.width() - m_page.margins.left() - m_page.margins.right(),
                  s.height() - m_page.margins.top() - m_page.margins.bottom());
}

QPageLayout PageLayout::pageLayout() const
{
    QPageLayout layout(m_page.size, m_page.orientation, QMarginsF(), QPageLayout::Point);
    layout.setMode(QPageLayout::FullPageMode);
    return layout;
}

QList<PageLayout::Piece> PageLayout::rowPieces(const TextFlow& flow, const QList<Cell>& cells,
                                               qreal maxHeight)
{
    QList<QStringList> lines;
    qreal lineHeight = 0;
    qsizetype total = 1;
    for (const Cell& c : cells) {
        lines << flow.wrap(c.text, c.style, c.width - 2 * kPadX);
        lineHeight = std::max(lineHeight, flow.lineHeight(c.style));
        total = std::max(total, lines.last().size());
    }
    const qsizetype perPiece =
        std::max<qsizetype>(1, qsizetype((maxHeight - 2 * kPadY) / lineHeight));
    QList<Piece> out;
    for (qsizetype start = 0; start < total; start += perPiece) {
        const qsizetype count = std::min(perPiece, total - start);
        Piece p;
        p.height = count * lineHeight + 2 * kPadY;
        p.paint = [cells, lines, start, count, lineHeight](QPainter& painter, const TextFlow& f,
                                                           const QRectF& r) {
            qreal x = r.left();
            for (qsizetype k = 0; k < cells.size(); ++k) {
                const Cell& c = cells[k];
                const QRectF cell(x, r.top(), c.width, r.height());
                if (c.shaded)
                    painter.fillRect(cell, kShade);
                painter.setPen(QPen(Qt::black, kRule));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(cell);
                const qsizetype n = std::clamp<qsizetype>(lines[k].size() - start, 0, count);
                const qreal lh = f.lineHeight(c.style);
                qreal y = r.top() + (r.height() - n * lh) / 2;
                for (qsizetype i = 0; i < n; ++i, y += lh)
                    f.drawIn(painter, QRectF(x + kPadX, y, c.width - 2 * kPadX, lh),
                             lines[k][start + i], c.style, c.align);
                x += c.width;
            }
        };
        out << p;
    }
    return out;
}

void PageLayout::addTitle(const QString& issuer, const QString& title, const QString& number)
{
    m_blocks << [issuer, title, number](const TextFlow& flow, qreal width, qreal) {
        const TextStyle issuerStyle{14, true}, titleStyle{20, true}, numberStyle{10.5, false};
        const QStringList issuerLines =
            issuer.isEmpty() ? QStringList() : flow.wrap(issuer, issuerStyle, width);
        const QStringList titleLines = flow.wrap(title, titleStyle, width);
        Piece p;
        p.keepWithNext = true;
        p.height = issuerLines.size() * flow.lineHeight(issuerStyle) +
                   titleLines.size() * flow.lineHeight(titleStyle) +
                   (number.isEmpty() ? 0 : flow.lineHeight(numberStyle)) + 8;
        p.paint = [=](QPainter& painter, const TextFlow& f, const QRectF& r) {
            qreal y = r.top();
            for (const QString& l : issuerLines) {
                f.drawIn(painter, QRectF(r.left(), y, r.width(), f.lineHeight(issuerStyle)), l,
                         issuerStyle, Qt::AlignHCenter);
                y += f.lineHeight(issuerStyle);
            }
            for (const QString& l : titleLines) {
                f.drawIn(painter, QRectF(r.left(), y, r.width(), f.lineHeight(titleStyle)), l,
                         titleStyle, Qt::AlignHCenter);
                y += f.lineHeight(titleStyle);
            }
            if (!number.isEmpty())
                f.drawIn(painter, QRectF(r.left(), y, r.width(), f.lineHeight(numberStyle)), number,
                         numberStyle, Qt::AlignHCenter);
        };
        return QList<Piece>{p};
    };
}

void PageLayout::addHeading(const QString& text)
{
    m_blocks << [text](const TextFlow& flow, qreal width, qreal) {
        const TextStyle style{12, true};
        QList<Piece> out;
        for (const QString& line : flow.wrap(text, style, width)) {
            Piece p;
            p.height = flow.lineHeight(style);
            p.spaceBefore = out.isEmpty() ? 9 : 0;
            p.keepWithNext = true;
            p.paint = [line, style](QPainter& painter, const TextFlow& f, const QRectF& r) {
                f.drawIn(painter, r, line, style);
            };
            out << p;
        }
        return out;
    };
}

void PageLayout::addParagraph(const QString& text, TextStyle style, bool indent,
                              Qt::Alignment align, qreal spaceBefore)
{
    m_blocks << [=](const TextFlow& flow, qreal width, qreal) {
        // a first-line indent of two characters, as Chinese body text has it
        const QString indentText = indent ? QStringLiteral("\u3000\u3000") : QString();
        QList<Piece> out;
        const QStringList paragraphs = text.split(QLatin1Char('\n'));
        for (const QString& para : paragraphs) {
            const QStringList lines = flow.wrap(indentText + para, style, width);
            for (const QString& line : lines) {
                Piece p;
                p.height = flow.lineHeight(style);
                p.spaceBefore = out.isEmpty() ? spaceBefore : 0;
                p.paint = [line, style, align](QPainter& painter, const TextFlow& f,
                                               const QRectF& r) {
                    f.drawIn(painter, r, line, style, align);
                };
                out << p;
            }
        }
        return out;
    };
}

void PageLayout::addFields(const QList<Field>& fields, int columns)
{
    m_blocks << [fields, columns](const TextFlow& flow, qreal width, qreal maxHeight) {
        const TextStyle labelStyle{10, true}, valueStyle{10.5, false};
        const qreal column = width / columns;
        qreal labelWidth = 0;
        for (const Field& f : fields)
            labelWidth = std::max(labelWidth, flow.width(f.label, labelStyle) + 2 * kPadX + 1);
        labelWidth = std::min(labelWidth, column * 0.45);
        QList<Piece> out;
        QList<Cell> row;
        int used = 0;
        auto emitRow = [&] {
            if (row.isEmpty())
                return;
            // the last field of a short row takes the rest of the line
            row.last().width += (columns - used) * column;
            out += rowPieces(flow, row, maxHeight);
            row.clear();
            used = 0;
        };
        for (const Field& f : fields) {
            const int span = std::clamp(f.span, 1, columns);
            if (used + span > columns)
                emitRow();
            row << Cell{f.label, labelStyle, labelWidth, Qt::AlignLeft, true};
            row << Cell{f.value, valueStyle, span * column - labelWidth, Qt::AlignLeft, false};
            used += span;
        }
        emitRow();
        if (!out.isEmpty())
            out.first().spaceBefore = 6;
        return out;
    };
}

void PageLayout::addTable(const QList<Column>& columns, const QList<QStringList>& rows,
                          TextStyle style)
{
    const int table = m_tables++;
    m_blocks << [columns, rows, style, table](const TextFlow& flow, qreal width, qreal maxHeight) {
        qreal weights = 0;
        for (const Column& c : columns)
            weights += c.weight;
        QList<Cell> header;
        for (const Column& c : columns)
            header << Cell{c.title, TextStyle{style.size, true}, width * c.weight / weights,
                           Qt::AlignHCenter, true};
        QList<Piece> out = rowPieces(flow, header, maxHeight);
        for (Piece& p : out) {
            p.table = table;
            p.header = true;
            p.keepWithNext = true;
        }
        out.first().spaceBefore = 6;
        for (const QStringList& r : rows) {
            QList<Cell> cells;
            for (qsizetype i = 0; i < columns.size(); ++i)
                cells << Cell{r.value(i), style, header[i].width, columns[i].align, false};
            for (Piece& p : rowPieces(flow, cells, maxHeight)) {
                p.table = table;
                out << p;
            }
        }
        return out;
    };
}

void PageLayout::addSignatures(const QList<Signature>& boxes, qreal height)
{
    addBlock(height, [boxes](QPainter& painter, const TextFlow& f, const QRectF& r) {
        const qreal gap = 12;
        const qreal w = (r.width() - gap * (boxes.size() - 1)) / boxes.size();
        const TextStyle caption{10.5, false}, small{7, false};
        for (qsizetype i = 0; i < boxes.size(); ++i) {
            const QRectF box(r.left() + i * (w + gap), r.top(), w, r.height());
            painter.setPen(QPen(Qt::black, kRule));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box);
            const QRectF inner = box.adjusted(kPadX + 2, kPadY, -kPadX - 2, -kPadY);
            // a seal box keeps its right part for the seal, a circle as tall as the box
            const qreal d = boxes[i].seal ? std::min(inner.height() - 2, inner.width() * 0.5) : 0;
            const qreal textWidth = inner.width() - (d > 0 ? d + 4 : 0);
            const QStringList lines = f.wrap(boxes[i].caption, caption, textWidth);
            qreal y = inner.top();
            for (const QString& l : lines) {
                f.drawIn(painter, QRectF(inner.left(), y, textWidth, f.lineHeight(caption)), l,
                         caption);
                y += f.lineHeight(caption);
            }
            const qreal dateH = f.lineHeight(caption);
            f.drawIn(painter, QRectF(inner.left(), inner.bottom() - dateH, textWidth, dateH),
                     QCoreApplication::translate("ow::PageLayout", "Date:") +
                         QStringLiteral("            "),
                     caption, d > 0 ? Qt::AlignLeft : Qt::AlignRight);
            if (d > 20) {
                const QRectF circle(inner.right() - d, inner.center().y() - d / 2, d, d);
                painter.setPen(QPen(QColor(150, 150, 150), 0.8, Qt::DashLine));
                painter.drawEllipse(circle);
                const QStringList seal = f.wrap(boxes[i].sealText, small, d * 0.7);
                qreal sy = circle.center().y() - seal.size() * f.lineHeight(small) / 2;
                painter.setPen(QColor(120, 120, 120));
                for (const QString& l : seal) {
                    f.drawIn(painter,
                             QRectF(circle.left(), sy, circle.width(), f.lineHeight(small)), l,
                             small, Qt::AlignHCenter);
                    sy += f.lineHeight(small);
                }
            }
        }
    });
}

void PageLayout::addBlock(qreal height, Painter paint, bool keepWithNext, qreal spaceBefore)
{
    m_blocks << [=](const TextFlow&, qreal, qreal) {
        Piece p;
        p.height = height;
        p.spaceBefore = spaceBefore;
        p.keepWithNext = keepWithNext;
        p.paint = paint;
        return QList<Piece>{p};
    };
}

void PageLayout::addSpace(qreal points)
{
    addBlock(
        0, [](QPainter&, const TextFlow&, const QRectF&) {}, false, points);
}

int PageLayout::paginate(const TextFlow& flow)
{
    m_pages.clear();
    const QRectF content = contentRect();
    QList<Piece> pieces;
    for (const Builder& b : m_blocks)
        pieces += b(flow, content.width(), content.height() * 0.6);
    QHash<int, Piece> headers;
    QList<Placed> page;
    qreal y = 0;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        const Piece& p = pieces[i];
        if (p.header)
            headers.insert(p.table, p);
        qreal need = (y > 0 ? p.spaceBefore : 0) + p.height;
        for (qsizetype j = i;
             j + 1 < pieces.size() && pieces[j].keepWithNext && need < content.height() / 2; ++j)
            need += pieces[j + 1].spaceBefore + pieces[j + 1].height;
        if (y > 0 && y + need > content.height() + 0.01) {
            m_pages << page;
            page.clear();
            y = 0;
            if (p.table >= 0 && !p.header && headers.contains(p.table)) {
                page << Placed{0, headers.value(p.table)};
                y = headers.value(p.table).height;
            }
        } else if (y > 0) {
            y += p.spaceBefore;
        }
        page << Placed{y, p};
        y += p.height;
    }
    m_pages << page;
    return int(m_pages.size());
}

void PageLayout::paintDecorations(QPainter& painter, const TextFlow& flow, int page) const
{
    const QSizeF size = pagePoints();
    const QRectF content = contentRect();
    if (!m_copyMark.isEmpty()) { // a light mark across the page, under the content
        painter.save();
        painter.translate(size.width() / 2, size.height() / 2);
        painter.rotate(-35);
        painter.setPen(QColor(215, 215, 215));
        const TextStyle mark{std::min(size.width(), size.height()) / 6, true};
        const qreal w = flow.width(m_copyMark, mark);
        flow.draw(painter, QPointF(-w / 2, mark.size / 3), m_copyMark, mark);
        painter.restore();
    }
    if (!m_page.decorations)
        return;
    const TextStyle small{8.5, false};
    const qreal lh = flow.lineHeight(small);
    painter.setPen(QColor(60, 60, 60));
    const QRectF header(content.left(), content.top() - lh - 12, content.width(), lh);
    const qreal rightWidth = flow.width(m_headerRight, small);
    flow.drawIn(painter, header, m_headerRight, small, Qt::AlignRight);
    const QStringList left =
        flow.wrap(m_headerLeft, small, std::max(20.0, content.width() - rightWidth - 12));
    flow.drawIn(painter, header, left.value(0), small, Qt::AlignLeft);
    painter.setPen(QPen(QColor(90, 90, 90), 0.5));
    painter.drawLine(QPointF(content.left(), content.top() - 9),
                     QPointF(content.right(), content.top() - 9));
    painter.setPen(Qt::black);
    const QString number = QCoreApplication::translate("ow::PageLayout", "Page %1 of %2")
                               .arg(page + 1)
                               .arg(m_pages.size());
    flow.drawIn(painter, QRectF(content.left(), content.bottom() + 10, content.width(), lh), number,
                small, Qt::AlignHCenter);
    if (!m_footerNote.isEmpty()) {
        const qreal half = (content.width() - flow.width(number, small)) / 2 - 8;
        if (half > 20)
            flow.drawIn(painter, QRectF(content.left(), content.bottom() + 10, half, lh),
                        m_footerNote, small, Qt::AlignLeft);
    }
    if (!m_copyMark.isEmpty()) { // and a boxed stamp by the page number
        const TextStyle stamp{11, true};
        const qreal w = flow.width(m_copyMark, stamp) + 10;
        const QRectF box(content.right() - w, content.bottom() + 6, w, flow.lineHeight(stamp));
        painter.setPen(QPen(Qt::black, 1));
        painter.drawRect(box);
        flow.drawIn(painter, box, m_copyMark, stamp, Qt::AlignHCenter);
    }
}

Status PageLayout::paint(QPagedPaintDevice& device, const TextFlow& flow)
{
    if (m_pages.isEmpty())
        paginate(flow);
    if (!device.setPageLayout(pageLayout()))
        return Error::invalid(QCoreApplication::translate(
                                  "ow::PageLayout", "The printer does not accept the page size %1.")
                                  .arg(m_page.size.name()));
    QPainter painter;
    if (!painter.begin(&device))
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PageLayout",
                                                 "Cannot start printing on the chosen device."),
                     {}};
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal sx = device.logicalDpiX() / 72.0, sy = device.logicalDpiY() / 72.0;
    const QRectF content = contentRect();
    for (qsizetype i = 0; i < m_pages.size(); ++i) {
        if (i > 0 && !device.newPage()) {
            painter.end();
            return Error{
                Error::Kind::Internal,
                QCoreApplication::translate("ow::PageLayout", "The printer refused a new page."),
                {}};
        }
        painter.save();
        painter.scale(sx, sy);
        paintDecorations(painter, flow, int(i));
        for (const Placed& placed : m_pages[i]) {
            painter.save();
            painter.setPen(Qt::black);
            placed.piece.paint(painter, flow,
                               QRectF(content.left(), content.top() + placed.y, content.width(),
                                      placed.piece.height));
            painter.restore();
        }
        painter.restore();
    }
    if (!painter.end())
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PageLayout", "Printing did not finish."),
                     {}};
    return {};
}

} // namespace ow
