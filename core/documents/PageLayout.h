#pragma once

#include "documents/TextFlow.h"
#include "store/Result.h"

#include <QList>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QString>
#include <QStringList>
#include <functional>

class QPagedPaintDevice;
class QPainter;

namespace ow {

// The paper of a document and its margins, in points.
struct PageSpec
{
    QPageSize size = QPageSize(QPageSize::A4);
    QPageLayout::Orientation orientation = QPageLayout::Portrait;
    QMarginsF margins = QMarginsF(62, 56, 56, 50); // ~22 mm left, 20 top and right, 18 bottom
    bool decorations = true;                       // running header, page numbers
};

// Lays a document out on pages and paints it onto any QPagedPaintDevice
// (QPdfWriter, QPrinter). Blocks are added top to bottom; paginate() breaks
// them into pages (a table continues on the next page with its header row
// repeated, a row or paragraph taller than a page is split by lines), then
// paint() draws every page with its running header and "page N of M".
// Units are points; the page is painted in full-page mode, margins are ours.
class PageLayout
{
public:
    struct Field
    {
        QString label;
        QString value;
        int span = 1; // columns (label + value pairs) this field takes
    };
    struct Column
    {
        QString title;
        qreal weight = 1;
        Qt::Alignment align = Qt::AlignLeft;
    };
    struct Signature
    {
        QString caption;
        bool seal = false;
        QString sealText;
    };
    using Painter = std::function<void(QPainter&, const TextFlow&, const QRectF&)>;

    PageLayout() : PageLayout(PageSpec()) {}
    explicit PageLayout(PageSpec page);

    void setRunningHeader(const QString& left, const QString& right);
    // Marks every page as a copy (a reprint) with `mark`; empty for the original.
    void setCopyMark(const QString& mark) { m_copyMark = mark; }
    // A short note at the foot of every page, left of the page number (the
    // check code). Pages without decorations (a label) do not print it.
    void setFooterNote(const QString& note) { m_footerNote = note; }

    void addTitle(const QString& issuer, const QString& title, const QString& number);
    void addHeading(const QString& text);
    void addParagraph(const QString& text, TextStyle style = TextStyle(), bool indent = false,
                      Qt::Alignment align = Qt::AlignLeft, qreal spaceBefore = 3);
    // Ruled label/value rows, `columns` pairs per row.
    void addFields(const QList<Field>& fields, int columns = 2);
    // A ruled table with a header row, repeated on every page it continues on.
    void addTable(const QList<Column>& columns, const QList<QStringList>& rows,
                  TextStyle style = TextStyle{9.5, false});
    // Boxes side by side for signatures and seals; never split.
    void addSignatures(const QList<Signature>& boxes, qreal height = 74);
    // A fixed-height block drawn by `paint` inside the content width; never split.
    void addBlock(qreal height, Painter paint, bool keepWithNext = false, qreal spaceBefore = 6);
    void addSpace(qreal points);

    // Breaks the blocks into pages; returns the number of pages.
    int paginate(const TextFlow& flow);
    // Paints every page (paginating first when needed).
    Status paint(QPagedPaintDevice& device, const TextFlow& flow);

    int pageCount() const { return int(m_pages.size()); }
    QPageLayout pageLayout() const;
    QSizeF pagePoints() const;
    QRectF contentRect() const;

    // One ruled row of cells; public for documents that draw fixed forms.
    struct Cell
    {
        QString text;
        TextStyle style;
        qreal width = 0;
        Qt::Alignment align = Qt::AlignLeft;
        bool shaded = false;
    };

private:
    struct Piece
    {
        qreal height = 0;
        qreal spaceBefore = 0;
        bool keepWithNext = false;
        int table = -1;      // the table this row belongs to
        bool header = false; // the table's header row
        Painter paint;
    };
    struct Placed
    {
        qreal y = 0;
        Piece piece;
    };
    using Builder = std::function<QList<Piece>(const TextFlow&, qreal width, qreal maxHeight)>;

    static QList<Piece> rowPieces(const TextFlow& flow, const QList<Cell>& cells, qreal maxHeight);
    void paintDecorations(QPainter& painter, const TextFlow& flow, int page) const;

    PageSpec m_page;
    QString m_headerLeft, m_headerRight, m_copyMark, m_footerNote;
    QList<Builder> m_blocks;
    QList<QList<Placed>> m_pages;
    int m_tables = 0;
};

} // namespace ow
