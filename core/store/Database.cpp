#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlRecord>
#include <QUuid>

#include <map>

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
        if (depth > 0 && (upper == QLatin1String("END;") || upper.startsWith(QLatin1String("END;"))))
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

} // namespace

Database::~Database()
{
    m_statements.clear(); // before the connection they belong to
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

int Database::knownSchemaVersion()
{
    const auto m = embeddedMigrations();
    return m.empty() ? 0 : m.rbegin()->first;
}

Result<std::unique_ptr<Database>> Database::open(const QString& path)
{
    const QFileInfo fi(path);
    if (fi.exists() && fi.isDir())
        return Error::storage(tr("The store %1 is a directory, not a file.").arg(path));
    if (fi.exists() && fi.size() > 0) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::storage(tr("The store %1 cannot be read: %2").arg(path, f.errorString()));
        const QByteArray head = f.read(16);
        if (head != QByteArray("SQLite format 3\0", 16))
            return Error::storage(
                tr("The file %1 is not a OneWindow store (not an SQLite database). It was left "
                   "untouched; move it away or choose another data directory.")
                    .arg(path));
    }
    if (!fi.exists()) {
        if (!QDir().mkpath(fi.absolutePath()))
            return Error::storage(tr("Cannot create the folder %1.").arg(fi.absolutePath()));
    }

    std::unique_ptr<Database> d(new Database);
    d->m_path = fi.absoluteFilePath();
    d->m_connection = QStringLiteral("ow-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_connection);
    d->m_db.setDatabaseName(d->m_path);
    d->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d->m_db.open())
        return Error::storage(
            tr("The store %1 cannot be opened: %2").arg(path, d->m_db.lastError().text()));
    if (Status s = d->configure(); !s)
        return s.error();
    if (Status s = d->migrate(); !s)
        return s.error();
    return d;
}

Result<std::unique_ptr<Database>> Database::openAnother() const
{
    std::unique_ptr<Database> d(new Database);
    d->m_path = m_path;
    d->m_connection = QStringLiteral("ow-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_connection);
    d->m_db.setDatabaseName(m_path);
    d->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d->m_db.open())
        return Error::storage(
            tr("The store %1 cannot be opened: %2").arg(m_path, d->m_db.lastError().text()));
    if (Status s = d->configure(); !s)
        return s.error();
    return d;
}

Status Database::configure()
{
    // A damaged file shows here: reading the schema fails.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return Error::storage(tr("The store %1 is damaged and was left untouched: %2")
                                  .arg(m_path, probe.lastError().text()));
    probe.finish();
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                               "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"}) {
        QSqlQuery q(m_db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return Error::storage(tr("The store %1 refused %2: %3")
                                      .arg(m_path, QString::fromLatin1(pragma),
                                           q.lastError().text()));
    }
    return {};
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
    } else {
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
            if (!m.exec(stmt))
                return Error::storage(tr("Migration %1 failed: %2")
                                          .arg(QFileInfo(file).fileName(), m.lastError().text()));
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

Database::Statement Database::prepared(const QString& sql) const
{
    if (const auto it = m_statements.constFind(sql); it != m_statements.constEnd()) {
        if (it.value().use_count() == 1)
            return Statement(it.value());
        auto fresh = std::make_shared<QSqlQuery>(m_db); // the kept one is in use
        fresh->setForwardOnly(true);
        fresh->prepare(sql);
        return Statement(std::move(fresh));
    }
    auto q = std::make_shared<QSqlQuery>(m_db);
    // Read once, in order: without this, the driver sets up a cache of 128
    // rows of values for every run of a SELECT (some 3,600 for a case's row).
    q->setForwardOnly(true);
    if (q->prepare(sql)) // a statement that fails is prepared again, to fail again
        m_statements.insert(sql, q);
    return Statement(std::move(q));
}

Status Database::exec(const QString& sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return errorFrom(q);
    return {};
}

Status Database::runKept(const QString& sql)
{
    const Statement q = prepared(sql);
    return run(*q);
}

Status Database::run(QSqlQuery& q) const
{
    if (!q.exec())
        return errorFrom(q);
    return {};
}

Error Database::errorFrom(const QSqlQuery& q) const
{
    return Error::storage(
        tr("The store %1 reported an error: %2").arg(m_path, q.lastError().text()));
}

Transaction::Transaction(Database& db) : m_db(db)
{
    m_begun = m_db.runKept(QStringLiteral("BEGIN IMMEDIATE"));
    m_open = m_begun.ok();
    m_db.m_inTransaction = m_open;
}

Transaction::~Transaction()
{
    if (m_open) {
        (void)m_db.runKept(QStringLiteral("ROLLBACK"));
        m_db.m_inTransaction = false;
    }
}

Status Transaction::commit()
{
    if (!m_open)
        return Error::storage(QCoreApplication::translate("ow::Database",
                                                          "No transaction is open."));
    Status s = m_db.runKept(QStringLiteral("COMMIT"));
    if (s) {
        m_open = false;
        m_db.m_inTransaction = false;
    }
    return s;
}

} // namespace ow
