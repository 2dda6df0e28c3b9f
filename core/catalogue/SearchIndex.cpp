#include "catalogue/SearchIndex.h"

#include "catalogue/Pinyin.h"
#include "catalogue/PinyinMatcher.h"

#include <QByteArrayMatcher>
#include <algorithm>
#include <array>
#include <vector>

// How the index works. Each entry (item or joint item) keeps its texts (name,
// short name, keywords) as one run of MatchChars, a separator between texts;
// PinyinMatcher matches a query against them. Bit sets over the entries
// (which entries have a text starting with a given letter, a character with a
// given initial, a given pair of letters where a match can start) pick the
// few entries worth matching. Entries are visited in tie order (uses, then
// code): ranks 0-2 over the candidates first, then ranks 3 and 4 only until
// the limit is reached. Within rank 2 a match on the name or short name
// comes before a match on a keyword (two letters such as "ps" find 排水许可证
// before an item that only has a keyword starting 铺设).
namespace ow {

namespace {

// The buckets hits are sorted into: 0 code, 1 prefix, 2 initials of the name
// or short name, 3 initials of a keyword, 4 anywhere, 5 scattered. A hit's
// rank (SearchHit::rank) is its bucket, with 2 and 3 both rank 2.
constexpr int kRanks = 6;
constexpr int rankOfBucket(int bucket)
{
    return bucket <= 2 ? bucket : bucket - 1;
}
constexpr int kPairs = 26 * 26;
constexpr int kTriples = 1021; // buckets for letter triples

struct Entry
{
    QString code;
    QString name;
    QByteArray codeKey; // lower-cased code
    quint32 textBegin = 0, textEnd = 0;
    quint32 fieldBegin = 0, fieldEnd = 0; // into Impl::fieldStarts
    quint32 keywordBegin = 0;             // the first keyword's field
    int usage = 0;
    int category = -1;
    int deptBegin = 0, deptCount = 0; // into Impl::departments
    int levels = 0;
    HandlingType handling = HandlingType::Promised;
    bool universal = false;
    bool active = true;
    bool joint = false;
};

// A set of entries, one bit each.
struct Bits
{
    const quint64* w = nullptr;
    bool has(int i) const { return w[i >> 6] & (quint64(1) << (i & 63)); }
};

void setBit(quint64* w, int i)
{
    w[i >> 6] |= quint64(1) << (i & 63);
}

} // namespace

struct SearchIndex::Impl
{
    std::vector<Entry> entries;
    std::vector<MatchChar> chars;
    std::vector<quint32> fieldStarts;
    // Per entry: every letter of every reading, every initial, and a bloom
    // of the other code points.
    std::vector<quint32> letters;
    std::vector<quint32> initials;
    std::vector<std::array<quint64, 2>> bloom;
    // Bit sets over entries, `words` words each: a text starts with letter x;
    // a match can start with the letter pair xy, or with the three letters
    // xyz (hashed); initial y follows initial x in a text.
    size_t words = 0;
    std::vector<quint64> sets;
    QHash<char32_t, std::vector<int>> startsWith; // other first code points
    std::vector<int> byCodeKey;                   // entries sorted by codeKey
    QByteArray codeText;                          // every codeKey, one per line
    std::vector<qsizetype> codeStart;             // where each entry's code starts
    std::vector<int> order;                       // entries by uses (most first), then code
    QHash<QString, int> byCode;
    QHash<QByteArray, int> byLowerCode;
    QHash<QString, int> categoryIds;
    QHash<QString, int> departmentIds;
    std::vector<int> departments;

    static constexpr size_t kFirst = 0, kPair = 26, kFollow = kPair + kPairs,
                            kTriple = kFollow + kPairs, kSets = kTriple + kTriples;
    static size_t tripleSet(int x, int y, int z)
    {
        return kTriple + size_t((x * 26 + y) * 26 + z) % kTriples;
    }

    Bits set(size_t k) const { return {sets.data() + k * words}; }
    void mark(size_t k, int entry) { setBit(sets.data() + k * words, entry); }

    bool before(int a, int b) const
    {
        const Entry& x = entries[size_t(a)];
        const Entry& y = entries[size_t(b)];
        if (x.usage != y.usage)
            return x.usage > y.usage;
        return x.code < y.code;
    }

    int idOf(QHash<QString, int>& ids, const QString& s)
    {
        const auto it = ids.constFind(s);
        return it != ids.constEnd() ? *it : *ids.insert(s, int(ids.size()));
    }

