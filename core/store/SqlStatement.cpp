#include "store/SqlStatement.h"

#include "store/Database.h"

#include <QCoreApplication>
#include <QVariant>
#include <sqlite3.h>
#include <utility>
#include <vector>

namespace ow {

namespace {

// Qt's own words for a failed statement (its translations, context
// QSQLiteResult), so that an error reads as it did through QSqlQuery.
QString qtSqliteWords(const char* text)
{
    static const char* const context = "QSQLiteResult";
    return QCoreApplication::translate(context, text);
}

// `s` in UTF-8 at the start of `buffer`, as SQLite converts UTF-16 to
// UTF-8; its length, or -1 when `s` has a lone surrogate (SQLite converts
// those in a way of its own).
qsizetype utf8Of(QStringView s, std::vector<char>& buffer)
{
    if (buffer.size() < size_t(s.size()) * 3)
        buffer.resize(size_t(s.size()) * 3);
    char* d = buffer.data();
    const char16_t* p = s.utf16();
    const char16_t* const end = p + s.size();
    while (p != end) {
        const char16_t u = *p++;
        if (u < 0x80) {
            *d++ = char(u);
        } else if (u < 0x800) {
            *d++ = char(0xc0 | (u >> 6));
            *d++ = char(0x80 | (u & 0x3f));
        } else if (u < 0xd800 || u > 0xdfff) {
            *d++ = char(0xe0 | (u >> 12));
            *d++ = char(0x80 | ((u >> 6) & 0x3f));
            *d++ = char(0x80 | (u & 0x3f));
        } else if (u < 0xdc00 && p != end && *p >= 0xdc00 && *p <= 0xdfff) {
            const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*p++) - 0xdc00);
            *d++ = char(0xf0 | (c >> 18));
            *d++ = char(0x80 | ((c >> 12) & 0x3f));
            *d++ = char(0x80 | ((c >> 6) & 0x3f));
            *d++ = char(0x80 | (c & 0x3f));
        } else {
            return -1;
        }
    }
    return d - buffer.data();
}

} // namespace

SqlStatement::Kept::~Kept()
{
    if (stmt)
        sqlite3_finalize(stmt);
}

SqlStatement::SqlStatement(const Database& db, std::shared_ptr<Kept> kept)
    : m_db(&db), m_kept(std::move(kept))
{
    if (m_kept->stmt)
        m_stmt = m_kept->stmt;
    else if (!m_kept->query)
        m_status = m_kept->prepareError;
}

SqlStatement::SqlStatement(SqlStatement&& other) noexcept
    : m_db(other.m_db), m_kept(std::move(other.m_kept)),
      m_stmt(std::exchange(other.m_stmt, nullptr)), m_index(other.m_index), m_ran(other.m_ran),
      m_status(std::move(other.m_status))
{
}

SqlStatement::~SqlStatement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    } else if (m_kept && m_kept->query) {
        m_kept->query->finish();
    }
}

void SqlStatement::fail(int code)
{
    if (!m_status)
        return; // the first error stands
    const QString detail =
        QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt))) + QLatin1Char(' ') +
        qtSqliteWords(m_ran ? "Unable to fetch row" : "Unable to bind parameters");
    m_status = m_db->errorOfCode(code, detail);
}

SqlStatement& SqlStatement::text(const QString& s)
{
    ++m_index;
    if (!m_status)
        return *this;
    if (m_stmt) {
        // As Qt's driver binds a QString (its UTF-16, converted by SQLite),
        // but converted here, faster; a lone surrogate is left to SQLite.
        int rc = SQLITE_OK;
        if (s.isEmpty()) {
            rc = sqlite3_bind_text(m_stmt, m_index, "", 0, SQLITE_STATIC);
        } else {
            thread_local std::vector<char> buffer;
            const qsizetype length = utf8Of(s, buffer);
            rc = length >= 0 ? sqlite3_bind_text(m_stmt, m_index, buffer.data(), int(length),
                                                 SQLITE_TRANSIENT)
                             : sqlite3_bind_text16(m_stmt, m_index, s.utf16(), int(s.size() * 2),
                                                   SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK)
            fail(rc);
    } else if (m_kept->query) {
        m_kept->query->addBindValue(s.isNull() ? QStringLiteral("") : s);
    }
    return *this;
}

SqlStatement& SqlStatement::textOrNull(const QString& s)
{
    if (s.isEmpty())
        return null();
    return text(s);
}

SqlStatement& SqlStatement::utf8(QByteArrayView s)
{
    ++m_index;
    if (!m_status)
        return *this;
    if (m_stmt) {
        const int rc = sqlite3_bind_text(m_stmt, m_index, s.isNull() ? "" : s.data(), int(s.size()),
                                         SQLITE_TRANSIENT);
        if (rc != SQLITE_OK)
            fail(rc);
    } else if (m_kept->query) {
        m_kept->query->addBindValue(QString::fromUtf8(s));
    }
    return *this;
}

SqlStatement& SqlStatement::integer(qint64 n)
{
    ++m_index;
    if (!m_status)
        return *this;
    if (m_stmt) {
        if (const int rc = sqlite3_bind_int64(m_stmt, m_index, n); rc != SQLITE_OK)
            fail(rc);
    } else if (m_kept->query) {
        m_kept->query->addBindValue(n);
    }
    return *this;
}

SqlStatement& SqlStatement::null()
{
    ++m_index;
    if (!m_status)
        return *this;
    if (m_stmt) {
        if (const int rc = sqlite3_bind_null(m_stmt, m_index); rc != SQLITE_OK)
            fail(rc);
    } else if (m_kept->query) {
        m_kept->query->addBindValue(QVariant());
    }
    return *this;
}

Status SqlStatement::run()
{
    while (next()) {
    }
    return m_status;
}

bool SqlStatement::next()
{
    if (!m_status)
        return false;
    if (!m_stmt) {
        QSqlQuery& q = *m_kept->query;
        if (!m_ran) {
            m_ran = true;
            if (Status s = m_db->run(q); !s) {
                m_status = s;
                return false;
            }
        }
        return q.isSelect() && q.next();
    }
    m_ran = true;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        fail(sqlite3_extended_errcode(sqlite3_db_handle(m_stmt)));
    return false;
}

qint64 SqlStatement::int64(int column) const
{
    if (!m_stmt)
        return m_kept->query->value(column).toLongLong();
    return sqlite3_column_int64(m_stmt, column);
}

QString SqlStatement::string(int column) const
{
    if (!m_stmt)
        return m_kept->query->value(column).toString();
    // As Qt's driver reads text: SQLite's UTF-16 of it.
    const auto* p = static_cast<const char16_t*>(sqlite3_column_text16(m_stmt, column));
    if (!p)
        return {};
    return QString::fromUtf16(p, sqlite3_column_bytes16(m_stmt, column) / 2);
}

} // namespace ow
