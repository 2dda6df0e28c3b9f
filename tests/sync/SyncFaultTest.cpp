// Faults at the centre's side of a push: the same batch sent twice at the
// same time from one store, and the server stopped with -m immediate while
// a batch is half applied. Each ends comparing every accepted case with the
// centre: nothing lost, nothing twice.
#include "SyncTestSupport.h"
#include "store/DataDir.h"
#include "sync/CentralMigrations.h"
#include "sync/SyncSettings.h"
#include "sync/SyncStore.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <catch2/catch.hpp>
#include <latch>
#include <thread>

using namespace ow;
using namespace ow::test;

namespace {

struct PassResult
{
    bool ok = false;
    QString error;
    SyncPassReport report;
};

// One upload on its own connection to the store, as a second process would.
PassResult uploadFrom(const QString& storePath, const NewSite& site, std::latch& ready)
{
    PassResult out;
    auto db = Database::open(storePath);
    if (!db) {
        out.error = db.error().fullText();
        ready.count_down();
        return out;
    }
    {
        PgSyncGateway gateway(site.url);
        SyncEngine engine(*db.value(), gateway, site.code);
        bool waited = false;
        engine.setFaultHook([&](SyncFaultPoint p) -> Status {
            if (p == SyncFaultPoint::BeforePush && !waited) {
                waited = true;
                ready.arrive_and_wait(); // both hold the same batch, then both send it
            }
            return {};
        });
        Status s = engine.registerCounter();
        if (s)
            s = engine.upload(out.report);
        if (!waited)
            ready.count_down();
        out.ok = s.ok();
        if (!s)
            out.error = s.error().fullText();
    }
    return out;
}

} // namespace

TEST_CASE("the same batch sent twice at the same time is applied once")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("D"));
    SyncCounter counter(site);
    for (int i = 1; i <= 6; ++i)
        counter.acceptImmediate(i);
    const QStringList accepted = counter.localCaseNumbers();
    const int waiting = counter.outboxCount();
    const QString path = counter.intake.store.path();

    std::latch ready(2);
    PassResult a;
    PassResult b;
    std::thread ta([&] { a = uploadFrom(path, site, ready); });
    std::thread tb([&] { b = uploadFrom(path, site, ready); });
    ta.join();
    tb.join();
    INFO(a.error.toStdString() << " / " << b.error.toStdString());
    REQUIRE(a.ok);
    REQUIRE(b.ok);
    // Each sent the whole batch; the centre applied each operation once.
    CHECK(a.report.sent == waiting);
    CHECK(b.report.sent == waiting);
    CHECK(a.report.applied + b.report.applied == waiting);
    CHECK(a.report.duplicates + b.report.duplicates == waiting);
    CHECK(counter.outboxCount() == 0);
    CHECK(centralCaseNumbers(central.admin(), site.code) == accepted);
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.applied_operations"))
              .toInt() == waiting);
}

TEST_CASE("the centre stopped with -m immediate in the middle of a batch loses and "
          "duplicates nothing")
{
    // A server of this test's own (stopping the shared one would stop the
    // others), durable: a commit it answered must survive the crash.
    QTemporaryDir clusterDir;
    const QString script = sourcePath(QStringLiteral("tests/sync/pg-cluster.sh"));
    auto cluster = [&](const QString& action) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PG_DURABLE"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("bash"), {script, action, clusterDir.path()});
        REQUIRE(p.waitForFinished(180000));
        INFO(p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
    };
    cluster(QStringLiteral("start"));
    struct Stop
    {
        std::function<void()> f;
        ~Stop() { f(); }
    } stopAtEnd{[&] {
        QProcess p;
        p.start(QStringLiteral("bash"), {script, QStringLiteral("stop"), clusterDir.path()});
        p.waitForFinished(180000);
    }};
    const PgServer server = PgServer::fromFile(clusterDir.filePath(QStringLiteral("pg.env")));
    auto pgCtl = [&](const QStringList& args) {
        QProcess p;
        p.start(server.pgCtl, args);
        REQUIRE(p.waitForFinished(120000));
        INFO(p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
    };

    NewSite site;
    {
        auto admin = connectOrFail(server.url(QStringLiteral("postgres")));
        REQUIRE(CentralMigrations::apply(*admin).ok());
        auto added = CentralAdmin(*admin).addSite(
            QStringLiteral("CRASH1"), QStringLiteral("便民服务中心"), QStringLiteral("town"));
        REQUIRE(added.ok());
        site = added.value();
    }

    QTemporaryDir dataDir;
    QStringList accepted;
    {
        SyncCounter counter(site);
        for (int i = 1; i <= 8; ++i)
            counter.acceptImmediate(i);
        accepted = counter.localCaseNumbers();
        counter.intake.store.db.reset();
        REQUIRE(QFile::copy(counter.intake.store.path(), storeFile(dataDir.path())));
    }
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                      QStringLiteral("configure"), QStringLiteral("--central"), site.url,
                      QStringLiteral("--site"), site.code})
                .exitCode == 0);

    // A lock holds the batch in the middle: its cases are written, the
    // answers cannot be recorded yet.
    auto holder = connectOrFail(server.url(QStringLiteral("postgres")));
    execOk(*holder, QStringLiteral("BEGIN"));
    execOk(*holder, QStringLiteral("LOCK TABLE ow.applied_operations IN SHARE MODE"));
    QProcess sync;
    sync.start(QStringLiteral(OW_ADMIN_EXE), {QStringLiteral("--data-dir"), dataDir.path(),
                                              QStringLiteral("sync"), QStringLiteral("--once")});
    REQUIRE(sync.waitForStarted());
    {
        QElapsedTimer t;
        t.start();
        auto watcher = connectOrFail(server.url(QStringLiteral("postgres")));
        while (scalar(*watcher, QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                               "usename = '%1' AND wait_event_type = 'Lock'")
                                    .arg(site.role))
                   .toInt() == 0) {
            REQUIRE(t.elapsed() < 60000);
            REQUIRE(sync.state() == QProcess::Running);
            QThread::msleep(20);
        }
        CHECK(scalar(*watcher, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 0);
    }
    // Stopped while the lock is held: the batch never commits.
    pgCtl({QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate"),
           QStringLiteral("-w")});
    holder.reset();
    REQUIRE(sync.waitForFinished(120000));
    CHECK(sync.exitCode() != 0); // the pass failed; the counter keeps everything
    {
        auto db = Database::open(storeFile(dataDir.path()));
        REQUIRE(db.ok());
        CHECK(Outbox(*db.value()).count().value() > 0);
    }

    pgCtl({QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-l"),
           server.cluster + QStringLiteral("/server.log")});
    const ProcessResult again = runAdmin({QStringLiteral("--data-dir"), dataDir.path(),
                                          QStringLiteral("sync"), QStringLiteral("--once")});
    INFO(again.err.toStdString());
    REQUIRE(again.exitCode == 0);
    auto admin = connectOrFail(server.url(QStringLiteral("postgres")));
    CHECK(centralCaseNumbers(*admin, site.code) == accepted);
    CHECK(scalar(*admin, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() ==
          accepted.size());
    auto db = Database::open(storeFile(dataDir.path()));
    REQUIRE(db.ok());
    CHECK(Outbox(*db.value()).count().value() == 0);
    CHECK(SyncStore(*db.value()).quarantineCount().value() == 0);
}
