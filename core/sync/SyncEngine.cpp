#include "sync/SyncEngine.h"

#include "applicants/ApplicantJson.h"
#include "applicants/ApplicantRepository.h"
#include "cases/CaseJson.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueJson.h"
#include "catalogue/CatalogueRepository.h"
#include "sync/SyncStore.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::SyncEngine", s);
}

const QString kCase = QStringLiteral("case");
const QString kCaseStatus = QStringLiteral("case_status");

QString str(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toString();
}

// The operation an outbox entry of a record (applicant, agent, override, a
// print, the service after acceptance) becomes.
QJsonObject recordPut(const Outbox::Entry& e)
{
    return {{QStringLiteral("op_id"), e.opId},
            {QStringLiteral("kind"), QStringLiteral("record.put")},
            {QStringLiteral("entity"), e.entity},
            {QStringLiteral("entity_id"), e.entityId},
            {QStringLiteral("record"), e.payload}};
}

// A case as the counter stores it (caseToJson) in the centre's format
// (db/central/README.md): the applicant whole, materials with id and name,
// the status history numbered from 1.
QJsonObject centralCase(const QJsonObject& c, const QJsonObject& applicant)
{
    QJsonArray materials;
    for (const QJsonValue& v : c.value(QStringLiteral("materials")).toArray()) {
        QJsonObject m = v.toObject();
        const QString state = str(m, "state");
        QJsonObject out = m;
        out.insert(QStringLiteral("copies"), m.value(QStringLiteral("count")).toInt(0));
        out.insert(QStringLiteral("received"),
                   state == QLatin1String("received") || state == QLatin1String("reused"));
        if (m.contains(QStringLiteral("from")))
            out.insert(QStringLiteral("reused_from"), m.value(QStringLiteral("from")));
        out.remove(QStringLiteral("count"));
        out.remove(QStringLiteral("from"));
        materials.append(out);
    }
    QJsonArray history;
    int n = 0;
    for (const QJsonValue& v : c.value(QStringLiteral("history")).toArray()) {
        const QJsonObject h = v.toObject();
        const QJsonObject place = h.value(QStringLiteral("place")).toObject();
        history.append(QJsonObject{{QStringLiteral("status_version"), ++n},
                                   {QStringLiteral("from"), str(h, "from")},
                                   {QStringLiteral("to"), str(h, "to")},
                                   {QStringLiteral("at"), str(h, "at")},
                                   {QStringLiteral("by"), str(place, "clerk")},
                                   {QStringLiteral("note"), str(h, "note")}});
    }
    QJsonObject app = applicant;
    if (app.contains(QStringLiteral("idNumber")))
        app.insert(QStringLiteral("id_number"), app.value(QStringLiteral("idNumber")));
    if (app.contains(QStringLiteral("creditCode")))
        app.insert(QStringLiteral("credit_code"), app.value(QStringLiteral("creditCode")));

    const QJsonObject place = c.value(QStringLiteral("place")).toObject();
    QJsonObject payload = c;
    for (const char* key : {"id", "caseNumber", "status", "items", "materials", "history"})
        payload.remove(QLatin1String(key));
    payload.insert(QStringLiteral("clerk"), str(place, "clerk"));
    payload.insert(QStringLiteral("window"), str(place, "window"));

    QJsonObject out{{QStringLiteral("case_uuid"), str(c, "id")},
                    {QStringLiteral("site_code"), str(place, "site")},
                    {QStringLiteral("received_at"), str(c, "createdAt")},
                    {QStringLiteral("status"), str(c, "status")},
                    {QStringLiteral("status_version"), qMax(1, n)},
                    {QStringLiteral("applicant"), app},
                    {QStringLiteral("items"), c.value(QStringLiteral("items"))},
                    {QStringLiteral("materials"), materials},
                    {QStringLiteral("history"), history},
                    {QStringLiteral("payload"), payload}};
    const QJsonValue number = c.value(QStringLiteral("caseNumber"));
    if (number.isString() && !number.toString().isEmpty())
        out.insert(QStringLiteral("case_number"), number);
    return out;
}

} // namespace

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
    if (Status s = registerCounter(); !s)
        return s.error();
    if (Status s = upload(report); !s)
        return s.error();
    if (Status s = download(report); !s)
        return s.error();
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
    if (m_registered)
        return {};
    auto r = m_gateway.registerCounter(m_siteCode, m_counterId, m_counterName,
                                       QStringLiteral(ONEWINDOW_VERSION));
    if (!r)
        return r.error();
    m_registered = true;
    return {};
}

