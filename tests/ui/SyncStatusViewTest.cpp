// The status bar and the sync panel follow the real sync worker: here the
// centre's address answers nothing, so the counter is offline with cases
// waiting, and says so.
#include "MainWindow.h"
#include "TestSupport.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "sync/Outbox.h"
#include "sync/SyncIndicator.h"
#include "sync/SyncPanel.h"
#include "sync/SyncWorker.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::ui;

TEST_CASE("the status bar shows the counter offline since when and what waits")
{
    ow::test::TempStore store;
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    CatalogueService catalogue(*store.db);
    REQUIRE(catalogue.load().ok());
    Outbox outbox(*store.db);
    for (int i = 0; i < 2; ++i)
        REQUIRE(outbox
                    .add(QStringLiteral("applicant"), QStringLiteral("a%1").arg(i),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("王芳")}},
                         QDateTime::currentDateTime())
                    .ok());

    // A free port nobody listens on.
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    SyncWorkerOptions o;
    o.storePath = store.path();
    o.url = QStringLiteral("postgresql://ow_site_x:pw@127.0.0.1:%1/ow?connect_timeout=2").arg(port);
    o.siteCode = QStringLiteral("X1");
    o.backoffBaseMs = 50;
    o.backoffMaxMs = 100;
    SyncWorker worker(o);

    MainWindow window(*store.db, catalogue);
    window.attachSync(worker);
    window.show();
    auto* indicator = window.statusBar()->findChild<SyncIndicator*>(QStringLiteral("statusSync"));
    REQUIRE(indicator != nullptr);
    const QString before = indicator->text();

    QSignalSpy finished(&worker, &SyncWorker::passFinished);
    worker.start();
    REQUIRE(finished.wait(30000));
    const SyncStatus s = worker.status();
    CHECK(s.state == SyncStatus::State::Offline);
    CHECK(s.pending == 2);
    CHECK(s.offlineSince.isValid());
    QTRY_VERIFY(indicator->text() == SyncIndicator::describe(worker.status()));
    CHECK(indicator->text() != before);
    CHECK(indicator->text().contains(QStringLiteral("2")));
    CHECK_FALSE(indicator->toolTip().isEmpty());

    // A click on the indicator opens the sync panel with the details.
    QTest::mouseClick(indicator, Qt::LeftButton);
    auto* panel = window.findChild<SyncPanel*>();
    REQUIRE(panel != nullptr);
    CHECK(panel->isVisible());
    auto* pending = panel->findChild<QLabel*>(QStringLiteral("syncPending"));
    REQUIRE(pending != nullptr);
    CHECK(pending->text().contains(QStringLiteral("2")));
    auto* error = panel->findChild<QLabel*>(QStringLiteral("syncLastError"));
    REQUIRE(error != nullptr);
    CHECK(error->text().contains(QStringLiteral("127.0.0.1")));
    worker.stop();
}

TEST_CASE("the sync panel says what happened to the centre and what is kept for its restore")
{
    ow::test::TempStore store;
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    CatalogueService catalogue(*store.db);
    REQUIRE(catalogue.load().ok());
    // Two records the centre answered (kept), and a restore it went through.
    Outbox outbox(*store.db);
    QStringList answered;
    for (int i = 0; i < 2; ++i) {
        auto op = outbox.add(QStringLiteral("applicant"), QStringLiteral("a%1").arg(i),
                             QJsonObject{{QStringLiteral("name"), QStringLiteral("王芳")}},
                             QDateTime::currentDateTime());
        REQUIRE(op.ok());
        answered << op.value();
    }
    REQUIRE(outbox.keepAnswered(answered, QDateTime::currentDateTime(), 1000).ok());
    SyncStore sync(*store.db);
    REQUIRE(sync.state().ok());
    REQUIRE(
        sync.setCentreEvent({{QStringLiteral("kind"), QStringLiteral("restored")},
                             {QStringLiteral("at"), QStringLiteral("2026-12-07T09:30:00+08:00")},
                             {QStringLiteral("resent"), 37},
                             {QStringLiteral("snapshot"), true}})
            .ok());

    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    SyncWorkerOptions o;
    o.storePath = store.path();
    o.url = QStringLiteral("postgresql://ow_site_x:pw@127.0.0.1:%1/ow?connect_timeout=2").arg(port);
    o.siteCode = QStringLiteral("X1");
    SyncWorker worker(o);
    MainWindow window(*store.db, catalogue);
    window.attachSync(worker);
    window.show();
    QSignalSpy finished(&worker, &SyncWorker::passFinished);
    worker.start();
    REQUIRE(finished.wait(30000));

    auto* indicator = window.statusBar()->findChild<SyncIndicator*>(QStringLiteral("statusSync"));
    REQUIRE(indicator != nullptr);
    QTest::mouseClick(indicator, Qt::LeftButton);
    auto* panel = window.findChild<SyncPanel*>();
    REQUIRE(panel != nullptr);
    auto* centre = panel->findChild<QLabel*>(QStringLiteral("syncCentreEvent"));
    REQUIRE(centre != nullptr);
    QTRY_VERIFY(centre->text().contains(SyncStore::tr("The centre was restored from a backup.")));
    CHECK(centre->text().contains(SyncStore::tr("%n record(s) sent again.", nullptr, 37)));
    CHECK(centre->text().contains(SyncStore::tr("A fresh copy of the centre's data was taken.")));
    CHECK(centre->text().contains(QStringLiteral("2026-12-07")));
    auto* kept = panel->findChild<QLabel*>(QStringLiteral("syncKept"));
    REQUIRE(kept != nullptr);
    CHECK(kept->text().startsWith(QStringLiteral("2 ")));
    CHECK(outbox.count().value() == 0);
    worker.stop();
}
