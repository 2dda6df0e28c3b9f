#include "sync/SyncEngine.h"

#include "cases/CaseRepository.h"
#include "sync/PageUpload.h"
#include "sync/SyncEngineDetail.h"
#include "sync/SyncStore.h"

namespace ow {

using namespace sync_detail;

SyncEngine::SyncEngine(Database& db, SyncGateway& gateway, QString siteCode, const Clock& clock)
    : m_db(db), m_gateway(gateway), m_siteCode(std::move(siteCode)), m_clock(clock)
{
}

Status SyncEngine::fault(SyncFaultPoint point)
{
    return m_fault ? m_fault(point) : Status{};
}

Result<SyncPassReport> SyncEngine::runOnce()
{
    SyncPassReport report;
    m_resent = 0;
    m_passEvent = {};
    if (Status s = registerCounter(); !s)
        return s.error();
    if (Status s = upload(report); !s)
        return s.error();
    if (Status s = download(report); !s)
        return s.error();
    // The pages after the cases: a centre before migration 012 takes none.
    if (m_schemaVersion >= kPagesSchema) {
        PageUploader pages(m_db, m_gateway, m_clock);
        pages.setBytesPerSecond(m_pageRate);
        pages.setRunBudget(m_pageBudget);
        if (m_pageHook)
            pages.setChunkHook(m_pageHook);
        auto sent = pages.run();
        if (!sent)
            return sent.error();
        report.pagesSent = sent->pages;
        report.pageBytes = sent->bytes;
        report.casePageLists = sent->cases;
    }
    if (Status s = forgetExpired(); !s)
        return s.error();
    report.resent = m_resent;
    report.centreEvent = describeCentreEvent(m_passEvent);
    auto pending = Outbox(m_db).count();
    auto quarantined = SyncStore(m_db).quarantineCount();
    if (pending && quarantined)
        if (Status s = m_gateway.heartbeat(m_counterId, *pending, *quarantined); !s)
            return s.error();
    if (Status s = SyncStore(m_db).recordSuccess(m_clock.now()); !s)
        return s.error();
    return report;
}

Status SyncEngine::registerCounter()
{
    if (m_siteCode.isEmpty())
        return Error::invalid(tr("This counter has no site code: set it in the sync settings."));
    auto st = SyncStore(m_db).state();
    if (!st)
        return st.error();
    m_counterId = st->counterId;
    // A new connection may reach another server (a failover, a restore):
    // the centre is asked again who it is.
    if (m_registered && m_gateway.connected())
        return {};
    auto r = m_gateway.registerCounter(m_siteCode, m_counterId, m_counterName,
                                       QStringLiteral(ONEWINDOW_VERSION));
    if (!r)
        return r.error();
    m_registered = true;
    // A centre not yet migrated to the column form gets every batch as JSON.
    m_schemaVersion = r->value(QStringLiteral("schema_version")).toInt();
    m_columns = m_schemaVersion >= kPushColumnsSchema;
    // A centre that knows its own history (schema 11 on) says who it is.
    if (r->contains(QStringLiteral("centre")))
        return checkCentre(r->value(QStringLiteral("centre")).toObject());
    return {};
}

Status SyncEngine::requestStatus(Database& db, const QString& caseId, const QString& to,
                                 const QString& clerk, const Clock& clock)
{
    if (!caseStatusFromString(to))
        return Error::invalid(tr("There is no case status %1.").arg(to));
    Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();
    CaseRepository cases(db);
    auto found = cases.findById(caseId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(tr("There is no case %1 in this store.").arg(caseId));
    const CaseRecord& c = **found;
    const QDateTime now = clock.now();
    if (Status s =
            cases.moveStatus(caseId, {toString(c.status), to, now,
                                      Place{c.place.siteCode, c.place.window, clerk}, QString()});
        !s)
        return s;
    // Sent now when the centre's version is known and nothing older waits;
    // otherwise the answer to the waiting operation asks for it (reconcile).
    auto seen = SyncStore(db).centralVersion(caseId);
    if (!seen)
        return seen.error();
    auto waitingCase = Outbox(db).hasPending(kCase, caseId);
    auto waitingStatus = Outbox(db).hasPending(kCaseStatus, caseId);
    if (!waitingCase)
        return waitingCase.error();
    if (!waitingStatus)
        return waitingStatus.error();
    if (seen->has_value() && !*waitingCase && !*waitingStatus) {
        auto added = Outbox(db).add(kCaseStatus, caseId,
                                    QJsonObject{{QStringLiteral("from"), toString(c.status)},
                                                {QStringLiteral("to"), to},
                                                {QStringLiteral("seen_version"), **seen},
                                                {QStringLiteral("by"), clerk},
                                                {QStringLiteral("at"), storedTime(now)}},
                                    now);
        if (!added)
            return added.error();
    }
    return tx.commit();
}
} // namespace ow
