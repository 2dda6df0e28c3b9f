#pragma once

#include "sync/SyncGateway.h"

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
    Result<QList<PushAnswer>> push(const QJsonArray& operations) override;
    Result<PullPage> pull(const QString& afterXid, qint64 afterId, int maxRows) override;
    Result<SnapshotPage> snapshot(const QString& section, const QString& afterKey,
                                  int maxRows) override;
    Status acknowledge(const QString& counterId, const QString& xid, qint64 id) override;
    Status heartbeat(const QString& counterId, int outboxPending, int quarantined) override;
    void disconnect() override;

private:
    Result<QJsonValue> call(const QString& sql, const QVariantList& values);

    QString m_url;
    std::unique_ptr<CentralConnection> m_c;
};

} // namespace ow
