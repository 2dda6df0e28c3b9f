#include "cases/CaseLife.h"

#include "applicants/ApplicantRepository.h"
#include "applicants/Validators.h"
#include "audit/AuditLog.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseJson.h"
#include "cases/CaseLifeRepository.h"
#include "cases/CaseRepository.h"
#include "cases/MatterRepository.h"
#include "catalogue/CatalogueRepository.h"
#include "documents/Masking.h"
#include "service/CallbackRules.h"
#include "sync/Outbox.h"
#include "sync/SyncStore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <algorithm>
#include <memory>

namespace ow {

namespace {

const QString kCaseStatusEntity = QStringLiteral("case_status");

bool isImmediate(const CaseRecord& c)
{
    return c.promisedDays == 0;
}

// What the move does, as the sentence "it cannot be ..." ends.
QString moveName(CaseStatus to)
{
    switch (to) {
    case CaseStatus::Forwarded:
        return QCoreApplication::translate("ow::CaseLifeService", "forwarded to a department");
    case CaseStatus::Approved:
        return QCoreApplication::translate("ow::CaseLifeService", "approved");
    case CaseStatus::Refused:
        return QCoreApplication::translate("ow::CaseLifeService", "refused");
    case CaseStatus::Completed:
        return QCoreApplication::translate("ow::CaseLifeService", "completed");
    case CaseStatus::AwaitingPickup:
        return QCoreApplication::translate("ow::CaseLifeService", "put out for pick-up");
    case CaseStatus::Mailed:
        return QCoreApplication::translate("ow::CaseLifeService", "mailed");
    case CaseStatus::Delivered:
        return QCoreApplication::translate("ow::CaseLifeService", "handed over");
    case CaseStatus::Withdrawn:
        return QCoreApplication::translate("ow::CaseLifeService", "withdrawn");
    default:
        return displayName(to);
    }
}

QString allowedText(const QList<CaseStatus>& next)
{
    if (next.isEmpty())
        return QCoreApplication::translate("ow::CaseLifeService",
                                           "nothing more, the case is closed");
    QStringList names;
    for (CaseStatus s : next)
        names << displayName(s);
    return names.join(QCoreApplication::translate("ow::CaseLifeService", ", "));
}

Error wrongMove(const CaseRecord& c, CaseStatus to, const QList<CaseStatus>& next)
{
    return Error::conflict(
        QCoreApplication::translate("ow::CaseLifeService",
                                    "Case %1 is %2: it cannot be %3. Allowed next: %4.")
            .arg(referenceOf(c), displayName(c.status), moveName(to), allowedText(next)));
}

// The case is named by `number`: its case number, or while it has none
// (awaiting a correction) the number of one of its correction notices.
bool namedBy(const CaseRecord& c, const QString& number)
{
    if (!c.caseNumber.isEmpty())
        return c.caseNumber == number;
    return std::any_of(c.corrections.cbegin(), c.corrections.cend(),
                       [&](const CorrectionRecord& r) { return r.number == number; });
}

Error required(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

} // namespace

// ----------------------------------------------------------- case life

QList<CaseStatus> nextStatuses(CaseStatus from, bool immediate)
{
    using S = CaseStatus;
    switch (from) {
    case S::CorrectionRequested:
        return {S::Withdrawn};
    case S::Accepted:
    case S::FirstReview: {
        QList<S> next{S::Forwarded, S::Approved, S::Refused};
        if (immediate)
            next << S::Completed;
        next << S::Withdrawn;
        return next;
    }
    case S::Forwarded:
        return {S::Approved, S::Refused, S::Withdrawn};
    case S::Approved:
    case S::Refused:
        return {S::Completed};
    case S::Completed:
        return {S::AwaitingPickup, S::Mailed, S::Delivered};
    case S::AwaitingPickup:
    case S::Mailed: // delivered by the post (the mailing ledger)
        return {S::Delivered};
    default:
        return {};
    }
}

QList<CaseStatus> nextStatuses(const CaseRecord& c)
{
    return nextStatuses(c.status, isImmediate(c));
}

QString referenceOf(const CaseRecord& c)
{
    if (!c.caseNumber.isEmpty() || c.corrections.isEmpty())
        return c.caseNumber;
    return c.corrections.constLast().number;
}

CaseLifeService::CaseLifeService(Database& db, Session session, Place place, const Clock& clock)
    : m_db(db), m_session(std::move(session)), m_place(std::move(place)), m_clock(clock)
{
}

Status CaseLifeService::fault(const QString& step) const
{
    return m_fault ? m_fault(step) : Status{};
}

Place CaseLifeService::placeFor(const CaseRecord& c) const
{
    Place p = m_place;
    if (p.clerk.isEmpty())
        p.clerk = m_session.actor();
    if (p.siteCode.isEmpty())
        p.siteCode = m_session.siteCode().isEmpty() ? c.place.siteCode : m_session.siteCode();
    if (p.window.isEmpty())
        p.window = m_session.window();
    return p;
}

Result<CaseRecord> CaseLifeService::find(const QString& caseNumber) const
{
    auto found = CaseRepository(m_db).findByNumber(caseNumber.trimmed());
    if (!found)
        return found.error();
    if (!found->has_value() || !namedBy(**found, caseNumber.trimmed()))
        return Error::notFound(QCoreApplication::translate("ow::CaseLifeService",
                                                           "There is no case with the number %1.")
                                   .arg(caseNumber));
    return **found;
}

Result<CaseRecord>
CaseLifeService::run(const QString& caseNumber, CaseStatus to, const QString& action,
                     const QString& note,
                     const std::function<Status(const CaseRecord&, const Place&)>& check,
                     const std::function<Status(const CaseRecord&, const Place&)>& detail)
{
    QString id;
    {
        Transaction tx(m_db);
        if (!tx.begun())
            return tx.begun().error();
        auto found = find(caseNumber);
        if (!found)
            return found.error();
        const CaseRecord& c = *found;
        const QList<CaseStatus> next = nextStatuses(c.status, isImmediate(c));
        if (!next.contains(to))
            return wrongMove(c, to, next);
        const Place place = placeFor(c);
        if (check)
            if (Status s = check(c, place); !s)
                return s.error();
        const QDateTime now = m_clock.now();
        const QString from = toString(c.status);

        // The version of the centre this request is made from: the centre's
        // own when known and nothing waits, otherwise the counter's history
        // (the centre numbers it from 1 when the case arrives).
        auto seen = SyncStore(m_db).centralVersion(c.id);
        auto waitingCase = Outbox(m_db).hasPending(QStringLiteral("case"), c.id);
        auto waitingStatus = Outbox(m_db).hasPending(kCaseStatusEntity, c.id);
        if (!seen || !waitingCase || !waitingStatus)
            return (!seen          ? seen.error()
                    : !waitingCase ? waitingCase.error()
                                   : waitingStatus.error());
        const int seenVersion =
            seen->has_value() && !*waitingCase && !*waitingStatus ? **seen : int(c.history.size());

        CaseRepository cases(m_db);
        if (Status s = cases.moveStatus(c.id, {from, toString(to), now, place, note}); !s)
            return s.error();
        if (Status s = fault(QStringLiteral("status")); !s)
            return s.error();
        if (detail)
            if (Status s = detail(c, place); !s)
                return s.error();
        if (Status s = fault(QStringLiteral("detail")); !s)
            return s.error();

        QJsonObject request{{QStringLiteral("from"), from},
                            {QStringLiteral("to"), toString(to)},
                            {QStringLiteral("seen_version"), seenVersion},
                            {QStringLiteral("by"), place.clerk},
                            {QStringLiteral("at"), storedTime(now)}};
        if (!note.isEmpty())
            request.insert(QStringLiteral("note"), note);
        if (auto added = Outbox(m_db).add(kCaseStatusEntity, c.id, request, now); !added)
            return added.error();
        if (Status s = fault(QStringLiteral("outbox")); !s)
            return s.error();

        QJsonObject after{{QStringLiteral("status"), toString(to)}};
        if (!note.isEmpty())
            after.insert(QStringLiteral("note"), note);
        if (auto a = AuditLog(m_db, m_clock)
                         .append(m_session, {action, referenceOf(c),
                                             QJsonObject{{QStringLiteral("status"), from}}, after,
                                             place.siteCode, place.window});
            !a)
            return a.error();
        if (Status s = fault(QStringLiteral("audit")); !s)
            return s.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        id = c.id;
    }
    auto stored = CaseRepository(m_db).findById(id);
    if (!stored)
        return stored.error();
    if (!stored->has_value())
        return Error::notFound(QCoreApplication::translate("ow::CaseLifeService",
                                                           "There is no case with the number %1.")
                                   .arg(caseNumber));
    return **stored;
}

Result<CaseRecord> CaseLifeService::move(const QString& caseNumber, CaseStatus to,
                                         const QString& action, const QString& note,
                                         const Step& check, const Step& detail)
{
    return run(caseNumber, to, action, note, check, detail);
}

Result<CaseRecord> CaseLifeService::forward(const QString& caseNumber, const QString& department)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString dept = department.trimmed();
    if (dept.isEmpty())
        return required(QStringLiteral("department"),
                        QCoreApplication::translate("ow::CaseLifeService",
                                                    "Name the department case %1 is forwarded to.")
                            .arg(caseNumber));
    return run(caseNumber, CaseStatus::Forwarded, QStringLiteral("case.forward"),
               QCoreApplication::translate("ow::CaseLifeService", "forwarded to %1").arg(dept), {},
               [&](const CaseRecord& c, const Place&) {
                   return CaseLifeRepository(m_db).setForwarded(c.id, dept, m_clock.now());
               });
}

Result<CaseRecord> CaseLifeService::approve(const QString& caseNumber, const QString& reason)
{
    return result(caseNumber, CaseStatus::Approved, reason);
}

Result<CaseRecord> CaseLifeService::refuse(const QString& caseNumber, const QString& reason)
{
    return result(caseNumber, CaseStatus::Refused, reason);
}

Result<CaseRecord> CaseLifeService::result(const QString& caseNumber, CaseStatus to,
                                           const QString& reason)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString why = reason.trimmed();
    if (to == CaseStatus::Refused && why.isEmpty())
        return required(QStringLiteral("reason"),
                        QCoreApplication::translate("ow::CaseLifeService",
                                                    "Give the reason case %1 is refused.")
                            .arg(caseNumber));
    // Forwarded: the department decided and the window records it. Before
    // that, the window decides itself, for items the clerk may approve.
    auto byWindow = std::make_shared<bool>(false);
    auto check = [this, byWindow](const CaseRecord& c, const Place&) -> Status {
        if (c.status == CaseStatus::Forwarded)
            return {};
        *byWindow = true;
        return windowAuthority(c);
    };
    const QString result = toString(to);
    return run(
        caseNumber, to,
        to == CaseStatus::Approved ? QStringLiteral("case.approve") : QStringLiteral("case.refuse"),
        why, check, [this, byWindow, result, why](const CaseRecord& c, const Place&) {
            return CaseLifeRepository(m_db).setResult(
                c.id, result, *byWindow ? QStringLiteral("window") : QStringLiteral("department"),
                why, m_clock.now());
        });
}

