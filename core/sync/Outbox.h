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

private:
    Database& m_db;
};

} // namespace ow
