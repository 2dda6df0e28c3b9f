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
    // 0 exact code; 1 prefix (code, name, short name, keyword, or their full
    // pinyin); 2 initials or mixed pinyin from the first character (of the name
    // or short name before those of a keyword); 3 anywhere
    // (substring of the code or a text, pinyin from any character); 4 scattered
    // (the characters matched in order with others between them: 排水管网许可 for
    // pswxk), looked for only when the better ranks leave room.
    int rank = 0;
};

// In-memory search over the catalogue, as the clerk types: name, short name,
// code, keywords, full pinyin and pinyin initials (every reading of a
// polyphonic character), mixed (paishuixk), case-insensitive; rare
// characters (Extension B and beyond) match as whole code points. Ranking:
// exact code, then prefix, then initials, then substring, then scattered;
// ties by how often the item was used at this counter, then by code.
// Retired items are hidden unless the filter includes them. An empty query
// finds nothing; a limit of 0 or less means no limit.
class SearchIndex
{
public:
    SearchIndex();
    ~SearchIndex();
    SearchIndex(SearchIndex&&) noexcept;
    SearchIndex& operator=(SearchIndex&&) noexcept;

    struct Impl;

    void build(const Catalogue& catalogue, const QHash<QString, int>& usage = {});

    // Builds an index an entry at a time, the items before the joint items
    // (a joint item takes its departments, levels and handling from the
    // items before it): nothing of an item is kept but what the search needs,
    // so a catalogue can be indexed as it is read, without being held whole.
    class Builder
    {
    public:
        explicit Builder(QHash<QString, int> usage = {});
        ~Builder();
        // Room for about `entries` entries (items and joint items).
        void reserve(qsizetype entries);
        void addItem(const Item& item);
        void addJointItem(const JointItem& joint);
        SearchIndex finish();

    private:
        std::unique_ptr<Impl> d;
        QHash<QString, int> m_usage;
    };

    void setUsage(const QString& code, int uses);
    QList<SearchHit> search(const QString& query, int limit = 50,
                            const SearchFilter& filter = {}) const;
    // Every entry that passes `filter`, without a query: the most used at
    // this counter first, then by code (what the clerk browses before typing).
    QList<SearchHit> browse(int limit = 50, const SearchFilter& filter = {}) const;
    int size() const;

private:
    std::unique_ptr<Impl> d;
};

} // namespace ow
