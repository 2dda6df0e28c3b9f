#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSizeF>
#include <optional>

namespace ow {

// Qt's PDF writer (6.4) builds each font's ToUnicode map by scanning the Basic
// Multilingual Plane for the first code point of each glyph. Two things go
// wrong for Chinese: a glyph drawn for a supplementary-plane character (CJK
// Extension B-F, 生僻字) is missing from the text layer, and a glyph shared by
// a Kangxi radical and its ideograph (⼼ U+2F3C and 心 U+5FC3) reads back as the
// radical, so search, copy and pdftotext get the wrong text. The layer records,
// per font, the glyphs in the order the writer meets them (the writer numbers
// a font subset's glyphs that way, .notdef first) with the code point each was
// drawn for and, after the file is written, replaces the ToUnicode maps of
// those fonts by an incremental update.
class PdfTextLayer
{
public:
    // `glyphs[i]` was drawn for code point `codePoints[i]` with the font named `psName`.
    void record(const QByteArray& psName, const quint32* glyphs, const char32_t* codePoints,
                qsizetype count);

    // Fixes the text layer of `pdf` (written with every glyph recorded here)
    // and, when given, sets every page's MediaBox to exactly `pagePoints`
    // (the writer rounds page sizes to whole points).
    Result<QByteArray> apply(const QByteArray& pdf,
                             std::optional<QSizeF> pagePoints = std::nullopt) const;

private:
    struct Face
    {
        QList<quint32> order{0};          // subset glyph id -> font glyph id
        QHash<quint32, char32_t> unicode; // font glyph id -> the code point drawn
    };
    QHash<QByteArray, Face> m_faces;
};

} // namespace ow
