#include "intake/DecisionWriter.h"

#include "applicants/ApplicantJson.h"
#include "applicants/ApplicantRepository.h"
#include "audit/AuditLog.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseJson.h"
#include "cases/CaseNumberAllocator.h"
#include "cases/CaseRepository.h"
#include "cases/MatterRepository.h"
#include "pages/MaterialPages.h"
#include "service/CallbackRules.h"
#include "store/Uuid.h"
#include "sync/Outbox.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace ow {

namespace {

// A matter with no item at all: a refusal of something not in the catalogue.
const QString kNoItems = QStringLiteral("none");

CaseNumberAllocator::Kind numberKind(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::Accept:
        return CaseNumberAllocator::Kind::Case;
    case DecisionKind::Correct:
        return CaseNumberAllocator::Kind::Correction;
    case DecisionKind::Refuse:
        return CaseNumberAllocator::Kind::Refusal;
    }
    return CaseNumberAllocator::Kind::Case;
}

QString visitOutcome(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::Accept:
        return QStringLiteral("accepted");
    case DecisionKind::Correct:
        return QStringLiteral("correction");
    case DecisionKind::Refuse:
        return QStringLiteral("refused");
    }
    return {};
}

} // namespace

Result<std::optional<Decision>> DecisionWriter::decided(const Database& db,
                                                        const QString& requestId)
{
    // A store of an older schema (an earlier release's programs on it)
    // remembers no requests.
    if (!db.hasTable(QStringLiteral("intake_request")))
        return std::optional<Decision>();
    const Database::Statement q = db.prepared(QStringLiteral(
        "SELECT case_id, decision, number FROM intake_request WHERE request_id = ?"));
    q->addBindValue(requestId);
    if (Status s = db.run(*q); !s)
        return s.error();
    if (!q->next())
        return std::optional<Decision>();
    Decision d;
    d.caseId = q->value(0).toString();
    const QString kind = q->value(1).toString();
    d.kind = kind == toString(DecisionKind::Correct)  ? DecisionKind::Correct
             : kind == toString(DecisionKind::Refuse) ? DecisionKind::Refuse
                                                      : DecisionKind::Accept;
    if (d.kind == DecisionKind::Accept)
        d.caseNumber = q->value(2).toString();
    else
        d.noticeNumber = q->value(2).toString();
    d.alreadyDecided = true;
    return std::optional<Decision>(std::move(d));
}

DecisionWriter::DecisionWriter(Database& db, const IntakeContext& context,
                               const std::function<void(const QString&)>& faultHook)
    : m_db(db), m_context(context), m_faultHook(faultHook)
{
}

void DecisionWriter::step(const QString& name) const
{
    if (m_faultHook)
        m_faultHook(name);
}

