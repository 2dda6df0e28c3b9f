#include "TestSupport.h"

#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
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

// The test programs speak Chinese (tests/CMakeLists.txt): the messages are read in it.
TEST_CASE("each trouble of a store has its own message and only damage says damaged", "[store]")
{
    const QString path = QStringLiteral("/srv/onewindow.sqlite");
    // SQLite's result codes, primary and extended (SQLITE_READONLY_DBMOVED,
    // SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT, SQLITE_CORRUPT_INDEX, ...).
    const QList<QPair<int, Database::Trouble>> codes{
        {8, Database::Trouble::ReadOnly},      {1032, Database::Trouble::ReadOnly},
        {3, Database::Trouble::Permission},    {23, Database::Trouble::Permission},
        {13, Database::Trouble::DiskFull},     {5, Database::Trouble::InUse},
        {517, Database::Trouble::InUse},       {6, Database::Trouble::InUse},
        {11, Database::Trouble::Damaged},      {779, Database::Trouble::Damaged},
        {26, Database::Trouble::Damaged},      {10, Database::Trouble::InputOutput},
        {778, Database::Trouble::InputOutput}, {14, Database::Trouble::CannotOpen},
        {1, Database::Trouble::Other},         {-1, Database::Trouble::Other},
    };
    for (const auto& [code, trouble] : codes) {
        INFO(code);
        CHECK(Database::troubleOf(code) == trouble);
    }
    QSet<QString> messages;
    for (const Database::Trouble t :
         {Database::Trouble::ReadOnly, Database::Trouble::Permission, Database::Trouble::DiskFull,
          Database::Trouble::InUse, Database::Trouble::Damaged, Database::Trouble::InputOutput,
          Database::Trouble::CannotOpen, Database::Trouble::Other}) {
        const QString m = Database::troubleMessage(t, path, QStringLiteral("detail"));
        INFO(m.toStdString());
        CHECK(m.contains(path));
        messages.insert(m);
        CHECK(m.contains(QStringLiteral("已损坏")) == (t == Database::Trouble::Damaged));
        CHECK(m.contains(QStringLiteral("恢复本机数据库的最新备份")) ==
              (t == Database::Trouble::Damaged));
    }
    CHECK(messages.size() == 8);
    CHECK(Database::troubleMessage(Database::Trouble::ReadOnly, path, {})
              .contains(QStringLiteral("只读")));
    CHECK(Database::troubleMessage(Database::Trouble::DiskFull, path, {})
              .contains(QStringLiteral("磁盘已满")));
    CHECK(Database::troubleMessage(Database::Trouble::InUse, path, {})
              .contains(QStringLiteral("正被另一个程序使用")));
}

TEST_CASE("an empty store file is refused and not set up as a new store", "[store]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("onewindow.sqlite"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
    }
    auto opened = Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.contains(path));
    CHECK(opened.error().message.contains(QStringLiteral("空文件")));
    CHECK_FALSE(opened.error().message.contains(QStringLiteral("已损坏")));
    CHECK(QFileInfo(path).size() == 0);
}

TEST_CASE("a store locked by another connection is in use and not damaged", "[store]")
{
    test::TempStore s;
    auto other = s.db->openAnother();
    REQUIRE(other.ok());
    REQUIRE(other.value()->exec(QStringLiteral("BEGIN EXCLUSIVE")).ok());
    Transaction tx(*s.db);
    REQUIRE_FALSE(tx.begun().ok());
    const QString m = tx.begun().error().message;
    INFO(m.toStdString());
    CHECK(m.contains(QStringLiteral("正被另一个程序使用")));
    CHECK_FALSE(m.contains(QStringLiteral("已损坏")));
    CHECK_FALSE(s.db->isDamaged());
}

