#include "store/Database.h"

#include "store/WalBatchVfs.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>
#include <QUuid>
#include <map>
#include <sqlite3.h>
#include <vector>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::Database", s);
}

// Qt's own words for a failed statement (its translations, context
// QSQLiteResult), so that an error reads as it does through QSqlQuery.
QString qtSqliteWords(const char* text)
{
    static const char* const context = "QSQLiteResult";
    return QCoreApplication::translate(context, text);
}

// SQLite's primary result codes (sqlite3.h): the extended codes keep them
// in their low byte.
constexpr int kSqlitePerm = 3;
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteAuth = 23;
constexpr int kSqliteNotADb = 26;

int sqliteCode(const QSqlError& e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return ok ? code : -1;
}

// The connection's options: read-only stores are never written, not even
// their journal's shared memory when their folder cannot be written.
QString connectOptions(bool readOnly, bool immutable)
{
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (immutable)
        options += QStringLiteral(";QSQLITE_OPEN_URI");
    return options;
}

// SQLite's URI for a file nothing can change while it is open (a read-only
// folder without a journal): read without locks or shared memory.
QString immutableUri(const QString& path)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
}

} // namespace

Database::Trouble Database::troubleOf(int sqliteCode)
{
    if (sqliteCode < 0)
        return Trouble::Other;
    switch (sqliteCode & 0xff) {
    case kSqliteReadOnly:
        return Trouble::ReadOnly;
    case kSqlitePerm:
    case kSqliteAuth:
        return Trouble::Permission;
    case kSqliteFull:
        return Trouble::DiskFull;
    case kSqliteBusy:
    case kSqliteLocked:
        return Trouble::InUse;
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return Trouble::Damaged;
    case kSqliteIoErr:
        return Trouble::InputOutput;
    case kSqliteCantOpen:
        return Trouble::CannotOpen;
    default:
        return Trouble::Other;
    }
}

QString Database::troubleMessage(Trouble trouble, const QString& path, const QString& detail)
{
    switch (trouble) {
    case Trouble::ReadOnly:
        return tr("The store %1 is read-only here (a read-only medium, or a file or folder this "
                  "account may not write): nothing was written. Reading it works. To work on it, "
                  "give this account write access to the file and its folder, or copy the folder "
                  "to a writable place. The store is not damaged.")
            .arg(path);
    case Trouble::Permission:
        return tr("This account may not use the store %1 (permission denied: %2). Nothing was "
                  "changed. Give this account read and write access to the file and its folder. "
                  "The store is not damaged: do not restore a backup over it.")
            .arg(path, detail);
    case Trouble::DiskFull:
        return tr("The disk holding the store %1 is full: nothing was written. Free some space on "
                  "it and try again. The store is not damaged: do not restore a backup over it.")
            .arg(path);
    case Trouble::InUse:
        return tr("The store %1 is in use by another program (another OneWindow, or a copy being "
                  "taken) that did not let go of it within 5 seconds: nothing was written. Close "
                  "the other program or wait for it to finish, then try again. The store is not "
                  "damaged.")
            .arg(path);
    case Trouble::Damaged:
        return tr("The store %1 is damaged (%2). Nothing more is written to it. Keep the file as "
                  "it is and restore the latest backup of this PC's store.")
            .arg(path, detail);
    case Trouble::InputOutput:
        return tr("The store %1 could not be read or written (input/output error: %2): nothing "
                  "was written. The disk or medium may be failing or was removed: check it first. "
                  "The store itself may be intact: do not restore a backup over it yet.")
            .arg(path, detail);
    case Trouble::CannotOpen:
        return tr("The store %1 cannot be opened (%2): its folder may be missing or not writable, "
                  "or its medium was removed. Check the folder and its permissions. The store is "
                  "not damaged.")
            .arg(path, detail);
    case Trouble::Other:
        break;
    }
    return tr("The store %1 reported an error: %2").arg(path, detail);
}

Error Database::errorOf(const QSqlError& e) const
{
    const Trouble trouble = troubleOf(sqliteCode(e));
    if (trouble == Trouble::Damaged)
        m_damaged = true;
    return Error::storage(troubleMessage(trouble, m_path, e.text()));
}

