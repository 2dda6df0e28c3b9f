// The centre goes back in time (a restore from a dump taken mid-day, an
// operator's `central restored`): the counters notice, send again what the
// centre lost, take a fresh copy, and say so; backups let them forget.
#include "SyncTestSupport.h"
#include "audit/AuditLog.h"
#include "sync/Outbox.h"
#include "sync/SyncStore.h"
#include "sync/SyncWorker.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

const QString kPgBin = QStringLiteral("/usr/lib/postgresql/15/bin/");

// Runs a PostgreSQL client program against the test server as its superuser.
void pgTool(const QString& program, const QStringList& args)
{
    const PgServer& s = pgServer();
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), s.password);
    env.insert(QStringLiteral("PGSSLMODE"), QStringLiteral("disable"));
    p.setProcessEnvironment(env);
    p.start(kPgBin + program,
            QStringList{QStringLiteral("-h"), s.host, QStringLiteral("-p"), QString::number(s.port),
                        QStringLiteral("-U"), s.superuser} +
                args);
    REQUIRE(p.waitForFinished(120000));
    INFO(program.toStdString() << ": " << p.readAllStandardError().toStdString());
    REQUIRE(p.exitCode() == 0);
}

// The same URL on another database of the server.
QString onDatabase(const QString& url, const QString& database)
{
    QUrl u(url);
    u.setPath(QLatin1Char('/') + database);
    return u.toString(QUrl::FullyEncoded);
}

// A database restored from a dump of another, dropped at the end.
struct RestoredDatabase
{
    QString name;
    RestoredDatabase(const QString& from, const QString& dumpFile)
        : name(from + QStringLiteral("_r"))
    {
        pgTool(QStringLiteral("createdb"), {name});
        pgTool(QStringLiteral("pg_restore"), {QStringLiteral("--dbname"), name, dumpFile});
    }
    ~RestoredDatabase()
    {
        auto postgres = CentralConnection::open(pgServer().url(QStringLiteral("postgres")));
        if (postgres)
            (void)postgres.value()->exec(
                QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    }
};

int keptCount(SyncCounter& c)
{
    return c.intake.count(QStringLiteral("outbox_sent"));
}

} // namespace

TEST_CASE("centre history: a restore from a dump taken mid-day loses no case and says so")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("RST"));
    SyncCounter counter(site);
    for (int i = 1; i <= 4; ++i)
        counter.acceptImmediate(i);
    SyncPassReport first = counter.sync();
    CHECK(first.applied == 8); // each case and its applicant
    CHECK(first.centreEvent.isEmpty());
    // Answered, and kept: no backup holds them yet.
    CHECK(counter.outboxCount() == 0);
    CHECK(keptCount(counter) == 8);

    // Last night's backup, so to speak: the first four cases.
    QTemporaryDir dir;
    const QString dump = dir.filePath(QStringLiteral("centre.dump"));
    pgTool(QStringLiteral("pg_dump"),
           {QStringLiteral("--format=custom"), QStringLiteral("--file"), dump, central.database()});

    // The day goes on: five more cases reach the centre and are answered.
    for (int i = 5; i <= 9; ++i)
        counter.acceptImmediate(i);
    CHECK(counter.sync().applied == 10);
    CHECK(centralCaseNumbers(central.admin(), site.code).size() == 9);
    const QStringList accepted = counter.localCaseNumbers();
    REQUIRE(accepted.size() == 9);

    // The centre is restored from the dump: the day's five are gone there.
    RestoredDatabase restored(central.database(), dump);
    auto admin = connectOrFail(onDatabase(central.adminUrl(), restored.name));
    CHECK(centralCaseNumbers(*admin, site.code).size() == 4);

    // The counter reaches the restored centre (the operator forgot to say
    // it was restored): it finds its last answered operation missing,
    // sends the lost ones again, and replaces its cursor with a snapshot.
    PgSyncGateway gateway(onDatabase(site.url, restored.name));
    SyncEngine engine(*counter.intake.store.db, gateway, site.code, counter.intake.clock);
    auto pass = engine.runOnce();
    if (!pass)
        FAIL(pass.error().fullText().toStdString());
    INFO(pass->centreEvent.toStdString());
    CHECK(pass->resent == 10); // five cases and their applicants
    CHECK(pass->applied == 10);
    CHECK(pass->duplicates == 0);
    CHECK(pass->snapshot);
    CHECK(pass->centreEvent.contains(
        SyncStore::tr("The centre no longer had records it had confirmed.")));
    CHECK(pass->centreEvent.contains(SyncStore::tr("%n record(s) sent again.", nullptr, 10)));
    CHECK(
        pass->centreEvent.contains(SyncStore::tr("A fresh copy of the centre's data was taken.")));

    // Lost 0, duplicated 0.
    CHECK(centralCaseNumbers(*admin, site.code) == accepted);

    // The centre counts what the counter sent again, for its operator.
    auto status = CentralAdmin(*admin).status();
    REQUIRE(status.ok());
    REQUIRE(status->history.known);
    bool told = false;
    for (const CentreEvent& e : status->history.events)
        told =
            told || (e.kind == QLatin1String("resent") && e.count == 10 && e.siteCode == site.code);
    CHECK(told);

    // The counter's own status and audit log say what happened.
    auto st = SyncWorker::readStatus(*counter.intake.store.db, counter.intake.clock.now());
    REQUIRE(st.ok());
    CHECK(st->centreEvent == pass->centreEvent);
    CHECK(st->kept == 18);
    auto audit = AuditLog(*counter.intake.store.db).list();
    REQUIRE(audit.ok());
    QStringList actions;
    for (const AuditRecord& r : audit.value())
        actions << r.action;
    CHECK(actions.contains(QStringLiteral("sync.centre_lost")));

    // A second pass has nothing more to do.
    auto again = engine.runOnce();
    REQUIRE(again.ok());
    CHECK(again->resent == 0);
    CHECK(again->sent == 0);
    CHECK_FALSE(again->snapshot);
    CHECK(centralCaseNumbers(*admin, site.code) == accepted);
}

