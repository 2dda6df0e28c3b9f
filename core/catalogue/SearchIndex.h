#pragma once

#include "catalogue/Item.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace ow {

struct SearchFilter
{
    QString category;   // empty: any
    QString department; // empty: any
    int levels = 0;     // Level flags the item must allow; 0: any
    std::optional<HandlingType> handling;
    std::optional<bool> universal;
    bool includeRetired = false;
};

struct SearchHit
{
    QString code;
    QString name;
    bool joint = false; // a joint item (联办)
    int rank = 0;       // 0 exact code, 1 prefix, 2 initials, 3 substring
};

// In-memory search over the catalogue, as the clerk types: name, short name,
// code, keywords, full pinyin and pinyin initials (every reading of a
// polyphonic character). Ranking: exact code, then prefix, then initials,
// then substring; ties by how often the item was used at this counter, then
// by code.
class SearchIndex
{
public:
    SearchIndex();
    ~SearchIndex();
    SearchIndex(SearchIndex&&) noexcept;
    SearchIndex& operator=(SearchIndex&&) noexcept;

    void build(const Catalogue& catalogue, const QHash<QString, int>& usage = {});
    void setUsage(const QString& code, int uses);
    QList<SearchHit> search(const QString& query, int limit = 50,
                            const SearchFilter& filter = {}) const;
    int size() const;

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace ow
