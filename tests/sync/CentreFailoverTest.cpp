// The centre on PostgreSQL's own streaming replication: a primary and a
// standby of this test's own, the counters given both hosts
// (target_session_attrs=read-write), the primary stopped -m immediate and
// the standby promoted while they push. Every case the counters accepted
// is then at the centre once: lost 0, duplicated 0.
#include "SyncTestSupport.h"
#include "store/DataDir.h"
#include "sync/CentralMigrations.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QThread>
#include <catch2/catch.hpp>
#include <functional>

using namespace ow;
using namespace ow::test;

namespace {

// A primary and a streaming standby (tests/sync/pg-cluster.sh), durable
// commits: what the primary answered must be on disk, and with a
// synchronous standby on the standby too. Both are removed at the end.
struct ServerPair
{
    QTemporaryDir primaryDir;
    QTemporaryDir standbyDir;
    QString script = sourcePath(QStringLiteral("tests/sync/pg-cluster.sh"));
    PgServer primary;
    PgServer standby;

    void cluster(const QStringList& args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PG_DURABLE"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("bash"), QStringList{script} + args);
        REQUIRE(p.waitForFinished(180000));
        INFO(p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
    }

    explicit ServerPair(bool synchronous)
    {
        cluster({QStringLiteral("start"), primaryDir.path()});
        primary = PgServer::fromFile(primaryDir.filePath(QStringLiteral("pg.env")));
        cluster({QStringLiteral("standby"), standbyDir.path(), primaryDir.path()});
        standby = PgServer::fromFile(standbyDir.filePath(QStringLiteral("pg.env")));
        auto admin = connectOrFail(primary.url(QStringLiteral("postgres")));
        if (synchronous) {
            execOk(*admin, QStringLiteral("ALTER SYSTEM SET synchronous_standby_names = '*'"));
            execOk(*admin, QStringLiteral("ALTER SYSTEM SET synchronous_commit = on"));
            execOk(*admin, QStringLiteral("SELECT pg_reload_conf()"));
        }
        // Streaming (and, when asked, synchronous) before anything is written.
        QElapsedTimer t;
        t.start();
        const QString wanted = synchronous ? QStringLiteral("sync") : QStringLiteral("async");
        while (scalar(*admin, QStringLiteral("SELECT count(*) FROM pg_stat_replication "
                                             "WHERE state = 'streaming' AND sync_state = '%1'")
                                  .arg(wanted))
                   .toInt() == 0) {
            REQUIRE(t.elapsed() < 60000);
            QThread::msleep(50);
        }
    }

    ~ServerPair()
    {
        for (QTemporaryDir* d : {&standbyDir, &primaryDir}) {
            QProcess p;
            p.start(QStringLiteral("bash"), {script, QStringLiteral("stop"), d->path()});
            p.waitForFinished(180000);
        }
    }

    void pgCtl(const PgServer& s, const QStringList& args)
    {
        QProcess p;
        p.start(s.pgCtl, args);
        REQUIRE(p.waitForFinished(120000));
        INFO(p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
    }

    // The primary dies; the standby takes over.
    void failOver()
    {
        pgCtl(primary, {QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate"),
                        QStringLiteral("-w")});
        pgCtl(standby, {QStringLiteral("promote"), QStringLiteral("-w")});
    }

    // Until the standby has replayed everything the primary wrote.
    void waitForStandby()
    {
        auto p = connectOrFail(primary.url(QStringLiteral("postgres")));
        const QString lsn = scalar(*p, QStringLiteral("SELECT pg_current_wal_lsn()")).toString();
        auto s = connectOrFail(standby.url(QStringLiteral("postgres")));
        QElapsedTimer t;
        t.start();
        while (!scalar(*s, QStringLiteral("SELECT pg_last_wal_replay_lsn() >= '%1'").arg(lsn))
                    .toBool()) {
            REQUIRE(t.elapsed() < 60000);
            QThread::msleep(20);
        }
    }

    // The standby stops receiving: what the primary answers now, it lacks.
    // Its replication slot stays at the primary, where it stopped.
    void cutOffStandby()
    {
        auto s = connectOrFail(standby.url(QStringLiteral("postgres")));
        execOk(*s, QStringLiteral("ALTER SYSTEM SET primary_conninfo = ''"));
        execOk(*s, QStringLiteral("SELECT pg_reload_conf()"));
        QElapsedTimer t;
        t.start();
        while (scalar(*s, QStringLiteral("SELECT count(*) FROM pg_stat_wal_receiver")).toInt() >
               0) {
            REQUIRE(t.elapsed() < 60000);
            QThread::msleep(20);
        }
    }

    // A site's address naming both servers, for libpq to find the writable one.
    QString bothHosts(const QString& siteUrl) const
    {
        auto u = CentralUrl::parse(siteUrl);
        REQUIRE(u.ok());
        CentralUrl both = u.value();
        both.hosts = {{primary.host, primary.port}, {standby.host, standby.port}};
        both.options.append({QStringLiteral("target_session_attrs"), QStringLiteral("read-write")});
        both.options.append({QStringLiteral("connect_timeout"), QStringLiteral("3")});
        return both.withLogin(u->user, u->password);
    }
};

// A counter PC as its own program: a store in a data folder, synced by
// `onewindow-admin sync --once`.
struct CliCounter
{
    QTemporaryDir dataDir;
    QStringList accepted;

    CliCounter(const NewSite& site, const QString& url, int first, int cases)
    {
        {
            SyncCounter counter(site);
            for (int i = first; i < first + cases; ++i)
                counter.acceptImmediate(i);
            accepted = counter.localCaseNumbers();
            counter.intake.store.db.reset();
            REQUIRE(QFile::copy(counter.intake.store.path(), storeFile(dataDir.path())));
        }
        const ProcessResult r =
            runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                      QStringLiteral("configure"), QStringLiteral("--central"), url,
                      QStringLiteral("--site"), site.code});
        INFO(r.err.toStdString());
        REQUIRE(r.exitCode == 0);
    }