    void addText(const QString& text)
    {
        const size_t start = chars.size();
        PinyinMatcher::forEachUnit(text,
                                   [this](char32_t cp) { chars.push_back(MatchChar::of(cp)); });
        if (chars.size() == start)
            return;
        fieldStarts.push_back(quint32(start));
        chars.push_back({});
    }

    void addEntry(Entry e, const QString& shortName, const QStringList& keywords)
    {
        e.codeKey = e.code.toLower().toUtf8();
        e.textBegin = quint32(chars.size());
        e.fieldBegin = quint32(fieldStarts.size());
        addText(e.name);
        addText(shortName);
        e.keywordBegin = quint32(fieldStarts.size());
        for (const QString& k : keywords)
            addText(k);
        e.textEnd = quint32(chars.size());
        e.fieldEnd = quint32(fieldStarts.size());
        byCode.insert(e.code, int(entries.size()));
        byLowerCode.insert(e.codeKey, int(entries.size()));
        entries.push_back(std::move(e));
    }

    // The per-entry masks and bit sets, once every entry is in.
    void index()
    {
        const int n = int(entries.size());
        words = size_t(n + 63) / 64;
        sets.assign(words * kSets, 0);
        letters.assign(size_t(n), 0);
        initials.assign(size_t(n), 0);
        bloom.assign(size_t(n), {0, 0});
        for (int i = 0; i < n; ++i) {
            const Entry& e = entries[size_t(i)];
            for (quint32 f = e.fieldBegin; f < e.fieldEnd; ++f) {
                const MatchChar& c = chars[fieldStarts[f]];
                for (quint32 m = c.initials; m; m &= m - 1)
                    mark(kFirst + size_t(std::countr_zero(m)), i);
                if (!letterBit(c.cp)) {
                    auto& list = startsWith[c.cp];
                    if (list.empty() || list.back() != i)
                        list.push_back(i);
                }
                indexText(i, &chars[fieldStarts[f]]);
            }
        }
        codeStart.resize(size_t(n));
        for (int i = 0; i < n; ++i) {
            codeStart[size_t(i)] = codeText.size();
            codeText += entries[size_t(i)].codeKey;
            codeText += '\n';
        }
        byCodeKey.resize(size_t(n));
        order.resize(size_t(n));
        for (int i = 0; i < n; ++i)
            byCodeKey[size_t(i)] = order[size_t(i)] = i;
        std::sort(byCodeKey.begin(), byCodeKey.end(), [this](int a, int b) {
            return entries[size_t(a)].codeKey < entries[size_t(b)].codeKey;
        });
        std::sort(order.begin(), order.end(), [this](int a, int b) { return before(a, b); });
    }

    // Letters a match can start with at character c: one letter (an initial),
    // two (first letters of a reading), three.
    struct Starts
    {
        quint32 one = 0;
        std::vector<std::pair<int, int>> two;
        std::vector<std::array<int, 3>> three;
    };

    static void startsOf(const MatchChar& c, Starts& s)
    {
        s.one = c.cp ? c.initials : 0;
        s.two.clear();
        s.three.clear();
        if (!c.cp)
            return;
        for (const quint16 id : Pinyin::readingIds(c.cp)) {
            const std::string_view r = Pinyin::syllable(id);
            if (r.size() >= 2)
                s.two.push_back({r[0] - 'a', r[1] - 'a'});
            if (r.size() >= 3)
                s.three.push_back({r[0] - 'a', r[1] - 'a', r[2] - 'a'});
        }
    }

    void indexText(int i, const MatchChar* c)
    {
        Starts at, next, after;
        startsOf(c[0], at);
        startsOf(c[0].cp ? c[1] : MatchChar{}, next);
        quint32 seen = 0;
        for (; c->cp; ++c) {
            startsOf(c[1].cp ? c[2] : MatchChar{}, after);
            letters[size_t(i)] |= c->initials;
            initials[size_t(i)] |= c->initials;
            if (!letterBit(c->cp)) {
                const int slot = PinyinMatcher::bloomSlot(c->cp);
                bloom[size_t(i)][size_t(slot >> 6)] |= quint64(1) << (slot & 63);
            }
            for (const quint16 id : Pinyin::readingIds(c->cp))
                for (const char ch : Pinyin::syllable(id))
                    letters[size_t(i)] |= letterBit(char32_t(ch));
            for (quint32 y = c->initials; y; y &= y - 1)
                for (quint32 x = seen; x; x &= x - 1)
                    mark(kFollow + size_t(std::countr_zero(x) * 26 + std::countr_zero(y)), i);
            seen |= c->initials;
            // Pairs and triples a match starting here begins with.
            for (const auto& [x, y] : at.two) {
                mark(kPair + size_t(x * 26 + y), i);
                for (quint32 z = next.one; z; z &= z - 1)
                    mark(tripleSet(x, y, std::countr_zero(z)), i);
            }
            for (const auto& t : at.three)
                mark(tripleSet(t[0], t[1], t[2]), i);
            for (quint32 xs = at.one; xs; xs &= xs - 1) {
                const int x = std::countr_zero(xs);
                for (quint32 ys = next.one; ys; ys &= ys - 1) {
                    const int y = std::countr_zero(ys);
                    mark(kPair + size_t(x * 26 + y), i);
                    for (quint32 zs = after.one; zs; zs &= zs - 1)
                        mark(tripleSet(x, y, std::countr_zero(zs)), i);
                }
                for (const auto& [y, z] : next.two)
                    mark(tripleSet(x, y, z), i);
            }
            std::swap(at, next);
            std::swap(next, after);
        }
    }