Status CaseLifeService::windowAuthority(const CaseRecord& c) const
{
    if (Status s = m_session.require(Permission::ApproveAtWindow); !s)
        return s;
    if (m_session.isSystem())
        return {};
    auto items = CaseLifeRepository(m_db).itemsOf(m_session.login());
    if (!items)
        return items.error();
    for (const CaseItem& i : c.items)
        if (!items->contains(i.code))
            return Error::forbidden(
                QCoreApplication::translate(
                    "ow::CaseLifeService",
                    "%1 (%2) has no authority to decide item %3 (%4) at the window: case %5 "
                    "must be forwarded to its department.")
                    .arg(m_session.displayName(), m_session.login(), i.code, i.name, c.caseNumber));
    return {};
}

Result<CaseRecord> CaseLifeService::complete(const QString& caseNumber)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    return run(caseNumber, CaseStatus::Completed, QStringLiteral("case.complete"), {}, {},
               [this](const CaseRecord& c, const Place& place) -> Status {
                   if (Status s = CaseLifeRepository(m_db).setCompleted(c.id, m_clock.now()); !s)
                       return s;
                   // A proxy service done: the applicant gets a call-back.
                   return callbackAfterCompletion(m_db, m_session, c, place, m_clock,
                                                  WorkCalendar::builtIn());
               });
}

