#pragma once

#include "auth/Session.h"
#include "catalogue/Item.h"
#include "catalogue/ItemLookup.h"
#include "catalogue/SearchIndex.h"
#include "store/Database.h"
#include "text/TextRules.h"

#include <QObject>

namespace ow {

// What an import did.
struct ImportReport
{
    int itemsAdded = 0;
    int itemsUpdated = 0;
    int jointItems = 0;
    int rules = 0;
};

// What the lists and filters show of an item (the search result rows, the
// counts, the category and department choices): the counter keeps this in
// memory for every item, and the rest of an item only while it is used.
struct ItemSummary
{
    QString code;
    QString name;
    QString category;
    QString department;
    HandlingType handling = HandlingType::Promised;
    int levels = int(Level::City);
    bool universal = false;
    bool active = true;
};

// The catalogue as the counter uses it: loaded from the store, searchable,
// reloaded when an import (or a pull) changes it. One per store connection;
// lives in the thread of that connection. It can also load in the
// background (loadInBackground()): until ready(), it is empty.
// It holds in memory what the search and the lists need of every item (the
// search index, an ItemSummary each, the joint items and related rules);
// an item's details (materials, form, conditions, legal basis) are read
// from the store when the item is used (item()), the last few kept. The
// whole catalogue at once is CatalogueRepository::loadAll() (the export).
class CatalogueService : public QObject, public ItemLookup
{
    Q_OBJECT
public:
    explicit CatalogueService(Database& db, QObject* parent = nullptr);
    ~CatalogueService() override;

    // Reads the catalogue from the store and builds the search index.
    Status load();
    // The same on a thread of its own, with its own connection to the
    // store's file, while this thread goes on (a province's catalogue takes
    // a second to read and index). Until it is done the catalogue is empty
    // and isReady() is false; then this thread takes it over and emits
    // changed() and ready() (after loadFailed() when it could not be read,
    // the catalogue left empty). A load() or import meanwhile wins over it.
    void loadInBackground();
    // The catalogue is loaded (or its loading failed): not while a
    // background load runs.
    bool isReady() const { return m_ready; }

    // Items in the catalogue (retired ones too), those in force, joint items.
    int itemCount() const;
    int activeItemCount() const;
    int jointItemCount() const;
    // What the lists show of an item; null for a code not in the catalogue.
    const ItemSummary* summary(const QString& code) const;

    // The whole item, as the store holds it now (read when it is not among
    // the last few used); null for a code not in the catalogue, or one the
    // store cannot give back (said in the log).
    std::shared_ptr<const Item> item(const QString& code) const override;
    std::shared_ptr<const JointItem> jointItem(const QString& code) const override;
    QList<RelatedRule> relatedRules() const override;
    // The member items of a joint item, or the item itself.
    QList<std::shared_ptr<const Item>> itemsOf(const QString& code) const;

    QList<SearchHit> search(const QString& query, int limit = 50,
                            const SearchFilter& filter = {}) const;
    // The items and joint items passing `filter`, most used first (no query).
    QList<SearchHit> browse(int limit = 50, const SearchFilter& filter = {}) const;
    // Counts one use at this counter (ranks the item higher in ties).
    Status recordUse(const QString& code);

    QStringList categories() const;
    QStringList departments() const;

    // Imports a JSON catalogue file, or items.csv (with materials.csv,
    // forms.csv and the others beside it, in `encoding`; a JSON file is
    // always UTF-8): all or nothing, with its audit entry; then reloads and
    // emits changed(). Takes Permission::ImportCatalogue (an administrator).
    Result<ImportReport> importFile(const QString& path, const Session& by,
                                    TextEncoding encoding = TextEncoding::Utf8);
    // As the machine's operator (Session::system()): the CLI, the tests.
    Result<ImportReport> importFile(const QString& path, TextEncoding encoding = TextEncoding::Utf8)
    {
        return importFile(path, Session::system(), encoding);
    }

    // Reads the catalogue again (another connection changed it: a sync)
    // and emits changed().
    Status reload();

signals:
    void changed();
    // The background load ended (see loadInBackground()).
    void ready();
    void loadFailed(const QString& message);

private:
    struct State;
    struct Loader;
    static Result<std::unique_ptr<State>> read(Database& db);
    void install(std::unique_ptr<State> state);
    void takeBackgroundResult();

    Database& m_db;
    std::unique_ptr<State> m_state;
    // The items last used, whole, the most recent last.
    mutable QList<std::shared_ptr<const Item>> m_recent;
    std::unique_ptr<Loader> m_loader;
    bool m_ready = true;
    int m_generation = 0;
};

} // namespace ow
