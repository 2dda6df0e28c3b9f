#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <span>
#include <string_view>

namespace ow {

// Hanzi -> pinyin, from the table generated at build time from Unihan
// (kMandarin, kTGHZ2013, kXHC1983, kHanyuPinyin). Readings are toneless
// ASCII lower case with ü written v; a polyphonic character has all its
// readings, the most common first (行: xing, hang, heng, ...). Covers the
// BMP and Extension B and beyond. No start-up cost: the table is constant data.
class Pinyin
{
public:
    // The readings of one code point; empty when it has none (not a hanzi).
    static QStringList readings(char32_t codePoint);

    // The same as syllable numbers, for hot loops (no allocation).
    static std::span<const quint16> readingIds(char32_t codePoint);
    // The letters of a syllable number (at most 7).
    static std::string_view syllable(quint16 id);
    static int syllableCount();
    // How many code points have a reading.
    static int characterCount();

    // The text spelled with the first (most common) reading of each hanzi,
    // other characters lower-cased as they are: 排水许可 -> paishuixuke.
    static QString spell(QStringView text);
    // The first letter of the first reading of each hanzi, other letters and
    // digits as they are: 排水许可 -> psxk.
    static QString initials(QStringView text);
};

} // namespace ow
