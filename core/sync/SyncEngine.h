#pragma once

#include "applicants/Applicant.h"
#include "store/Clock.h"
#include "store/Database.h"
#include "sync/Outbox.h"
#include "sync/SyncGateway.h"

#include <QHash>
#include <QString>
#include <functional>

namespace ow {

// What one pass did.
struct SyncPassReport
{
    int sent = 0;        // operations sent
    int applied = 0;     // answered 'applied'
    int duplicates = 0;  // answered 'duplicate': applied by an earlier send
    int quarantined = 0; // refused for a business reason
    int changes = 0;     // pulled changes applied
    int skipped = 0;     // pulled changes this program cannot use
    bool snapshot = false;
    int pagesSent = 0;     // page images the centre now holds
    qint64 pageBytes = 0;  // their bytes sent in this pass
    int casePageLists = 0; // cases whose page list the centre now has
    bool catalogueChanged = false;
    int caseStatusChanges = 0; // local cases moved by the back office
    // Sent again because the centre had lost them (a restore, a failover).
    int resent = 0;
    // What happened to the centre's history, in the clerk's words; empty
    // when nothing did.
    QString centreEvent;
};

// Points where a test can make a pass fail (or the process die).
enum class SyncFaultPoint {
    BeforePush,      // a batch is ready to be sent
    AfterPush,       // the centre committed the batch, the answer is not yet stored
    BeforePageCommit // a pulled page is applied but not yet committed
};

// The counter's side of the exchange with the centre, on one store
// connection and one gateway, both used in the calling thread. No widgets,
// no timers: SyncWorker runs it on its thread.
//
// Up: outbox entries are sent in batches; the answer to each is stored
// (entry deleted, or moved to the quarantine with its reason) in one local
// transaction after the centre committed; an entry whose answer was lost is
// sent again and answered 'duplicate'. Down: pages of the change log are
// applied together with the new cursor in one local transaction; a new
// counter, or one the centre pruned past, first loads a snapshot.
// Nothing here compares clocks.
class SyncEngine
{
public:
    SyncEngine(Database& db, SyncGateway& gateway, QString siteCode,
               const Clock& clock = Clock::system());

    void setBatchSize(int n) { m_batchSize = n; }
    void setPageSize(int n) { m_pageSize = n; }
    void setCounterName(const QString& name) { m_counterName = name; }
    // How long answered operations are kept for a centre's restore when
    // the centre confirms no backup of them (sync.ini keep_days).
    void setKeepDays(int days) { m_keepDays = days; }
    // The page upload (PageUploader) that follows the cases in each pass:
    // its bandwidth cap (bytes a second, 0: none), the bytes one pass sends
    // at most, and a hook after every chunk stored (tests).
    void setPageBytesPerSecond(qint64 rate) { m_pageRate = rate; }
    void setPageBudget(qint64 bytes) { m_pageBudget = bytes; }
    void setPageChunkHook(std::function<Status(const QString&, qint64)> hook)
    {
        m_pageHook = std::move(hook);
    }
    // Called at each fault point; an error returned aborts the pass there.
    void setFaultHook(std::function<Status(SyncFaultPoint)> hook) { m_fault = std::move(hook); }
    // Snapshot progress: section, rows so far in that section.
    void setProgress(std::function<void(const QString&, int)> progress)
    {
        m_progress = std::move(progress);
    }

    // Registers, uploads everything waiting, downloads everything new.
    Result<SyncPassReport> runOnce();

    // The counter moves a case (forwards it, the applicant withdraws, ...):
    // the local change and the request to the centre, with the status
    // version the counter saw, in one transaction. The centre decides; a
    // refusal comes back into the quarantine and the back office's status
    // comes down with the next pull.
    static Status requestStatus(Database& db, const QString& caseId, const QString& to,
                                const QString& clerk, const Clock& clock = Clock::system());

    Status registerCounter();
    Status upload(SyncPassReport& report);
    Status download(SyncPassReport& report);

private:
    QJsonObject operationFor(const Outbox::Entry& entry,
                             const QHash<QString, Applicant>& applicants);
    // Outbox entries after `lastSeq` as operations for the centre (at most
    // a batch); empty when nothing is left to send.
    struct Batch
    {
        QList<Outbox::Entry> sent;
        PushBatch push; // the operations for the centre
        qint64 lastSeq = 0;
        bool isEmpty() const { return sent.isEmpty(); }
    };
    Status startPush(const Batch& batch);
    Result<Batch> nextBatch(qint64 afterSeq, SyncPassReport& report);
    Status storeAnswers(const Batch& batch, const QList<PushAnswer>& answers,
                        SyncPassReport& report);
    Status undoRequest(const Outbox::Entry& entry, const QString& reason);
    // The centre's answer about a case: its status and status version there.
    struct CaseAnswer
    {
        QString caseId;
        QString status;
        int version = 0;
    };
    Status reconcile(const QList<CaseAnswer>& answers);
    Status askNextStep(const QString& caseId, const QString& serverStatus, int serverVersion);
    Status applyChanges(const QJsonArray& changes, SyncPassReport& report);
    Status snapshot(SyncPassReport& report);
    Status fault(SyncFaultPoint point);
    // The centre's history (SyncHistory.cpp): who it is now against who it
    // was, what it lost of what it answered (sent again), what a backup
    // holds (forgotten here).
    Status checkCentre(const QJsonObject& centre);
    Status forgetBackedUp(const QString& backupXmin);
    Status forgetExpired();
    Status recordCentreEvent(QJsonObject event, const QString& action);
    Status noteRewound();

    Database& m_db;
    SyncGateway& m_gateway;
    QString m_siteCode;
    const Clock& m_clock;
    QString m_counterId;
    QString m_counterName;
    bool m_registered = false;
    bool m_columns = true; // the centre takes new cases as columns (its schema, at registering)
    int m_batchSize = 1000; // the most ow_api.push_batch takes at a time
    int m_pageSize = 500;
    int m_keepDays = 30;
    int m_schemaVersion = 0; // the centre's, as it said at registration
    // The centre's schema that takes page images (db/central/012).
    static constexpr int kPagesSchema = 12;
    qint64 m_pageRate = 0;
    qint64 m_pageBudget = 64LL * 1024 * 1024;
    std::function<Status(const QString&, qint64)> m_pageHook;
    int m_resent = 0;        // sent again in this pass
    QJsonObject m_passEvent; // the centre event of this pass, if any
    std::function<Status(SyncFaultPoint)> m_fault;
    std::function<void(const QString&, int)> m_progress;
};

} // namespace ow
