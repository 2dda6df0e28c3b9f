#include "sync/CentralMigrations.h"

#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <map>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::CentralMigrations", s);
}

// Any fixed number: the key of the advisory lock held while migrating.
constexpr qint64 migrationLock = 0x4f57'4345'4e54; // "OWCENT"

std::map<int, QString> embeddedMigrations()
{
    std::map<int, QString> out;
    const QDir dir(QStringLiteral(":/db/central"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        bool ok = false;
        const int n = f.section(QLatin1Char('_'), 0, 0).toInt(&ok);
        if (ok && n > 0)
            out[n] = dir.filePath(f);
    }
    return out;
}

Status refuseNewer(int current, int known)
{
    if (current > known)
        return Error::conflict(
            tr("The central database was migrated by a newer version of OneWindow (schema %1; "
               "this program knows up to %2). Nothing was changed; use the newer version.")
                .arg(current)
                .arg(known));
    return {};
}

} // namespace

int CentralMigrations::knownVersion()
{
    const auto m = embeddedMigrations();
    return m.empty() ? 0 : m.rbegin()->first;
}

Result<int> CentralMigrations::currentVersion(CentralConnection& c)
{
    QSqlQuery q = c.query();
    if (!q.exec(QStringLiteral(
            "SELECT to_regclass('ow.schema_version') IS NOT NULL, "
            "EXISTS (SELECT 1 FROM pg_namespace WHERE nspname IN ('ow', 'ow_api'))")) ||
        !q.next())
        return c.errorFrom(q.lastError());
    const bool hasVersions = q.value(0).toBool();
    const bool hasSchemas = q.value(1).toBool();
    if (!hasVersions) {
        if (hasSchemas)
            return Error::conflict(
                tr("The database %1 has schemas named ow or ow_api but no OneWindow version "
                   "table. It was left untouched.")
                    .arg(c.url().database));
        return 0;
    }
    QSqlQuery v = c.query();
    if (!v.exec(QStringLiteral("SELECT coalesce(max(version), 0) FROM ow.schema_version")) ||
        !v.next())
        return c.errorFrom(v.lastError());
    return v.value(0).toInt();
}

Result<QList<int>> CentralMigrations::apply(CentralConnection& c)
{
    const int known = knownVersion();
    auto before = currentVersion(c);
    if (!before)
        return before.error();
    if (Status s = refuseNewer(before.value(), known); !s)
        return s.error();

    QList<int> applied;
    for (const auto& [version, file] : embeddedMigrations()) {
        if (version <= before.value())
            continue;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error::storage(tr("Migration %1 is missing from this build.").arg(file));
        const QString sql = QString::fromUtf8(f.readAll());

        CentralTransaction tx(c);
        if (!tx.begun())
            return tx.begun().error();
        QSqlQuery lock = c.query();
        lock.prepare(QStringLiteral("SELECT pg_advisory_xact_lock(?)"));
        lock.addBindValue(migrationLock);
        if (Status s = c.run(lock); !s)
            return s.error();
        // Another administrator may have migrated while we waited.
        auto now = currentVersion(c);
        if (!now)
            return now.error();
        if (Status s = refuseNewer(now.value(), known); !s)
            return s.error();
        if (now.value() >= version)
            continue;
        if (Status s = c.exec(sql); !s)
            return Error{s.error().kind,
                         tr("Central migration %1 failed: %2")
                             .arg(QFileInfo(file).fileName(), s.error().message),
                         {}};
        QSqlQuery rec = c.query();
        rec.prepare(QStringLiteral("INSERT INTO ow.schema_version (version, name) VALUES (?, ?)"));
        rec.addBindValue(version);
        rec.addBindValue(QFileInfo(file).fileName());
        if (Status s = c.run(rec); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        applied << version;
    }
    return applied;
}

} // namespace ow
