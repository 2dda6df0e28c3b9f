#pragma once

#include "documents/FontChain.h"

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

class QPainter;

namespace ow {

class PdfTextLayer;

// Measures, wraps and draws document text with a FontChain, one font run at a
// time, so what is measured is exactly what is drawn: a wrapped line never
// runs past its box. Units are points.
class TextFlow
{
public:
    explicit TextFlow(FontChain fonts = FontChain());

    qreal width(QStringView text, const TextStyle& style) const;
    qreal lineHeight(const TextStyle& style) const { return style.size * 1.5; }
    // The baseline offset from the top of a line box of lineHeight().
    qreal baseline(const TextStyle& style) const;

    // Breaks `text` into lines of at most `maxWidth`: between CJK characters,
    // at spaces between words, and inside a word only when the word alone is
    // wider than the line. Closing punctuation never starts a line, opening
    // punctuation never ends one. "\n" starts a new line.
    QStringList wrap(const QString& text, const TextStyle& style, qreal maxWidth) const;

    // Draws one line with its baseline starting at `origin`.
    void draw(QPainter& painter, QPointF origin, QStringView text, const TextStyle& style) const;
    // Draws one line inside `box`, aligned (left, centre or right) and centred vertically.
    void drawIn(QPainter& painter, const QRectF& box, QStringView text, const TextStyle& style,
                Qt::Alignment align = Qt::AlignLeft) const;

    // The largest size from `style.size` down to `minSize` at which `text`
    // wrapped to `box.width()` fits `box.height()`; nullopt when none does.
    std::optional<TextStyle> fit(const QString& text, TextStyle style, QSizeF box,
                                 qreal minSize) const;

    // Glyphs drawn from now on are recorded for the PDF text layer (null: none).
    void setTextLayer(PdfTextLayer* layer) { m_layer = layer; }

    const FontChain& fonts() const { return m_fonts; }

private:
    QStringList tokens(const QString& paragraph) const;
    void breakToken(const QString& token, const TextStyle& style, qreal maxWidth,
                    QStringList& lines, QString& line, qreal& lineWidth) const;

    FontChain m_fonts;
    PdfTextLayer* m_layer = nullptr;
};

} // namespace ow
