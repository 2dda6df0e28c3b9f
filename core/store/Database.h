#pragma once

#include "store/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

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
    // Refuses, changing nothing, a file that is not SQLite, is damaged, or
    // was written by a newer OneWindow.
    static Result<std::unique_ptr<Database>> open(const QString& path);

    // A second connection to the same file, for another thread. Does not migrate.
    Result<std::unique_ptr<Database>> openAnother() const;

    QSqlDatabase& db() { return m_db; }
    const QString& path() const { return m_path; }
    int schemaVersion() const;

    // The newest schema version this build knows.
    static int knownSchemaVersion();

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

    // Runs one statement without results; an error names the store.
    Status exec(const QString& sql);
    // The same with a kept statement (prepared()): one run often.
    Status runKept(const QString& sql);
    // Runs a prepared query; the error message names the store and the query's error.
    Status run(QSqlQuery& q) const;
    Error errorFrom(const QSqlQuery& q) const;

    // A Transaction is open on this connection (writes join it).
    bool inTransaction() const { return m_inTransaction; }

private:
    friend class Transaction;
    Database() = default;
    Status configure();
    Status migrate();

    QSqlDatabase m_db;
    mutable QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QString m_connection;
    QString m_path;
    bool m_inTransaction = false;
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
