#pragma once

#include "catalogue/Item.h"

#include <memory>

namespace ow {

// Where the items of an intake are found by code: a whole Catalogue held in
// memory (CatalogueInMemory), or the counter's CatalogueService, which keeps
// in memory only what the search and the lists need and reads an item's
// details from the store when the item is used. Either way an item comes
// whole (materials, form, conditions), or null for a code not known.
class ItemLookup
{
public:
    virtual ~ItemLookup() = default;
    virtual std::shared_ptr<const Item> item(const QString& code) const = 0;
    virtual std::shared_ptr<const JointItem> jointItem(const QString& code) const = 0;
    virtual QList<RelatedRule> relatedRules() const = 0;
};

// A Catalogue the caller keeps alive as long as this.
class CatalogueInMemory final : public ItemLookup
{
public:
    explicit CatalogueInMemory(const Catalogue& catalogue) : m_catalogue(catalogue) {}

    std::shared_ptr<const Item> item(const QString& code) const override
    {
        for (const Item& i : m_catalogue.items)
            if (i.code == code)
                return {std::shared_ptr<const Item>(), &i}; // not owned
        return nullptr;
    }
    std::shared_ptr<const JointItem> jointItem(const QString& code) const override
    {
        for (const JointItem& j : m_catalogue.jointItems)
            if (j.code == code)
                return {std::shared_ptr<const JointItem>(), &j};
        return nullptr;
    }
    QList<RelatedRule> relatedRules() const override { return m_catalogue.rules; }

private:
    const Catalogue& m_catalogue;
};

} // namespace ow
