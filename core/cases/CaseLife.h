#pragma once

#include "auth/Session.h"
#include "cases/CaseRecord.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QDate>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace ow {

class WorkCalendar;

// ------------------------------------------------------------ the legal clock

// How a case stands against its due date.
enum class ClockState {
    Ok,     // more than the warning days left, or the clock has stopped
    Yellow, // due within the warning days (today included)
    Red,    // overdue
    Paused, // a correction or a special procedure (特别程序) runs
};

QString toString(ClockState state); // "ok", "yellow", "red", "paused"
QString displayName(ClockState state);
// The legal clock runs in this status (accepted up to the result).
bool clockRuns(CaseStatus status);

// A stretch of time the legal clock stood still.
struct ClockPause
{
    qint64 id = 0;
    QString kind; // "correction" (补正) or "special" (特别程序)
    QString reason;
    QDate startedOn;
    QDate endedOn; // invalid while it runs
    QString clerk;

    bool running() const { return !endedOn.isValid(); }
};

struct CaseClock
{
    QDate promisedDate; // as promised at acceptance
    QDate dueDate;      // the promised date moved on by the paused working days
    int pausedWorkingDays =
        0; // working days the clock stood still (up to today for a running pause)
    // Working days from today (or the day the clock stopped) to the due
    // date: 0 when due today, negative when overdue.
    int workingDaysLeft = 0;
    ClockState state = ClockState::Ok;
    // False once the case is completed, withdrawn or otherwise over, and for
    // a case without a promised date (an immediate item, not accepted).
    bool running = true;
    bool provisional = false; // a year counted is not yet published
};

// The clock of `c` on `today`: its due date on working days, extended by
// every pause, and its warning state (yellow within `yellowDays` working
// days, red when overdue, paused while a pause runs).
CaseClock clockOf(const CaseRecord& c, const QList<ClockPause>& pauses, const QDate& today,
                  const WorkCalendar& calendar, int yellowDays = 2);

// ----------------------------------------------------------- case life

// Who collects the result at the window.
struct Collector
{
    QString name;
    QString idNumber;        // resident ID number
    bool authorised = false; // someone the applicant authorised, with their own ID
};

struct Handover
{
    QString collectorName;
    QString collectorIdNumber;
    bool authorised = false;
    QDateTime at;
    Place place;
};

// A result put in a self-service locker (智能柜) for the applicant to collect.
struct LockerDeposit
{
    QString locker;      // the locker (or locker bank) of the case's delivery
    QString compartment; // 格口
    QString pickupCode;  // 取件码, as the locker gave it
    QDateTime at;
    Place place;
    QDateTime collectedAt; // invalid until collected
};

// What the moves after acceptance carried.
struct CaseProgress
{
    QString department; // forwarded to
    QDateTime forwardedAt;
    QString result;   // "", "approved", "refused"
    QString resultBy; // "window" (首席服务官) or "department"
    QString resultReason;
    QDateTime resultAt;
    QDateTime completedAt;
    std::optional<Handover> handover;
    std::optional<LockerDeposit> locker;
    QList<ClockPause> pauses;
};

// The statuses a case may move to from `from` (immediate: an item done at
// the window, 即办件, which may be completed without forwarding).
QList<CaseStatus> nextStatuses(CaseStatus from, bool immediate);
// The statuses the case may move to (immediate when it has no promised days).
QList<CaseStatus> nextStatuses(const CaseRecord& c);
// The number a case is known by: its case number or, until it is accepted,
// the number of its latest correction notice.
QString referenceOf(const CaseRecord& c);

// The life of a case after acceptance (DOMAIN.md "Case life"). Every move
// checks who acts (Session::require) and from which status, and writes the
// status, its history row (who, when, where), its outbox entry for the
// centre and its audit entry in one Transaction. A refused move changes
// nothing and says which case, its status and what may come next.
//
// Cases are named by their case number; a case awaiting a correction (补正)
// has none yet and is named by the number of its correction notice.
class CaseLifeService
{
public:
    // `place` is where the moves happen; an empty clerk is the session's
    // login, an empty site the session's site or else the case's own.
    CaseLifeService(Database& db, Session session, Place place,
                    const Clock& clock = Clock::system());

