#pragma once

#include "store/Result.h"
#include "store/SqlStatement.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>

struct sqlite3;

namespace ow {

// The local SQLite store of one counter PC: one file, opened with WAL,
// synchronous=FULL, foreign keys and a busy timeout, migrated to the schema
// this build knows. Each Database owns one connection; a thread that needs
// the store (the sync worker) opens its own with openAnother().
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating when absent) and migrates the store at `path`.
    // Refuses, changing nothing, a file that is not SQLite, is damaged, is
    // empty (0 bytes: a lost store is not silently started anew), or was
    // written by a newer OneWindow. A store this account may not write (a
    // read-only medium or folder) is opened read-only when its schema is
    // current: reads work, every write is refused as read-only.
    static Result<std::unique_ptr<Database>> open(const QString& path);

    // A second connection to the same file, for another thread. Does not migrate.
    Result<std::unique_ptr<Database>> openAnother() const;

    QSqlDatabase& db() { return m_db; }
    const QString& path() const { return m_path; }
    int schemaVersion() const;
    // Whether the store has the table `name` (a store written to by an
    // older release's programs may lack a later migration's tables).
    bool hasTable(const QString& name) const;

    // The newest schema version this build knows.
    static int knownSchemaVersion();
    // `x IN ('a', 'b', 'c', ...)` of a CREATE TABLE's constraints written
    // as `(x = 'a' OR x = 'b' OR ...)`: the same rule, which SQLite checks
    // without building a temporary index for every row (migration 16).
    static QString checkListsAsComparisons(const QString& createTable);
    // The name of the SQLite file layer this connection writes through:
    // "onewindow-wal" (store/WalBatchVfs.h) or SQLite's own ("unix").
    QString fileLayer() const;

    // A prepared query on this connection.
    QSqlQuery query() const { return QSqlQuery(m_db); }

    // A statement of this connection prepared once and kept for the next
    // call with the same text. Preparing a write (with the checks of its
    // foreign keys and triggers) can cost more than running it: the writes
    // of one decision run some thirty statements. Bind and run it as any
    // prepared query; the handle resets it when it goes, so no read stays
    // open. While one handle holds a statement, the same text gets a fresh
    // query (a statement run inside the loop of another).
    class Statement
    {
    public:
        explicit Statement(std::shared_ptr<QSqlQuery> q) : m_q(std::move(q)) {}
        ~Statement()
        {
            if (m_q)
                m_q->finish();
        }
        Statement(Statement&&) = default;
        Statement(const Statement&) = delete;
        Statement& operator=(const Statement&) = delete;
        Statement& operator=(Statement&&) = delete;
        QSqlQuery& operator*() const { return *m_q; }
        QSqlQuery* operator->() const { return m_q.get(); }

    private:
        std::shared_ptr<QSqlQuery> m_q;
    };
    Statement prepared(const QString& sql) const;

    // The same kept statement, bound and run through SQLite's own
    // interface (SqlStatement): for the writes run many times per decision.
    // The statement text is UTF-8. Where SQLite's interface cannot be
    // reached (Qt's driver built with a SQLite of its own), the statement
    // runs through QSqlQuery, with the same result.
    SqlStatement direct(QByteArrayView sql) const;

    // Runs one statement without results; an error names the store.
    Status exec(const QString& sql);
    // The same with a kept statement (prepared()): one run often.
    Status runKept(const QString& sql);
    // Runs a prepared query; the error message names the store and the query's error.
    Status run(QSqlQuery& q) const;
    Error errorFrom(const QSqlQuery& q) const;

    // A Transaction is open on this connection (writes join it).
    bool inTransaction() const { return m_inTransaction; }

    // Open read-only (see open()): every Transaction is refused.
    bool isReadOnly() const { return m_readOnly; }
    // SQLite found a damaged page (SQLITE_CORRUPT, SQLITE_NOTADB) or the
    // integrity check failed: every Transaction is refused from then on.
    bool isDamaged() const { return m_damaged; }
    // PRAGMA quick_check, before a large write: a damaged store is an error
    // (and isDamaged() from then on).
    Status checkIntegrity();

    // What went wrong with a store, told by SQLite's result code (primary
    // or extended): each its own message saying what to do. `Other` keeps
    // SQLite's text.
    enum class Trouble {
        ReadOnly,
        Permission,
        DiskFull,
        InUse,
        Damaged,
        InputOutput,
        CannotOpen,
        Other
    };
    static Trouble troubleOf(int sqliteCode);
    static QString troubleMessage(Trouble trouble, const QString& path, const QString& detail);

private:
    friend class Transaction;
    friend class SqlStatement;
    Database() = default;
    Status configure();
    Status migrate();
    // Migration 16's step in code: the CHECK constraints' lists of values
    // written as comparisons (db/local/016_check_lists.sql).
    Status rewriteCheckLists();
    // The error for `e`, named by its trouble; remembers a damaged store.
    Error errorOf(const QSqlError& e) const;
    // The same for SQLite's result code `code` (extended or primary).
    Error errorOfCode(int code, const QString& detail) const;
    Status refusedWrite() const;

    QSqlDatabase m_db;
    mutable QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    mutable QHash<QByteArray, std::shared_ptr<SqlStatement::Kept>> m_direct;
    // The connection's SQLite handle, when this program's SQLite is the
    // one Qt's driver runs (direct()); null otherwise.
    sqlite3* m_handle = nullptr;
    mutable QSet<QString> m_tables; // tables seen (migrations only add)
    QString m_connection;
    QString m_path;
    bool m_inTransaction = false;
    bool m_readOnly = false;
    mutable bool m_damaged = false;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit(), so
// an exception or an early return between writes leaves nothing behind.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    const Status& begun() const { return m_begun; }
    Status commit();

private:
    Database& m_db;
    Status m_begun;
    bool m_open = false;
};

} // namespace ow
