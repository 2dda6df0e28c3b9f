#pragma once

#include <QString>

#include <array>
#include <cstdint>

namespace ow {

// One character of an indexed text: its lower-cased code point and the
// letters its readings start with (or the letter itself).
struct MatchChar
{
    char32_t cp = 0; // 0 separates two texts
    quint32 initials = 0;

    static MatchChar of(char32_t cp);
};

constexpr quint32 letterBit(char32_t c)
{
    return c >= U'a' && c <= U'z' ? 1u << (c - U'a') : 0u;
}

// A query compiled for matching against texts of hanzi and other characters:
// each character of the text consumes either the same code point or a
// non-empty prefix of one of its readings (full pinyin, initials and any
// mixture; every reading of a polyphone). The reachable query positions are
// a 64-bit set, and for each syllable the positions where each of its
// prefixes occurs are computed once, so a character costs a few bit
// operations. Lives on the stack: no allocation.
class PinyinMatcher
{
public:
    static constexpr int kMaxUnits = 63;

    // Lower-cases, folds full-width forms, drops spaces and apostrophes;
    // keeps the first kMaxUnits code points.
    explicit PinyinMatcher(const QString& query);

    int size() const { return m_n; }
    char32_t unit(int i) const { return m_units[size_t(i)]; }
    quint32 letters() const { return m_letters; }       // letters of the query
    quint64 otherBloom0() const { return m_bloom[0]; } // other code points, hashed
    quint64 otherBloom1() const { return m_bloom[1]; }
    // The whole query, lower case, when it has only code characters.
    const QByteArray& code() const { return m_code; }

    // The query can start with this character.
    bool startsAt(const MatchChar& c) const
    {
        return (c.initials & m_firstBit) || c.cp == m_units[0];
    }
    // From the text's first character to the separator or `end`. Strict: each
    // character consumes a whole reading but the last, which may end the query
    // on a prefix (full pinyin); loose: any non-empty prefix (initials, mixed).
    bool matchPrefix(const MatchChar* c, const MatchChar* end, bool strict) const;
    // Consecutive characters anywhere.
    bool matchAnywhere(const MatchChar* c, const MatchChar* end) const;
    // Each unit of the query is a character or the initial of a character,
    // in order, with other characters between them (pswxk: 排水管网许可).
    bool matchScattered(const MatchChar* c, const MatchChar* end) const;

    // Hash of a code point for the two 64-bit blooms of "other" characters.
    static int bloomSlot(char32_t cp) { return int((cp * 0x9E3779B1u) >> 25); }
    // Calls fn(cp) for each normalised code point of `text` (as the query is).
    template <typename Fn>
    static void forEachUnit(const QString& text, Fn fn);

private:
    quint64 literal(char32_t cp) const;
    quint64 advance(const MatchChar& c, quint64 reach, bool strict) const;

    std::array<char32_t, kMaxUnits> m_units{};
    int m_n = 0;
    quint32 m_letters = 0;
    quint32 m_firstBit = 0;
    quint64 m_bloom[2] = {0, 0};
    QByteArray m_code;
    std::array<quint64, 26> m_at{}; // positions of each letter
    // m_prefix[s][k]: positions where the first k+1 letters of syllable s occur.
    std::array<std::array<quint64, 7>, 512> m_prefix;
    std::array<quint8, 512> m_length{};
};

template <typename Fn>
void PinyinMatcher::forEachUnit(const QString& text, Fn fn)
{
    const QString lower = text.toLower();
    for (qsizetype i = 0; i < lower.size(); ++i) {
        char32_t cp = lower[i].unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < lower.size() && lower[i + 1].isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(lower[i], lower[i + 1]);
            ++i;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) // full-width forms typed in a Chinese input mode
            cp -= 0xFEE0;
        if (cp == U'\'' || QChar::isSpace(cp))
            continue;
        fn(cp);
    }
}

} // namespace ow