Result<QJsonObject> SyncEngine::operationFor(const Outbox::Entry& e)
{
    if (e.entity == kCase) {
        QJsonObject applicant;
        const QString applicantId = str(e.payload, "applicant");
        auto found = ApplicantRepository(m_db).findById(applicantId);
        if (!found)
            return found.error();
        if (found->has_value())
            applicant = applicantToJson(**found);
        return QJsonObject{{QStringLiteral("op_id"), e.opId},
                           {QStringLiteral("kind"), QStringLiteral("case.upsert")},
                           {QStringLiteral("case"), centralCase(e.payload, applicant)}};
    }
    if (e.entity == kCaseStatus) {
        QJsonObject op = e.payload;
        op.insert(QStringLiteral("op_id"), e.opId);
        op.insert(QStringLiteral("kind"), QStringLiteral("case.status_request"));
        op.insert(QStringLiteral("case_uuid"), e.entityId);
        return op;
    }
    // The records the centre keeps beside cases (db/central/003, 006).
    static const QStringList records{
        QStringLiteral("applicant"),   QStringLiteral("agent"),        QStringLiteral("supervisor_override"),
        QStringLiteral("print"),       QStringLiteral("mailing"),      QStringLiteral("consultation"),
        QStringLiteral("callback"),    QStringLiteral("rating")};
    if (records.contains(e.entity))
        return recordPut(e);
    return QJsonObject();
}