TEST_CASE("a store that met a damaged page refuses every write from then on", "[store]")
{
    test::TempStore s;
    const QString path = s.path();
    // Rows over many pages, then pages in the middle overwritten.
    REQUIRE(
        s.db->exec(QStringLiteral("CREATE TABLE filler (n INTEGER PRIMARY KEY, t TEXT NOT NULL)")));
    REQUIRE(s.db->exec(QStringLiteral(
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 4000) "
        "INSERT INTO filler SELECT n, printf('%0500d', n) FROM c")));
    REQUIRE(s.db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    s.db.reset();
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.size() > 64 * 4096);
        REQUIRE(f.seek(f.size() / 2));
        QByteArray garbage(16 * 4096, '\0');
        for (qsizetype i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919 + 13) % 251);
        REQUIRE(f.write(garbage) == garbage.size());
    }
    auto opened = Database::open(path);
    REQUIRE(opened.ok()); // the schema is intact
    Database& db = *opened.value();
    CHECK_FALSE(db.isDamaged());
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT sum(length(t)) FROM filler"));
    const Status read = db.run(q);
    REQUIRE_FALSE(read.ok());
    INFO(read.error().message.toStdString());
    CHECK(read.error().message.contains(QStringLiteral("已损坏")));
    CHECK(db.isDamaged());

    // A write that would touch healthy pages only is refused all the same.
    const QByteArray before = fileBytes(path);
    Transaction tx(db);
    REQUIRE_FALSE(tx.begun().ok());
    CHECK(tx.begun().error().message.contains(QStringLiteral("已损坏")));
    CHECK(fileBytes(path) == before);

    // And so does the integrity check before a large write.
    auto again = Database::open(path);
    REQUIRE(again.ok());
    CHECK_FALSE(again.value()->checkIntegrity().ok());
    CHECK(again.value()->isDamaged());
}

