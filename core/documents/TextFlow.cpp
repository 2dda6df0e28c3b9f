#include "documents/TextFlow.h"

#include "documents/PdfTextLayer.h"

#include <QGlyphRun>
#include <QPainter>
#include <QVarLengthArray>

namespace ow {

namespace {

bool isWide(char32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

bool isClosing(char32_t cp)
{
    static const QString closing = QStringLiteral("，。、；：？！）》」』】〕〉”’…—%·,.;:?!)]}");
    return cp < 0x10000 && closing.contains(QChar(char16_t(cp)));
}

bool isOpening(char32_t cp)
{
    static const QString opening = QStringLiteral("（《「『【〔〈“‘([{");
    return cp < 0x10000 && opening.contains(QChar(char16_t(cp)));
}

// Splits a string into its code points (as strings), for character-level breaks.
QStringList codePoints(const QString& s)
{
    QStringList out;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i].isHighSurrogate() && i + 1 < s.size()) {
            out << s.mid(i, 2);
            ++i;
        } else {
            out << QString(s[i]);
        }
    }
    return out;
}

} // namespace

TextFlow::TextFlow(FontChain fonts) : m_fonts(std::move(fonts)) {}

qreal TextFlow::width(QStringView text, const TextStyle& style) const
{
    qreal w = 0;
    for (const FontChain::Run& run : m_fonts.runs(text, style)) {
        const QRawFont& f = m_fonts.font(style, run.font);
        QVarLengthArray<quint32, 64> glyphs(run.length);
        int n = int(run.length);
        if (!f.glyphIndexesForChars(text.data() + run.begin, int(run.length), glyphs.data(), &n))
            continue;
        QVarLengthArray<QPointF, 64> adv(n);
        f.advancesForGlyphIndexes(glyphs.data(), adv.data(), n, QRawFont::UseDesignMetrics);
        for (int i = 0; i < n; ++i)
            w += adv[i].x();
    }
    return w;
}

qreal TextFlow::baseline(const TextStyle& style) const
{
    const QRawFont& f = m_fonts.font(style, 0);
    const qreal asc = f.ascent(), desc = f.descent();
    return (lineHeight(style) - (asc + desc)) / 2 + asc;
}

void TextFlow::draw(QPainter& painter, QPointF origin, QStringView text,
                    const TextStyle& style) const
{
    qreal x = origin.x();
    for (const FontChain::Run& run : m_fonts.runs(text, style)) {
        const QRawFont& f = m_fonts.font(style, run.font);
        QVarLengthArray<quint32, 64> glyphs(run.length);
        int n = int(run.length);
        if (!f.glyphIndexesForChars(text.data() + run.begin, int(run.length), glyphs.data(), &n))
            continue;
        glyphs.resize(n);
        QVarLengthArray<QPointF, 64> adv(n);
        f.advancesForGlyphIndexes(glyphs.data(), adv.data(), n, QRawFont::UseDesignMetrics);
        QList<QPointF> positions;
        positions.reserve(n);
        qreal gx = 0;
        for (int i = 0; i < n; ++i) {
            positions.append(QPointF(gx, 0));
            gx += adv[i].x();
        }
        QGlyphRun glyphRun;
        glyphRun.setRawFont(f);
        glyphRun.setGlyphIndexes(QList<quint32>(glyphs.begin(), glyphs.end()));
        glyphRun.setPositions(positions);
        painter.drawGlyphRun(QPointF(x, origin.y()), glyphRun);
        if (m_layer) {
            QVarLengthArray<char32_t, 64> cps;
            const QStringView part = text.mid(run.begin, run.length);
            for (char32_t cp : part.toUcs4())
                cps.append(cp);
            if (cps.size() == n) // one glyph per code point: the chain never shapes
                m_layer->record(m_fonts.postScriptName(style, run.font), glyphs.data(), cps.data(),
                                n);
        }
        x += gx;
    }
}

void TextFlow::drawIn(QPainter& painter, const QRectF& box, QStringView text,
                      const TextStyle& style, Qt::Alignment align) const
{
    qreal x = box.left();
    if (align & (Qt::AlignRight | Qt::AlignHCenter)) {
        const qreal w = width(text, style);
        x = (align & Qt::AlignRight) ? box.right() - w : box.left() + (box.width() - w) / 2;
    }
    const qreal top = box.top() + (box.height() - lineHeight(style)) / 2;
    draw(painter, QPointF(x, top + baseline(style)), text, style);
}

QStringList TextFlow::tokens(const QString& paragraph) const
{
    QStringList out;
    QString word;
    bool glueNext = false;
    auto push = [&](const QString& t) {
        if (glueNext && !out.isEmpty())
            out.last() += t;
        else
            out << t;
        glueNext = false;
    };
    auto flushWord = [&] {
        if (!word.isEmpty())
            push(word);
        word.clear();
    };
    for (const QString& cpText : codePoints(paragraph)) {
        const char32_t cp = cpText.toUcs4().value(0);
        if (cp == U' ' || cp == U'\t') {
            flushWord();
            out << QStringLiteral(" ");
            glueNext = false;
        } else if (isClosing(cp) && word.isEmpty() && !out.isEmpty() && out.last() != u" ") {
            out.last() += cpText;
        } else if (isOpening(cp)) {
            flushWord();
            push(cpText);
            glueNext = true;
        } else if (isWide(cp)) {
            flushWord();
            push(cpText);
        } else if (isClosing(cp)) {
            word += cpText;
        } else {
            if (glueNext && word.isEmpty() && !out.isEmpty()) {
                word = out.takeLast();
                glueNext = false;
            }
            word += cpText;
        }
    }
    flushWord();
    return out;
}

void TextFlow::breakToken(const QString& token, const TextStyle& style, qreal maxWidth,
                          QStringList& lines, QString& line, qreal& lineWidth) const
{
    for (const QString& cp : codePoints(token)) {
        const qreal w = width(cp, style);
        if (!line.isEmpty() && lineWidth + w > maxWidth) {
            lines << line;
            line.clear();
            lineWidth = 0;
        }
        line += cp;
        lineWidth += w;
    }
}

QStringList TextFlow::wrap(const QString& text, const TextStyle& style, qreal maxWidth) const
{
    QStringList lines;
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (const QString& paragraph : paragraphs) {
        QString line;
        qreal lineWidth = 0;
        for (const QString& token : tokens(paragraph)) {
            const bool space = token == u" ";
            if (space && line.isEmpty() && !lines.isEmpty())
                continue; // no space at the start of a continued line
            const qreal w = width(token, style);
            if (lineWidth + w <= maxWidth + 0.01) {
                line += token;
                lineWidth += w;
                continue;
            }
            if (space) {
                lines << line;
                line.clear();
                lineWidth = 0;
                continue;
            }
            if (!line.isEmpty()) {
                while (line.endsWith(QLatin1Char(' '))) // a trailing space, not the indent
                    line.chop(1);
                lines << line;
                line.clear();
                lineWidth = 0;
            }
            if (w <= maxWidth + 0.01) {
                line = token;
                lineWidth = w;
            } else {
                breakToken(token, style, maxWidth, lines, line, lineWidth);
            }
        }
        lines << line;
    }
    return lines;
}

std::optional<TextStyle> TextFlow::fit(const QString& text, TextStyle style, QSizeF box,
                                       qreal minSize) const
{
    for (; style.size >= minSize - 0.001; style.size -= 0.5) {
        const QStringList lines = wrap(text, style, box.width());
        if (lines.size() * lineHeight(style) <= box.height() + 0.01)
            return style;
    }
    return std::nullopt;
}

} // namespace ow
