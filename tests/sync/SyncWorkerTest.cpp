// The sync worker on its own thread: offline while the centre cannot be
// reached, back online by itself when it answers again; a counter killed
// in the middle of a pass loses and duplicates nothing; one site's login
// pulls nothing of another site's cases.
#include "sync/SyncWorker.h"

#include "SyncTestSupport.h"
#include "catalogue/CatalogueJson.h"
#include "store/DataDir.h"
#include "sync/SyncSettings.h"
#include "sync/SyncStore.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <catch2/catch.hpp>
#include <functional>

using namespace ow;
using namespace ow::test;

namespace {

// A TCP relay in front of the test server: while closed, the centre's
// address answers nothing (a dead port); opened on the same port, the
// centre is back.
class Relay : public QObject
{
public:
    explicit Relay(quint16 target) : m_target(target)
    {
        // Find a free port, then release it: nothing listens there yet.
        QTcpServer probe;
        REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* in = m_server.nextPendingConnection()) {
                auto* out = new QTcpSocket(in);
                out->connectToHost(QHostAddress::LocalHost, m_target);
                connect(in, &QTcpSocket::readyRead, out, [in, out] { out->write(in->readAll()); });
                connect(out, &QTcpSocket::readyRead, in, [in, out] { in->write(out->readAll()); });
                connect(out, &QTcpSocket::connected, out, [in, out] { out->write(in->readAll()); });
                connect(in, &QTcpSocket::disconnected, in, &QObject::deleteLater);
                connect(out, &QTcpSocket::disconnected, in, &QTcpSocket::disconnectFromHost);
            }
        });
    }
    quint16 port() const { return m_port; }
    void open() { REQUIRE(m_server.listen(QHostAddress::LocalHost, m_port)); }

private:
    quint16 m_target;
    quint16 m_port = 0;
    QTcpServer m_server;
};

QString viaPort(const QString& url, quint16 port)
{
    QUrl u(url);
    u.setPort(port);
    return u.toString(QUrl::FullyEncoded);
}

// Waits for status changes until `done` holds (at most 60 s).
bool waitUntil(SyncWorker& worker, const std::function<bool(const SyncStatus&)>& done)
{
    QSignalSpy spy(&worker, &SyncWorker::statusChanged);
    QElapsedTimer t;
    t.start();
    while (!done(worker.status())) {
        if (t.elapsed() > 60000)
            return false;
        spy.wait(1000);
    }
    return true;
}

} // namespace

TEST_CASE("the worker is offline while the centre is unreachable and recovers by itself")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("W"));
    SyncCounter counter(site);
    counter.acceptImmediate(1);
    counter.acceptImmediate(2);
    const QStringList accepted = counter.localCaseNumbers();

    Relay relay(quint16(pgServer().port));
    SyncWorkerOptions o;
    o.storePath = counter.intake.store.path();
    o.url = viaPort(site.url, relay.port()) + QStringLiteral("?connect_timeout=2");
    o.siteCode = site.code;
    o.intervalMs = 60000;
    o.backoffBaseMs = 20;
    o.backoffMaxMs = 200;
    SyncWorker worker(o);
    QSignalSpy catalogue(&worker, &SyncWorker::catalogueChanged);
    worker.start();

    REQUIRE(waitUntil(worker, [](const SyncStatus& s) {
        return s.state == SyncStatus::State::Offline && s.failures >= 3;
    }));
    SyncStatus s = worker.status();
    CHECK(s.offlineSince.isValid());
    CHECK_FALSE(s.lastError.isEmpty());
    CHECK(s.pending == counter.outboxCount());
    CHECK(s.pending > 0);
    // Accepted on 14 March 2025 by the counter's clock: more than a day ago.
    CHECK(s.pendingOlder == s.pending);
    CHECK(s.pendingUnderHour == 0);
    CHECK(s.retryInMs <= 200);
    CHECK(centralCaseNumbers(central.admin(), site.code).isEmpty());

    // The centre answers again at the same address: nobody tells the worker.
    relay.open();
    REQUIRE(waitUntil(worker, [](const SyncStatus& st) {
        return st.state == SyncStatus::State::Online && st.pending == 0;
    }));
    s = worker.status();
    CHECK(s.lastSuccess.isValid());
    CHECK(s.lastError.isEmpty());
    CHECK_FALSE(s.offlineSince.isValid());
    CHECK(s.failures == 0);
    worker.stop();
    CHECK(centralCaseNumbers(central.admin(), site.code) == accepted);
    CHECK(counter.outboxCount() == 0);
}