TEST_CASE("a constraint's list of values is checked by comparisons, and refuses what it "
          "refused",
          "[store]")
{
    SECTION("the rewrite of a CREATE TABLE")
    {
        CHECK(Database::checkListsAsComparisons(
                  QStringLiteral("CREATE TABLE t (s TEXT CHECK (s IN ('a', 'b',\n    'c')))")) ==
              QStringLiteral("CREATE TABLE t (s TEXT CHECK ((s = 'a' OR s = 'b' OR s = 'c')))"));
        // Quotes and commas inside a value, and several lists in one table.
        CHECK(Database::checkListsAsComparisons(QStringLiteral(
                  "CREATE TABLE t (a TEXT CHECK (a IN ('x,y', 'it''s', '')), b CHECK (b in "
                  "('1','2','3')))")) ==
              QStringLiteral("CREATE TABLE t (a TEXT CHECK ((a = 'x,y' OR a = 'it''s' OR a = "
                             "'')), b CHECK ((b = '1' OR b = '2' OR b = '3')))"));
        // What SQLite already checks by comparison, and NOT IN, are left.
        for (const char* kept : {"CREATE TABLE t (k TEXT CHECK (k IN ('a', 'b')))",
                                 "CREATE TABLE t (n INTEGER CHECK (n IN (0, 1, 2)))",
                                 "CREATE TABLE t (k TEXT CHECK (k NOT IN ('a', 'b', 'c')))"}) {
            const QString sql = QString::fromLatin1(kept);
            CHECK(Database::checkListsAsComparisons(sql) == sql);
        }
    }

    SECTION("a store, fresh or upgraded, has no list left and refuses the same values")
    {
        test::TempStore s;
        QSqlQuery q = s.db->query();
        REQUIRE(q.exec(QStringLiteral(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")));
        int tables = 0;
        while (q.next()) {
            ++tables;
            INFO(q.value(0).toString().toStdString());
            CHECK(Database::checkListsAsComparisons(q.value(1).toString()) ==
                  q.value(1).toString());
        }
        CHECK(tables > 20);
        const QString insert = QStringLiteral(
            "INSERT INTO applicant (id, kind, id_type, id_number, name, sex, created_at, "
            "updated_at) VALUES ('%1', 'natural', 'resident-id', '%2', '王芳', '%3', 'now', "
            "'now')");
        CHECK_FALSE(q.exec(
            insert.arg(QStringLiteral("a1"), QStringLiteral("1"), QStringLiteral("unknown"))));
        CHECK(q.lastError().text().contains(QStringLiteral("sex")));
        CHECK_FALSE(q.exec(QStringLiteral(
            "INSERT INTO applicant (id, kind, id_type, id_number, name, created_at, updated_at) "
            "VALUES ('a2', 'natural', 'driving-licence', '2', '王芳', 'now', 'now')")));
        CHECK(q.exec(
            insert.arg(QStringLiteral("a3"), QStringLiteral("3"), QStringLiteral("female"))));
        // The cases on the legal clock are still read through their index.
        REQUIRE(q.exec(QStringLiteral(
            "EXPLAIN QUERY PLAN SELECT c.id FROM intake_case c WHERE (c.status = 'accepted' OR "
            "c.status = 'first_review' OR c.status = 'forwarded' OR c.status = 'approved') AND "
            "c.promised_date <> '' AND c.promised_date < '2025-01-01' ORDER BY "
            "c.promised_date")));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + QLatin1Char('\n');
        CHECK(plan.contains(QStringLiteral("intake_case_on_clock")));
    }
}

TEST_CASE("what a transaction wrote is in the file for any reader when it commits, and what "
          "was rolled back never is",
          "[store]")
{
    test::TempStore s;
    // The store writes its log through its own layer (the frames of a
    // transaction together); a plain SQLite connection, as any other
    // program has, reads the same file.
    CHECK(s.db->fileLayer() == QStringLiteral("onewindow-wal"));
    REQUIRE(s.db->exec(QStringLiteral("CREATE TABLE probe (n INTEGER PRIMARY KEY, body TEXT)")));
    auto plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
    plain.setDatabaseName(s.path());
    REQUIRE(plain.open());
    auto count = [&plain] {
        QSqlQuery q(plain);
        REQUIRE(q.exec(QStringLiteral("SELECT count(*), coalesce(sum(length(body)), 0) FROM "
                                      "probe")));
        REQUIRE(q.next());
        return std::pair<int, qint64>{q.value(0).toInt(), q.value(1).toLongLong()};
    };
    auto insert = [&s](int from, int rows, int size) {
        QSqlQuery q = s.db->query();
        q.prepare(QStringLiteral("INSERT INTO probe (n, body) VALUES (?, ?)"));
        for (int n = from; n < from + rows; ++n) {
            q.addBindValue(n);
            q.addBindValue(QString(size, QChar(0x6750 + n % 16)));
            REQUIRE(q.exec());
        }
    };
    {
        Transaction tx(*s.db);
        REQUIRE(tx.begun());
        insert(0, 25, 160);
        REQUIRE(tx.commit());
    }
    CHECK(count() == std::pair<int, qint64>{25, 25 * 160});
    {
        // Rolled back after its pages went to the log (more than the
        // cache holds): nothing of it is read.
        Transaction tx(*s.db);
        REQUIRE(tx.begun());
        insert(100, 3000, 1000);
    }
    CHECK(count() == std::pair<int, qint64>{25, 25 * 160});
    {
        // Larger than the layer gathers at once (9 MB).
        Transaction tx(*s.db);
        REQUIRE(tx.begun());
        insert(100, 3000, 1000);
        REQUIRE(tx.commit());
    }
    CHECK(count() == std::pair<int, qint64>{3025, 25 * 160 + 3000 * 1000});
    // And through a checkpoint into the store's file: a new connection of
    // either kind reads it all.
    REQUIRE(s.db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    insert(5000, 1, 10);
    CHECK(count() == std::pair<int, qint64>{3026, 25 * 160 + 3000 * 1000 + 10});
    plain.close();
    plain = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("plain"));
    const QString path = s.path();
    s.db.reset();
    auto again = Database::open(path);
    REQUIRE(again.ok());
    QSqlQuery q = again.value()->query();
    REQUIRE(q.exec(QStringLiteral("PRAGMA integrity_check")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("ok"));
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM probe")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 3026);
}
