// Upgrading the installed package (as root): the older package holds a
// previous release, the same programs built with the local migrations up to
// its store schema (OW_PREVIOUS_SCHEMA, tests/packaging/PackagingTests.cmake).
// A clerk accepts cases with it; the newer package installed over it
// migrates the store on its first start and finds every case as it was.
#include "PackageTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

using namespace ow;
using namespace ow::test;

namespace {

const QRegularExpression kCaseNumber(QStringLiteral("\\b[0-9A-Za-z]+-\\d{8}-\\d{4,}\\b"));

// The migrations of db/local/ up to `schema` ("001_catalogue.sql", ...).
QStringList migrationsUpTo(int schema)
{
    const QDir dir(sourcePath(QStringLiteral("db/local")));
    QStringList out;
    for (const QString& f : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name))
        if (f.section(QLatin1Char('_'), 0, 0).toInt() <= schema)
            out << f;
    return out;
}

// An intake example as the previous release reads it: without "requestId"
// (local 013), which it does not know. Written under `dir`.
QString withoutRequestIds(const QString& example, const QTemporaryDir& dir)
{
    QFile in(example);
    REQUIRE(in.open(QIODevice::ReadOnly));
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll());
    QJsonDocument older;
    if (doc.isArray()) {
        QJsonArray batch;
        for (const QJsonValue& v : doc.array()) {
            QJsonObject o = v.toObject();
            o.remove(QStringLiteral("requestId"));
            batch.append(o);
        }
        older.setArray(batch);
    } else {
        QJsonObject o = doc.object();
        o.remove(QStringLiteral("requestId"));
        older.setObject(o);
    }
    const QString path = dir.filePath(QFileInfo(example).fileName());
    QFile out(path);
    REQUIRE(out.open(QIODevice::WriteOnly));
    REQUIRE(out.write(older.toJson()) > 0);
    return path;
}

QString versionLine(const char* program, int schema)
{
    return QLatin1String(program) + QStringLiteral(" " ONEWINDOW_VERSION " (store schema ") +
           QString::number(schema) + QStringLiteral(")\n");
}

