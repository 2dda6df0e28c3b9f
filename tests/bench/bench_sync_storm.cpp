// Reconnect storm: COUNTERS counters, each with its own store and a backlog
// of CASES offline cases (15 materials each), come back at the same moment
// and push everything, each on its own thread and connection, each at its
// own site. Prints the total time, the batch latency (median, p95, max),
// and lost/duplicated cases at the centre. Next to it, in the same run, the
// floor: one counter pushing the same number of cases alone.
//
//   bench_sync_storm PG_ENV [COUNTERS] [CASES]      (defaults 50 and 200)
//
// 200 counters: the test cluster allows 60 connections; start it, then
//   ALTER SYSTEM SET max_connections = 250  (as PG_SUPERUSER), restart with
//   DIR/pg_ctl restart -w, and run  bench_sync_storm PG_ENV 200 50.
// Behind PgBouncer (transaction pooling, README) the same run needs far fewer
// server connections.
#include "BenchCluster.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRecord.h"
#include "store/Database.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"
#include "sync/Outbox.h"
#include "sync/PgSyncGateway.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <algorithm>
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

using namespace ow;

namespace {

using bench::die;
using bench::serverUrl;

// A store at `path` with `cases` accepted cases of `site` waiting in its outbox.
void makeBacklog(const QString& path, const QString& site, int cases)
{
    auto store = Database::open(path);
    if (!store)
        die(store.error().fullText());
    Database& db = *store.value();
    Transaction tx(db);
    if (!tx.begun())
        die(tx.begun().error().fullText());
    ApplicantRepository applicants(db);
    Outbox outbox(db);
    const QDateTime at = QDateTime::currentDateTime();
    const QJsonObject place{{QStringLiteral("site"), site},
                            {QStringLiteral("window"), QStringLiteral("A01")},
                            {QStringLiteral("clerk"), QStringLiteral("李娜")}};
    for (int i = 0; i < cases; ++i) {
        Applicant a;
        a.kind = ApplicantKind::Natural;
        a.idType = IdType::ResidentId;
        a.idNumber = QStringLiteral("3205811980%1").arg(i, 8, 10, QLatin1Char('0'));
        a.name = QStringLiteral("申请人%1").arg(i);
        if (Status s = applicants.save(a); !s)
            die(s.error().fullText());
        QJsonArray mats;
        for (int m = 0; m < 15; ++m)
            mats.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("material-%1").arg(m)},
                                    {QStringLiteral("name"), QStringLiteral("申请材料%1").arg(m)},
                                    {QStringLiteral("state"), QStringLiteral("received")},
                                    {QStringLiteral("count"), 1}});
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QJsonObject c{
            {QStringLiteral("id"), id},
            {QStringLiteral("caseNumber"),
             QStringLiteral("%1-20250314-%2").arg(site).arg(i + 1, 4, 10, QLatin1Char('0'))},
            {QStringLiteral("applicant"), a.id},
            {QStringLiteral("status"), QStringLiteral("accepted")},
            {QStringLiteral("place"), place},
            {QStringLiteral("createdAt"), storedTime(at)},
            {QStringLiteral("items"),
             QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("RSJ-JF-001")},
                                    {QStringLiteral("version"), 1}}}},
            {QStringLiteral("materials"), mats},
            {QStringLiteral("history"),
             QJsonArray{QJsonObject{{QStringLiteral("to"), QStringLiteral("accepted")},
                                    {QStringLiteral("at"), storedTime(at)},
                                    {QStringLiteral("place"), place}}}}};
        if (auto r = outbox.add(QStringLiteral("case"), id, c, at); !r)
            die(r.error().fullText());
    }
    if (Status s = tx.commit(); !s)
        die(s.error().fullText());
}

struct CounterRun
{
    QString error;
    std::vector<double> batchMs;
    int applied = 0;
    int left = -1;
};

