// onewindow: the clerk's workbench.
#include "MainWindow.h"
#include "catalogue/CatalogueService.h"
#include "catalogue/SampleCatalogue.h"
#include "i18n/Language.h"
#include "store/DataDir.h"
#include "store/Database.h"
#include "sync/SyncSettings.h"
#include "sync/SyncWorker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OneWindow"));
    QCoreApplication::setApplicationName(QStringLiteral("onewindow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ONEWINDOW_VERSION));

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
    parser.addOption(versionOption);
    parser.addOption(dataDirOption);
    parser.addOption(langOption);
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
    ow::CatalogueService catalogue(*store.value());
    if (ow::Status s = catalogue.load(); !s) {
        // The window still opens: a later import or sync can bring the catalogue.
        QMessageBox::warning(nullptr, QObject::tr("OneWindow"),
                             QObject::tr("The catalogue could not be loaded.") +
                                 QStringLiteral("\n\n") + s.error().fullText());
    }
    ow::ui::MainWindow window(*store.value(), catalogue);

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
        if (auto url = settings->connectionUrl(dir))
            o.url = url.value();
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
