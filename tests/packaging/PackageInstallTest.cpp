// The package installed on this machine (as root): both programs start
// from /usr/bin with their store in the clerk's data folder, and removal and
// purge keep the store and say so.
#include "PackageTestSupport.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace ow;
using namespace ow::test;

TEST_CASE("installed package: both programs print their version and store schema, the "
          "workbench starts headless with its store in the clerk's data folder, and remove "
          "and purge keep the store and say so",
          "[packaging][install]")
{
    SystemPackage package;
    const Run in = package.apt({QStringLiteral("install"), debFile(QStringLiteral("current"))});
    INFO(in.all().toStdString());
    REQUIRE(in.exitCode == 0);
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_VERSION));

    QTemporaryDir home;
    REQUIRE(home.isValid());
    const QProcessEnvironment env = clerkEnvironment(home.path());
    const QString schema = QString::number(Database::knownSchemaVersion());
    const Run adminVersion = run(kAdmin, {QStringLiteral("--version")}, env);
    CHECK(adminVersion.exitCode == 0);
    CHECK(adminVersion.out ==
          QStringLiteral("onewindow-admin " ONEWINDOW_VERSION " (store schema ") + schema +
              QStringLiteral(")\n"));
    const Run guiVersion = run(kGui, {QStringLiteral("--version")}, env);
    CHECK(guiVersion.exitCode == 0);
    CHECK(guiVersion.out == QStringLiteral("onewindow " ONEWINDOW_VERSION " (store schema ") +
                                schema + QStringLiteral(")\n"));

    // The translations are built into the programs: Chinese by default.
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    const QStringList badId{QStringLiteral("validate"), QStringLiteral("id"),
                            QStringLiteral("110101199003071234")};
    const Run zh = run(kAdmin, badId, env);
    const Run en =
        run(kAdmin, QStringList{QStringLiteral("--lang"), QStringLiteral("en")} + badId, env);
    INFO("zh: " << zh.all().toStdString() << "\nen: " << en.all().toStdString());
    CHECK(zh.exitCode != 0);
    CHECK(zh.all().contains(han));
    CHECK_FALSE(en.all().trimmed().isEmpty());
    CHECK_FALSE(en.all().contains(han));

    // A first start: the store is created in ~/.local/share, the sample
    // catalogue is seeded, the window opens.
    const Run start = run(kGui, {QStringLiteral("--quit-after-start")}, env);
    INFO(start.all().toStdString());
    REQUIRE(start.exitCode == 0);
    const QString store = storeUnder(home.path());
    CHECK(start.out.contains(QStringLiteral("store ") + store + QStringLiteral(" (schema ") +
                             schema + QLatin1Char(')')));
    CHECK(start.out.contains(QLatin1String("window shown")));
    const auto items =
        QRegularExpression(QStringLiteral("(\\d+) catalogue items")).match(start.out);
    REQUIRE(items.hasMatch());
    CHECK(items.captured(1).toInt() > 0);
    REQUIRE(QFileInfo::exists(store));
    // Running it changed nothing the package installed.
    const Run verify =
        run(QStringLiteral("dpkg"), {QStringLiteral("--verify"), QStringLiteral("onewindow")});
    CHECK(verify.exitCode == 0);
    CHECK(verify.out.isEmpty());

    const Run removed = package.apt({QStringLiteral("remove"), QStringLiteral("onewindow")});
    INFO(removed.all().toStdString());
    REQUIRE(removed.exitCode == 0);
    CHECK(removed.all().contains(kKeptNotice));
    CHECK_FALSE(QFileInfo::exists(kAdmin));
    CHECK(QFileInfo::exists(store));

    const Run purged = package.apt({QStringLiteral("purge"), QStringLiteral("onewindow")});
    INFO(purged.all().toStdString());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.all().contains(kKeptNotice));
    CHECK(SystemPackage::state().isEmpty());
    CHECK(QFileInfo::exists(store));
}
