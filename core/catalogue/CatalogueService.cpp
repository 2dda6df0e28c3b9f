#include "catalogue/CatalogueService.h"

#include "audit/AuditLog.h"
#include "catalogue/CatalogueCsv.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <algorithm>
#include <atomic>

namespace ow {

namespace {

QStringList sortedDistinct(QSet<QString> set)
{
    set.remove(QString());
    QStringList out(set.begin(), set.end());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

struct CatalogueService::State
{
    QList<ItemSummary> items;
    QList<JointItem> jointItems;
    QList<RelatedRule> rules;
    QHash<QString, qsizetype> byCode;      // code -> index in items
    QHash<QString, qsizetype> jointByCode; // code -> index in jointItems
    int activeItems = 0;
    SearchIndex index;
};

namespace {
// How many whole items are kept after their use: an intake's items, the one
// shown, and the few the clerk goes back and forth between.
constexpr qsizetype kRecentItems = 32;
} // namespace

// A background load: its thread, and what it hands over when it ends.
struct CatalogueService::Loader
{
    QThread* thread = nullptr;
    int generation = 0;
    std::atomic<bool> cancelled{false};
    // Written by the thread before it ends, read here after finished().
    std::unique_ptr<State> state;
    QString error;
};

CatalogueService::CatalogueService(Database& db, QObject* parent)
    : QObject(parent), m_db(db), m_state(std::make_unique<State>())
{
}

CatalogueService::~CatalogueService()
{
    if (m_loader && m_loader->thread) {
        // The thread stops between its steps; its half-built catalogue goes.
        m_loader->cancelled = true;
        m_loader->thread->wait();
        delete m_loader->thread;
    }
}

namespace {

// A province's catalogue says the same things many times over: the same
// categories and departments in thousands of items. Each item read from the
// store holds its own copies; equal texts are made to share one (QString is
// implicitly shared).
class TextPool
{
public:
    void share(QString& s)
    {
        if (s.isEmpty()) {
            s = QString();
            return;
        }
        s = *m_texts.insert(s);
    }
    void share(QStringList& list)
    {
        for (QString& s : list)
            share(s);
    }

private:
    QSet<QString> m_texts;
};

} // namespace

Result<std::unique_ptr<CatalogueService::State>> CatalogueService::read(Database& db)
{
    CatalogueRepository repo(db);
    auto usage = repo.usage();
    if (!usage)
        return usage.error();
    auto count = repo.itemCount();
    if (!count)
        return count.error();
    auto state = std::make_unique<State>();
    state->items.reserve(*count);
    state->byCode.reserve(*count);
    SearchIndex::Builder index(std::move(usage.value()));
    index.reserve(*count);
    TextPool pool;
    // Each item is read whole, indexed and summed up, and let go.
    Status s = repo.readAll(
        [&](Item&& i) -> Status {
            pool.share(i.category);
            pool.share(i.department);
            index.addItem(i);
            state->byCode.insert(i.code, state->items.size());
            state->items.append({i.code, i.name, i.category, i.department, i.handling, i.levels,
                                 i.universal, i.active});
            if (i.active)
                ++state->activeItems;
            return {};
        },
        [&](JointItem&& j) -> Status {
            pool.share(j.category);
            pool.share(j.members);
            index.addJointItem(j);
            state->jointByCode.insert(j.code, state->jointItems.size());
            state->jointItems.append(std::move(j));
            return {};
        },
        [&](RelatedRule&& r) -> Status {
            state->rules.append(std::move(r));
            return {};
        });
    if (!s)
        return s.error();
    state->index = index.finish();
    return state;
}

void CatalogueService::install(std::unique_ptr<State> state)
{
    m_state = std::move(state);
    // An item changed by an import or a pull is read again when next used.
    m_recent.clear();
}

Status CatalogueService::load()
{
    ++m_generation; // a background load still running is outdated
    auto state = read(m_db);
    if (!state)
        return state.error();
    install(std::move(state.value()));
    m_ready = true;
    return {};
}

void CatalogueService::loadInBackground()
{
    if (m_loader && m_loader->thread) {
        m_loader->cancelled = true;
        m_loader->thread->wait();
        delete m_loader->thread;
    }
    m_loader = std::make_unique<Loader>();
    m_loader->generation = ++m_generation;
    m_ready = false;
    Loader* loader = m_loader.get();
    const Database* store = &m_db;
    loader->thread = QThread::create([loader, store] {
        // Its own connection, opened, used and closed on this thread.
        auto db = store->openAnother();
        if (!db) {
            loader->error = db.error().fullText();
            return;
        }
        if (loader->cancelled)
            return;
        auto state = read(**db);
        if (!state)
            loader->error = state.error().fullText();
        else if (!loader->cancelled)
            loader->state = std::move(state.value());
    });
    loader->thread->setObjectName(QStringLiteral("catalogue loader"));
    // finished() comes from the thread; this slot runs on this one's.
    connect(loader->thread, &QThread::finished, this, &CatalogueService::takeBackgroundResult);
    loader->thread->start(QThread::LowPriority);
}

void CatalogueService::takeBackgroundResult()
{
    if (!m_loader || !m_loader->thread || sender() != m_loader->thread)
        return; // an older loader's, already waited for
    // finished() comes just before the thread ends: wait for its end.
    m_loader->thread->wait();
    std::unique_ptr<Loader> loader = std::move(m_loader);
    delete loader->thread;
    if (loader->generation != m_generation)
        return; // a load() came after it
    m_ready = true;
    if (loader->state)
        install(std::move(loader->state));
    else
        emit loadFailed(loader->error);
    emit changed(); // loaded, or known to be empty: no longer loading
    emit ready();
}

int CatalogueService::itemCount() const
{
    return int(m_state->items.size());
}

int CatalogueService::activeItemCount() const
{
    return m_state->activeItems;
}

int CatalogueService::jointItemCount() const
{
    return int(m_state->jointItems.size());
}

const ItemSummary* CatalogueService::summary(const QString& code) const
{
    const auto it = m_state->byCode.constFind(code);
    return it == m_state->byCode.constEnd() ? nullptr : &m_state->items[it.value()];
}

std::shared_ptr<const Item> CatalogueService::item(const QString& code) const
{
    if (!summary(code))
        return nullptr;
    for (qsizetype i = m_recent.size() - 1; i >= 0; --i)
        if (m_recent[i]->code == code) {
            std::shared_ptr<const Item> found = m_recent[i];
            if (i != m_recent.size() - 1) {
                m_recent.removeAt(i);
                m_recent.append(found);
            }
            return found;
        }
    auto read = CatalogueRepository(m_db).item(code);
    if (!read) {
        qWarning("%s", qUtf8Printable(read.error().fullText()));
        return nullptr;
    }
    auto found = std::make_shared<const Item>(std::move(read.value()));
    if (m_recent.size() >= kRecentItems)
        m_recent.removeFirst();
    m_recent.append(found);
    return found;
}

std::shared_ptr<const JointItem> CatalogueService::jointItem(const QString& code) const
{
    const auto it = m_state->jointByCode.constFind(code);
    if (it == m_state->jointByCode.constEnd())
        return nullptr;
    return std::make_shared<const JointItem>(m_state->jointItems[it.value()]);
}

QList<RelatedRule> CatalogueService::relatedRules() const
{
    return m_state->rules;
}

QList<std::shared_ptr<const Item>> CatalogueService::itemsOf(const QString& code) const
{
    QList<std::shared_ptr<const Item>> out;
    if (const auto j = jointItem(code)) {
        for (const QString& m : j->members)
            if (auto i = item(m))
                out << i;
    } else if (auto i = item(code)) {
        out << i;
    }
    return out;
}

QList<SearchHit> CatalogueService::search(const QString& query, int limit,
                                          const SearchFilter& filter) const
{
    return m_state->index.search(query, limit, filter);
}

QList<SearchHit> CatalogueService::browse(int limit, const SearchFilter& filter) const
{
    return m_state->index.browse(limit, filter);
}

Status CatalogueService::recordUse(const QString& code)
{
    CatalogueRepository repo(m_db);
    auto uses = repo.recordUse(code);
    if (!uses)
        return uses.error();
    m_state->index.setUsage(code, uses.value());
    return {};
}

QStringList CatalogueService::categories() const
{
    QSet<QString> set;
    for (const ItemSummary& i : m_state->items)
        if (i.active)
            set.insert(i.category);
    return sortedDistinct(set);
}

QStringList CatalogueService::departments() const
{
    QSet<QString> set;
    for (const ItemSummary& i : m_state->items)
        if (i.active)
            set.insert(i.department);
    return sortedDistinct(set);
}

Status CatalogueService::reload()
{
    if (Status s = load(); !s)
        return s;
    emit changed();
    return {};
}

Result<ImportReport> CatalogueService::importFile(const QString& path, const Session& by,
                                                  TextEncoding encoding)
{
    if (Status s = by.require(Permission::ImportCatalogue); !s)
        return s.error();
    CatalogueRepository repo(m_db);
    auto known = repo.knownCodes();
    if (!known)
        return known.error();
    const QString suffix = QFileInfo(path).suffix().toLower();
    Result<Catalogue> parsed = Error::invalid(QString());
    if (suffix == QLatin1String("json") && encoding != TextEncoding::Utf8)
        return Error::invalid(
            tr("A catalogue JSON file is always UTF-8: an encoding applies to CSV files only."));
    if (suffix == QLatin1String("json"))
        parsed = CatalogueJson::readFile(path, known.value());
    else if (suffix == QLatin1String("csv"))
        parsed = CatalogueCsv::readFile(path, known.value(), encoding);
    else
        return Error::invalid(
            tr("%1 is neither a catalogue JSON file (.json) nor an items.csv file (.csv).")
                .arg(path));
    if (!parsed) {
        Error e = parsed.error();
        if (e.kind == Error::Kind::Invalid)
            e.message += QLatin1Char(' ') + tr("Nothing was imported.");
        return e;
    }
    const Catalogue& incoming = parsed.value();
    auto report = repo.import(incoming, [&](const ImportReport& r) -> Status {
        QJsonArray items;
        for (const Item& i : incoming.items)
            items.append(QJsonArray{i.code, i.version});
        QJsonArray joints;
        for (const JointItem& j : incoming.jointItems)
            joints.append(QJsonArray{j.code, j.version});
        const QJsonObject after{{QStringLiteral("file"), QFileInfo(path).fileName()},
                                {QStringLiteral("itemsAdded"), r.itemsAdded},
                                {QStringLiteral("itemsUpdated"), r.itemsUpdated},
                                {QStringLiteral("jointItems"), r.jointItems},
                                {QStringLiteral("rules"), r.rules},
                                {QStringLiteral("items"), items},
                                {QStringLiteral("joint"), joints}};
        auto a = AuditLog(m_db).append(by, {QStringLiteral("catalogue.import"),
                                            QFileInfo(path).fileName(), QJsonValue::Null, after});
        if (!a)
            return a.error();
        return {};
    });
    if (!report)
        return report.error();
    if (Status s = load(); !s)
        return s.error();
    emit changed();
    return report;
}

} // namespace ow