// One counter: its own store connection and gateway, pushing all it has.
CounterRun push(const QString& storePath, const NewSite& site, std::latch* start)
{
    CounterRun out;
    auto store = Database::open(storePath);
    if (!store) {
        out.error = store.error().fullText();
        if (start)
            start->count_down();
        return out;
    }
    {
        PgSyncGateway gateway(site.url);
        SyncEngine engine(*store.value(), gateway, site.code);
        QElapsedTimer t;
        engine.setFaultHook([&](SyncFaultPoint p) -> Status {
            if (p == SyncFaultPoint::BeforePush)
                t.start();
            else if (p == SyncFaultPoint::AfterPush)
                out.batchMs.push_back(double(t.nsecsElapsed()) / 1e6);
            return {};
        });
        if (start)
            start->arrive_and_wait(); // everybody reconnects at once
        SyncPassReport r;
        Status s = engine.registerCounter();
        if (s)
            s = engine.upload(r);
        if (!s)
            out.error = s.error().fullText();
        out.applied = r.applied;
        auto waiting = Outbox(*store.value()).count();
        out.left = waiting ? waiting.value() : -1;
    }
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        die(QStringLiteral("usage: bench_sync_storm PG_ENV [COUNTERS] [CASES]"));
    const int counters = args.size() > 2 ? args.at(2).toInt() : 50;
    const int cases = args.size() > 3 ? args.at(3).toInt() : 200;

    const QString dbName =
        QStringLiteral("ow_bench_%1").arg(QRandomGenerator::global()->bounded(1u << 30));
    {
        auto pg = CentralConnection::open(serverUrl(args.at(1), QStringLiteral("postgres")));
        if (!pg)
            die(pg.error().fullText());
        if (Status s = pg.value()->exec(QStringLiteral("CREATE DATABASE %1").arg(dbName)); !s)
            die(s.error().fullText());
    }
    auto admin = CentralConnection::open(serverUrl(args.at(1), dbName));
    if (!admin)
        die(admin.error().fullText());
    if (auto m = CentralMigrations::apply(*admin.value()); !m)
        die(m.error().fullText());
    const quint32 tag = QRandomGenerator::global()->bounded(100000);
    QList<NewSite> sites;
    QTemporaryDir dir;
    QStringList stores;
    for (int i = 0; i <= counters; ++i) { // the last one is the floor's
        auto site = CentralAdmin(*admin.value())
                        .addSite(QStringLiteral("S%1X%2").arg(tag).arg(i), QStringLiteral("网点"),
                                 QStringLiteral("village"));
        if (!site)
            die(site.error().fullText());
        sites.append(site.value());
        stores << dir.filePath(QStringLiteral("counter-%1.sqlite").arg(i));
        makeBacklog(stores.last(), site->code, i == counters ? cases * counters : cases);
    }

    // The floor: one counter alone with everybody's number of cases.
    QElapsedTimer t;
    t.start();
    const CounterRun alone = push(stores.last(), sites.last(), nullptr);
    const double aloneMs = double(t.nsecsElapsed()) / 1e6;
    if (!alone.error.isEmpty())
        die(alone.error);

    std::vector<CounterRun> runs(static_cast<size_t>(counters));
    std::latch start(counters);
    std::vector<std::thread> threads;
    t.restart();
    for (int i = 0; i < counters; ++i)
        threads.emplace_back([&, i] { runs[size_t(i)] = push(stores[i], sites[i], &start); });
    for (std::thread& th : threads)
        th.join();
    const double stormMs = double(t.nsecsElapsed()) / 1e6;

    std::vector<double> batches;
    int failed = 0;
    int left = 0;
    for (const CounterRun& r : runs) {
        batches.insert(batches.end(), r.batchMs.begin(), r.batchMs.end());
        if (!r.error.isEmpty()) {
            ++failed;
            std::fprintf(stderr, "  a counter failed: %s\n", qPrintable(r.error));
        }
        left += r.left;
    }
    std::sort(batches.begin(), batches.end());
    auto pct = [&](double p) {
        return batches.empty() ? 0.0
                               : batches[std::min(batches.size() - 1, size_t(p * batches.size()))];
    };
    QSqlQuery q = admin.value()->query();
    if (!q.exec(QStringLiteral("SELECT count(*), count(DISTINCT case_uuid) FROM ow.cases WHERE "
                               "site_code <> '%1'")
                    .arg(sites.last().code)) ||
        !q.next())
        die(QStringLiteral("cannot count the cases at the centre"));
    const int atCentre = q.value(0).toInt();
    const int distinct = q.value(1).toInt();
    const int expected = counters * cases;

    std::printf("reconnect storm: %d counters, %d cases each (15 materials), all at once\n",
                counters, cases);
    std::printf("  total: %9.1f ms  %8.0f cases/s; batch latency median %.1f ms, p95 %.1f ms, max "
                "%.1f ms (%zu batches)\n",
                stormMs, expected / (stormMs / 1000), pct(0.5), pct(0.95),
                batches.empty() ? 0.0 : batches.back(), batches.size());
    std::printf("  floor, one counter alone with %d cases: %9.1f ms  %8.0f cases/s\n", expected,
                aloneMs, expected / (aloneMs / 1000));
    std::printf("  lost %d, duplicated %d, still waiting at the counters %d, counters failed %d\n",
                expected - distinct, atCentre - distinct, left, failed);

    admin.value().reset();
    if (auto pg = CentralConnection::open(serverUrl(args.at(1), QStringLiteral("postgres"))))
        (void)pg.value()->exec(QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(dbName));
    return failed == 0 && expected == distinct && atCentre == distinct ? 0 : 1;
}
