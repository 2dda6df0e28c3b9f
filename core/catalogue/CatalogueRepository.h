#pragma once

#include "catalogue/CatalogueService.h"
#include "catalogue/CatalogueValidator.h"
#include "catalogue/Item.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QHash>
#include <QString>
#include <functional>

namespace ow {

// The only code that reads or writes the catalogue tables
// (db/local/001_catalogue.sql): item, item_version, joint_item,
// related_rule, item_usage.
class CatalogueRepository
{
public:
    explicit CatalogueRepository(Database& db, const Clock& clock = Clock::system());

    // Adds or replaces items and joint items by code, and related rules by
    // (whenItem, suggest), inside one transaction: all or nothing. Entries
    // not in `incoming` stay. An item equal to the stored one is left alone;
    // a changed one gets the incoming version, or the stored version + 1
    // when the incoming one is not higher; each new version is recorded in
    // item_version. `incoming` must have passed CatalogueValidator.
    // `beforeCommit` runs inside the import's transaction (the audit entry);
    // its failure rolls the import back.
    Result<ImportReport>
    import(const Catalogue& incoming,
           const std::function<Status(const ImportReport&)>& beforeCommit = {});
    // The same inside a Transaction the caller holds (a pulled page and its
    // cursor commit together).
    Result<ImportReport> importWithin(const Catalogue& incoming);

    // The whole catalogue, in the order items were first imported.
    Result<Catalogue> loadAll() const;
    // The same an entry at a time, each handed over as it is read and not
    // kept: the items, then the joint items, then the related rules. A
    // failure of a callback ends the reading with it.
    Status readAll(const std::function<Status(Item&&)>& onItem,
                   const std::function<Status(JointItem&&)>& onJointItem,
                   const std::function<Status(RelatedRule&&)>& onRule) const;
    Result<Item> item(const QString& code) const;
    Result<JointItem> jointItem(const QString& code) const;
    // An item as it was at `version` (what a case was accepted under).
    Result<Item> itemVersion(const QString& code, int version) const;
    // The versions of an item kept, oldest first.
    Result<QList<int>> itemVersions(const QString& code) const;

    // The codes in the store, for validating partial publications.
    Result<CatalogueValidator::Known> knownCodes() const;
    Result<int> itemCount() const;
    Result<bool> hasItems() const;

    // Uses counted at this counter, by code.
    Result<QHash<QString, int>> usage() const;
    // Counts one use; returns the new count.
    Result<int> recordUse(const QString& code);

private:
    Database& m_db;
    const Clock& m_clock;
};

} // namespace ow
