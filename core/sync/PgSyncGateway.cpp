#include "sync/PgSyncGateway.h"

#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <utility>

namespace ow {

namespace {

} // namespace

PgSyncGateway::PgSyncGateway(QString url) : m_url(std::move(url)) {}

PgSyncGateway::~PgSyncGateway() = default;

void PgSyncGateway::disconnect()
{
    m_c.reset();
    m_pushing = -1;
}

Result<QJsonValue> PgSyncGateway::call(const char* sql, const QList<QByteArray>& values)
{
    // One round trip through libpq's unnamed statement: no named prepared
    // statement and no session setting outlives the call, so the calls work
    // through PgBouncer in transaction pooling, where each may run on another
    // server connection.
    return withConnection([&](CentralConnection& c) { return c.callJsonText(sql, values); });
}

Result<QJsonValue> PgSyncGateway::withConnection(
    const std::function<Result<QJsonValue>(CentralConnection&)>& run)
{
    if (!m_c) {
        auto c = CentralConnection::open(m_url);
        if (!c)
            return c.error();
        m_c = std::move(c.value());
    }
    auto r = run(*m_c);
    if (!r) {
        // A lost connection (or one the server ended): connect afresh next time.
        if (r.error().kind == Error::Kind::Network || m_c->isBroken()) {
            m_c.reset();
            Error e = r.error();
            e.kind = Error::Kind::Network;
            return e;
        }
    }
    return r;
}

Result<QJsonObject> PgSyncGateway::registerCounter(const QString& siteCode,
                                                   const QString& counterId,
                                                   const QString& counterName,
                                                   const QString& appVersion)
{
    auto r =
        call("SELECT ow_api.register_site($1, $2::uuid, $3, $4)",
             {siteCode.toUtf8(), counterId.toUtf8(), counterName.toUtf8(), appVersion.toUtf8()});
    if (!r)
        return r.error();
    return r->toObject();
}

Status PgSyncGateway::startPush(const PushBatch& batch)
{
    // A batch is megabytes: handed to libpq as it is, the columns in
    // PostgreSQL's binary format (db/central/009).
    auto sent = withConnection([&](CentralConnection& c) -> Result<QJsonValue> {
        Status s;
        if (batch.columns.isEmpty()) {
            s = c.sendJsonText("SELECT ow_api.push_batch($1::jsonb) || "
                               "jsonb_build_object('xid', pg_current_xact_id()::text)",
                               {batch.operations});
        } else {
            QList<QByteArray> values{batch.operations};
            values.append(batch.columns);
            QList<int> formats(values.size(), 1);
            formats[0] = 0; // the operations: JSON text
            s = c.sendJsonText(
                "SELECT ow_api.push_columns($1::jsonb, $2::integer[], $3::uuid[], $4::uuid[], "
                "$5::text[], $6::text[], $7::text[], $8::text[], $9::integer[], $10::jsonb[], "
                "$11::jsonb[], $12::jsonb[], $13::integer[], $14::text[], $15::text[], "
                "$16::text[], $17::integer[], $18::boolean[], $19::text[], $20::integer[], "
                "$21::jsonb, $22::integer[], $23::integer[], $24::text[], $25::text[], "
                "$26::text[], $27::text[], $28::text[]) || "
                "jsonb_build_object('xid', pg_current_xact_id()::text)",
                values, formats);
        }
        if (!s)
            return s.error();
        return QJsonValue();
    });
    if (!sent)
        return sent.error();
    m_pushing = batch.count;
    return {};
}

Result<QList<PushAnswer>> PgSyncGateway::finishPush()
{
    const qsizetype expected = std::exchange(m_pushing, -1);
    if (expected < 0 || !m_c)
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PgSyncGateway",
                                                 "No push is on its way to the centre."),
                     {}};
    auto r = withConnection([](CentralConnection& c) { return c.receiveJson(); });
    if (!r)
        return r.error();
    const QJsonObject answer = r->toObject();
    const QJsonArray results = answer.value(QStringLiteral("results")).toArray();
    // The transaction that applied the batch (the same as the push's).
    const QString xid = answer.value(QStringLiteral("xid")).toString();
    if (results.size() != expected)
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate("ow::PgSyncGateway",
                                                 "The centre answered %1 of %2 operations.")
                         .arg(results.size())
                         .arg(expected),
                     {}};
    QList<PushAnswer> out;
    out.reserve(results.size());
    for (const QJsonValue& v : results) {
        const QJsonObject o = v.toObject();
        PushAnswer a;
        a.opId = o.value(QStringLiteral("op_id")).toString();
        a.result = o.value(QStringLiteral("result")).toString();
        a.reason = o.value(QStringLiteral("reason")).toString();
        a.message = o.value(QStringLiteral("message")).toString();
        a.params = o.value(QStringLiteral("params")).toObject();
        a.body = o;
        a.centreXid = xid;
        out.append(a);
    }
    return out;
}

