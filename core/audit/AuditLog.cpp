#include "audit/AuditLog.h"

#include "auth/Session.h"
#include "cases/SqlValue.h"
#include "store/JsonWriter.h"

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

// A value as compact JSON text in UTF-8 (QJsonDocument::Compact).
QByteArray compactJson(const QJsonValue& v)
{
    if (v.isNull())
        return QByteArrayLiteral("null");
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    if (v.isArray())
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    // A scalar: wrapped in an array, then unwrapped, so it is valid JSON text.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// The canonical content (see AuditLog::canonical()), with the JSON texts
// given as UTF-8 when the caller has them so (`before`, `after`), taken
// from the record otherwise. The same bytes as a QJsonArray of the values
// written by QJsonDocument::Compact.
QByteArray canonicalText(const AuditRecord& r, const QByteArray* before, const QByteArray* after)
{
    QByteArray out;
    out.reserve(256 + (before ? before->size() : r.beforeJson.size() * 3) +
                (after ? after->size() : r.afterJson.size() * 3) * 9 / 8);
    // Version 1. The JSON texts are taken as stored, never re-serialised.
    out.append("[1,\"", 4);
    out.append(QByteArray::number(r.id));
    out.append('"');
    for (const QString* s :
         {&r.at, &r.actor, &r.actorRole, &r.siteCode, &r.window, &r.action, &r.subject}) {
        out.append(',');
        JsonWriter::appendString(out, *s);
    }
    out.append(',');
    if (before)
        JsonWriter::appendStringUtf8(out, *before);
    else
        JsonWriter::appendString(out, r.beforeJson);
    out.append(',');
    if (after)
        JsonWriter::appendStringUtf8(out, *after);
    else
        JsonWriter::appendString(out, r.afterJson);
    out.append(']');
    return out;
}

QString hashOver(const QString& prevHash, const QByteArray& canonical)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prevHash.toLatin1());
    h.addData(canonical);
    return QString::fromLatin1(h.result().toHex());
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
    return canonicalText(r, nullptr, nullptr);
}

QString AuditLog::chainHash(const QString& prevHash, const AuditRecord& record)
{
    return hashOver(prevHash, canonical(record));
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
    AuditRecord r;
    r.prevHash = genesisHash();
    qint64 lastId = 0;
    {
        SqlStatement last = m_db.direct("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last.next()) {
            lastId = last.int64(0);
            r.prevHash = last.string(1);
        }
        if (!last.status())
            return last.status().error();
    }
    // AUTOINCREMENT: ids only grow, also past removed rows.
    qint64 used = 0;
    {
        SqlStatement seq = m_db.direct("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
        if (seq.next())
            used = seq.int64(0);
        if (!seq.status())
            return seq.status().error();
    }
    r.id = std::max(lastId, used) + 1;
    r.at = m_clock.now().toUTC().toString(Qt::ISODateWithMs);
    r.actor = who.actor();
    r.actorRole = who.isSystem() ? QStringLiteral("system") : toString(who.role());
    r.siteCode = entry.siteCode.isEmpty() ? who.siteCode() : entry.siteCode;
    r.window = entry.window.isEmpty() ? who.window() : entry.window;
    r.action = entry.action.trimmed();
    r.subject = entry.subject;
    const QByteArray before = compactJson(entry.before);
    const QByteArray after = entry.afterJson.isNull() ? compactJson(entry.after) : entry.afterJson;
    r.hash = hashOver(r.prevHash, canonicalText(r, &before, &after));

    SqlStatement q = m_db.direct(QByteArray("INSERT INTO audit_log (") + kColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.integer(r.id)
        .text(r.at)
        .text(r.actor)
        .text(r.actorRole)
        .text(r.siteCode)
        .text(r.window)
        .text(r.action)
        .text(r.subject)
        .utf8(before)
        .utf8(after)
        .text(r.prevHash)
        .text(r.hash);
    if (Status s = q.run(); !s)
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