TEST_CASE("backoff doubles up to its ceiling and keeps a random part")
{
    for (int i = 0; i < 50; ++i) {
        const qint64 first = SyncWorker::backoffMs(1, 1000, 300000);
        CHECK(first >= 500);
        CHECK(first <= 1000);
        const qint64 fourth = SyncWorker::backoffMs(4, 1000, 300000);
        CHECK(fourth >= 4000);
        CHECK(fourth <= 8000);
        const qint64 late = SyncWorker::backoffMs(40, 1000, 300000);
        CHECK(late >= 150000);
        CHECK(late <= 300000);
    }
    QSet<qint64> seen;
    for (int i = 0; i < 50; ++i)
        seen.insert(SyncWorker::backoffMs(10, 1000, 300000));
    CHECK(seen.size() > 10); // counters coming back at once do not retry in step
}

TEST_CASE("a counter killed before sending, after the centre committed or while applying a page "
          "loses nothing and duplicates nothing")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("K"));
    QTemporaryDir dataDir;
    QStringList accepted;
    {
        SyncCounter counter(site);
        for (int i = 1; i <= 5; ++i)
            counter.acceptImmediate(i);
        accepted = counter.localCaseNumbers();
        // The store of this counter becomes the data folder's store.
        counter.intake.store.db.reset();
        REQUIRE(QFile::copy(counter.intake.store.path(), storeFile(dataDir.path())));
    }
    REQUIRE(runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                      QStringLiteral("configure"), QStringLiteral("--central"), site.url,
                      QStringLiteral("--site"), site.code})
                .exitCode == 0);
    // The credential is in its own file, for its owner only; not in sync.ini.
    const QFileInfo credential(SyncSettings::credentialFile(dataDir.path()));
    REQUIRE(credential.exists());
    CHECK(credential.permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ReadUser | QFileDevice::WriteUser));
    QFile ini(SyncSettings::settingsFile(dataDir.path()));
    REQUIRE(ini.open(QIODevice::ReadOnly));
    CHECK_FALSE(ini.readAll().contains(QUrl(site.url).password().toUtf8()));

    auto runKilledAt = [&](const QString& point) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONEWINDOW_SYNC_KILL_AT"), point);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(OW_ADMIN_EXE), {QStringLiteral("--data-dir"), dataDir.path(),
                                               QStringLiteral("sync"), QStringLiteral("--once")});
        REQUIRE(p.waitForFinished(120000));
        CHECK(p.exitStatus() == QProcess::CrashExit); // SIGKILL
    };
    // Killed with the batch ready but not sent: nothing at the centre yet.
    runKilledAt(QStringLiteral("before-push"));
    CHECK(centralCaseNumbers(central.admin(), site.code).isEmpty());
    runKilledAt(QStringLiteral("after-push"));
    // The centre committed; the counter still holds every entry.
    CHECK(centralCaseNumbers(central.admin(), site.code) == accepted);

    // Now killed while applying the first downloaded page: neither the page
    // nor the cursor is there, and the next pass downloads them again.
    runKilledAt(QStringLiteral("before-page-commit"));

    const ProcessResult r = runAdmin({QStringLiteral("--data-dir"), dataDir.path(),
                                      QStringLiteral("sync"), QStringLiteral("--once")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    auto db = Database::open(storeFile(dataDir.path()));
    REQUIRE(db.ok());
    CHECK(Outbox(*db.value()).count().value() == 0);
    CHECK(SyncStore(*db.value()).quarantineCount().value() == 0);
    CHECK(centralCaseNumbers(central.admin(), site.code) == accepted);
    CHECK(scalar(central.admin(), QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() ==
          accepted.size());
    const ProcessResult status =
        runAdmin({QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("sync"),
                  QStringLiteral("status"), QStringLiteral("--lang"), QStringLiteral("en")});
    CHECK(status.out.contains(QStringLiteral("Waiting to be sent: 0")));
    QSqlQuery q = db.value()->query();
    REQUIRE(q.exec(QStringLiteral("SELECT snapshot_done FROM sync_state")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
}

TEST_CASE("site A's login pulls nothing of site B's cases")
{
    CentralFixture central;
    const NewSite a = central.addSite(QStringLiteral("PA"));
    const NewSite b = central.addSite(QStringLiteral("PB"));
    SyncCounter counterB(b);
    const QString caseB = counterB.acceptPromised(1);
    counterB.sync();
    waitUntilSettled(central.admin());

    SyncCounter counterA(a);
    counterA.sync();
    PgSyncGateway gatewayA(a.url);
    // The snapshot of cases and every change in the log, from the start.
    auto cases = gatewayA.snapshot(QStringLiteral("cases"), QString(), 5000);
    REQUIRE(cases.ok());
    CHECK(cases->rows.isEmpty());
    QString xid = QStringLiteral("0");
    qint64 id = 0;
    for (;;) {
        auto page = gatewayA.pull(xid, id, 1000);
        REQUIRE(page.ok());
        for (const QJsonValue& ch : page->changes) {
            CHECK_FALSE(QJsonDocument(ch.toObject()).toJson().contains(caseB.toUtf8()));
            CHECK(ch.toObject().value(QStringLiteral("kind")).toString() !=
                  QStringLiteral("case.status"));
        }
        xid = page->nextXid;
        id = page->nextId;
        if (!page->more)
            break;
    }
    // B's own login does see it: the check above can fail.
    PgSyncGateway gatewayB(b.url);
    auto own = gatewayB.snapshot(QStringLiteral("cases"), QString(), 5000);
    REQUIRE(own.ok());
    CHECK(own->rows.size() == 1);
    // Nothing of B's reached A's store either.
    CHECK(counterA.intake.count(QStringLiteral("intake_case")) == 0);
}

TEST_CASE("a day offline: hundreds of cases wait and the catalogue changes meanwhile, "
          "then both sides agree")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("O"));
    SyncCounter counter(site);
    Relay relay(quint16(pgServer().port));
    SyncWorkerOptions o;
    o.storePath = counter.intake.store.path();
    o.url = viaPort(site.url, relay.port()) + QStringLiteral("?connect_timeout=2");
    o.siteCode = site.code;
    o.intervalMs = 60000;
    o.backoffBaseMs = 20;
    o.backoffMaxMs = 200;
    SyncWorker worker(o);
    worker.start();
    REQUIRE(waitUntil(worker,
                      [](const SyncStatus& s) { return s.state == SyncStatus::State::Offline; }));

    // The counter keeps working while the worker retries in its thread.
    for (int i = 1; i <= 150; ++i)
        (i % 3 ? counter.acceptImmediate(i) : counter.acceptPromised(i));
    const QStringList accepted = counter.localCaseNumbers();
    REQUIRE(accepted.size() == 150);

    // Meanwhile the centre publishes a changed item.
    Item item = *counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"));
    item.name += QStringLiteral("（调整）");
    item.version += 1;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("catalogue.json"));
    REQUIRE(CatalogueJson::writeFile(Catalogue{{item}, {}, {}}, file).ok());
    auto published = CentralAdmin(central.admin()).publishCatalogue(file);
    if (!published)
        FAIL(published.error().fullText().toStdString());
    waitUntilSettled(central.admin());

    QSignalSpy catalogueChanged(&worker, &SyncWorker::catalogueChanged);
    relay.open();
    REQUIRE(waitUntil(worker, [](const SyncStatus& st) {
        return st.state == SyncStatus::State::Online && st.pending == 0;
    }));
    worker.stop();
    CHECK(catalogueChanged.count() >= 1);
    REQUIRE(counter.intake.catalogue->reload().ok());
    CHECK(counter.intake.catalogue->item(QStringLiteral("RSJ-JF-001"))->name == item.name);
    // Every accepted case at the centre, once, with the same status.
    CHECK(centralCaseNumbers(central.admin(), site.code) == accepted);
    QSqlQuery local = counter.intake.store.db->query();
    REQUIRE(local.exec(QStringLiteral("SELECT group_concat(case_number || ':' || status, ',') FROM "
                                      "(SELECT case_number, status FROM intake_case ORDER BY "
                                      "case_number)")));
    REQUIRE(local.next());
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT string_agg(case_number || ':' || status, ',' ORDER BY "
                                "case_number) FROM ow.cases WHERE site_code = '%1'")
                     .arg(site.code))
              .toString() == local.value(0).toString());
}
