#pragma once

#include "store/Database.h"
#include "sync/Outbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace ow {

// This counter's place in the exchange with the centre (db/local/004_sync.sql).
struct SyncState
{
    QString counterId;
    QString cursorXid = QStringLiteral("0");
    qint64 cursorId = 0;
    bool snapshotDone = false;
    QDateTime lastSuccess;
    QString lastError;
    QDateTime lastErrorAt;
    // Who the centre was at the last connection (compact JSON: epoch,
    // system identifier, timeline); empty before the first.
    QString centreIdentity;
    // Every answer of the centre below this transaction is in a finished
    // backup (0: none known).
    qint64 backupXid = 0;
    // The last thing that happened to the centre's history, as the sync
    // page tells it (describeCentreEvent); empty when nothing did.
    QJsonObject centreEvent;
};

// The sentence for a centre event, in the clerk's words: "The centre was
// restored from a backup; 37 records were sent again." Empty for none.
QString describeCentreEvent(const QJsonObject& event);

// An operation the centre refused, with its reason.
struct QuarantineEntry
{
    QString opId;
    QString entity;
    QString entityId;
    QJsonObject payload;
    QDateTime createdAt;
    QString reason;  // stale_version, case_number_taken, ...
    QString message; // the centre's sentence
    QJsonObject params; // the values it names (empty from an older centre)
    QDateTime rejectedAt;
};

// The only code that reads or writes the sync tables. Calls that change
// several rows expect the caller's Transaction.
class SyncStore
{
    Q_DECLARE_TR_FUNCTIONS(ow::SyncStore)

public:
    explicit SyncStore(Database& db);

    // The state, created with a new counter id on first use.
    Result<SyncState> state();
    Status setCursor(const QString& xid, qint64 id);
    Status setSnapshotDone(bool done);
    Status recordSuccess(const QDateTime& at);
    Status recordError(const QString& message, const QDateTime& at);
    Status setCentreIdentity(const QString& identityJson);
    Status setBackupXid(qint64 xid);
    Status setCentreEvent(const QJsonObject& event);

    // Moves an outbox entry to the quarantine.
    Status quarantine(const Outbox::Entry& entry, const QString& reason, const QString& message,
                      const QDateTime& at, const QJsonObject& params = {});
    Result<QList<QuarantineEntry>> quarantined() const;
    Result<int> quarantineCount() const;

    // The centre's status version of a local case, when known.
    Result<std::optional<int>> centralVersion(const QString& caseId) const;
    Status setCentralVersion(const QString& caseId, int version);
    // The same for many cases in one statement: (case id, version) pairs.
    Status setCentralVersions(const QList<std::pair<QString, int>>& versions);

    Status putCalendarYear(int year, int version, const QString& daysJson);
    Status putCreditGrade(const QString& creditCode, const QString& grade, int version,
                          const QString& note);
    // The grade the centre published for a credit code ("" when none).
    Result<QString> creditGrade(const QString& creditCode) const;
    // What the centre says of a credit code: nullopt when it never graded
    // it, "" when it removed the grade, else the grade.
    Result<std::optional<QString>> publishedCreditGrade(const QString& creditCode) const;

private:
    Database& m_db;
};

} // namespace ow