Error Database::errorOfCode(int code, const QString& detail) const
{
    const Trouble trouble = troubleOf(code);
    if (trouble == Trouble::Damaged)
        m_damaged = true;
    return Error::storage(troubleMessage(trouble, m_path, detail));
}

Status Database::refusedWrite() const
{
    if (m_damaged)
        return Error::storage(
            tr("The store %1 is damaged: SQLite found a damaged page in it, and nothing more is "
               "written to it. Keep the file as it is and restore the latest backup of this "
               "PC's store.")
                .arg(m_path));
    if (m_readOnly)
        return Error::storage(troubleMessage(Trouble::ReadOnly, m_path, QString()));
    return {};
}

Status Database::checkIntegrity()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check(5)")))
        return errorOf(q.lastError());
    QStringList problems;
    while (q.next())
        if (const QString row = q.value(0).toString(); row != QLatin1String("ok"))
            problems << row;
    if (problems.isEmpty())
        return {};
    m_damaged = true;
    return Error::storage(
        troubleMessage(Trouble::Damaged, m_path, problems.join(QStringLiteral("; "))));
}

Database::~Database()
{
    m_statements.clear(); // before the connection they belong to
    m_direct.clear();
    m_handle = nullptr;
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<Database>> Database::open(const QString& path)
{
    const QFileInfo fi(path);
    if (fi.exists() && fi.isDir())
        return Error::storage(tr("The store %1 is a directory, not a file.").arg(path));
    if (fi.exists() && fi.size() == 0)
        return Error::storage(
            tr("The store %1 is an empty file (0 bytes): it holds no case and was left as it is. "
               "If this PC held cases, restore the latest backup of its store in its place. To "
               "start a new store on purpose, move the empty file away (or delete it): the next "
               "start creates a new one.")
                .arg(path));
    if (fi.exists()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            if (f.error() == QFileDevice::OpenError && !fi.isReadable())
                return Error::storage(troubleMessage(Trouble::Permission, path, f.errorString()));
            return Error::storage(tr("The store %1 cannot be read: %2").arg(path, f.errorString()));
        }
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
        if (!QFileInfo(fi.absolutePath()).isWritable())
            return Error::storage(
                tr("The folder %1 cannot be written by this account: no store can be created in "
                   "it. Give this account write access to it, or choose another data directory.")
                    .arg(fi.absolutePath()));
    }

    std::unique_ptr<Database> d(new Database);
    d->m_path = fi.absoluteFilePath();
    // A store this account may not write (a read-only medium, file or
    // folder) is read as it is. In a folder that cannot be written SQLite
    // cannot make the journal's shared memory: without a journal the file
    // is read as immutable; with one, its last writes are only in it.
    const bool folderWritable = QFileInfo(fi.absolutePath()).isWritable();
    d->m_readOnly = fi.exists() && (!fi.isWritable() || !folderWritable);
    bool immutable = false;
    if (d->m_readOnly && !folderWritable) {
        const QFileInfo wal(d->m_path + QStringLiteral("-wal"));
        const QFileInfo shm(d->m_path + QStringLiteral("-shm"));
        if (wal.exists() && wal.size() > 0 && !shm.exists())
            return Error::storage(
                tr("The store %1 is on a read-only medium or in a folder this account may not "
                   "write, and its last writes are still in its journal (%2), which cannot be "
                   "read there. Nothing was changed. Copy the whole folder to a writable place "
                   "and open the store there. The store is not damaged.")
                    .arg(path, wal.fileName()));
        immutable = !wal.exists();
    }
    d->m_connection = QStringLiteral("ow-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_connection);
    // A store that is written goes through the layer that writes a
    // transaction's log frames at once (store/WalBatchVfs.h), when Qt's
    // driver runs the SQLite it is registered in; otherwise, and should
    // that open fail, through SQLite's own.
    const char* batching = d->m_readOnly ? nullptr : walBatchVfsName();
    bool opened = false;
    if (batching) {
        d->m_db.setDatabaseName(QUrl::fromLocalFile(d->m_path).toString(QUrl::FullyEncoded) +
                                QStringLiteral("?vfs=") + QString::fromLatin1(batching));
        d->m_db.setConnectOptions(connectOptions(false, true));
        opened = d->m_db.open();
    }
    if (!opened) {
        d->m_db.setDatabaseName(immutable ? immutableUri(d->m_path) : d->m_path);
        d->m_db.setConnectOptions(connectOptions(d->m_readOnly, immutable));
        if (!d->m_db.open())
            return d->errorOf(d->m_db.lastError());
    }
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
    d->m_readOnly = m_readOnly;
    d->m_connection = QStringLiteral("ow-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_connection);
    d->m_db.setDatabaseName(m_db.databaseName());
    d->m_db.setConnectOptions(m_db.connectOptions());
    if (!d->m_db.open())
        return d->errorOf(d->m_db.lastError());
    if (Status s = d->configure(); !s)
        return s.error();
    return d;
}

Status Database::configure()
{
    // A damaged file shows here: reading the schema fails.
    // A damaged file shows here: reading the schema fails. So do a file
    // this account may not read, a store locked by another program, ...:
    // each is said for what it is.
    QSqlQuery probe(m_db);
    if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return errorOf(probe.lastError());
    probe.finish();
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                               "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"}) {
        if (m_readOnly && qstrcmp(pragma, "PRAGMA journal_mode=WAL") == 0)
            continue; // a read-only store is read in the mode it was written in
        QSqlQuery q(m_db);
        if (!q.exec(QString::fromLatin1(pragma)))
            return errorOf(q.lastError());
    }
    // SQLite's own handle of the connection, for direct(): only when Qt's
    // driver runs the very SQLite this program calls (the same library:
    // the same version and source).
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() &&
            q.value(0).toString() == QLatin1String(sqlite3_sourceid()))
            m_handle = *static_cast<sqlite3* const*>(handle.constData());
    }
    return {};
}

