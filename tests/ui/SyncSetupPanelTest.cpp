// A counter whose settings name the centre but whose credential is missing
// or open to others: the sync panel says so in the clerk's language, names
// the file and gives the command that sets it up; nothing connects.
#include "MainWindow.h"
#include "TestSupport.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "sync/SyncPanel.h"
#include "sync/SyncSettings.h"
#include "sync/SyncWorker.h"

#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::ui;

namespace {

// The panel's setup notice after the first pass of a worker set up from `dataDir`.
QString noticeAfterPass(ow::test::TempStore& store, const QString& dataDir,
                        SyncSetupProblem::Kind expected)
{
    auto settings = SyncSettings::load(dataDir);
    REQUIRE(settings.ok());
    REQUIRE_FALSE(settings->connectionUrl(dataDir).ok());
    const SyncSetupProblem problem = settings->setupProblem(dataDir);
    REQUIRE(problem.kind == expected);

    CatalogueService catalogue(*store.db);
    REQUIRE(catalogue.load().ok());
    SyncWorkerOptions o;
    o.storePath = store.path();
    o.siteCode = settings->siteCode;
    o.setup = problem;
    o.backoffBaseMs = 50;
    o.backoffMaxMs = 100;
    SyncWorker worker(o);
    MainWindow window(*store.db, catalogue);
    window.attachSync(worker);
    window.show();
    auto* panel = window.findChild<SyncPanel*>();
    REQUIRE(panel != nullptr);
    auto* notice = panel->findChild<QLabel*>(QStringLiteral("syncSetup"));
    REQUIRE(notice != nullptr);
    // Shown before any pass, from the settings alone.
    CHECK_FALSE(notice->isHidden());

    QSignalSpy finished(&worker, &SyncWorker::passFinished);
    worker.start();
    REQUIRE(finished.wait(30000));
    CHECK_FALSE(finished.first().first().toBool());
    CHECK(worker.status().state == SyncStatus::State::Failing);
    CHECK(worker.status().setup.kind == expected);
    CHECK_FALSE(notice->isHidden());
    const QString text = notice->text();
    worker.stop();
    return text;
}

} // namespace

TEST_CASE("the sync panel explains a missing central credential and how to configure it")
{
    ow::test::TempStore store;
    REQUIRE(seedSampleCatalogueIfEmpty(*store.db).ok());
    QTemporaryDir data;
    REQUIRE(data.isValid());
    SyncSettings s;
    s.centralUrl = QStringLiteral("postgresql://ow_site_x1@127.0.0.1:5432/onewindow");
    s.siteCode = QStringLiteral("X1");
    REQUIRE(s.save(data.path()).ok());

    const QString file = SyncSettings::credentialFile(data.path());
    const QString missing =
        noticeAfterPass(store, data.path(), SyncSetupProblem::Kind::CredentialMissing);
    CHECK(missing.contains(file));
    CHECK(missing.contains(QStringLiteral("onewindow-admin sync configure --central")));
    CHECK(missing.contains(QStringLiteral("--site")));
    CHECK(missing.contains(QStringLiteral("密码"))); // in the clerk's language

    // A credential others can read is not used, and the panel says how to close it.
    REQUIRE(SyncSettings::saveCredential(data.path(), QStringLiteral("secret")).ok());
    REQUIRE(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadOther));
    const QString exposed =
        noticeAfterPass(store, data.path(), SyncSetupProblem::Kind::CredentialExposed);
    CHECK(exposed.contains(QStringLiteral("chmod 600 ") + file));
    CHECK(exposed.contains(QStringLiteral("onewindow-admin sync configure")));
    CHECK(exposed != missing);

    // Set up properly, there is nothing to explain.
    REQUIRE(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    auto settings = SyncSettings::load(data.path());
    REQUIRE(settings.ok());
    CHECK(settings->setupProblem(data.path()).ok());
    CHECK(settings->connectionUrl(data.path()).ok());
    CHECK(SyncPanel::explainSetup({}).isEmpty());
}