    QStringList args(const QString& command) const
    {
        return {QStringLiteral("--lang"), QStringLiteral("en"),   QStringLiteral("--data-dir"),
                dataDir.path(),           QStringLiteral("sync"), command};
    }

    ProcessResult status() const
    {
        return runAdmin({QStringLiteral("--lang"), QStringLiteral("en"),
                         QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                         QStringLiteral("status")});
    }

    // Passes until one succeeds with nothing left to send (a bound, not a
    // wait: each pass is real work that fails fast while no server writes).
    void syncUntilDone()
    {
        QElapsedTimer t;
        t.start();
        for (;;) {
            const ProcessResult r = runAdmin(args(QStringLiteral("--once")));
            const ProcessResult st = status();
            if (r.exitCode == 0 && st.out.contains(QStringLiteral("Waiting to be sent: 0 ")))
                return;
            INFO("last pass: " << r.exitCode << ' ' << r.out.toStdString() << r.err.toStdString()
                               << "\nstatus: " << st.out.toStdString());
            REQUIRE(t.elapsed() < 90000);
            QThread::msleep(200);
        }
    }
};

QStringList allAccepted(const std::vector<std::unique_ptr<CliCounter>>& counters)
{
    QStringList all;
    for (const auto& c : counters)
        all += c->accepted;
    all.sort();
    return all;
}

} // namespace

// Sites on the primary: one per counter (case numbers are the site's).
std::vector<NewSite> addSites(ServerPair& servers, const QString& prefix, int n)
{
    auto admin = connectOrFail(servers.primary.url(QStringLiteral("postgres")));
    REQUIRE(CentralMigrations::apply(*admin).ok());
    std::vector<NewSite> sites;
    for (int k = 0; k < n; ++k) {
        auto added = CentralAdmin(*admin).addSite(
            prefix + QString::number(k), QStringLiteral("便民服务中心"), QStringLiteral("town"));
        REQUIRE(added.ok());
        sites.push_back(added.value());
    }
    return sites;
}

