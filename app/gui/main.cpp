// onewindow: the clerk's workbench.
#include "MainWindow.h"
#include "auth/AuthService.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "i18n/Language.h"
#include "session/ScreenLock.h"
#include "session/SignInDialog.h"
#include "store/DataDir.h"
#include "store/Database.h"
#include "sync/SyncSettings.h"
#include "sync/SyncWorker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));
    // The desktop entry and icon the package installs (packaging/).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.onewindow.OneWindow"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.onewindow.OneWindow"),
                                                 QIcon(QStringLiteral(":/icons/onewindow.svg"))));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption versionOption(QStringLiteral("version"),
                                           QStringLiteral("Print the version"));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QStringLiteral("Folder of the local store"),
                                           QStringLiteral("DIR"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("Interface language: zh_CN (default) or en"),
                                        QStringLiteral("LANG"));
    const QCommandLineOption quitAfterStartOption(
        QStringLiteral("quit-after-start"),
        QStringLiteral("Open the store and the sign-in window, print them, and quit"));
    const QCommandLineOption siteOption(QStringLiteral("site"),
                                        QStringLiteral("Site code of this counter"),
                                        QStringLiteral("CODE"));
    const QCommandLineOption levelOption(QStringLiteral("site-level"),
                                         QStringLiteral("Level of the site: city, town or village"),
                                         QStringLiteral("LEVEL"));
    const QCommandLineOption windowOption(
        QStringLiteral("window"), QStringLiteral("Window of this counter"), QStringLiteral("W"));
    const QCommandLineOption clerkOption(QStringLiteral("clerk"),
                                         QStringLiteral("Name of the clerk at the window"),
                                         QStringLiteral("NAME"));
    parser.addOption(versionOption);
    parser.addOption(siteOption);
    parser.addOption(levelOption);
    parser.addOption(windowOption);
    parser.addOption(clerkOption);
    parser.addOption(dataDirOption);
    parser.addOption(langOption);
    parser.addOption(quitAfterStartOption);
    parser.process(app);
    if (parser.isSet(versionOption)) {
        QTextStream(stdout) << "onewindow " << ONEWINDOW_VERSION << " (store schema "
                            << ow::Database::knownSchemaVersion() << ")\n";
        return 0;
    }
    ow::installTranslation(app, parser.value(langOption));
    // Comfortable CJK text at a counter: never below 11 points.
    if (QFont font = QApplication::font(); font.pointSizeF() < 11) {
        font.setPointSizeF(11);
        QApplication::setFont(font);
    }

    auto store = ow::Database::open(ow::storeFile(ow::dataDir(parser.value(dataDirOption))));
    if (!store) {
        QMessageBox::critical(nullptr, QObject::tr("OneWindow"), store.error().fullText());
        return 1;
    }
    if (ow::Status s = ow::seedSampleCatalogueIfEmpty(*store.value()); !s) {
        QMessageBox::critical(nullptr, QObject::tr("OneWindow"), s.error().fullText());
        return 1;
    }
    // The catalogue loads and indexes on a thread of its own while the
    // clerk signs in (started below); the search says so until it is ready.
    ow::CatalogueService catalogue(*store.value());
    QObject::connect(&catalogue, &ow::CatalogueService::loadFailed, &app,
                     [](const QString& message) {
                         // The window still works: a later import or sync
                         // can bring the catalogue.
                         QMessageBox::warning(nullptr, QObject::tr("OneWindow"),
                                              QObject::tr("The catalogue could not be loaded.") +
                                                  QStringLiteral("\n\n") + message);
                     });
    // Nobody works without signing in: the first start creates the
    // administrator, every later one asks for a login (ui/session/).
    ow::AuthService auth(*store.value());
    // On the first start, the site and window given on the command line are
    // the administrator's too, until they change them.
    std::unique_ptr<QDialog> start(
        ow::ui::startDialog(auth, nullptr, parser.value(siteOption), parser.value(windowOption)));
    // Started once the first window is up, so that it is painted first.
    QTimer::singleShot(0, &catalogue, [&catalogue] { catalogue.loadInBackground(); });
    if (parser.isSet(quitAfterStartOption)) {
        // A check that an installation starts: once the event loop runs, the
        // store is open and migrated and the first window a clerk sees (the
        // sign-in) is on screen; then the catalogue is loaded behind it.
        start->show();
        QTimer::singleShot(0, &app, [&] {
            QTextStream(stdout) << "onewindow " << ONEWINDOW_VERSION << ": store "
                                << store.value()->path() << " (schema "
                                << store.value()->schemaVersion() << "), sign-in window "
                                << (start->isVisible() ? "shown" : "not shown") << Qt::endl;
            if (!start->isVisible())
                QCoreApplication::exit(1);
        });
        auto loaded = [&] {
            QTextStream(stdout) << catalogue.itemCount() << " catalogue items" << Qt::endl;
            QTimer::singleShot(0, &app,
                               [&] { QCoreApplication::exit(start->isVisible() ? 0 : 1); });
        };
        QObject::connect(&catalogue, &ow::CatalogueService::ready, &app, loaded);
        return app.exec();
    }
    if (start->exec() != QDialog::Accepted)
        return 0;
    const ow::Session session = ow::ui::sessionOf(start.get());
    start.reset();

    // Who works where: the signed-in user, at the site and window of the
    // command line or else of their account.
    ow::IntakeContext context;
    context.session = session;
    context.siteCode = parser.isSet(siteOption) ? parser.value(siteOption) : session.siteCode();
    context.window = parser.isSet(windowOption) ? parser.value(windowOption) : session.window();
    context.clerk = parser.isSet(clerkOption) ? parser.value(clerkOption) : session.displayName();
    if (parser.value(levelOption) == QLatin1String("town"))
        context.siteLevel = ow::Level::Town;
    else if (parser.value(levelOption) == QLatin1String("village"))
        context.siteLevel = ow::Level::Village;
    ow::ui::MainWindow window(*store.value(), catalogue, context);
    ow::ui::showSignedIn(&window, session);
    const auto policy = auth.policy();
    ow::ui::ScreenLock screenLock(auth, session, &window,
                                  (policy ? policy->idleLockMinutes : 10) * 60 * 1000);

    // The exchange with the centre, when this counter is set up for it
    // (onewindow-admin sync configure): on its own thread and connection.
    std::unique_ptr<ow::SyncWorker> sync;
    const QString dir = ow::dataDir(parser.value(dataDirOption));
    if (auto settings = ow::SyncSettings::load(dir); settings && !settings->centralUrl.isEmpty()) {
        ow::SyncWorkerOptions o;
        o.storePath = store.value()->path();
        o.siteCode = settings->siteCode;
        o.counterName = settings->counterName;
        o.intervalMs = qMax(1, settings->intervalSeconds) * 1000;
        o.keepDays = settings->keepDays;
        o.pageKbps = settings->pageKbps;
        if (auto url = settings->connectionUrl(dir))
            o.url = url.value();
        else
            o.setup = settings->setupProblem(dir); // the sync panel says what to do
        sync = std::make_unique<ow::SyncWorker>(o);
        QObject::connect(sync.get(), &ow::SyncWorker::catalogueChanged, &catalogue,
                         [&catalogue] { (void)catalogue.reload(); });
        window.attachSync(*sync);
        sync->start();
    }
    window.show();
    const int rc = app.exec();
    if (sync)
        sync->stop();
    return rc;
}
