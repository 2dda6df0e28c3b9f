#pragma once

#include "store/Result.h"
#include "sync/SyncEngine.h"
#include "sync/SyncSettings.h"
#include "sync/SyncStore.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <memory>

namespace ow {

// What the status bar and the sync panel show.
struct SyncStatus
{
    enum class State {
        Starting, // no pass finished yet
        Syncing,
        Online,
        Offline, // the centre cannot be reached: since offlineSince
        Failing, // the centre answered with an error
    };
    State state = State::Starting;
    QDateTime offlineSince;
    QDateTime lastSuccess;
    QString lastError; // in plain words; empty after a good pass
    int pending = 0;   // outbox entries waiting
    // Waiting for less than an hour, an hour to a day, more than a day.
    int pendingUnderHour = 0;
    int pendingUnderDay = 0;
    int pendingOlder = 0;
    QDateTime oldestPending;
    int quarantined = 0;
    QList<QuarantineEntry> quarantine; // the newest 100
    // Page images waiting for the centre: how many, their bytes, the oldest.
    int pagesWaiting = 0;
    qint64 pagesWaitingBytes = 0;
    QDateTime pagesOldest;
    // What happened to the centre's history last (describeCentreEvent).
    QString centreEvent;
    QDateTime centreEventAt;
    // Answered, kept until a backup of the centre holds them.
    int kept = 0;
    QDateTime keptOldest;
    int failures = 0;                  // passes failed in a row
    qint64 retryInMs = 0;              // until the next pass
    QString snapshotSection;           // while a first download runs
    int snapshotRows = 0;
    // The settings keep the counter from its centre (no pass connects).
    SyncSetupProblem setup;
};

// What a worker needs; from SyncSettings, or given by a test.
struct SyncWorkerOptions
{
    QString storePath; // the worker opens its own connection
    QString url;       // with the credential
    QString siteCode;
    QString counterName;
    int intervalMs = 30000;    // between passes while online
    int backoffBaseMs = 1000;  // first retry after a failure (before jitter)
    int backoffMaxMs = 300000; // the longest wait between retries
    int batchSize = 1000;
    int keepDays = 30; // answered operations kept for a centre's restore
    int pageKbps = 0;  // the page upload's bandwidth cap (0: none)
    // When the settings give no usable address: each pass reports it and
    // connects to nothing (SyncSettings::setupProblem).
    SyncSetupProblem setup;
};

class SyncRunner;

// Runs SyncEngine passes on a thread of its own, with its own store
// connection and gateway, never blocking the caller's thread: one pass
// right away, then one every interval; after a failure, retries with
// exponential backoff and jitter until the centre answers again.
// Signals arrive in the thread that created the worker.
class SyncWorker : public QObject
{
    Q_OBJECT
public:
    explicit SyncWorker(SyncWorkerOptions options, QObject* parent = nullptr);
    ~SyncWorker() override;

    void start();
    // Stops after the pass that runs, if any; waits for the thread.
    void stop();
    // A pass now (after an acceptance, or the clerk's click).
    void syncNow();
    // Changes the address (a test makes the centre come back).
    void setUrl(const QString& url);

    SyncStatus status() const;

    // The same counts, read from a store (the CLI, the panel before a pass).
    static Result<SyncStatus> readStatus(Database& db, const QDateTime& now);

    // The delay before retry `failures` (1, 2, ...): base * 2^(failures-1),
    // at most `max`, then a random part of it between half and all.
    static qint64 backoffMs(int failures, int baseMs, int maxMs);

signals:
    void statusChanged(const ow::SyncStatus& status);
    void passFinished(bool ok);
    // The catalogue changed in the store: reload it (CatalogueService::reload).
    void catalogueChanged();
    // The back office moved local cases.
    void casesChanged();

private:
    friend class SyncRunner;
    void publish(const SyncStatus& status);

    SyncWorkerOptions m_options;
    QThread m_thread;
    SyncRunner* m_runner = nullptr;
    mutable QMutex m_mutex;
    SyncStatus m_status;
};

} // namespace ow

Q_DECLARE_METATYPE(ow::SyncStatus)
