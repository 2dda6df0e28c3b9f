#include "audit/AuditLog.h"

#include "auth/Session.h"
#include "cases/SqlValue.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow {

namespace {

QString tr(const char* s, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ow::AuditLog", s, disambiguation, n);
}

QString compactJson(const QJsonValue& v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrapped in an array, then unwrapped, so it is valid JSON text.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(a.mid(1, a.size() - 2));
}

const char* kColumns = "id, at, actor, actor_role, site_code, window_code, action, subject, "
                       "before_json, after_json, prev_hash, hash";

AuditRecord recordFrom(const QSqlQuery& q)
{
    AuditRecord r;
    r.id = q.value(0).toLongLong();
    r.at = q.value(1).toString();
    r.actor = q.value(2).toString();
    r.actorRole = q.value(3).toString();
    r.siteCode = q.value(4).toString();
    r.window = q.value(5).toString();
    r.action = q.value(6).toString();
    r.subject = q.value(7).toString();
    r.beforeJson = q.value(8).toString();
    r.afterJson = q.value(9).toString();
    r.prevHash = q.value(10).toString();
    r.hash = q.value(11).toString();
    return r;
}

} // namespace

AuditEntry AuditEntry::printed(const QString& documentKind, const QString& number, int pages,
                               const QByteArray& contentSha256, bool copy)
{
    return AuditEntry(
        QStringLiteral("print.") + documentKind, number, QJsonValue::Null,
        QJsonObject{{QStringLiteral("document"), documentKind},
                    {QStringLiteral("pages"), pages},
                    {QStringLiteral("sha256"), QString::fromLatin1(contentSha256.toHex())},
                    {QStringLiteral("copy"), copy}});
}

AuditLog::AuditLog(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditLog::canonical(const AuditRecord& r)
{
    // Version 1. The JSON texts are taken as stored, never re-serialised.
    const QJsonArray a{1,           QString::number(r.id),
                       r.at,        r.actor,
                       r.actorRole, r.siteCode,
                       r.window,    r.action,
                       r.subject,   r.beforeJson,
                       r.afterJson};
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QString AuditLog::chainHash(const QString& prevHash, const AuditRecord& record)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prevHash.toLatin1());
    h.addData(canonical(record));
    return QString::fromLatin1(h.result().toHex());
}

Result<qint64> AuditLog::append(const Session& who, const AuditEntry& entry)
{
    if (entry.action.trimmed().isEmpty())
        return Error::invalid(tr("An audit entry names its action."));
    if (!who.isValid())
        return Error::forbidden(tr("An audit entry names who acted; no one is signed in."));
    if (m_db.inTransaction())
        return insert(who, entry);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto id = insert(who, entry);
    if (!id)
        return id;
    if (Status s = tx.commit(); !s)
        return s.error();
    return id;
}

