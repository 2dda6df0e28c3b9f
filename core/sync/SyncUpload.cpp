// The way up: outbox entries become operations, are pushed in batches, and
// their answers are stored after the centre's commit.
#include "applicants/ApplicantJson.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRepository.h"
#include "sync/SyncEngine.h"
#include "sync/SyncEngineDetail.h"
#include "sync/SyncStore.h"

namespace ow {

using namespace sync_detail;

namespace {

// The operation an outbox entry of a record (applicant, agent, override) becomes.
QJsonObject recordPut(const Outbox::Entry& e)
{
    return {{QStringLiteral("op_id"), e.opId},
            {QStringLiteral("kind"), QStringLiteral("record.put")},
            {QStringLiteral("entity"), e.entity},
            {QStringLiteral("entity_id"), e.entityId},
            {QStringLiteral("record"), e.payload}};
}

// The applicant of a case entry, as the centre takes it.
QJsonObject applicantOf(const Outbox::Entry& e, const QHash<QString, Applicant>& applicants)
{
    const auto found = applicants.constFind(str(e.payload, "applicant"));
    return found != applicants.constEnd() ? applicantToJson(*found) : QJsonObject();
}

} // namespace

QJsonObject SyncEngine::operationFor(const Outbox::Entry& e,
                                     const QHash<QString, Applicant>& applicants)
{
    if (e.entity == kCase)
        return caseOperation(e.opId, e.payload, applicantOf(e, applicants));
    if (e.entity == kCaseStatus) {
        QJsonObject op = e.payload;
        op.insert(QStringLiteral("op_id"), e.opId);
        op.insert(QStringLiteral("kind"), QStringLiteral("case.status_request"));
        op.insert(QStringLiteral("case_uuid"), e.entityId);
        return op;
    }
    // The records the centre keeps beside cases: the kinds of
    // ow.record_entities (db/central/008).
    static const QStringList records{QStringLiteral("applicant"),
                                     QStringLiteral("agent"),
                                     QStringLiteral("supervisor_override"),
                                     QStringLiteral("print"),
                                     QStringLiteral("mailing"),
                                     QStringLiteral("consultation"),
                                     QStringLiteral("callback"),
                                     QStringLiteral("rating")};
    if (records.contains(e.entity))
        return recordPut(e);
    return QJsonObject();
}

Result<SyncEngine::Batch> SyncEngine::nextBatch(qint64 afterSeq, SyncPassReport& report)
{
    Outbox outbox(m_db);
    SyncStore store(m_db);
    Batch batch;
    batch.lastSeq = afterSeq;
    while (batch.isEmpty()) {
        auto entries = outbox.pending(m_batchSize, batch.lastSeq);
        if (!entries)
            return entries.error();
        if (entries->isEmpty())
            return batch;
        batch.lastSeq = entries->last().seq;
        // The applicants of the batch's cases, read in one query.
        QStringList applicantIds;
        for (const Outbox::Entry& e : entries.value())
            if (e.entity == kCase)
                applicantIds << str(e.payload, "applicant");
        auto applicants = ApplicantRepository(m_db).findByIds(applicantIds);
        if (!applicants)
            return applicants.error();
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        PushBatchBuilder builder(m_columns);
        for (const Outbox::Entry& e : entries.value()) {
            if (e.entity == kCase) {
                builder.addCase(e.opId, e.payload, applicantOf(e, *applicants));
                batch.sent.append(e);
                continue;
            }
            const QJsonObject op = operationFor(e, *applicants);
            if (op.isEmpty()) {
                // Nothing the centre could take: kept, visible, out of the way.
                if (Status s = store.quarantine(
                        e, QStringLiteral("unknown_entity"),
                        tr("The centre takes no records of kind %1.").arg(e.entity),
                        m_clock.now());
                    !s)
                    return s.error();
                ++report.quarantined;
                continue;
            }
            builder.add(op);
            batch.sent.append(e);
        }
        if (Status s = tx.commit(); !s)
            return s.error();
        batch.push = builder.finish();
    }
    return batch;
}

Status SyncEngine::startPush(const Batch& batch)
{
    if (Status s = fault(SyncFaultPoint::BeforePush); !s)
        return s;
    return m_gateway.startPush(batch.push);
}

// A pipeline: while the centre applies one batch, the counter reads and
// builds the next; once the answers are in, the next batch goes out and the
// answers are stored while the centre applies it. Every entry stays in the
// outbox until its answer is stored, so a pass cut anywhere sends again
// what was not answered, and the centre answers it 'duplicate'.
Status SyncEngine::upload(SyncPassReport& report)
{
    auto batch = nextBatch(0, report);
    if (!batch)
        return batch.error();
    if (batch->isEmpty())
        return {};
    if (Status s = startPush(*batch); !s)
        return s;
    for (;;) {
        auto following = nextBatch(batch->lastSeq, report);
        auto answers = m_gateway.finishPush();
        if (!answers)
            return answers.error();
        report.sent += batch->sent.size();
        if (Status s = fault(SyncFaultPoint::AfterPush); !s)
            return s;
        const bool sending = following && !following->isEmpty();
        const Status sent = sending ? startPush(*following) : Status();
        const Status stored = storeAnswers(*batch, *answers, report);
        if (!stored || !following || !sent) {
            // Nothing may be left on the way: a push sent is dropped, and
            // sent again by the next pass.
            if (sending && sent)
                m_gateway.disconnect();
            if (!stored)
                return stored;
            return following ? sent : Status(following.error());
        }
        if (!sending) {
            // Storing the answers may have queued requests of its own.
            following = nextBatch(following->lastSeq, report);
            if (!following)
                return following.error();
            if (following->isEmpty())
                return {};
            if (Status s = startPush(*following); !s)
                return s;
        }
        batch = std::move(following);
    }
}

// The answers of a batch, stored after the centre's commit: a refusal goes
// to the quarantine, everything answered leaves the outbox.
Status SyncEngine::storeAnswers(const Batch& batch, const QList<PushAnswer>& answers,
                                SyncPassReport& report)
{
    Outbox outbox(m_db);
    SyncStore store(m_db);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    QStringList answered;
    QList<CaseAnswer> caseAnswers;
    for (qsizetype i = 0; i < batch.sent.size(); ++i) {
        const Outbox::Entry& e = batch.sent[i];
        const PushAnswer& a = answers.at(i);
        if (a.rejected()) {
            if (Status s = store.quarantine(e, a.reason, a.message, m_clock.now(), a.params); !s)
                return s;
            ++report.quarantined;
            if (e.entity == kCaseStatus)
                if (Status s = undoRequest(e, a.reason); !s)
                    return s;
            continue;
        }
        if (a.result == QLatin1String("duplicate"))
            ++report.duplicates;
        else
            ++report.applied;
        answered << e.opId;
        if (e.entity == kCase || e.entity == kCaseStatus)
            caseAnswers.append({e.entityId, str(a.body, "status"),
                                a.body.value(QStringLiteral("status_version")).toInt()});
    }
    // Reconciled while the answered entries are still in the outbox, so
    // that a case with a request of its own on the way asks for nothing more.
    if (Status s = reconcile(caseAnswers); !s)
        return s;
    // Kept until a backup of the centre holds them (SyncHistory.cpp).
    const qint64 xid = answers.isEmpty() ? 0 : answers.first().centreXid.toLongLong();
    if (Status s = outbox.keepAnswered(answered, m_clock.now(), xid); !s)
        return s;
    return tx.commit();
}

// The centre refused a status request: the case goes back to where it was
// (a newer status of the centre comes down with the next pull).
Status SyncEngine::undoRequest(const Outbox::Entry& e, const QString& reason)
{
    const QString from = str(e.payload, "from");
    const QString to = str(e.payload, "to");
    if (from.isEmpty())
        return {};
    CaseRepository cases(m_db);
    auto local = cases.statusOf(e.entityId);
    if (!local)
        return local.error();
    if (!local->has_value() || **local != to)
        return {};
    auto found = cases.findById(e.entityId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return {};
    return cases.moveStatus(e.entityId, {to, from, m_clock.now(),
                                         Place{(*found)->place.siteCode, QString(), QString()},
                                         QStringLiteral("centre refused: ") + reason});
}

// After the answers about cases: record the server's versions, and when the
// counter has moved a case further than the server knows (a correction
// accepted, an immediate item completed), ask for the next step with the
// version seen. The server decides. A case answered twice in a batch counts
// with its last answer (and the highest version it was told).
Status SyncEngine::reconcile(const QList<CaseAnswer>& answers)
{
    QHash<QString, CaseAnswer> last;
    QHash<QString, int> highest;
    QStringList order;
    for (const CaseAnswer& a : answers) {
        if (a.status.isEmpty() || a.version <= 0)
            continue;
        if (!last.contains(a.caseId))
            order << a.caseId;
        last.insert(a.caseId, a);
        highest[a.caseId] = qMax(highest.value(a.caseId), a.version);
    }
    if (order.isEmpty())
        return {};
    auto local = CaseRepository(m_db).statusesOf(order);
    if (!local)
        return local.error();
    QList<std::pair<QString, int>> versions;
    QStringList behind;
    for (const QString& id : order) {
        const auto found = local->constFind(id);
        if (found == local->constEnd())
            continue;
        versions.append({id, highest.value(id)});
        if (*found != last.value(id).status)
            behind << id;
    }
    if (Status s = SyncStore(m_db).setCentralVersions(versions); !s)
        return s;
    for (const QString& id : behind)
        if (Status s = askNextStep(id, last.value(id).status, last.value(id).version); !s)
            return s;
    return {};
}

// The request for the step after `serverStatus` in the case's local
// history, unless one is already on its way.
Status SyncEngine::askNextStep(const QString& caseId, const QString& serverStatus,
                               int serverVersion)
{
    CaseRepository cases(m_db);
    auto found = cases.findById(caseId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return {};
    const CaseRecord& c = **found;
    auto waiting = Outbox(m_db).hasPending(kCaseStatus, caseId);
    if (!waiting)
        return waiting.error();
    if (*waiting)
        return {};
    // The step after the server's status in the local history.
    qsizetype at = -1;
    for (qsizetype i = c.history.size() - 1; i >= 0; --i)
        if (c.history[i].to == serverStatus) {
            at = i;
            break;
        }
    if (at < 0 || at + 1 >= c.history.size())
        return {};
    const StatusChange& next = c.history[at + 1];
    QJsonObject request{{QStringLiteral("from"), next.from},
                        {QStringLiteral("to"), next.to},
                        {QStringLiteral("seen_version"), serverVersion},
                        {QStringLiteral("by"), next.place.clerk},
                        {QStringLiteral("at"), storedTime(next.at)}};
    if (!next.note.isEmpty())
        request.insert(QStringLiteral("note"), next.note);
    auto added = Outbox(m_db).add(kCaseStatus, caseId, request, m_clock.now());
    if (!added)
        return added.error();
    return {};
}
} // namespace ow