    // The filter's category and department as ids (-1: any); false when
    // one names nothing in the catalogue, so that nothing can pass.
    bool filterIds(const SearchFilter& f, int& category, int& department) const
    {
        category = f.category.isEmpty() ? -1 : categoryIds.value(f.category, -2);
        department = f.department.isEmpty() ? -1 : departmentIds.value(f.department, -2);
        return category != -2 && department != -2;
    }

    bool passes(const Entry& e, const SearchFilter& f, int category, int department) const
    {
        if (!e.active && !f.includeRetired)
            return false;
        if (category >= 0 && e.category != category)
            return false;
        if (department >= 0) {
            const auto begin = departments.begin() + e.deptBegin;
            const auto end = begin + e.deptCount;
            if (std::find(begin, end, department) == end)
                return false;
        }
        if (f.levels && (e.levels & f.levels) != f.levels)
            return false;
        if (f.handling && e.handling != *f.handling)
            return false;
        if (f.universal && e.universal != *f.universal)
            return false;
        return true;
    }

    // The query's letters and other code points can all be in entry i's texts.
    bool mayHold(int i, const PinyinMatcher& m) const
    {
        const auto& b = bloom[size_t(i)];
        return (m.letters() & ~letters[size_t(i)]) == 0 && (m.otherBloom0() & ~b[0]) == 0 &&
               (m.otherBloom1() & ~b[1]) == 0;
    }

    QList<SearchHit> collect(const std::array<std::vector<int>, kRanks>& hits, size_t want) const
    {
        QList<SearchHit> out;
        for (int r = 0; r < kRanks; ++r)
            for (const int i : hits[size_t(r)]) {
                if (out.size() >= qsizetype(want))
                    return out;
                const Entry& e = entries[size_t(i)];
                out.append({e.code, e.name, e.joint, rankOfBucket(r)});
            }
        return out;
    }