QJsonObject caseShown(const QString& number, const QProcessEnvironment& env)
{
    const Run r = run(
        kAdmin, {QStringLiteral("case"), QStringLiteral("show"), number, QStringLiteral("--json")},
        env);
    INFO(number.toStdString() << ": " << r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

} // namespace

TEST_CASE("installed package: upgrading from the previous release migrates the clerk's store "
          "on its first start and keeps every accepted case with its materials, and so do "
          "remove and purge",
          "[packaging][install]")
{
    const int previous = OW_PREVIOUS_SCHEMA;
    const int latest = Database::knownSchemaVersion();
    REQUIRE(previous < latest); // the upgrade has migrations to run

    SystemPackage package;
    const Run older = package.apt({QStringLiteral("install"), debFile(QStringLiteral("older"))});
    INFO(older.all().toStdString());
    REQUIRE(older.exitCode == 0);
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_OLDER_VERSION));

    QTemporaryDir home;
    REQUIRE(home.isValid());
    const QProcessEnvironment env = clerkEnvironment(home.path());
    const QString store = storeUnder(home.path());
    CHECK(run(kAdmin, {QStringLiteral("--version")}, env).out ==
          versionLine("onewindow-admin", previous));
    CHECK(run(kGui, {QStringLiteral("--version")}, env).out == versionLine("onewindow", previous));

    // A clerk accepts the scenario examples with the previous release.
    const QDir examples(sourcePath(QStringLiteral("resources/examples/intake")));
    QStringList numbers;
    QString drainagePermit; // scenario 3: accepted, moves on after the upgrade
    QTemporaryDir olderExamples;
    REQUIRE(olderExamples.isValid());
    for (const QString& name : examples.entryList({QStringLiteral("scenario-*.json")})) {
        const Run r = run(kAdmin,
                          {QStringLiteral("intake"), QStringLiteral("--json"),
                           withoutRequestIds(examples.filePath(name), olderExamples)},
                          env);
        INFO(name.toStdString() << ": " << r.all().toStdString());
        REQUIRE(r.exitCode == 0);
        auto matches = kCaseNumber.globalMatch(r.out);
        const qsizetype before = numbers.size();
        while (matches.hasNext())
            numbers << matches.next().captured();
        CHECK(numbers.size() > before);
        if (name.startsWith(QLatin1String("scenario-3-")) && numbers.size() > before)
            drainagePermit = numbers.at(before);
    }
    REQUIRE(numbers.size() >= 7);
    REQUIRE(QSet<QString>(numbers.cbegin(), numbers.cend()).size() == numbers.size());
    REQUIRE_FALSE(drainagePermit.isEmpty());
    QMap<QString, QJsonObject> cases;
    for (const QString& n : numbers) {
        INFO(n.toStdString());
        cases.insert(n, caseShown(n, env));
        REQUIRE(cases.value(n).value(QStringLiteral("caseNumber")).toString() == n);
        CHECK_FALSE(cases.value(n).value(QStringLiteral("materials")).toArray().isEmpty());
    }
    const StoreSchema written = schemaOnDisk(store);
    CHECK(written.migrations == migrationsUpTo(previous));

    const Run upgrade =
        package.apt({QStringLiteral("install"), debFile(QStringLiteral("current"))});
    INFO(upgrade.all().toStdString());
    REQUIRE(upgrade.exitCode == 0);
    CHECK(upgrade.all().contains(QStringLiteral("over (" OW_DEB_OLDER_VERSION ")")));
    REQUIRE(SystemPackage::state() == QStringLiteral("ii " OW_DEB_VERSION));
    CHECK(run(kAdmin, {QStringLiteral("--version")}, env).out ==
          versionLine("onewindow-admin", latest));
    // Installing touched no store: it waits for its first start.
    CHECK(schemaOnDisk(store).migrations == written.migrations);

    // The first start of the new version migrates the store and finds every
    // case exactly as it was.
    for (const QString& n : numbers)
        CHECK(caseShown(n, env) == cases.value(n));
    const StoreSchema migrated = schemaOnDisk(store);
    CHECK(migrated.migrations == migrationsUpTo(latest));
    for (const QString& table : written.tables)
        CHECK(migrated.tables.contains(table));
    CHECK(migrated.tables.size() > written.tables.size());

    const Run start = run(kGui, {QStringLiteral("--quit-after-start")}, env);
    INFO(start.all().toStdString());
    REQUIRE(start.exitCode == 0);
    CHECK(start.out.contains(QStringLiteral("store ") + store + QStringLiteral(" (schema ") +
                             QString::number(latest) + QLatin1Char(')')));
    CHECK(start.out.contains(QLatin1String("window shown")));

    // A case accepted before the upgrade moves on with what the newer
    // migrations brought (the department it is forwarded to, 007).
    const Run forward = run(kAdmin,
                            {QStringLiteral("case"), QStringLiteral("forward"), drainagePermit,
                             QStringLiteral("--department"), QStringLiteral("常熟市水务局")},
                            env);
    INFO(forward.all().toStdString());
    REQUIRE(forward.exitCode == 0);
    CHECK(forward.out.trimmed() == drainagePermit + QStringLiteral(" forwarded"));
    cases.insert(drainagePermit, caseShown(drainagePermit, env));
    CHECK(cases.value(drainagePermit).value(QStringLiteral("status")).toString() ==
          QStringLiteral("forwarded"));

    const Run removed = package.apt({QStringLiteral("remove"), QStringLiteral("onewindow")});
    INFO(removed.all().toStdString());
    REQUIRE(removed.exitCode == 0);
    CHECK(removed.all().contains(kKeptNotice));
    CHECK_FALSE(QFileInfo::exists(kAdmin));
    const Run purged = package.apt({QStringLiteral("purge"), QStringLiteral("onewindow")});
    INFO(purged.all().toStdString());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.all().contains(kKeptNotice));
    REQUIRE(SystemPackage::state().isEmpty());
    // The store outlives the package: the build's own onewindow-admin still
    // finds every case in it.
    const QString dataDir = QFileInfo(store).absolutePath();
    for (const QString& n : numbers) {
        INFO(n.toStdString());
        const auto r = runAdmin({QStringLiteral("--data-dir"), dataDir, QStringLiteral("case"),
                                 QStringLiteral("show"), n, QStringLiteral("--json")});
        REQUIRE(r.exitCode == 0);
        CHECK(QJsonDocument::fromJson(r.out.toUtf8()).object() == cases.value(n));
    }
}
