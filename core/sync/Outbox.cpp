#include "sync/Outbox.h"

#include "cases/CaseRecord.h"
#include "cases/SqlValue.h"
#include "store/Uuid.h"

#include <QJsonDocument>

namespace ow {

namespace {

// Times of the kept journal, compared as text: always in UTC.
QString utcText(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODate);
}

} // namespace

Outbox::Outbox(Database& db) : m_db(db) {}

Result<QString> Outbox::add(const QString& entity, const QString& entityId,
                            const QJsonObject& payload, const QDateTime& at)
{
    return addText(entity, entityId, QJsonDocument(payload).toJson(QJsonDocument::Compact), at);
}

Result<QString> Outbox::addText(const QString& entity, const QString& entityId,
                                QByteArrayView payloadJson, const QDateTime& at)
{
    const QString opId = newUuidV7();
    SqlStatement q =
        m_db.direct("INSERT INTO outbox (op_id, entity, entity_id, payload, created_at) "
                    "VALUES (?, ?, ?, ?, ?)");
    q.text(opId).text(entity).text(entityId).utf8(payloadJson).text(storedTime(at));
    if (Status s = q.run(); !s)
        return s.error();
    return opId;
}

Result<QList<Outbox::Entry>> Outbox::pending(int limit, qint64 afterSeq) const
{
    QSqlQuery q = m_db.query();
    // The payload as the bytes stored (UTF-8): read as text, the driver
    // would convert megabytes to UTF-16 and the parser back again.
    q.prepare(QStringLiteral("SELECT seq, op_id, entity, entity_id, CAST(payload AS BLOB), "
                             "created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(sqlValue(afterSeq));
    q.addBindValue(sqlValue(limit));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<Entry> out;
    while (q.next()) {
        Entry e;
        e.seq = q.value(0).toLongLong();
        e.opId = q.value(1).toString();
        e.entity = q.value(2).toString();
        e.entityId = q.value(3).toString();
        e.payload = QJsonDocument::fromJson(q.value(4).toByteArray()).object();
        e.createdAt = fromStoredTime(q.value(5).toString());
        out.append(e);
    }
    return out;
}

Result<int> Outbox::count() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM outbox")))
        return m_db.errorFrom(q);
    return q.next() ? q.value(0).toInt() : 0;
}

Status Outbox::remove(const QString& opId)
{
    auto q = m_db.prepared(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"));
    q->addBindValue(sqlValue(opId));
    return m_db.run(*q);
}

Status Outbox::remove(const QStringList& opIds)
{
    if (opIds.isEmpty())
        return {};
    auto q = m_db.prepared(
        QStringLiteral("DELETE FROM outbox WHERE op_id IN (SELECT value FROM json_each(?))"));
    q->addBindValue(sqlJsonList(opIds));
    return m_db.run(*q);
}

Result<bool> Outbox::hasPending(const QString& entity, const QString& entityId) const
{
    auto q = m_db.prepared(
        QStringLiteral("SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? LIMIT 1"));
    q->addBindValue(sqlValue(entity));
    q->addBindValue(sqlValue(entityId));
    if (Status s = m_db.run(*q); !s)
        return s.error();
    return q->next();
}

Result<QList<QDateTime>> Outbox::ages() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT created_at FROM outbox ORDER BY seq")))
        return m_db.errorFrom(q);
    QList<QDateTime> out;
    while (q.next())
        out.append(fromStoredTime(q.value(0).toString()));
    return out;
}

Status Outbox::keepAnswered(const QStringList& opIds, const QDateTime& at, qint64 centreXid)
{
    if (opIds.isEmpty())
        return {};
    auto keep = m_db.prepared(QStringLiteral(
        "INSERT OR REPLACE INTO outbox_sent (seq, op_id, entity, entity_id, payload, created_at, "
        "answered_at, centre_xid) SELECT seq, op_id, entity, entity_id, payload, created_at, ?, ? "
        "FROM outbox WHERE op_id IN (SELECT value FROM json_each(?))"));
    keep->addBindValue(sqlValue(utcText(at)));
    keep->addBindValue(sqlValue(centreXid));
    keep->addBindValue(sqlJsonList(opIds));
    if (Status s = m_db.run(*keep); !s)
        return s;
    return remove(opIds);
}

Result<QString> Outbox::lastKept() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT op_id FROM outbox_sent ORDER BY seq DESC LIMIT 1")))
        return m_db.errorFrom(q);
    return q.next() ? q.value(0).toString() : QString();
}

Result<std::pair<QStringList, qint64>> Outbox::kept(qint64 afterSeq, int limit) const
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT seq, op_id FROM outbox_sent WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(sqlValue(afterSeq));
    q.addBindValue(sqlValue(limit));
    if (Status s = m_db.run(q); !s)
        return s.error();
    std::pair<QStringList, qint64> out{{}, afterSeq};
    while (q.next()) {
        out.second = q.value(0).toLongLong();
        out.first << q.value(1).toString();
    }
    return out;
}

Result<int> Outbox::resend(const QStringList& opIds)
{
    if (opIds.isEmpty())
        return 0;
    auto back = m_db.prepared(QStringLiteral(
        "INSERT OR IGNORE INTO outbox (seq, op_id, entity, entity_id, payload, created_at) "
        "SELECT seq, op_id, entity, entity_id, payload, created_at FROM outbox_sent "
        "WHERE op_id IN (SELECT value FROM json_each(?))"));
    back->addBindValue(sqlJsonList(opIds));
    if (Status s = m_db.run(*back); !s)
        return s.error();
    const int moved = back->numRowsAffected();
    auto gone = m_db.prepared(
        QStringLiteral("DELETE FROM outbox_sent WHERE op_id IN (SELECT value FROM json_each(?))"));
    gone->addBindValue(sqlJsonList(opIds));
    if (Status s = m_db.run(*gone); !s)
        return s.error();
    return moved;
}

Status Outbox::restampKept(qint64 xid)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE outbox_sent SET centre_xid = ?"));
    q.addBindValue(sqlValue(xid));
    return m_db.run(q);
}

Result<int> Outbox::forgetBackedUp(qint64 xid)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("DELETE FROM outbox_sent WHERE centre_xid > 0 AND centre_xid < ?"));
    q.addBindValue(sqlValue(xid));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.numRowsAffected();
}

Result<int> Outbox::forgetOlderThan(const QDateTime& before)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("DELETE FROM outbox_sent WHERE answered_at < ?"));
    q.addBindValue(sqlValue(utcText(before)));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.numRowsAffected();
}

Result<Outbox::KeptSummary> Outbox::keptSummary() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT count(*), min(answered_at) FROM outbox_sent")))
        return m_db.errorFrom(q);
    KeptSummary k;
    if (q.next()) {
        k.count = q.value(0).toInt();
        if (k.count > 0)
            k.oldest = fromStoredTime(q.value(1).toString());
    }
    return k;
}

} // namespace ow