    // Forwarded to `department` after the first review (accepted or first review).
    Result<CaseRecord> forward(const QString& caseNumber, const QString& department);
    // Approved or refused: the department's result recorded at the window
    // (forwarded), or the window's own decision for items the clerk has the
    // authority to approve (accepted, first review). A refusal needs its reason.
    Result<CaseRecord> approve(const QString& caseNumber, const QString& reason = {});
    Result<CaseRecord> refuse(const QString& caseNumber, const QString& reason);
    // 办结: after a result, or straight from acceptance for an immediate item.
    Result<CaseRecord> complete(const QString& caseNumber);
    // The applicant is told the result waits at the window.
    Result<CaseRecord> awaitPickup(const QString& caseNumber);
    // Handed over at the window: the collector's ID is checked against the
    // applicant (or agent, or legal representative) unless authorised.
    Result<CaseRecord> handOver(const QString& caseNumber, const Collector& collector);
    // 撤回, until a result is recorded (a case awaiting a correction too:
    // the applicant gives up, the correction and the matter are closed).
    Result<CaseRecord> withdraw(const QString& caseNumber, const QString& reason);

    // A locker case (Delivery::Locker), completed, put in its locker: the
    // compartment (格口) and the pick-up code (取件码) the locker gave are
    // recorded and noted in the history.
    Result<CaseRecord> putInLocker(const QString& caseNumber, const QString& compartment,
                                   const QString& pickupCode);
    // The locker case awaiting pick-up collected from its locker.
    Result<CaseRecord> collectFromLocker(const QString& caseNumber);

    // The clock stops while a correction or a special procedure runs (a
    // special procedure takes Permission::SpecialProcedure, the supervisor).
    Result<CaseRecord> pauseClock(const QString& caseNumber, const QString& kind,
                                  const QString& reason);
    Result<CaseRecord> resumeClock(const QString& caseNumber);

    // Whether the session may approve or refuse `c` at the window, before
    // any forwarding (Permission::ApproveAtWindow and the authority for
    // every item of the case); forbidden with the reason otherwise.
    Status windowAuthority(const CaseRecord& c) const;

    Result<CaseProgress> progress(const QString& caseId) const;
    // The implementing departments of the case's items as the catalogue
    // names them (or the version the case was accepted under), each once,
    // in the order of the items: what a forward is suggested to.
    Result<QStringList> departmentsOf(const CaseRecord& c) const;
    Result<CaseClock> clockOf(const QString& caseNumber, const QDate& today,
                              const WorkCalendar& calendar, int yellowDays = 2) const;

    // A move made by a service built on the case life (the mailing ledger:
    // mailed, delivered by post): the same guard on the status, history row,
    // outbox entry and audit entry, with `check` and `detail` run inside the
    // one transaction. The caller checks the session's permission.
    using Step = std::function<Status(const CaseRecord&, const Place&)>;
    Result<CaseRecord> move(const QString& caseNumber, CaseStatus to, const QString& action,
                            const QString& note, const Step& check, const Step& detail);

    // The items a clerk may approve at the window (首席服务官), by login.
    Status grantApproval(const QString& login, const QString& itemCode);
    Status revokeApproval(const QString& login, const QString& itemCode);
    Result<QStringList> approvalItems(const QString& login) const;

    // Called after each write inside the transaction ("status", "detail",
    // "outbox", "audit"); an error rolls everything back. For tests.
    using FaultHook = std::function<Status(const QString& step)>;
    void setFaultHook(FaultHook hook) { m_fault = std::move(hook); }

private:
    Result<CaseRecord> run(const QString& caseNumber, CaseStatus to, const QString& action,
                           const QString& note,
                           const std::function<Status(const CaseRecord&, const Place&)>& check,
                           const std::function<Status(const CaseRecord&, const Place&)>& detail);
    Result<CaseRecord> result(const QString& caseNumber, CaseStatus to, const QString& reason);
    Result<CaseRecord> find(const QString& caseNumber) const;
    Place placeFor(const CaseRecord& c) const;
    Status fault(const QString& step) const;

    Database& m_db;
    Session m_session;
    Place m_place;
    const Clock& m_clock;
    FaultHook m_fault;
};

} // namespace ow