Result<qint64> AuditLog::insert(const Session& who, const AuditEntry& entry)
{
    // Inside the write transaction (BEGIN IMMEDIATE): no other connection
    // can append between this read and the insert.
    auto last =
        m_db.prepared(QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (Status s = m_db.run(*last); !s)
        return s.error();
    AuditRecord r;
    r.prevHash = genesisHash();
    qint64 lastId = 0;
    if (last->next()) {
        lastId = last->value(0).toLongLong();
        r.prevHash = last->value(1).toString();
    }
    last->finish();
    // AUTOINCREMENT: ids only grow, also past removed rows.
    auto seq =
        m_db.prepared(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'"));
    if (Status s = m_db.run(*seq); !s)
        return s.error();
    const qint64 used = seq->next() ? seq->value(0).toLongLong() : 0;
    seq->finish();
    r.id = std::max(lastId, used) + 1;
    r.at = m_clock.now().toUTC().toString(Qt::ISODateWithMs);
    r.actor = who.actor();
    r.actorRole = who.isSystem() ? QStringLiteral("system") : toString(who.role());
    r.siteCode = entry.siteCode.isEmpty() ? who.siteCode() : entry.siteCode;
    r.window = entry.window.isEmpty() ? who.window() : entry.window;
    r.action = entry.action.trimmed();
    r.subject = entry.subject;
    r.beforeJson = compactJson(entry.before);
    r.afterJson = entry.afterJson.isNull() ? compactJson(entry.after) : entry.afterJson;
    r.hash = chainHash(r.prevHash, r);

    auto q = m_db.prepared(
        QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)")
            .arg(QLatin1String(kColumns)));
    for (const QVariant& v :
         {QVariant(r.id), sqlValue(r.at), sqlValue(r.actor), sqlValue(r.actorRole),
          sqlValue(r.siteCode), sqlValue(r.window), sqlValue(r.action), sqlValue(r.subject),
          sqlValue(r.beforeJson), sqlValue(r.afterJson), sqlValue(r.prevHash), sqlValue(r.hash)})
        q->addBindValue(v);
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return r.id;
}

Result<QList<AuditRecord>> AuditLog::list(const QDateTime& since, int limit) const
{
    QSqlQuery q = m_db.query();
    q.setForwardOnly(true);
    QString sql = QStringLiteral("SELECT %1 FROM audit_log").arg(QLatin1String(kColumns));
    if (since.isValid())
        sql += QStringLiteral(" WHERE at >= ?");
    sql += QStringLiteral(" ORDER BY id");
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);
    q.prepare(sql);
    if (since.isValid())
        q.addBindValue(since.toUTC().toString(Qt::ISODateWithMs));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<AuditRecord> out;
    while (q.next())
        out.append(recordFrom(q));
    return out;
}

Result<AuditVerification> AuditLog::verify() const
{
    // Streamed in id order, one entry at a time: the log grows with every
    // case and is never held in memory whole.
    QSqlQuery q = m_db.query();
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(QLatin1String(kColumns)));
    if (Status s = m_db.run(q); !s)
        return s.error();
    // The entry a hash belongs to (hash is UNIQUE, so indexed): tells a
    // reordering from a removal once the chain breaks.
    auto entryWithHash = [this](const QString& hash) -> qint64 {
        auto f = m_db.prepared(QStringLiteral("SELECT id FROM audit_log WHERE hash = ?"));
        f->addBindValue(hash);
        return f->exec() && f->next() ? f->value(0).toLongLong() : 0;
    };

    AuditVerification v;
    v.head = genesisHash();
    QString prevHash = genesisHash();
    qint64 prevId = 0;
    while (q.next()) {
        const AuditRecord r = recordFrom(q);
        ++v.entries;
        if (r.prevHash != prevHash) {
            v.brokenId = r.id;
            const qint64 writtenAfter = entryWithHash(r.prevHash);
            if (r.id > prevId + 1 && writtenAfter == 0) {
                v.broken = AuditVerification::Break::Removed;
                v.message = r.id == prevId + 2
                                ? tr("Entry %1 follows a removed entry: entry %2 is missing.")
                                      .arg(r.id)
                                      .arg(prevId + 1)
                                : tr("Entry %1 follows removed entries: entries %2 to %3 are "
                                     "missing.")
                                      .arg(r.id)
                                      .arg(prevId + 1)
                                      .arg(r.id - 1);
            } else if (writtenAfter != 0) {
                v.broken = AuditVerification::Break::Reordered;
                v.message = tr("Entry %1 is out of order: it was written after entry %2, not "
                               "after entry %3.")
                                .arg(r.id)
                                .arg(writtenAfter)
                                .arg(prevId);
            } else {
                v.broken = AuditVerification::Break::Unlinked;
                v.message = tr("Entry %1 does not link to entry %2 before it: one of the two "
                               "was changed.")
                                .arg(r.id)
                                .arg(prevId);
            }
            return v;
        }
        if (chainHash(r.prevHash, r) != r.hash) {
            v.broken = AuditVerification::Break::Edited;
            v.brokenId = r.id;
            v.message =
                tr("Entry %1 (%2, %3) was changed after it was written: its content does not "
                   "match its hash.")
                    .arg(r.id)
                    .arg(r.action, r.at);
            return v;
        }
        prevHash = r.hash;
        prevId = r.id;
    }
    v.head = prevHash;
    v.message = tr("The audit log is intact: %n entry(ies).", nullptr, int(v.entries));
    return v;
}

} // namespace ow