QString Database::fileLayer() const
{
    sqlite3_vfs* vfs = nullptr;
    if (m_handle &&
        sqlite3_file_control(m_handle, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK && vfs)
        return QString::fromUtf8(vfs->zName);
    return QString();
}

bool Database::hasTable(const QString& name) const
{
    if (m_tables.contains(name))
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return false;
    m_tables.insert(name);
    return true;
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

SqlStatement Database::direct(QByteArrayView sql) const
{
    const auto it = m_direct.constFind(QByteArray::fromRawData(sql.data(), sql.size()));
    if (it != m_direct.constEnd() && it.value().use_count() == 1)
        return SqlStatement(*this, it.value());
    // New, or the kept one is in use (a statement run inside the loop of
    // another): a fresh one, kept only when there was none.
    auto kept = std::make_shared<SqlStatement::Kept>();
    bool prepared = false;
    if (m_handle) {
        const int rc = sqlite3_prepare_v3(m_handle, sql.data(), int(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &kept->stmt, nullptr);
        prepared = rc == SQLITE_OK;
        if (!prepared) {
            kept->prepareError =
                errorOfCode(sqlite3_extended_errcode(m_handle),
                            QString::fromUtf8(sqlite3_errmsg(m_handle)) + QLatin1Char(' ') +
                                qtSqliteWords("Unable to execute statement"));
            sqlite3_finalize(kept->stmt);
            kept->stmt = nullptr;
        }
    } else {
        kept->query = std::make_unique<QSqlQuery>(m_db);
        kept->query->setForwardOnly(true);
        prepared = kept->query->prepare(QString::fromUtf8(sql));
        if (!prepared) {
            kept->prepareError = errorOf(kept->query->lastError());
            kept->query.reset();
        }
    }
    if (prepared && it == m_direct.constEnd())
        m_direct.insert(QByteArray(sql.data(), sql.size()), kept);
    return SqlStatement(*this, std::move(kept));
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
    return errorOf(q.lastError());
}

Transaction::Transaction(Database& db) : m_db(db)
{
    m_begun = m_db.refusedWrite();
    if (m_begun)
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
