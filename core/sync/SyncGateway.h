#pragma once

#include "store/Result.h"
#include "sync/PushBatch.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace ow {

// The centre's answer to one pushed operation.
struct PushAnswer
{
    QString opId;
    QString result; // "applied", "duplicate" (applied before) or "rejected"
    QString reason; // for "rejected": stale_version, case_number_taken, ...
    QString message;
    QJsonObject params; // for "rejected": the values the message names (centre 010 on)
    QJsonObject body; // the whole answer (case_uuid, status, status_version, ...)
    // The centre's transaction that answered (xid8 as text; empty from a
    // centre that does not say): a backup begun after it holds the answer.
    QString centreXid;
    bool rejected() const { return result == QLatin1String("rejected"); }
};

// One page of the change log.
struct PullPage
{
    bool snapshotRequired = false;
    QJsonArray changes; // {xid, id, kind, key, payload}, in (xid, id) order
    QString nextXid;
    qint64 nextId = 0;
    bool more = false;
    // The cursor names a change the log no longer holds: the centre went
    // back in time (a restore, a standby promoted with lag).
    bool rewound = false;
    // Every transaction below this one is in a finished backup of the
    // centre (xid8 as text; empty when none is known).
    QString backupXmin;
};

// One page of a snapshot section.
struct SnapshotPage
{
    QJsonArray rows;
    QString nextKey;
    bool done = true;
    QString cursorXid;
    qint64 cursorId = 0;
};

// Where an upload of a page stands at the centre.
struct PageUploadState
{
    bool held = false;   // the centre holds the whole page for this site
    qint64 received = 0; // bytes of it stored so far: the upload resumes here
};

// How a counter talks to the centre. The engine sees only this interface:
// the PostgreSQL gateway calls the centre's API functions; another
// transport (HTTPS) would implement the same calls.
//
// A call that fails because the centre cannot be reached returns an error
// of kind Network; the next call connects again.
class SyncGateway
{
public:
    virtual ~SyncGateway() = default;

    // Announces this counter PC (its id, name, program version) for `siteCode`.
    virtual Result<QJsonObject> registerCounter(const QString& siteCode, const QString& counterId,
                                                const QString& counterName,
                                                const QString& appVersion) = 0;
    // Sends a batch of operations (PushBatch: the new cases as columns, the
    // rest as JSON); the centre applies it in one transaction and answers
    // each operation, in order. In two halves, so that the counter can
    // prepare its next batch while the centre applies this one:
    // startPush() sends, finishPush() waits for the answers. One push at a
    // time: every startPush() that succeeded is followed by a finishPush()
    // (or a disconnect()).
    virtual Status startPush(const PushBatch& batch) = 0;
    virtual Result<QList<PushAnswer>> finishPush() = 0;
    virtual Result<PullPage> pull(const QString& afterXid, qint64 afterId, int maxRows) = 0;
    virtual Result<SnapshotPage> snapshot(const QString& section, const QString& afterKey,
                                          int maxRows) = 0;
    virtual Status acknowledge(const QString& counterId, const QString& xid, qint64 id) = 0;
    virtual Status heartbeat(const QString& counterId, int outboxPending, int quarantined) = 0;
    // Which of `opIds` (operations this counter was answered for) the
    // centre does not have, in the order given.
    virtual Result<QStringList> missingOperations(const QString& counterId,
                                                  const QStringList& opIds) = 0;
    // Page images (材料电子化), in resumable chunks, each stored at the
    // centre on its own; then the case's page list. A centre without pages
    // (before its migration 012) refuses them; cases go on as before.
    virtual Result<PageUploadState> pageUploadBegin(const QString& sha256, const QString& format,
                                                    qint64 bytes)
    {
        Q_UNUSED(sha256)
        Q_UNUSED(format)
        Q_UNUSED(bytes)
        return pagesUnsupported();
    }
    // Stores `data` at byte `at`; returns the bytes the centre has now.
    virtual Result<qint64> pageUploadChunk(const QString& sha256, qint64 at, const QByteArray& data)
    {
        Q_UNUSED(sha256)
        Q_UNUSED(at)
        Q_UNUSED(data)
        return pagesUnsupported();
    }
    virtual Status pageUploadFinish(const QString& sha256)
    {
        Q_UNUSED(sha256)
        return pagesUnsupported();
    }
    // Replaces the page list of the case: [{material, position, sha256}].
    virtual Status putCasePages(const QString& caseId, const QByteArray& pagesJson)
    {
        Q_UNUSED(caseId)
        Q_UNUSED(pagesJson)
        return pagesUnsupported();
    }

    // Whether a connection is open: after one was lost or dropped, the
    // next call opens another, possibly to another server.
    virtual bool connected() const = 0;
    // Drops the connection (the next call connects again).
    virtual void disconnect() = 0;

protected:
    static Error pagesUnsupported()
    {
        return Error{Error::Kind::Conflict, QStringLiteral("pages unsupported"), {}};
    }
};

} // namespace ow
