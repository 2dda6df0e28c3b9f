// The store's schema: the numbered migrations of db/local/, embedded, run
// in order each in its own transaction, and migration 16's step in code.
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <map>
#include <vector>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::Database", s);
}

// The numbered migrations embedded from db/local/: 001_name.sql, 002_...
std::map<int, QString> embeddedMigrations()
{
    std::map<int, QString> out;
    const QDir dir(QStringLiteral(":/db/local"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        bool ok = false;
        const int n = f.section(QLatin1Char('_'), 0, 0).toInt(&ok);
        if (ok && n > 0)
            out[n] = dir.filePath(f);
    }
    return out;
}

// Splits a migration into statements at semicolons that end a line, outside
// of BEGIN ... END blocks (triggers).
QStringList splitStatements(const QString& sql)
{
    QStringList out;
    QString current;
    int depth = 0;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (line.startsWith(QLatin1String("--")) || line.isEmpty())
            continue;
        current += raw + QLatin1Char('\n');
        const QString upper = line.toUpper();
        if (upper.endsWith(QLatin1String("BEGIN")) || upper.contains(QLatin1String(" BEGIN ")))
            ++depth;
        if (depth > 0 &&
            (upper == QLatin1String("END;") || upper.startsWith(QLatin1String("END;"))))
            --depth;
        if (depth == 0 && line.endsWith(QLatin1Char(';'))) {
            out << current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        out << current.trimmed();
    return out;
}

// The migration whose step is also done in code (rewriteCheckLists()).
constexpr int kCheckListsMigration = 16;

} // namespace

int Database::knownSchemaVersion()
{
    const auto m = embeddedMigrations();
    return m.empty() ? 0 : m.rbegin()->first;
}

QString Database::checkListsAsComparisons(const QString& createTable)
{
    // `column IN ('a', 'b', 'c', ...)`: three or more quoted values (two
    // SQLite checks by comparison already). NOT IN is left as it is.
    static const QRegularExpression list(
        QStringLiteral(
            R"((\b[A-Za-z_][A-Za-z0-9_]*)\s+IN\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*'){2,})\s*\))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression value(QStringLiteral(R"('(?:[^']|'')*')"));
    QString out;
    qsizetype done = 0;
    for (auto m = list.globalMatch(createTable); m.hasNext();) {
        const QRegularExpressionMatch match = m.next();
        const QString column = match.captured(1);
        if (column.compare(QLatin1String("NOT"), Qt::CaseInsensitive) == 0)
            continue;
        QStringList comparisons;
        for (auto v = value.globalMatch(match.captured(2)); v.hasNext();)
            comparisons << column + QStringLiteral(" = ") + v.next().captured(0);
        out += QStringView(createTable).mid(done, match.capturedStart(0) - done);
        out += QLatin1Char('(') + comparisons.join(QStringLiteral(" OR ")) + QLatin1Char(')');
        done = match.capturedEnd(0);
    }
    if (done == 0)
        return createTable;
    out += QStringView(createTable).mid(done);
    return out;
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

Status Database::migrate()
{
    QSqlQuery q(m_db);
    // The version table is the one thing created outside a numbered migration:
    // it must exist before we can tell which migrations ran.
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND "
                               "name='schema_version'")))
        return errorFrom(q);
    const bool hasVersionTable = q.next();
    q.finish();
    const int known = knownSchemaVersion();
    int current = 0;
    if (hasVersionTable) {
        current = schemaVersion();
        if (current > known)
            return Error::storage(
                tr("The store %1 was written by a newer version of OneWindow (schema %2; this "
                   "program knows up to %3). Nothing was changed; install the newer version.")
                    .arg(m_path)
                    .arg(current)
                    .arg(known));
        if (current < known && m_readOnly)
            return Error::storage(
                tr("The store %1 is read-only here and was written by an older version of "
                   "OneWindow (schema %2; this program needs %3): it must be brought up to date, "
                   "which writes to it. Nothing was changed. Give this account write access to "
                   "the file and its folder, or copy the folder to a writable place.")
                    .arg(m_path)
                    .arg(current)
                    .arg(known));
    } else {
        if (m_readOnly)
            return Error::storage(troubleMessage(Trouble::ReadOnly, m_path, QString()));
        // A non-empty database without our version table is someone else's file.
        QSqlQuery t(m_db);
        if (t.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && t.next() &&
            t.value(0).toInt() > 0)
            return Error::storage(
                tr("The file %1 is an SQLite database but not a OneWindow store. It was left "
                   "untouched.")
                    .arg(m_path));
    }

    const auto migrations = embeddedMigrations();
    for (const auto& [version, file] : migrations) {
        if (version <= current)
            continue;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error::storage(tr("Migration %1 is missing from this build.").arg(file));
        const QString sql = QString::fromUtf8(f.readAll());
        Transaction tx(*this);
        if (!tx.begun())
            return tx.begun().error();
        if (version == 1 || !hasVersionTable) {
            if (Status s = exec(QStringLiteral(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
                !s)
                return s;
        }
        for (const QString& stmt : splitStatements(sql)) {
            QSqlQuery m(m_db);
            if (!m.exec(stmt)) {
                // A full disk or a lock is said as such; a statement this
                // store cannot take names its migration.
                if (troubleOf(m.lastError().nativeErrorCode().toInt()) != Trouble::Other)
                    return errorOf(m.lastError());
                return Error::storage(tr("Migration %1 failed: %2")
                                          .arg(QFileInfo(file).fileName(), m.lastError().text()));
            }
        }
        if (version == kCheckListsMigration) {
            if (Status s = rewriteCheckLists(); !s)
                return Error::storage(tr("Migration %1 failed: %2")
                                          .arg(QFileInfo(file).fileName(), s.error().message));
        }
        QSqlQuery rec(m_db);
        rec.prepare(QStringLiteral(
            "INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)"));
        rec.addBindValue(version);
        rec.addBindValue(QFileInfo(file).fileName());
        rec.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (Status s = run(rec); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
    }
    return {};
}

// SQLite checks `x IN ('a', 'b', 'c')` in a CHECK constraint by filling a
// temporary index with the list for every row it writes (three or more
// values); `(x = 'a' OR x = 'b' OR x = 'c')` is the same rule, checked by
// comparisons. A decision writes some forty rows under such constraints:
// the rewrite takes a fifth off its work. The tables made before are
// changed in place by SQLite's procedure for a change that leaves every
// stored byte valid as it is (writable_schema, then a new schema version):
// what a row may hold does not change, nor does anything stored.
Status Database::rewriteCheckLists()
{
    QSqlQuery tables(m_db);
    if (!tables.exec(QStringLiteral(
            "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL")))
        return errorFrom(tables);
    std::vector<std::pair<QString, QString>> changed;
    while (tables.next()) {
        const QString sql = tables.value(1).toString();
        const QString rewritten = checkListsAsComparisons(sql);
        if (rewritten != sql)
            changed.emplace_back(tables.value(0).toString(), rewritten);
    }
    tables.finish();
    if (changed.empty())
        return {};
    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("PRAGMA schema_version")) || !version.next())
        return errorFrom(version);
    const qint64 schemaCookie = version.value(0).toLongLong();
    version.finish();
    if (Status s = exec(QStringLiteral("PRAGMA writable_schema = ON")); !s)
        return s;
    Status written;
    for (const auto& [name, sql] : changed) {
        QSqlQuery u(m_db);
        u.prepare(
            QStringLiteral("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?"));
        u.addBindValue(sql);
        u.addBindValue(name);
        if (written = run(u); !written)
            break;
    }
    if (written)
        written = exec(QStringLiteral("PRAGMA schema_version = %1").arg(schemaCookie + 1));
    const Status off = exec(QStringLiteral("PRAGMA writable_schema = OFF"));
    if (!written)
        return written;
    if (!off)
        return off;
    // Every rewritten table is read again from its new text: a statement
    // SQLite could not parse would show here, and the transaction would
    // leave the store as it was.
    for (const auto& [name, sql] : changed) {
        QSqlQuery probe(m_db);
        if (!probe.exec(QStringLiteral("SELECT * FROM \"%1\" LIMIT 0").arg(name)))
            return errorFrom(probe);
    }
    return {};
}

} // namespace ow
