#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QRawFont>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace ow {

// The size and weight of a piece of document text, in points.
struct TextStyle
{
    qreal size = 10.5; // 五号
    bool bold = false;
};

// The fonts a document is printed with, in order of preference. Each code
// point is drawn with the first font of the chain that has a glyph for it:
// "Noto Sans CJK SC" for the general standard characters, Latin and digits,
// "HanaMinB" for CJK Extension B-F (生僻字). A code point no font of the chain
// covers is looked up once among every installed family, so a character the
// machine has a font for never prints as a blank box.
class FontChain
{
public:
    static QStringList defaultFamilies();

    explicit FontChain(QStringList families = defaultFamilies());

    // A stretch of text drawn with one font: [begin, begin + length) in UTF-16 units.
    struct Run
    {
        qsizetype begin = 0;
        qsizetype length = 0;
        int font = 0; // index for font()
    };
    QList<Run> runs(QStringView text, const TextStyle& style) const;

    // The font `index` of runs() at `style`, unhinted, sized in points.
    const QRawFont& font(const TextStyle& style, int index) const;
    // The PostScript name of that font, as a PDF writer names it.
    QByteArray postScriptName(const TextStyle& style, int index) const;
    // The families actually installed and used, chain first.
    QStringList installedFamilies() const;

private:
    struct Face
    {
        QRawFont font;
        QByteArray psName;
    };
    struct Sized
    {
        QList<Face> faces;
    };
    const Sized& sized(const TextStyle& style) const;
    int coveringFont(char32_t cp, const Sized& s) const;
    int lastResort(char32_t cp) const;

    QStringList m_families;
    mutable QStringList m_extra; // families found by lastResort()
    mutable QHash<char32_t, int> m_lastResort;
    mutable QHash<qint64, Sized> m_sized;
};

} // namespace ow