Status SyncEngine::upload(SyncPassReport& report)
{
    Outbox outbox(m_db);
    SyncStore store(m_db);
    for (;;) {
        auto entries = outbox.pending(m_batchSize);
        if (!entries)
            return entries.error();
        if (entries->isEmpty())
            return {};
        QJsonArray ops;
        QList<Outbox::Entry> sent;
        {
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            for (const Outbox::Entry& e : entries.value()) {
                auto op = operationFor(e);
                if (!op)
                    return op.error();
                if (op->isEmpty()) {
                    // Nothing the centre could take: kept, visible, out of the way.
                    if (Status s = store.quarantine(
                            e, QStringLiteral("unknown_entity"),
                            tr("The centre takes no records of kind %1.").arg(e.entity),
                            m_clock.now());
                        !s)
                        return s;
                    ++report.quarantined;
                    continue;
                }
                ops.append(*op);
                sent.append(e);
            }
            if (Status s = tx.commit(); !s)
                return s;
        }
        if (ops.isEmpty())
            continue;
        if (Status s = fault(SyncFaultPoint::BeforePush); !s)
            return s;
        auto answers = m_gateway.push(ops);
        if (!answers)
            return answers.error();
        report.sent += ops.size();
        if (Status s = fault(SyncFaultPoint::AfterPush); !s)
            return s;

        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        QStringList answered;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            const Outbox::Entry& e = sent[i];
            const PushAnswer& a = answers->at(i);
            if (a.rejected()) {
                if (Status s = store.quarantine(e, a.reason, a.message, m_clock.now()); !s)
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
            if (e.entity == kCase || e.entity == kCaseStatus) {
                if (Status s = reconcile(e.entityId, str(a.body, "status"),
                                         a.body.value(QStringLiteral("status_version")).toInt());
                    !s)
                    return s;
            }
        }
        if (Status s = outbox.remove(answered); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
    }
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

// After an answer about a case: record the server's version, and when the
// counter has moved the case further than the server knows (a correction
// accepted, an immediate item completed), ask for the next step with the
// version seen. The server decides.
Status SyncEngine::reconcile(const QString& caseId, const QString& serverStatus, int serverVersion)
{
    if (serverStatus.isEmpty() || serverVersion <= 0)
        return {};
    CaseRepository cases(m_db);
    auto local = cases.statusOf(caseId);
    if (!local)
        return local.error();
    if (!local->has_value())
        return {};
    if (Status s = SyncStore(m_db).setCentralVersion(caseId, serverVersion); !s)
        return s;
    if (**local == serverStatus)
        return {};
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

Status SyncEngine::download(SyncPassReport& report)
{
    SyncStore store(m_db);
    auto st = store.state();
    if (!st)
        return st.error();
    if (!st->snapshotDone) {
        if (Status s = snapshot(report); !s)
            return s;
        st = store.state();
        if (!st)
            return st.error();
    }
    QString xid = st->cursorXid;
    qint64 id = st->cursorId;
    for (;;) {
        auto page = m_gateway.pull(xid, id, m_pageSize);
        if (!page)
            return page.error();
        if (page->snapshotRequired) {
            if (Status s = snapshot(report); !s)
                return s;
            st = store.state();
            if (!st)
                return st.error();
            xid = st->cursorXid;
            id = st->cursorId;
            continue;
        }
        if (!page->changes.isEmpty() || page->nextXid != xid || page->nextId != id) {
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            if (Status s = applyChanges(page->changes, report); !s)
                return s;
            if (Status s = store.setCursor(page->nextXid, page->nextId); !s)
                return s;
            if (Status s = fault(SyncFaultPoint::BeforePageCommit); !s)
                return s;
            if (Status s = tx.commit(); !s)
                return s;
            xid = page->nextXid;
            id = page->nextId;
        }
        if (!page->more)
            break;
    }
    if (xid != st->cursorXid || id != st->cursorId || report.snapshot)
        return m_gateway.acknowledge(m_counterId, xid, id);
    return {};
}

// A full copy of what the centre holds for this site, section by section;
// the cursor is the one the first page named, so changes made meanwhile
// are pulled again afterwards (applying them twice changes nothing).
Status SyncEngine::snapshot(SyncPassReport& report)
{
    SyncStore store(m_db);
    QString cursorXid;
    qint64 cursorId = 0;
    bool first = true;
    report.snapshot = true;
    for (const QString& section : {QStringLiteral("catalogue"), QStringLiteral("calendar"),
                                   QStringLiteral("credit_grades"), QStringLiteral("cases")}) {
        QString key;
        int rows = 0;
        if (m_progress)
            m_progress(section, 0);
        for (;;) {
            auto page = m_gateway.snapshot(section, key, m_pageSize);
            if (!page)
                return page.error();
            if (first) {
                cursorXid = page->cursorXid;
                cursorId = page->cursorId;
                first = false;
            }
            // The rows of a section as changes of the log.
            QJsonArray changes;
            for (const QJsonValue& v : page->rows) {
                const QJsonObject row = v.toObject();
                QString kind;
                if (section == QLatin1String("catalogue"))
                    kind = QStringLiteral("catalogue.") + str(row, "kind");
                else if (section == QLatin1String("calendar"))
                    kind = QStringLiteral("calendar.year");
                else if (section == QLatin1String("credit_grades"))
                    kind = QStringLiteral("credit.grade");
                else
                    kind = QStringLiteral("case.status");
                changes.append(QJsonObject{{QStringLiteral("kind"), kind},
                                           {QStringLiteral("key"), str(row, "key")},
                                           {QStringLiteral("payload"), row}});
            }
            Transaction tx(m_db);
            if (!tx.begun())
                return tx.begun().error();
            if (Status s = applyChanges(changes, report); !s)
                return s;
            if (Status s = fault(SyncFaultPoint::BeforePageCommit); !s)
                return s;
            if (Status s = tx.commit(); !s)
                return s;
            rows += int(page->rows.size());
            if (m_progress)
                m_progress(section, rows);
            if (page->done)
                break;
            key = page->nextKey;
        }
    }
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = store.setCursor(cursorXid, cursorId); !s)
        return s;
    if (Status s = store.setSnapshotDone(true); !s)
        return s;
    return tx.commit();
}

// Applies pulled changes inside the caller's transaction.
Status SyncEngine::applyChanges(const QJsonArray& changes, SyncPassReport& report)
{
    SyncStore store(m_db);
    QJsonArray items;
    QJsonArray joints;
    QJsonArray rules;
    for (const QJsonValue& v : changes) {
        const QJsonObject ch = v.toObject();
        const QString kind = str(ch, "kind");
        const QJsonObject p = ch.value(QStringLiteral("payload")).toObject();
        if (kind.startsWith(QLatin1String("catalogue."))) {
            QJsonObject doc = p.value(QStringLiteral("doc")).toObject();
            const QString entry = str(p, "kind");
            if (entry == QLatin1String("rules")) {
                rules = doc.value(QStringLiteral("relatedRules")).toArray();
            } else {
                doc.insert(QStringLiteral("version"), p.value(QStringLiteral("version")));
                (entry == QLatin1String("joint") ? joints : items).append(doc);
            }
            ++report.changes;
        } else if (kind == QLatin1String("calendar.year")) {
            if (Status s = store.putCalendarYear(
                    p.value(QStringLiteral("year")).toInt(),
                    p.value(QStringLiteral("version")).toInt(),
                    QString::fromUtf8(QJsonDocument(p.value(QStringLiteral("days")).toArray())
                                          .toJson(QJsonDocument::Compact)));
                !s)
                return s;
            ++report.changes;
        } else if (kind == QLatin1String("credit.grade")) {
            if (Status s = store.putCreditGrade(str(p, "credit_code"), str(p, "grade"),
                                                p.value(QStringLiteral("version")).toInt(),
                                                str(p, "note"));
                !s)
                return s;
            ++report.changes;
        } else if (kind == QLatin1String("case.status")) {
            const QString caseId = str(p, "case_uuid");
            const QString status = str(p, "status");
            const int version = p.value(QStringLiteral("status_version")).toInt();
            auto known = store.centralVersion(caseId);
            if (!known)
                return known.error();
            CaseRepository cases(m_db);
            auto found = cases.findById(caseId);
            if (!found)
                return found.error();
            ++report.changes;
            if (!found->has_value() || (known->has_value() && **known >= version))
                continue;
            if (Status s = store.setCentralVersion(caseId, version); !s)
                return s;
            // The counter's own changes still on their way decide first.
            auto waitingCase = Outbox(m_db).hasPending(kCase, caseId);
            auto waitingStatus = Outbox(m_db).hasPending(kCaseStatus, caseId);
            if (!waitingCase)
                return waitingCase.error();
            if (!waitingStatus)
                return waitingStatus.error();
            const CaseRecord& c = **found;
            if (*waitingCase || *waitingStatus || toString(c.status) == status ||
                !caseStatusFromString(status))
                continue;
            StatusChange change{toString(c.status), status, m_clock.now(),
                                Place{c.place.siteCode, QString(), QString()},
                                QStringLiteral("centre")};
            if (Status s = cases.moveStatus(caseId, change); !s)
                return s;
            ++report.caseStatusChanges;
        } else {
            ++report.skipped;
        }
    }
    if (items.isEmpty() && joints.isEmpty() && rules.isEmpty())
        return {};
    CatalogueRepository repo(m_db, m_clock);
    auto known = repo.knownCodes();
    if (!known)
        return known.error();
    const QJsonObject doc{{QStringLiteral("format"), QStringLiteral("onewindow-catalogue")},
                          {QStringLiteral("formatVersion"), 1},
                          {QStringLiteral("items"), items},
                          {QStringLiteral("jointItems"), joints},
                          {QStringLiteral("relatedRules"), rules}};
    auto parsed =
        CatalogueJson::parse(QJsonDocument(doc).toJson(QJsonDocument::Compact), known.value());
    if (!parsed) {
        Error e = parsed.error();
        e.message = tr("The catalogue the centre published cannot be used: %1").arg(e.message);
        return e;
    }
    auto imported = repo.importWithin(parsed.value());
    if (!imported)
        return imported.error();
    if (imported->itemsAdded || imported->itemsUpdated || imported->jointItems || imported->rules)
        report.catalogueChanged = true;
    return {};
}

} // namespace ow
