// Pull: a new counter's first full download of a ITEMS-item catalogue from
// the centre (snapshot pages applied to the store), then an empty
// incremental pull (target <= 20 ms), each next to a floor measured in the
// same run: importing the same catalogue file into an empty store without
// the network, and one round trip `SELECT 1` over the same kind of
// connection.
//
//   bench_sync_pull PG_ENV [ITEMS] [RUNS]      (defaults 20000 and 30)
//
// PG_ENV is the file `tests/sync/pg-cluster.sh start DIR` writes (DIR/pg.env).
#include "BenchCluster.h"
#include "catalogue/CatalogueGenerator.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "store/Database.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"
#include "sync/PgSyncGateway.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ow;

namespace {

using bench::die;
using bench::serverUrl;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        die(QStringLiteral("usage: bench_sync_pull PG_ENV [ITEMS] [RUNS]"));
    const int items = args.size() > 2 ? args.at(2).toInt() : 20000;
    const int runs = args.size() > 3 ? args.at(3).toInt() : 30;

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("catalogue.json"));
    if (Status s = CatalogueJson::writeFile(generateCatalogue(items, 7), file); !s)
        die(s.error().fullText());

    const QString dbName =
        QStringLiteral("ow_bench_%1").arg(QRandomGenerator::global()->bounded(1u << 30));
    {
        auto pg = CentralConnection::open(serverUrl(args.at(1), QStringLiteral("postgres")));
        if (!pg)
            die(pg.error().fullText());
        if (Status s = pg.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(dbName)); !s)
            die(s.error().fullText());
    }
    NewSite site;
    {
        auto admin = CentralConnection::open(serverUrl(args.at(1), dbName));
        if (!admin)
            die(admin.error().fullText());
        if (auto m = CentralMigrations::apply(*admin.value()); !m)
            die(m.error().fullText());
        auto added =
            CentralAdmin(*admin.value())
                .addSite(QStringLiteral("PULL%1").arg(QRandomGenerator::global()->bounded(100000)),
                         QStringLiteral("基准测试网点"), QStringLiteral("town"));
        if (!added)
            die(added.error().fullText());
        site = added.value();
        auto published = CentralAdmin(*admin.value()).publishCatalogue(file);
        if (!published)
            die(published.error().fullText());
    }

    // Floor 1: the same catalogue imported from the file, no network.
    double importMs = 0;
    {
        auto store = Database::open(dir.filePath(QStringLiteral("import.sqlite")));
        if (!store)
            die(store.error().fullText());
        QElapsedTimer t;
        t.start();
        auto parsed = CatalogueJson::readFile(file);
        if (!parsed)
            die(parsed.error().fullText());
        if (auto r = CatalogueRepository(*store.value()).import(parsed.value()); !r)
            die(r.error().fullText());
        importMs = double(t.nsecsElapsed()) / 1e6;
    }

    // The first full download of a new counter.
    auto store = Database::open(dir.filePath(QStringLiteral("counter.sqlite")));
    if (!store)
        die(store.error().fullText());
    PgSyncGateway gateway(site.url);
    SyncEngine engine(*store.value(), gateway, site.code);
    engine.setPageSize(1000);
    if (Status s = engine.registerCounter(); !s)
        die(s.error().fullText());
    SyncPassReport first;
    QElapsedTimer t;
    t.start();
    if (Status s = engine.download(first); !s)
        die(s.error().fullText());
    const double fullMs = double(t.nsecsElapsed()) / 1e6;
    auto count = CatalogueRepository(*store.value()).itemCount();
    if (!count || count.value() != items)
        die(QStringLiteral("the counter has %1 items, not %2")
                .arg(count ? count.value() : -1)
                .arg(items));

    // Empty incremental pulls, and the floor: one round trip on a connection.
    std::vector<double> empty;
    std::vector<double> ping;
    auto c = CentralConnection::open(site.url);
    if (!c)
        die(c.error().fullText());
    for (int i = 0; i < runs; ++i) {
        SyncPassReport r;
        t.restart();
        if (Status s = engine.download(r); !s)
            die(s.error().fullText());
        empty.push_back(double(t.nsecsElapsed()) / 1e6);
        if (r.changes != 0)
            die(QStringLiteral("an incremental pull found %1 changes").arg(r.changes));
        t.restart();
        QSqlQuery q = c.value()->query();
        if (!q.exec(QStringLiteral("SELECT 1")) || !q.next())
            die(QStringLiteral("SELECT 1 failed"));
        ping.push_back(double(t.nsecsElapsed()) / 1e6);
    }

    std::printf("pull: a new counter's first download of %d items, then empty pulls (%d runs)\n",
                items, runs);
    std::printf("  full download (snapshot pages of 1000 into the store): %9.1f ms\n", fullMs);
    std::printf("  floor: the same catalogue imported from its file:      %9.1f ms\n", importMs);
    std::printf(
        "  empty incremental pull, median:                        %9.2f ms (target <= 20 ms)\n",
        median(empty));
    std::printf("  floor: one round trip SELECT 1, median:                %9.2f ms\n",
                median(ping));

    c.value().reset();
    if (auto pg = CentralConnection::open(serverUrl(args.at(1), QStringLiteral("postgres"))))
        (void)pg.value()->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(dbName));
    return 0;
}