TEST_CASE("centre history: a centre declared restored is checked and copied afresh")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("DCL"));
    SyncCounter counter(site);
    for (int i = 1; i <= 3; ++i)
        counter.acceptImmediate(i);
    counter.sync();
    CHECK(counter.sync().centreEvent.isEmpty());

    auto dropped = CentralAdmin(central.admin()).declareRestored(QStringLiteral("drill"));
    REQUIRE(dropped.ok());
    CHECK(*dropped > 0); // the log starts again

    // The counter's open connection reaches the same server: a new one is
    // made after it is dropped, as after any failover.
    counter.gateway.disconnect();
    SyncPassReport r = counter.sync();
    INFO(r.centreEvent.toStdString());
    CHECK(r.resent == 0);
    CHECK(r.snapshot);
    CHECK(r.centreEvent.contains(SyncStore::tr("The centre was restored from a backup.")));
    CHECK(r.centreEvent.contains(SyncStore::tr("Nothing this counter sent was lost.")));
    CHECK(r.centreEvent.contains(SyncStore::tr("A fresh copy of the centre's data was taken.")));
    CHECK(centralCaseNumbers(central.admin(), site.code) == counter.localCaseNumbers());

    // New cases flow as before, and are pulled through the new log.
    counter.acceptImmediate(4);
    SyncPassReport after = counter.sync();
    CHECK(after.applied == 2);
    CHECK_FALSE(after.snapshot);
    CHECK(centralCaseNumbers(central.admin(), site.code).size() == 4);
}

TEST_CASE("centre history: a finished backup lets the counter forget what it holds")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("BKP"));
    SyncCounter counter(site);
    for (int i = 1; i <= 3; ++i)
        counter.acceptImmediate(i);
    counter.sync();
    REQUIRE(keptCount(counter) == 6);

    CentralAdmin admin(central.admin());
    // Marked done without a begun backup: refused, nothing forgotten.
    CHECK_FALSE(admin.backupDone().ok());

    // Tests share the server: a transaction of another test could still
    // precede the answers, and a backup begun now would not hold them.
    waitUntilSettled(central.admin());
    REQUIRE(admin.backupBegin().ok());
    // Not done yet: the counter keeps everything.
    counter.sync();
    CHECK(keptCount(counter) == 6);
    REQUIRE(admin.backupDone().ok());

    // A case answered after the backup began stays kept.
    counter.acceptImmediate(4);
    counter.sync();
    CHECK(keptCount(counter) == 2);
    CHECK(counter.localCaseNumbers().size() == 4);
}

TEST_CASE("centre history: answered operations are kept no longer than the days set")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("EXP"));
    SyncCounter counter(site);
    counter.engine.setKeepDays(3);
    counter.acceptImmediate(1);
    counter.acceptImmediate(2);
    counter.sync();
    REQUIRE(keptCount(counter) == 4);

    counter.intake.clock.advanceSecs(2 * 86400);
    CHECK(counter.sync().centreEvent.isEmpty());
    CHECK(keptCount(counter) == 4);

    // No backup confirmed in three days: forgotten, and the sync page warns.
    counter.intake.clock.advanceSecs(2 * 86400);
    SyncPassReport r = counter.sync();
    CHECK(keptCount(counter) == 0);
    INFO(r.centreEvent.toStdString());
    CHECK(r.centreEvent ==
          SyncStore::tr("The centre confirmed no backup for the records of the last %n day(s): "
                        "%1 of them are no longer kept here to be sent again after a restore of "
                        "the centre.",
                        nullptr, 3)
              .arg(4));
}
