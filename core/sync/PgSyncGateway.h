#pragma once

#include "sync/SyncGateway.h"

#include <functional>
#include <memory>

namespace ow {

class CentralConnection;

// The gateway to the central PostgreSQL database through the site's own
// login (Qt's QPSQL driver). Calls only the ow_api functions. Opens its
// connection on first use, in the thread that uses it, and again after the
// connection was lost.
class PgSyncGateway final : public SyncGateway
{
public:
    explicit PgSyncGateway(QString url);
    ~PgSyncGateway() override;

    Result<QJsonObject> registerCounter(const QString& siteCode, const QString& counterId,
                                        const QString& counterName,
                                        const QString& appVersion) override;
    Status startPush(const PushBatch& batch) override;
    Result<QList<PushAnswer>> finishPush() override;
    Result<PullPage> pull(const QString& afterXid, qint64 afterId, int maxRows) override;
    Result<SnapshotPage> snapshot(const QString& section, const QString& afterKey,
                                  int maxRows) override;
    Status acknowledge(const QString& counterId, const QString& xid, qint64 id) override;
    Status heartbeat(const QString& counterId, int outboxPending, int quarantined) override;
    Result<QStringList> missingOperations(const QString& counterId,
                                          const QStringList& opIds) override;
    Result<PageUploadState> pageUploadBegin(const QString& sha256, const QString& format,
                                            qint64 bytes) override;
    Result<qint64> pageUploadChunk(const QString& sha256, qint64 at,
                                   const QByteArray& data) override;
    Status pageUploadFinish(const QString& sha256) override;
    Status putCasePages(const QString& caseId, const QByteArray& pagesJson) override;
    bool connected() const override { return m_c != nullptr; }
    void disconnect() override;

private:
    // Runs `sql` ($1, $2, ... for the values, as text) and returns its JSON answer.
    Result<QJsonValue> call(const char* sql, const QList<QByteArray>& values);
    // Runs `run` on the connection, opened first when there is none, and
    // drops a connection the server or the network lost.
    Result<QJsonValue> withConnection(
        const std::function<Result<QJsonValue>(CentralConnection&)>& run);

    QString m_url;
    qsizetype m_pushing = -1; // operations of the push on its way, -1 when none
    std::unique_ptr<CentralConnection> m_c;
};

} // namespace ow