Result<Decision> DecisionWriter::write(const Intake& intake, DecisionPlan plan)
{
    const QDateTime now = m_context.now();
    const Place place = m_context.place();
    ApplicantRepository applicants(m_db, *m_context.clock);
    CaseRepository cases(m_db);
    MatterRepository matters(m_db);
    Outbox outbox(m_db);

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();

    // A request decided already (a batch run again): its decision, nothing written.
    if (!m_context.requestId.isEmpty()) {
        auto earlierDecision = decided(m_db, m_context.requestId);
        if (!earlierDecision)
            return earlierDecision.error();
        if (earlierDecision->has_value())
            return **earlierDecision;
    }

    if (Status s = applicants.save(plan.applicant); !s)
        return s.error();
    step(QStringLiteral("applicant"));
    if (plan.agent) {
        if (Status s = applicants.saveAgent(*plan.agent); !s)
            return s.error();
    }
    step(QStringLiteral("agent"));

    // The matter: resumed when this applicant has an open correction for
    // exactly these items, new otherwise.
    const QStringList codes = intake.itemCodes();
    const QString key = codes.isEmpty() ? kNoItems : MatterRepository::itemsKey(codes);
    auto open = matters.findOpen(plan.applicant.id, key);
    if (!open)
        return open.error();
    std::optional<CorrectionRecord> openCorrection;
    std::optional<CaseRecord> earlier;
    Matter matter;
    if (open->has_value()) {
        matter = **open;
        auto oc = matters.openCorrection(matter.id);
        if (!oc)
            return oc.error();
        openCorrection = oc.value();
        if (openCorrection) {
            auto found = cases.findById(openCorrection->caseId);
            if (!found)
                return found.error();
            earlier = found.value();
        }
    }
    if (!earlier) {
        if (open->has_value()) // an open matter without its correction: start afresh
            if (Status s = matters.close(matter.id, now); !s)
                return s.error();
        matter = Matter{newUuidV7(), plan.applicant.id, key, true, 0, now};
        if (Status s = matters.insert(matter); !s)
            return s.error();
    }
    const int visit = matter.visits + 1;
    step(QStringLiteral("matter"));

    auto number = CaseNumberAllocator(m_db).next(numberKind(plan.kind), place.siteCode, now.date());
    if (!number)
        return number.error();
    step(QStringLiteral("number"));

    CaseRecord c = earlier ? *earlier : CaseRecord{};
    const QString previousStatus = earlier ? toString(earlier->status) : QString();
    if (!earlier) {
        c.id = newUuidV7();
        c.createdAt = now;
    }
    c.matterId = matter.id;
    c.applicantId = plan.applicant.id;
    c.agentId = plan.agent ? plan.agent->id : QString();
    c.channel = plan.channel;
    c.form = intake.form().toJson();
    c.decision = plan.kind;
    c.place = place;
    c.delivery = plan.delivery;
    c.visits = visit;
    c.creditGrade = toString(plan.applicant.creditGrade);
    c.creditAcknowledged = plan.creditAcknowledged;
    c.decidedAt = now;
    if (plan.kind == DecisionKind::Accept) {
        c.caseNumber = number->text;
        c.caseDay = number->day;
        c.caseSeq = number->seq;
        c.status = plan.completeNow ? CaseStatus::Completed : CaseStatus::Accepted;
        c.promisedDate = plan.promisedDate;
        c.promisedProvisional = plan.promisedProvisional;
        c.promisedDays = plan.promisedDays;
    } else {
        c.status = plan.kind == DecisionKind::Correct ? CaseStatus::CorrectionRequested
                                                      : CaseStatus::NotAccepted;
    }
    c.items.clear();
    for (const Item& item : intake.items())
        c.items.append({item.code, item.name, item.version, intake.jointCodeOf(item.code),
                        item.handling == HandlingType::Immediate ? 0 : item.promisedLimitDays});
    c.materials = intake.checklist().toCaseMaterials();
    // The form's text: stored with the case, and part of its JSON below.
    const QByteArray formJson = formJsonText(c.form);
    if (Status s = earlier ? cases.update(c, formJson) : cases.insert(c, formJson); !s)
        return s.error();
    step(QStringLiteral("case"));
    // The pages captured during the intake go with the case, in this transaction.
    if (!intake.pageDraft().isEmpty()) {
        if (Status s = MaterialPages(m_db, *m_context.clock).adoptDraft(intake.pageDraft(), c.id);
            !s)
            return s.error();
    }

    const QString firstStatus =
        plan.kind == DecisionKind::Accept ? toString(CaseStatus::Accepted) : toString(c.status);
    c.history.append({previousStatus, firstStatus, now, place, {}});
    if (Status s = cases.appendStatus(c.id, c.history.last()); !s)
        return s.error();
    if (plan.kind == DecisionKind::Accept && plan.completeNow) {
        c.history.append({firstStatus, toString(CaseStatus::Completed), now, place,
                          QStringLiteral("immediate")});
        if (Status s = cases.appendStatus(c.id, c.history.last()); !s)
            return s.error();
        // An immediate proxy service, done at once: its call-back is due.
        if (Status s = callbackAfterCompletion(m_db, m_context.session, c, place, *m_context.clock,
                                               WorkCalendar::builtIn());
            !s)
            return s.error();
    }
    step(QStringLiteral("history"));

    Decision d;
    d.kind = plan.kind;
    d.caseId = c.id;
    d.status = c.status;
    d.visit = visit;
    d.resumed = earlier.has_value();
    d.applicantId = plan.applicant.id;
    d.agentId = c.agentId;
    d.creditFlags = plan.creditFlags;
    if (openCorrection)
        if (Status s = matters.resolveCorrection(openCorrection->id, now); !s)
            return s.error();
    if (plan.kind == DecisionKind::Accept) {
        d.caseNumber = c.caseNumber;
        d.promisedDate = c.promisedDate;
        d.promisedProvisional = c.promisedProvisional;
        d.promisedDays = c.promisedDays;
    } else if (plan.kind == DecisionKind::Correct) {
        CorrectionRecord cr{
            newUuidV7(), number->text, c.id, matter.id,           QStringLiteral("open"),
            now,         place,        {},   plan.correctionLines};
        if (Status s = matters.insertCorrection(cr); !s)
            return s.error();
        c.corrections.append(cr);
        d.noticeNumber = cr.number;
        d.recordId = cr.id;
        d.correctionLines = cr.lines;
    } else {
        RefusalRecord r{newUuidV7(),
                        number->text,
                        c.id,
                        plan.refusal.reason.trimmed(),
                        plan.refusal.legalBasis.trimmed(),
                        plan.refusal.competentBody.trimmed(),
                        now,
                        place};
        if (Status s = matters.insertRefusal(r); !s)
            return s.error();
        c.refusals.append(r);
        d.noticeNumber = r.number;
        d.recordId = r.id;
    }
    step(QStringLiteral("record"));

    if (Status s = matters.recordVisit(matter.id, visit, now, place, visitOutcome(plan.kind)); !s)
        return s.error();
    if (plan.kind != DecisionKind::Correct)
        if (Status s = matters.close(matter.id, now); !s)
            return s.error();
    step(QStringLiteral("visit"));

    QList<QPair<QString, QJsonObject>> overrides;
    if (plan.override_) {
        auto id = applicants.recordOverride(plan.applicant.id, c.id, *plan.override_,
                                            plan.overrideSubject, place.clerk, place.siteCode);
        if (!id)
            return id.error();
        overrides.append(
            {id.value(), QJsonObject{{QStringLiteral("id"), id.value()},
                                     {QStringLiteral("kind"), toString(plan.override_->kind)},
                                     {QStringLiteral("applicant"), plan.applicant.id},
                                     {QStringLiteral("case"), c.id},
                                     {QStringLiteral("subject"), plan.overrideSubject},
                                     {QStringLiteral("supervisor"), plan.override_->supervisor},
                                     {QStringLiteral("reason"), plan.override_->reason},
                                     {QStringLiteral("clerk"), place.clerk},
                                     {QStringLiteral("site"), place.siteCode},
                                     {QStringLiteral("at"), storedTime(now)}}});
    }
    step(QStringLiteral("override"));

    // Materials received in an accepted case that may be reused stay on
    // the applicant's file, with the case as their source.
    if (plan.kind == DecisionKind::Accept) {
        for (const ChecklistLine& l : intake.checklist().lines()) {
            if (!l.material.reusable || l.state != MaterialState::Received || !l.satisfied())
                continue;
            ReusableMaterial r;
            r.materialId = l.material.id;
            r.name = l.material.name;
            r.sourceKind = ReuseSource::Case;
            r.sourceRef = c.caseNumber;
            r.recordedAt = now;
            if (Status s = applicants.addReusableMaterial(plan.applicant.id, r); !s)
                return s.error();
        }
    }
    step(QStringLiteral("reusable"));

    // The case as stored, for its outbox and audit entries. A new case is
    // exactly what was just written: its row, items and materials, the
    // history appended above and its notice. A resumed one also carries
    // what earlier visits wrote (their history, the correction now
    // resolved): it is read back.
    std::optional<CaseRecord> stored;
    if (earlier) {
        auto found = cases.findById(c.id);
        if (!found)
            return found.error();
        stored = std::move(found.value());
        if (!stored)
            return Error::storage(QCoreApplication::translate("ow::IntakeService",
                                                              "The case %1 was not found after "
                                                              "being written.")
                                      .arg(c.id));
    }
    const CaseRecord& written = earlier ? *stored : c;
    if (auto r = outbox.addText(QStringLiteral("applicant"), plan.applicant.id,
                                applicantJsonText(plan.applicant), now);
        !r)
        return r.error();
    if (plan.agent) {
        if (auto r =
                outbox.add(QStringLiteral("agent"), plan.agent->id, agentToJson(*plan.agent), now);
            !r)
            return r.error();
    }
    for (const auto& [id, payload] : overrides)
        if (auto r = outbox.add(QStringLiteral("supervisor_override"), id, payload, now); !r)
            return r.error();
    // Written once, as text: sent, and audited.
    const QByteArray storedJson = earlier ? caseJsonText(written) : caseJsonText(written, formJson);
    if (auto r = outbox.addText(QStringLiteral("case"), c.id, storedJson, now); !r)
        return r.error();
    step(QStringLiteral("outbox"));

    // The decision in the audit log, in this same transaction: who, the
    // case before (a resumed correction) and after, any override.
    AuditLog audit(m_db, *m_context.clock);
    const QString action = plan.kind == DecisionKind::Accept ? QStringLiteral("intake.accept")
                           : plan.kind == DecisionKind::Correct
                               ? QStringLiteral("intake.correction")
                               : QStringLiteral("intake.refuse");
    AuditEntry entry(action, d.number(),
                     earlier ? QJsonValue(caseToJson(*earlier)) : QJsonValue(QJsonValue::Null),
                     QJsonValue::Null, place.siteCode, place.window);
    entry.afterJson = storedJson;
    if (auto a = audit.append(m_context.session, entry); !a)
        return a.error();
    for (const auto& [id, payload] : overrides)
        if (auto a = audit.append(m_context.session,
                                  {QStringLiteral("intake.override"), d.number(), QJsonValue::Null,
                                   payload, place.siteCode, place.window});
            !a)
            return a.error();
    step(QStringLiteral("audit"));

    // The request answered, with the decision: a second run finds it.
    if (!m_context.requestId.isEmpty() && m_db.hasTable(QStringLiteral("intake_request"))) {
        const Database::Statement q = m_db.prepared(
            QStringLiteral("INSERT INTO intake_request (request_id, case_id, decision, number, "
                           "decided_at) VALUES (?, ?, ?, ?, ?)"));
        q->addBindValue(m_context.requestId);
        q->addBindValue(c.id);
        q->addBindValue(toString(plan.kind));
        q->addBindValue(d.number());
        q->addBindValue(storedTime(now));
        if (Status s = m_db.run(*q); !s)
            return s.error();
    }
    step(QStringLiteral("request"));

    if (Status s = tx.commit(); !s)
        return s.error();
    return d;
}

} // namespace ow
