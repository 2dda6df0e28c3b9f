#include "catalogue/PinyinMatcher.h"

#include "catalogue/Pinyin.h"

#include <algorithm>
#include <bit>

namespace ow {

namespace {

constexpr quint64 bit(int i)
{
    return quint64(1) << i;
}

bool isCodeChar(char32_t c)
{
    return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c == U'-' || c == U'_' ||
           c == U'.';
}

} // namespace

MatchChar MatchChar::of(char32_t cp)
{
    MatchChar c;
    c.cp = cp;
    c.initials = letterBit(cp);
    for (const quint16 id : Pinyin::readingIds(cp))
        c.initials |= letterBit(char32_t(Pinyin::syllable(id).front()));
    return c;
}

PinyinMatcher::PinyinMatcher(const QString& query)
{
    bool codeLike = true;
    forEachUnit(query, [&](char32_t cp) {
        codeLike = codeLike && isCodeChar(cp);
        if (codeLike)
            m_code.append(char(cp));
        if (m_n == kMaxUnits)
            return;
        if (const quint32 b = letterBit(cp)) {
            m_letters |= b;
            m_at[cp - U'a'] |= bit(m_n);
        } else {
            const int slot = bloomSlot(cp);
            m_bloom[slot >> 6] |= bit(slot & 63);
        }
        m_units[size_t(m_n++)] = cp;
    });
    if (!codeLike)
        m_code.clear();
    m_firstBit = letterBit(m_units[0]);

    const int syllables = std::min(Pinyin::syllableCount(), int(m_prefix.size()));
    for (int s = 0; s < syllables; ++s) {
        const std::string_view letters = Pinyin::syllable(quint16(s));
        auto& p = m_prefix[size_t(s)];
        m_length[size_t(s)] = quint8(std::min(letters.size(), p.size()));
        quint64 at = m_at[size_t(letters[0] - 'a')];
        for (size_t k = 0; k < p.size(); ++k) {
            p[k] = at;
            if (!at || k + 1 >= letters.size())
                at = 0;
            else
                at &= m_at[size_t(letters[k + 1] - 'a')] >> (k + 1);
        }
    }
}

// Positions where the query holds this very code point.
quint64 PinyinMatcher::literal(char32_t cp) const
{
    if (const quint32 b = letterBit(cp))
        return m_at[size_t(std::countr_zero(b))];
    const int slot = bloomSlot(cp);
    if (!(m_bloom[slot >> 6] & bit(slot & 63)))
        return 0;
    quint64 out = 0;
    for (int j = 0; j < m_n; ++j)
        if (m_units[size_t(j)] == cp)
            out |= bit(j);
    return out;
}

quint64 PinyinMatcher::advance(const MatchChar& c, quint64 reach, bool strict) const
{
    quint64 next = (reach & literal(c.cp)) << 1;
    const quint64 goal = bit(m_n);
    if (!(c.initials & m_letters) || c.cp < 0x80)
        return next;
    for (const quint16 s : Pinyin::readingIds(c.cp)) {
        if (s >= m_prefix.size())
            continue;
        const auto& p = m_prefix[s];
        const int len = m_length[s];
        for (int k = 0; k < len; ++k) {
            const quint64 m = reach & p[size_t(k)];
            if (!m)
                break;
            if (!strict)
                next |= m << (k + 1);
            else if (k + 1 == len)
                next |= m << len;
            else
                next |= (m << (k + 1)) & goal; // a prefix only to end the query
        }
    }
    return next;
}

bool PinyinMatcher::matchPrefix(const MatchChar* c, const MatchChar* end, bool strict) const
{
    if (m_n == 0)
        return false;
    const quint64 goal = bit(m_n);
    quint64 reach = 1;
    for (; c != end && c->cp != 0; ++c) {
        reach = advance(*c, reach, strict);
        if (reach & goal)
            return true;
        if (!reach)
            return false;
    }
    return false;
}

bool PinyinMatcher::matchAnywhere(const MatchChar* c, const MatchChar* end) const
{
    if (m_n == 0)
        return false;
    const quint64 goal = bit(m_n);
    quint64 reach = 0;
    for (; c != end; ++c) {
        if (c->cp == 0) {
            reach = 0;
            continue;
        }
        const quint64 from = reach | (startsAt(*c) ? 1 : 0);
        if (!from)
            continue;
        const quint64 next = advance(*c, from, false);
        if (next & goal)
            return true;
        reach = next;
    }
    return false;
}

bool PinyinMatcher::matchScattered(const MatchChar* c, const MatchChar* end) const
{
    int j = 0;
    for (; c != end && j < m_n; ++c) {
        if (c->cp == 0)
            j = 0;
        else if (c->cp == m_units[size_t(j)] || (c->initials & letterBit(m_units[size_t(j)])))
            ++j;
    }
    return m_n > 0 && j == m_n;
}

} // namespace ow