Result<CaseRecord> CaseLifeService::awaitPickup(const QString& caseNumber)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    // A locker case waits in its locker, with its compartment and pick-up code.
    auto check = [](const CaseRecord& c, const Place&) -> Status {
        if (c.delivery.method != Delivery::Locker)
            return {};
        return Error::conflict(
            QCoreApplication::translate("ow::CaseLifeService",
                                        "The result of case %1 goes to the locker %2: put it in "
                                        "the locker with its compartment and pick-up code.")
                .arg(c.caseNumber, c.delivery.locker));
    };
    return run(caseNumber, CaseStatus::AwaitingPickup, QStringLiteral("case.await_pickup"), {},
               check, {});
}

Result<CaseRecord> CaseLifeService::handOver(const QString& caseNumber, const Collector& collector)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    auto name = validatePersonName(collector.name, QStringLiteral("collectorName"));
    if (!name)
        return name.error();
    auto id = validateResidentId(collector.idNumber, m_clock, QStringLiteral("collectorId"));
    if (!id)
        return id.error();
    const QString number = id->number;
    auto check = [&](const CaseRecord& c, const Place&) -> Status {
        if (c.delivery.method != Delivery::Pickup)
            return Error::conflict(QCoreApplication::translate(
                                       "ow::CaseLifeService",
                                       "Case %1 is delivered by %2, not picked up at the window.")
                                       .arg(c.caseNumber, deliveryName(c.delivery.method)));
        if (collector.authorised)
            return {};
        ApplicantRepository applicants(m_db);
        auto applicant = applicants.findById(c.applicantId);
        if (!applicant)
            return applicant.error();
        QStringList own;
        if (applicant->has_value()) {
            own << (*applicant)->idNumber << (*applicant)->legalRepIdNumber;
        }
        if (!c.agentId.isEmpty()) {
            auto agent = applicants.findAgentById(c.agentId);
            if (!agent)
                return agent.error();
            if (agent->has_value())
                own << (*agent)->idNumber;
        }
        for (const QString& n : own)
            if (!n.isEmpty() && n.compare(number, Qt::CaseInsensitive) == 0)
                return {};
        const QString msg =
            QCoreApplication::translate(
                "ow::CaseLifeService",
                "The ID number %1 is not that of the applicant of case %2 nor of their agent: "
                "hand the result only to the applicant, or to a person they authorised, "
                "recorded as authorised with that person's own ID.")
                .arg(maskIdNumber(number), c.caseNumber);
        return Error::invalid(
            msg, {{QStringLiteral("collectorId"), QStringLiteral("collectorId"), msg}});
    };
    const QString note =
        collector.authorised
            ? QCoreApplication::translate("ow::CaseLifeService", "handed to %1 (authorised)")
                  .arg(*name)
            : QCoreApplication::translate("ow::CaseLifeService", "handed to %1").arg(*name);
    return run(caseNumber, CaseStatus::Delivered, QStringLiteral("case.handover"), note, check,
               [&](const CaseRecord& c, const Place& place) {
                   return CaseLifeRepository(m_db).insertHandover(
                       c.id, {*name, number, collector.authorised, m_clock.now(), place});
               });
}

