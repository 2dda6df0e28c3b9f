#pragma once

#include "store/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ow {

// Operations waiting to reach the central database. add() is called inside
// the Transaction that writes the business rows, so the two commit or roll
// back together; the sync worker removes an entry once the centre answered.
class Outbox
{
public:
    explicit Outbox(Database& db);

    // Queues `payload` for `entity` ("case", "applicant", ...) `entityId`;
    // returns the operation id (UUIDv7) the centre uses to apply it once.
    Result<QString> add(const QString& entity, const QString& entityId, const QJsonObject& payload,
                        const QDateTime& at);
    // The same with the payload already in its compact JSON text in UTF-8
    // (QJsonDocument::Compact, or caseJsonText()), for a caller that needs
    // that text too. Stored as it is.
    Result<QString> addText(const QString& entity, const QString& entityId,
                            QByteArrayView payloadJson, const QDateTime& at);

    struct Entry
    {
        qint64 seq = 0;
        QString opId;
        QString entity;
        QString entityId;
        QJsonObject payload;
        QDateTime createdAt;
    };
    // The oldest `limit` entries, in the order they were written.
    // The oldest entries after `afterSeq` (all when 0), in order.
    Result<QList<Entry>> pending(int limit = 100, qint64 afterSeq = 0) const;
    Result<int> count() const;
    // Removes the entry once the centre answered it.
    Status remove(const QString& opId);
    Status remove(const QStringList& opIds);
    // Whether an entry for `entity` `entityId` still waits.
    Result<bool> hasPending(const QString& entity, const QString& entityId) const;
    // The creation times of every waiting entry, oldest first.
    Result<QList<QDateTime>> ages() const;

    // The kept journal (table outbox_sent): what the centre answered, kept
    // until a backup of the centre holds it, to be sent again if the centre
    // goes back in time. Entries keep their outbox seq (their order).

    // Moves answered entries from the outbox to the journal, with the time
    // of the answer and the centre's transaction (0 when unknown).
    Status keepAnswered(const QStringList& opIds, const QDateTime& at, qint64 centreXid);
    // The op id of the newest kept entry; empty when none is kept.
    Result<QString> lastKept() const;
    // Kept op ids after `afterSeq` in order, at most `limit`, with the seq
    // of the last one returned.
    Result<std::pair<QStringList, qint64>> kept(qint64 afterSeq, int limit) const;
    // Moves kept entries back to the outbox, where they are sent again in
    // their old order; returns how many moved.
    Result<int> resend(const QStringList& opIds);
    // Every kept entry counted as answered by the centre's transaction
    // `xid` (the centre's history changed: its old numbers mean nothing).
    Status restampKept(qint64 xid);
    // Forgets the entries a finished backup holds (answered below `xid`).
    Result<int> forgetBackedUp(qint64 xid);
    // Forgets entries answered before `before`, backed up or not.
    Result<int> forgetOlderThan(const QDateTime& before);
    struct KeptSummary
    {
        int count = 0;
        QDateTime oldest; // invalid when none is kept
    };
    Result<KeptSummary> keptSummary() const;

private:
    Database& m_db;
};

} // namespace ow
