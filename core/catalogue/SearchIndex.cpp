#include "catalogue/SearchIndex.h"

// Placeholder until the pinyin index lands: case-insensitive substring over
// code and name.
namespace ow {

struct SearchIndex::Impl
{
    QList<SearchHit> entries;
    QHash<QString, int> usage;
};

SearchIndex::SearchIndex() : d(std::make_unique<Impl>()) {}
SearchIndex::~SearchIndex() = default;
SearchIndex::SearchIndex(SearchIndex&&) noexcept = default;
SearchIndex& SearchIndex::operator=(SearchIndex&&) noexcept = default;

void SearchIndex::build(const Catalogue& catalogue, const QHash<QString, int>& usage)
{
    d->entries.clear();
    d->usage = usage;
    for (const Item& i : catalogue.items)
        d->entries.append({i.code, i.name, false, 3});
    for (const JointItem& j : catalogue.jointItems)
        d->entries.append({j.code, j.name, true, 3});
}

void SearchIndex::setUsage(const QString& code, int uses)
{
    d->usage[code] = uses;
}

QList<SearchHit> SearchIndex::search(const QString& query, int limit, const SearchFilter&) const
{
    QList<SearchHit> out;
    for (const SearchHit& h : d->entries)
        if (h.code.contains(query, Qt::CaseInsensitive) || h.name.contains(query))
            if (out.size() < limit)
                out.append(h);
    return out;
}

int SearchIndex::size() const
{
    return int(d->entries.size());
}

} // namespace ow