Result<CaseRecord> CaseLifeService::withdraw(const QString& caseNumber, const QString& reason)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString why = reason.trimmed();
    if (why.isEmpty())
        return required(QStringLiteral("reason"),
                        QCoreApplication::translate("ow::CaseLifeService",
                                                    "Give the reason case %1 is withdrawn.")
                            .arg(caseNumber));
    return run(caseNumber, CaseStatus::Withdrawn, QStringLiteral("case.withdraw"), why, {},
               [this](const CaseRecord& c, const Place&) -> Status {
                   if (c.status != CaseStatus::CorrectionRequested)
                       return {};
                   if (Status s = CaseLifeRepository(m_db).withdrawCorrections(c.id); !s)
                       return s;
                   return MatterRepository(m_db).close(c.matterId, m_clock.now());
               });
}

Result<CaseRecord> CaseLifeService::pauseClock(const QString& caseNumber, const QString& kind,
                                               const QString& reason)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    if (kind != QLatin1String("correction") && kind != QLatin1String("special"))
        return required(QStringLiteral("kind"),
                        QCoreApplication::translate(
                            "ow::CaseLifeService",
                            "A pause of the clock is for a correction or a special procedure "
                            "(correction, special), not %1.")
                            .arg(kind));
    // A hearing, an expert review, a test (特别程序) is not the clerk's to
    // declare: the supervisor stops the clock for it.
    if (kind == QLatin1String("special"))
        if (Status s = m_session.require(Permission::SpecialProcedure); !s)
            return s.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto found = find(caseNumber);
    if (!found)
        return found.error();
    const CaseRecord& c = *found;
    if (!clockRuns(c.status))
        return Error::conflict(QCoreApplication::translate(
                                   "ow::CaseLifeService",
                                   "Case %1 is %2: its clock does not run, so it cannot be paused.")
                                   .arg(c.caseNumber, displayName(c.status)));
    CaseLifeRepository repo(m_db);
    auto pauses = repo.pauses(c.id);
    if (!pauses)
        return pauses.error();
    for (const ClockPause& p : *pauses)
        if (p.running())
            return Error::conflict(
                QCoreApplication::translate("ow::CaseLifeService",
                                            "The clock of case %1 is already paused since %2.")
                    .arg(c.caseNumber, p.startedOn.toString(Qt::ISODate)));
    const Place place = placeFor(c);
    ClockPause p;
    p.kind = kind;
    p.reason = reason.trimmed();
    p.startedOn = m_clock.today();
    p.clerk = place.clerk;
    if (Status s = repo.startPause(c.id, p); !s)
        return s.error();
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session,
                             {QStringLiteral("case.clock_pause"), c.caseNumber, QJsonValue::Null,
                              QJsonObject{{QStringLiteral("kind"), kind},
                                          {QStringLiteral("reason"), p.reason}},
                              place.siteCode, place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<CaseRecord> CaseLifeService::resumeClock(const QString& caseNumber)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto found = find(caseNumber);
    if (!found)
        return found.error();
    const CaseRecord& c = *found;
    auto ended = CaseLifeRepository(m_db).endPause(c.id, m_clock.today());
    if (!ended)
        return ended.error();
    if (!*ended)
        return Error::conflict(QCoreApplication::translate("ow::CaseLifeService",
                                                           "The clock of case %1 is not paused.")
                                   .arg(c.caseNumber));
    const Place place = placeFor(c);
    if (auto a = AuditLog(m_db, m_clock)
                     .append(m_session,
                             {QStringLiteral("case.clock_resume"), c.caseNumber, QJsonValue::Null,
                              QJsonValue::Null, place.siteCode, place.window});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return c;
}

Result<CaseProgress> CaseLifeService::progress(const QString& caseId) const
{
    return CaseLifeRepository(m_db).progress(caseId);
}

Result<QStringList> CaseLifeService::departmentsOf(const CaseRecord& c) const
{
    CatalogueRepository catalogue(m_db);
    QStringList out;
    for (const CaseItem& i : c.items) {
        auto item = catalogue.item(i.code);
        if (!item && item.error().kind == Error::Kind::NotFound)
            item = catalogue.itemVersion(i.code, i.version);
        if (!item) {
            if (item.error().kind == Error::Kind::NotFound)
                continue; // an item the catalogue no longer knows
            return item.error();
        }
        const QString department = item->department.trimmed();
        if (!department.isEmpty() && !out.contains(department))
            out << department;
    }
    return out;
}

Result<CaseClock> CaseLifeService::clockOf(const QString& caseNumber, const QDate& today,
                                           const WorkCalendar& calendar, int yellowDays) const
{
    auto found = find(caseNumber);
    if (!found)
        return found.error();
    auto pauses = CaseLifeRepository(m_db).pauses(found->id);
    if (!pauses)
        return pauses.error();
    return ow::clockOf(*found, *pauses, today, calendar, yellowDays);
}

} // namespace ow