QStringList centralCases(const PgServer& server)
{
    auto admin = connectOrFail(server.url(QStringLiteral("postgres")));
    QSqlQuery q = admin->query();
    REQUIRE(q.exec(QStringLiteral("SELECT case_number FROM ow.cases ORDER BY case_number")));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

TEST_CASE("failover: a synchronous standby promoted while three counters push loses and "
          "duplicates nothing")
{
    ServerPair servers(true);
    const std::vector<NewSite> sites = addSites(servers, QStringLiteral("HAS"), 6);
    std::vector<std::unique_ptr<CliCounter>> counters;
    // Three counters know the primary already: a first pass each.
    for (int k = 0; k < 3; ++k) {
        counters.push_back(std::make_unique<CliCounter>(sites[k], servers.bothHosts(sites[k].url),
                                                        1 + 100 * k, 20));
        REQUIRE(runAdmin(counters.back()->args(QStringLiteral("--once"))).exitCode == 0);
    }
    for (int k = 3; k < 6; ++k)
        counters.push_back(std::make_unique<CliCounter>(sites[k], servers.bothHosts(sites[k].url),
                                                        1 + 100 * k, 20));

    // Three push at once; the primary dies as soon as the first of their
    // cases is in.
    std::vector<std::unique_ptr<QProcess>> passes;
    for (std::size_t k = 3; k < counters.size(); ++k) {
        passes.push_back(std::make_unique<QProcess>());
        passes.back()->start(QStringLiteral(OW_ADMIN_EXE),
                             counters[k]->args(QStringLiteral("--once")));
        REQUIRE(passes.back()->waitForStarted());
    }
    {
        auto watcher = connectOrFail(servers.primary.url(QStringLiteral("postgres")));
        QElapsedTimer t;
        t.start();
        while (scalar(*watcher, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() <= 60) {
            REQUIRE(t.elapsed() < 60000);
            QThread::msleep(5);
        }
    }
    servers.failOver();
    for (auto& p : passes)
        REQUIRE(p->waitForFinished(120000));

    for (const auto& c : counters)
        c->syncUntilDone();

    // Lost 0, duplicated 0.
    CHECK(centralCases(servers.standby) == allAccepted(counters));
    CHECK(allAccepted(counters).size() == 120);

    // The counters that knew the old primary say what happened, in words.
    for (std::size_t k = 0; k < 3; ++k) {
        const QString out = counters[k]->status().out;
        INFO(out.toStdString());
        CHECK(out.contains(QStringLiteral("switched to its standby")));
        CHECK(out.contains(QStringLiteral("Nothing this counter sent was lost")));
    }
}

TEST_CASE("failover: an asynchronous standby promoted with lag gets the lost tail sent again")
{
    ServerPair servers(false);
    const std::vector<NewSite> sites = addSites(servers, QStringLiteral("HAA"), 2);
    CliCounter counter(sites[0], servers.bothHosts(sites[0].url), 1, 6);
    REQUIRE(runAdmin(counter.args(QStringLiteral("--once"))).exitCode == 0);
    servers.waitForStandby();

    servers.cutOffStandby();
    CliCounter later(sites[1], servers.bothHosts(sites[1].url), 50, 5);
    REQUIRE(runAdmin(later.args(QStringLiteral("--once"))).exitCode == 0);
    // Answered by the primary, and kept: five cases the standby never saw.
    {
        auto primary = connectOrFail(servers.primary.url(QStringLiteral("postgres")));
        CHECK(scalar(*primary, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 11);
    }
    servers.failOver();
    {
        auto promoted = connectOrFail(servers.standby.url(QStringLiteral("postgres")));
        CHECK(scalar(*promoted, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 6);
    }

    counter.syncUntilDone();
    later.syncUntilDone();
    QStringList all = counter.accepted + later.accepted;
    all.sort();
    CHECK(centralCases(servers.standby) == all);

    const QString told = later.status().out;
    INFO(told.toStdString());
    CHECK(told.contains(QStringLiteral("switched to its standby")));
    CHECK(told.contains(QStringLiteral("10 records sent again"))); // five cases, their applicants
    CHECK(told.contains(QStringLiteral("sent again")));
    // The first counter lost nothing, and says so.
    CHECK(counter.status().out.contains(QStringLiteral("Nothing this counter sent was lost")));
}

TEST_CASE("failover: a backup marked while the standby lags is not forgotten by the counters "
          "before the standby has it")
{
    ServerPair servers(false);
    const std::vector<NewSite> sites = addSites(servers, QStringLiteral("HAK"), 2);
    const QString centralUrl = servers.primary.url(QStringLiteral("postgres"));
    auto central = [&](const QStringList& args) {
        const ProcessResult r = runAdmin(
            QStringList{QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("central")} +
            args + QStringList{QStringLiteral("--central"), centralUrl});
        INFO(r.out.toStdString() << r.err.toStdString());
        REQUIRE(r.exitCode == 0);
        return r.out;
    };
    auto offered = [&] {
        auto admin = connectOrFail(centralUrl);
        return scalar(*admin, QStringLiteral("SELECT coalesce(ow.centre_state()->>'backup_xmin', "
                                             "'none')"))
            .toString();
    };

    CliCounter counter(sites[0], servers.bothHosts(sites[0].url), 1, 3);
    REQUIRE(runAdmin(counter.args(QStringLiteral("--once"))).exitCode == 0);
    // A backup while the standby keeps up: offered as soon as it has the mark.
    central({QStringLiteral("backup-mark"), QStringLiteral("--begin")});
    central({QStringLiteral("backup-mark")});
    servers.waitForStandby();
    QString first;
    {
        QElapsedTimer t;
        t.start();
        while ((first = offered()) == QLatin1String("none")) {
            REQUIRE(t.elapsed() < 30000);
            QThread::msleep(50);
        }
    }

    // The standby falls behind; a counter's cases answered by the primary
    // only, then a backup that holds them, then a pass: the counter learns
    // of the backup only once the standby has it, so it keeps them.
    servers.cutOffStandby();
    CliCounter later(sites[1], servers.bothHosts(sites[1].url), 50, 4);
    REQUIRE(runAdmin(later.args(QStringLiteral("--once"))).exitCode == 0);
    central({QStringLiteral("backup-mark"), QStringLiteral("--begin")});
    central({QStringLiteral("backup-mark")});
    QThread::msleep(500);
    REQUIRE(runAdmin(later.args(QStringLiteral("--once"))).exitCode == 0);
    REQUIRE(runAdmin(counter.args(QStringLiteral("--once"))).exitCode == 0);
    CHECK(offered() == first);
    {
        const QString status = central({QStringLiteral("status")});
        CHECK(status.contains(QStringLiteral("is held back")));
        CHECK(status.contains(QStringLiteral("not connected")));
    }

    // The primary dies; the standby, which never had those cases, takes over.
    servers.failOver();
    {
        auto promoted = connectOrFail(servers.standby.url(QStringLiteral("postgres")));
        CHECK(scalar(*promoted, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 3);
    }
    counter.syncUntilDone();
    later.syncUntilDone();
    QStringList all = counter.accepted + later.accepted;
    all.sort();
    CHECK(all.size() == 7);
    CHECK(centralCases(servers.standby) == all);
    const QString told = later.status().out;
    INFO(told.toStdString());
    CHECK(told.contains(QStringLiteral("switched to its standby")));
    CHECK(told.contains(QStringLiteral("8 records sent again"))); // four cases, their applicants
}
