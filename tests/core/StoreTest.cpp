#include "TestSupport.h"

#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace ow;

namespace {
QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}
} // namespace

TEST_CASE("a fresh store is created, migrated and durable", "[store]")
{
    test::TempStore s;
    CHECK(s.db->schemaVersion() == Database::knownSchemaVersion());
    CHECK(Database::knownSchemaVersion() >= 1);

    QSqlQuery q = s.db->query();
    REQUIRE(q.exec(QStringLiteral("PRAGMA journal_mode")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("wal"));
    REQUIRE(q.exec(QStringLiteral("PRAGMA synchronous")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 2); // FULL
    REQUIRE(q.exec(QStringLiteral("PRAGMA foreign_keys")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
    REQUIRE(q.exec(QStringLiteral("PRAGMA busy_timeout")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() >= 1000);
}

TEST_CASE("reopening a store applies no migration twice", "[store]")
{
    test::TempStore s;
    const QString path = s.path();
    s.db.reset();
    auto again = Database::open(path);
    REQUIRE(again.ok());
    QSqlQuery q = again.value()->query();
    REQUIRE(q.exec(QStringLiteral(
        "SELECT count(*), count(DISTINCT version), max(version) FROM schema_version")));
    REQUIRE(q.next());
    // Once each: as many rows as migrations are built in, the newest last.
    const auto migrations =
        QDir(QStringLiteral(":/db/local")).entryList({QStringLiteral("*.sql")}, QDir::Files);
    CHECK(q.value(0).toInt() == migrations.size());
    CHECK(q.value(1).toInt() == q.value(0).toInt());
    CHECK(q.value(2).toInt() == Database::knownSchemaVersion());
}

TEST_CASE("an older store is upgraded and keeps its data", "[store]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        // Build a store as version 1 of the schema left it.
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QFile f(QStringLiteral(":/db/local/001_catalogue.sql"));
        REQUIRE(f.open(QIODevice::ReadOnly));
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)")));
        for (const QString& stmt : QString::fromUtf8(f.readAll()).split(QLatin1Char(';'))) {
            QString body;
            for (const QString& line : stmt.split(QLatin1Char('\n')))
                if (!line.trimmed().startsWith(QLatin1String("--")))
                    body += line + QLatin1Char('\n');
            if (!body.trimmed().isEmpty())
                REQUIRE(q.exec(body));
        }
        REQUIRE(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (1, '001_catalogue.sql', "
                                      "'2024-01-01T00:00:00Z')")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO store_meta VALUES ('site', 'S-OLD')")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));

    auto opened = Database::open(path);
    REQUIRE(opened.ok());
    CHECK(opened.value()->schemaVersion() == Database::knownSchemaVersion());
    QSqlQuery q = opened.value()->query();
    REQUIRE(q.exec(QStringLiteral("SELECT value FROM store_meta WHERE key='site'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("S-OLD"));
}

TEST_CASE("a store written by a newer version is refused and left unchanged", "[store]")
{
    test::TempStore s;
    const QString path = s.path();
    REQUIRE(s.db->exec(QStringLiteral("INSERT INTO schema_version VALUES (999, '999_future.sql', "
                                      "'2030-01-01T00:00:00Z')")));
    REQUIRE(s.db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    s.db.reset();
    const QByteArray before = fileBytes(path);

    auto opened = Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.contains(QStringLiteral("999")));
    CHECK(opened.error().message.contains(path));
    CHECK(fileBytes(path) == before);
}

TEST_CASE("a file that is not SQLite is refused by name and never overwritten", "[store]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("onewindow.sqlite"));
    const QByteArray junk("This is a spreadsheet, not a database.\n");
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(junk);
    }
    auto opened = Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.contains(path));
    CHECK(fileBytes(path) == junk);
}

TEST_CASE("a damaged store is refused by name and never overwritten", "[store]")
{
    test::TempStore s;
    const QString path = s.path();
    REQUIRE(s.db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    s.db.reset();
    QByteArray bytes = fileBytes(path);
    REQUIRE(bytes.size() >= 4096);
    // Keep the header, scramble the schema page.
    for (qsizetype i = 100; i < bytes.size(); ++i)
        bytes[i] = char((i * 131) & 0xFF);
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    auto opened = Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.contains(path));
    CHECK(fileBytes(path) == bytes);
}

TEST_CASE("an abandoned transaction leaves nothing behind", "[store]")
{
    test::TempStore s;
    {
        Transaction tx(*s.db);
        REQUIRE(tx.begun().ok());
        REQUIRE(s.db->exec(QStringLiteral("INSERT INTO store_meta VALUES ('k', 'v')")));
        // no commit: an exception or early return ends here
    }
    QSqlQuery q = s.db->query();
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM store_meta WHERE key='k'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 0);
}
