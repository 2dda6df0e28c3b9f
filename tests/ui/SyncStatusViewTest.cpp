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