    // Bucket 1 (a prefix), 2 (initials of the name or short name) or 3
    // (initials of a keyword) from the first character of a text, or `cap`.
    int anchoredRank(const Entry& e, const PinyinMatcher& m, int cap) const
    {
        const MatchChar* end = chars.data() + e.textEnd;
        for (int strict = 1; strict >= 0 && 2 - strict < cap; --strict)
            for (quint32 f = e.fieldBegin; f < e.fieldEnd; ++f) {
                const MatchChar* c = chars.data() + fieldStarts[f];
                if (m.startsAt(*c) && m.matchPrefix(c, end, strict))
                    return strict ? 1 : (f < e.keywordBegin ? 2 : 3);
            }
        return cap;
    }
};

SearchIndex::SearchIndex() : d(std::make_unique<Impl>()) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

void SearchIndex::build(const Catalogue& catalogue, const QHash<QString, int>& usage)
{
    Builder builder(usage);
    builder.reserve(catalogue.items.size() + catalogue.jointItems.size());
    for (const Item& i : catalogue.items)
        builder.addItem(i);
    for (const JointItem& j : catalogue.jointItems)
        builder.addJointItem(j);
    *this = builder.finish();
}

SearchIndex::Builder::Builder(QHash<QString, int> usage)
    : d(std::make_unique<Impl>()), m_usage(std::move(usage))
{
}

SearchIndex::Builder::~Builder() = default;

void SearchIndex::Builder::reserve(qsizetype entries)
{
    d->entries.reserve(size_t(entries));
    d->chars.reserve(size_t(entries) * 40);
}

void SearchIndex::Builder::addItem(const Item& i)
{
    Entry e;
    e.code = i.code;
    e.name = i.name;
    e.usage = m_usage.value(i.code);
    e.category = d->idOf(d->categoryIds, i.category);
    e.deptBegin = int(d->departments.size());
    e.deptCount = 1;
    d->departments.push_back(d->idOf(d->departmentIds, i.department));
    e.levels = i.levels;
    e.handling = i.handling;
    e.universal = i.universal;
    e.active = i.active;
    d->addEntry(std::move(e), i.shortName, i.keywords);
}

void SearchIndex::Builder::addJointItem(const JointItem& j)
{
    Entry e;
    e.code = j.code;
    e.name = j.name;
    e.joint = true;
    e.usage = m_usage.value(j.code);
    e.category = d->idOf(d->categoryIds, j.category);
    e.deptBegin = int(d->departments.size());
    // Handled where every member is; immediate when every member is, and
    // universal when every member is; under each member's department.
    e.levels = int(Level::City) | int(Level::Town) | int(Level::Village);
    e.handling = HandlingType::Immediate;
    e.universal = true;
    for (const QString& code : j.members) {
        const int m = d->byCode.value(code, -1);
        if (m < 0 || d->entries[size_t(m)].joint)
            continue;
        const Entry& i = d->entries[size_t(m)];
        d->departments.push_back(d->departments[size_t(i.deptBegin)]);
        e.levels &= i.levels;
        if (i.handling == HandlingType::Promised)
            e.handling = HandlingType::Promised;
        e.universal = e.universal && i.universal;
    }
    e.deptCount = int(d->departments.size()) - e.deptBegin;
    if (e.deptCount == 0) {
        e.handling = HandlingType::Promised;
        e.universal = false;
    }
    e.active = j.active;
    d->addEntry(std::move(e), j.shortName, j.keywords);
}

SearchIndex SearchIndex::Builder::finish()
{
    d->index();
    SearchIndex out;
    out.d = std::move(d);
    d = std::make_unique<Impl>();
    return out;
}

void SearchIndex::setUsage(const QString& code, int uses)
{
    const auto it = d->byCode.constFind(code);
    if (it == d->byCode.constEnd())
        return;
    const int e = *it;
    auto& order = d->order;
    order.erase(std::find(order.begin(), order.end(), e));
    d->entries[size_t(e)].usage = uses;
    order.insert(std::lower_bound(order.begin(), order.end(), e,
                                  [this](int a, int b) { return d->before(a, b); }),
                 e);
}

QList<SearchHit> SearchIndex::search(const QString& query, int limit,
                                     const SearchFilter& filter) const
{
    const PinyinMatcher m(query);
    if (m.size() == 0 || d->entries.empty())
        return {};
    const Impl& x = *d;
    int category = -1;
    int department = -1;
    if (!x.filterIds(filter, category, department))
        return {};
    const size_t want = limit > 0 ? size_t(limit) : x.entries.size();
    const int n = m.size();
    int q[3] = {32, 32, 32}; // the first letters, 32 for another character
    for (int k = 0; k < std::min(n, 3); ++k)
        q[k] = std::countr_zero(letterBit(m.unit(k)));

    // Ranks 0-2: the exact code, code prefixes, and texts starting right.
    std::vector<quint64> candidates(x.words, 0);
    std::vector<quint64> codePrefix(x.words, 0);
    const int exact = m.code().isEmpty() ? -1 : x.byLowerCode.value(m.code(), -1);
    if (exact >= 0)
        setBit(candidates.data(), exact);
    if (!m.code().isEmpty()) {
        auto it = std::lower_bound(
            x.byCodeKey.begin(), x.byCodeKey.end(), m.code(),
            [&x](int e, const QByteArray& key) { return x.entries[size_t(e)].codeKey < key; });
        for (; it != x.byCodeKey.end() && x.entries[size_t(*it)].codeKey.startsWith(m.code());
             ++it) {
            setBit(candidates.data(), *it);
            setBit(codePrefix.data(), *it);
        }
    }
    if (q[0] < 26) {
        const Bits first = x.set(Impl::kFirst + size_t(q[0]));
        for (size_t w = 0; w < x.words; ++w)
            candidates[w] |= first.w[w];
    } else if (const auto it = x.startsWith.constFind(m.unit(0)); it != x.startsWith.constEnd()) {
        for (const int e : *it)
            setBit(candidates.data(), e);
    }

    std::array<std::vector<int>, kRanks> hits;
    size_t found = 0;
    int cap = 4;
    const Bits cand{candidates.data()};
    for (const int i : x.order) {
        if (!cand.has(i))
            continue;
        const Entry& e = x.entries[size_t(i)];
        int rank = cap;
        if (i == exact)
            rank = 0;
        else if (Bits{codePrefix.data()}.has(i))
            rank = 1;
        else if (x.mayHold(i, m))
            rank = x.anchoredRank(e, m, cap);
        if (rank >= cap || !x.passes(e, filter, category, department))
            continue;
        hits[size_t(rank)].push_back(i);
        ++found;
        // Later entries lose every tie: once `want` hits rank at r or better,
        // only better ranks can still be shown.
        size_t atOrBetter = 0;
        for (int r = 0; r < cap; ++r)
            if ((atOrBetter += hits[size_t(r)].size()) >= want) {
                cap = r;
                break;
            }
    }
    if (found >= want)
        return x.collect(hits, want);

    // Ranks 3 and 4 (buckets 4 and 5), in tie order, only until the limit is reached. The bit
    // sets for the first letters (pair, triple; initials in order) say which
    // entries can match at all.
    // Codes holding the query: one pass over all of them.
    std::vector<quint64> inCode(m.code().isEmpty() ? 0 : x.words, 0);
    if (!m.code().isEmpty()) {
        const QByteArrayMatcher finder(m.code());
        for (qsizetype at = finder.indexIn(x.codeText); at >= 0;) {
            const auto next = std::upper_bound(x.codeStart.begin(), x.codeStart.end(), at);
            setBit(inCode.data(), int(next - x.codeStart.begin()) - 1);
            at = next == x.codeStart.end() ? -1 : finder.indexIn(x.codeText, *next);
        }
    }
    std::vector<quint64> taken(x.words, 0);
    for (const auto& list : hits)
        for (const int i : list)
            setBit(taken.data(), i);
    const Bits done{taken.data()};
    const Bits* anywhere = nullptr;
    Bits triple, pair;
    if (q[0] < 26 && q[1] < 26) {
        pair = x.set(Impl::kPair + size_t(q[0] * 26 + q[1]));
        anywhere = &pair;
        if (q[2] < 26) {
            triple = x.set(Impl::tripleSet(q[0], q[1], q[2]));
            anywhere = &triple;
        }
    }
    for (const int i : x.order) {
        if (done.has(i) || (anywhere && !anywhere->has(i) && m.code().isEmpty()))
            continue;
        const Entry& e = x.entries[size_t(i)];
        const bool hit =
            (!inCode.empty() && Bits{inCode.data()}.has(i)) ||
            ((!anywhere || anywhere->has(i)) && x.mayHold(i, m) &&
             (q[0] >= 26 || (x.initials[size_t(i)] & (1u << q[0]))) &&
             m.matchAnywhere(x.chars.data() + e.textBegin, x.chars.data() + e.textEnd));
        if (hit && x.passes(e, filter, category, department)) {
            hits[4].push_back(i);
            setBit(taken.data(), i);
            if (++found >= want)
                return x.collect(hits, want);
        }
    }
    if (n < 2)
        return x.collect(hits, want);
    // Scattered: every letter an initial, each letter pair in order.
    quint32 units = 0;
    std::vector<size_t> follows;
    for (int k = 0; k < n; ++k) {
        const quint32 b = letterBit(m.unit(k));
        units |= b;
        if (k > 0 && b && letterBit(m.unit(k - 1)))
            follows.push_back(
                Impl::kFollow +
                size_t(std::countr_zero(letterBit(m.unit(k - 1))) * 26 + std::countr_zero(b)));
    }
    std::sort(follows.begin(), follows.end());
    follows.erase(std::unique(follows.begin(), follows.end()), follows.end());
    for (const int i : x.order) {
        if (done.has(i) || (units & ~x.initials[size_t(i)]) || !x.mayHold(i, m) ||
            std::any_of(follows.begin(), follows.end(),
                        [&x, i](size_t k) { return !x.set(k).has(i); }))
            continue;
        const Entry& e = x.entries[size_t(i)];
        if (m.matchScattered(x.chars.data() + e.textBegin, x.chars.data() + e.textEnd) &&
            x.passes(e, filter, category, department)) {
            hits[5].push_back(i);
            if (++found >= want)
                break;
        }
    }
    return x.collect(hits, want);
}

QList<SearchHit> SearchIndex::browse(int limit, const SearchFilter& filter) const
{
    const Impl& x = *d;
    int category = -1;
    int department = -1;
    if (!x.filterIds(filter, category, department))
        return {};
    const qsizetype want = limit > 0 ? limit : qsizetype(x.entries.size());
    QList<SearchHit> out;
    for (const int i : x.order) {
        if (out.size() >= want)
            break;
        const Entry& e = x.entries[size_t(i)];
        if (x.passes(e, filter, category, department))
            out.append({e.code, e.name, e.joint, 0});
    }
    return out;
}

int SearchIndex::size() const
{
    return int(d->entries.size());
}

} // namespace ow
