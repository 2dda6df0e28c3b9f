// The centre's history. The centre can go back in time: restored from last
// night's backup, a standby promoted before it had the last commits, a
// primary that acknowledged a commit and died. Its answers are then no
// proof that it still has what it answered, so the counter keeps every
// answered operation (Outbox's kept journal) until the centre says a
// finished backup holds it, and on each new connection checks that the
// centre still has the last one; if not, it asks which of those it keeps
// are missing and sends them again (the centre applies each once, by its
// op_id). The change log's side (a cursor the log no longer holds) comes
// back from the pull as "rewound", and a fresh snapshot replaces it.
#include "audit/AuditLog.h"
#include "auth/Session.h"
#include "cases/CaseRecord.h"
#include "sync/SyncEngine.h"
#include "sync/SyncEngineDetail.h"
#include "sync/SyncStore.h"

#include <QJsonDocument>

namespace ow {

using namespace sync_detail;

namespace {

constexpr int kAskAtOnce = 5000; // op ids per ow_api.missing_operations call

QString compact(const QJsonObject& o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Status SyncEngine::checkCentre(const QJsonObject& centre)
{
    SyncStore store(m_db);
    Outbox outbox(m_db);
    auto st = store.state();
    if (!st)
        return st.error();
    const QJsonObject identity{
        {QStringLiteral("epoch"), centre.value(QStringLiteral("epoch"))},
        {QStringLiteral("system_identifier"), centre.value(QStringLiteral("system_identifier"))},
        {QStringLiteral("timeline"), centre.value(QStringLiteral("timeline"))}};
    const QString identityText = compact(identity);
    const QJsonObject before = QJsonDocument::fromJson(st->centreIdentity.toUtf8()).object();
    QString kind;
    if (!st->centreIdentity.isEmpty() && identityText != st->centreIdentity) {
        if (before.value(QStringLiteral("epoch")) != identity.value(QStringLiteral("epoch")))
            kind = centre.value(QStringLiteral("epoch_reason")).toString() == QLatin1String("moved")
                       ? QStringLiteral("moved")
                       : QStringLiteral("restored");
        else
            kind = QStringLiteral("failover");
    }

    // The centre applies a counter's operations in the order sent, and
    // whatever it lost is a tail of its history: when it has the last
    // operation it answered, it has every earlier one.
    auto last = outbox.lastKept();
    if (!last)
        return last.error();
    QStringList missing;
    if (!last->isEmpty()) {
        auto gone = m_gateway.missingOperations(m_counterId, {*last});
        if (!gone)
            return gone.error();
        if (!gone->isEmpty()) {
            qint64 after = 0;
            for (;;) {
                auto chunk = outbox.kept(after, kAskAtOnce);
                if (!chunk)
                    return chunk.error();
                if (chunk->first.isEmpty())
                    break;
                auto some = m_gateway.missingOperations(m_counterId, chunk->first);
                if (!some)
                    return some.error();
                missing += *some;
                after = chunk->second;
            }
        }
    }

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    int resent = 0;
    if (!missing.isEmpty()) {
        auto moved = outbox.resend(missing);
        if (!moved)
            return moved.error();
        resent = *moved;
        m_resent += resent;
    }
    if (!kind.isEmpty() || !missing.isEmpty()) {
        // What the centre answered before belongs to a history it left:
        // kept until a backup made from now on holds it.
        const qint64 now = centre.value(QStringLiteral("xid")).toString().toLongLong();
        if (now > 0)
            if (Status s = outbox.restampKept(now); !s)
                return s;
        if (Status s = store.setBackupXid(0); !s)
            return s;
        if (kind.isEmpty())
            kind = QStringLiteral("lost");
        QJsonObject event{{QStringLiteral("kind"), kind},
                          {QStringLiteral("at"), storedTime(m_clock.now())},
                          {QStringLiteral("resent"), resent},
                          {QStringLiteral("before"), before},
                          {QStringLiteral("after"), identity}};
        if (Status s = recordCentreEvent(event, QStringLiteral("sync.centre_") + kind); !s)
            return s;
    }
    if (identityText != st->centreIdentity)
        if (Status s = store.setCentreIdentity(identityText); !s)
            return s;
    if (Status s = tx.commit(); !s)
        return s;
    return forgetBackedUp(centre.value(QStringLiteral("backup_xmin")).toString());
}

Status SyncEngine::forgetBackedUp(const QString& backupXmin)
{
    const qint64 xid = backupXmin.toLongLong();
    if (xid <= 0)
        return {};
    SyncStore store(m_db);
    auto st = store.state();
    if (!st)
        return st.error();
    if (xid <= st->backupXid)
        return {};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (auto n = Outbox(m_db).forgetBackedUp(xid); !n)
        return n.error();
    if (Status s = store.setBackupXid(xid); !s)
        return s;
    return tx.commit();
}

Status SyncEngine::forgetExpired()
{
    if (m_keepDays <= 0)
        return {};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto dropped = Outbox(m_db).forgetOlderThan(m_clock.now().addDays(-m_keepDays));
    if (!dropped)
        return dropped.error();
    if (*dropped > 0) {
        QJsonObject event{{QStringLiteral("kind"), QStringLiteral("expired")},
                          {QStringLiteral("at"), storedTime(m_clock.now())},
                          {QStringLiteral("dropped"), *dropped},
                          {QStringLiteral("days"), m_keepDays}};
        if (Status s = recordCentreEvent(event, QStringLiteral("sync.kept_expired")); !s)
            return s;
    }
    return tx.commit();
}

// The pull found the change log behind the cursor: the snapshot that
// follows replaces what the cursor promised.
Status SyncEngine::noteRewound()
{
    QJsonObject event = m_passEvent;
    if (event.isEmpty())
        event = {{QStringLiteral("kind"), QStringLiteral("rewound")},
                 {QStringLiteral("at"), storedTime(m_clock.now())}};
    event.insert(QStringLiteral("snapshot"), true);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = recordCentreEvent(event, QStringLiteral("sync.centre_rewound")); !s)
        return s;
    return tx.commit();
}

// Kept for the sync page, and in the audit log (in the caller's transaction).
Status SyncEngine::recordCentreEvent(QJsonObject event, const QString& action)
{
    m_passEvent = event;
    if (Status s = SyncStore(m_db).setCentreEvent(event); !s)
        return s;
    AuditEntry entry(action, m_siteCode, QJsonValue::Null, event);
    if (auto a = AuditLog(m_db, m_clock).append(Session::system(), entry); !a)
        return a.error();
    return {};
}

} // namespace ow