Result<PullPage> PgSyncGateway::pull(const QString& afterXid, qint64 afterId, int maxRows)
{
    auto r = call("SELECT ow_api.pull_changes($1::xid8, $2::bigint, $3::integer)",
                  {afterXid.toUtf8(), QByteArray::number(afterId), QByteArray::number(maxRows)});
    if (!r)
        return r.error();
    const QJsonObject o = r->toObject();
    PullPage p;
    p.snapshotRequired = o.value(QStringLiteral("snapshot_required")).toBool();
    p.changes = o.value(QStringLiteral("changes")).toArray();
    p.nextXid = o.value(QStringLiteral("next_xid")).toString();
    p.nextId = o.value(QStringLiteral("next_id")).toInteger();
    p.more = o.value(QStringLiteral("more")).toBool();
    p.rewound = o.value(QStringLiteral("rewound")).toBool();
    p.backupXmin = o.value(QStringLiteral("backup_xmin")).toString();
    return p;
}

Result<SnapshotPage> PgSyncGateway::snapshot(const QString& section, const QString& afterKey,
                                             int maxRows)
{
    auto r = call("SELECT ow_api.snapshot($1, $2, $3::integer)",
                  {section.toUtf8(), afterKey.toUtf8(), QByteArray::number(maxRows)});
    if (!r)
        return r.error();
    const QJsonObject o = r->toObject();
    SnapshotPage p;
    p.rows = o.value(QStringLiteral("rows")).toArray();
    p.nextKey = o.value(QStringLiteral("next_key")).toString();
    p.done = o.value(QStringLiteral("done")).toBool();
    p.cursorXid = o.value(QStringLiteral("cursor_xid")).toString();
    p.cursorId = o.value(QStringLiteral("cursor_id")).toInteger();
    return p;
}

Status PgSyncGateway::acknowledge(const QString& counterId, const QString& xid, qint64 id)
{
    auto r = call("SELECT ow_api.acknowledge($1::uuid, $2::xid8, $3::bigint)",
                  {counterId.toUtf8(), xid.toUtf8(), QByteArray::number(id)});
    if (!r)
        return r.error();
    return {};
}

Status PgSyncGateway::heartbeat(const QString& counterId, int outboxPending, int quarantined)
{
    auto r = call(
        "SELECT ow_api.heartbeat($1::uuid, $2::integer, $3::integer)",
        {counterId.toUtf8(), QByteArray::number(outboxPending), QByteArray::number(quarantined)});
    if (!r)
        return r.error();
    return {};
}

Result<QStringList> PgSyncGateway::missingOperations(const QString& counterId,
                                                     const QStringList& opIds)
{
    // One array literal of UUIDs (they need no quoting).
    const QString ids = QLatin1Char('{') + opIds.join(QLatin1Char(',')) + QLatin1Char('}');
    auto r = call("SELECT ow_api.missing_operations($1::uuid, $2::uuid[])",
                  {counterId.toUtf8(), ids.toUtf8()});
    if (!r)
        return r.error();
    QStringList missing;
    for (const QJsonValue& v : r->toObject().value(QStringLiteral("missing")).toArray())
        missing << v.toString();
    return missing;
}

Result<PageUploadState> PgSyncGateway::pageUploadBegin(const QString& sha256, const QString& format,
                                                       qint64 bytes)
{
    auto r = call("SELECT ow_api.page_upload_begin($1, $2, $3::bigint)",
                  {sha256.toLatin1(), format.toLatin1(), QByteArray::number(bytes)});
    if (!r)
        return r.error();
    const QJsonObject o = r->toObject();
    return PageUploadState{o.value(QStringLiteral("held")).toBool(),
                           qint64(o.value(QStringLiteral("received")).toDouble())};
}

Result<qint64> PgSyncGateway::pageUploadChunk(const QString& sha256, qint64 at,
                                              const QByteArray& data)
{
    // The chunk as a binary parameter: its bytes as they are, no escaping.
    auto r = withConnection([&](CentralConnection& c) -> Result<QJsonValue> {
        if (Status s = c.sendJsonText("SELECT ow_api.page_upload_chunk($1, $2::bigint, $3::bytea)",
                                      {sha256.toLatin1(), QByteArray::number(at), data}, {0, 0, 1});
            !s)
            return s.error();
        return c.receiveJson();
    });
    if (!r)
        return r.error();
    return qint64(r->toObject().value(QStringLiteral("received")).toDouble());
}

Status PgSyncGateway::pageUploadFinish(const QString& sha256)
{
    auto r = call("SELECT ow_api.page_upload_finish($1)", {sha256.toLatin1()});
    if (!r)
        return r.error();
    if (!r->toObject().value(QStringLiteral("held")).toBool())
        return Error{Error::Kind::Conflict,
                     QCoreApplication::translate("ow::PgSyncGateway",
                                                 "The centre received page %1 with other bytes "
                                                 "than its hash says; it is sent again.")
                         .arg(sha256),
                     {}};
    return {};
}

Status PgSyncGateway::putCasePages(const QString& caseId, const QByteArray& pagesJson)
{
    auto r = withConnection([&](CentralConnection& c) {
        return c.callJsonText("SELECT ow_api.put_case_pages($1::uuid, $2::jsonb)",
                              {caseId.toLatin1(), pagesJson});
    });
    if (!r)
        return r.error();
    return {};
}

} // namespace ow
