#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QSqlQuery>
#include <QString>
#include <memory>

struct sqlite3_stmt;

namespace ow {

class Database;

// A kept statement of a Database bound and run through SQLite's own
// interface (Database::direct()): values bound by position as they are,
// text handed to SQLite in the form it takes (UTF-8 bytes, or a QString's
// UTF-16, converted by SQLite exactly as Qt's driver has it converted). It
// stores the same bytes as the same values bound to a QSqlQuery, with no
// placeholder names and no QVariant per value: the writes of a decision run
// some hundred values. Bind every placeholder in order, then run() (or
// next() for rows). The handle resets the statement when it goes.
class SqlStatement
{
public:
    SqlStatement(SqlStatement&& other) noexcept;
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;
    SqlStatement& operator=(SqlStatement&&) = delete;
    ~SqlStatement();

    // Text; a null QString binds as '' (as sqlValue() does).
    SqlStatement& text(const QString& s);
    // Text, or NULL when empty.
    SqlStatement& textOrNull(const QString& s);
    // Text given as UTF-8 bytes.
    SqlStatement& utf8(QByteArrayView s);
    SqlStatement& integer(qint64 n);
    SqlStatement& null();

    // Runs a statement without rows to its end.
    Status run();
    // Runs a query: the next row, false at the end (or on an error: see status()).
    bool next();
    // The first error met binding or running, if any.
    const Status& status() const { return m_status; }
    qint64 int64(int column) const;
    QString string(int column) const;

private:
    friend class Database;
    // What Database keeps per statement text.
    struct Kept
    {
        sqlite3_stmt* stmt = nullptr;     // SQLite's own statement
        std::unique_ptr<QSqlQuery> query; // Qt's, when SQLite's interface is not reached
        Status prepareError;              // neither could be prepared
        Kept() = default;
        Kept(const Kept&) = delete;
        Kept& operator=(const Kept&) = delete;
        ~Kept();
    };
    SqlStatement(const Database& db, std::shared_ptr<Kept> kept);
    void fail(int code);

    const Database* m_db = nullptr;
    std::shared_ptr<Kept> m_kept;
    sqlite3_stmt* m_stmt = nullptr; // null: through m_kept's QSqlQuery
    int m_index = 0;                // the placeholders bound so far
    bool m_ran = false;
    Status m_status;
};

} // namespace ow
