#pragma once

#include "cases/CaseLife.h"
#include "store/Database.h"

namespace ow {

// The only SQL on case_progress, case_handover, case_locker,
// case_clock_pause and window_approval_authority. Opens no transaction: CaseLifeService's
// Transaction covers every write.
class CaseLifeRepository
{
public:
    explicit CaseLifeRepository(Database& db);

    Status setForwarded(const QString& caseId, const QString& department, const QDateTime& at);
    Status setResult(const QString& caseId, const QString& result, const QString& by,
                     const QString& reason, const QDateTime& at);
    Status setCompleted(const QString& caseId, const QDateTime& at);
    Status insertHandover(const QString& caseId, const Handover& handover);
    Status insertLockerDeposit(const QString& caseId, const LockerDeposit& deposit);
    Status setLockerCollected(const QString& caseId, const QDateTime& at);
    Result<std::optional<LockerDeposit>> lockerDeposit(const QString& caseId) const;
    // Open corrections of a withdrawn case are withdrawn with it.
    Status withdrawCorrections(const QString& caseId);

    Status startPause(const QString& caseId, const ClockPause& pause);
    // Ends the running pause; false when none runs.
    Result<bool> endPause(const QString& caseId, const QDate& on);
    Result<QList<ClockPause>> pauses(const QString& caseId) const;
    Result<CaseProgress> progress(const QString& caseId) const;

    Status grant(const QString& login, const QString& itemCode, const QDateTime& at,
                 const QString& by);
    Result<bool> revoke(const QString& login, const QString& itemCode);
    Result<QStringList> itemsOf(const QString& login) const;

private:
    Status ensureRow(const QString& caseId);

    Database& m_db;
};

} // namespace ow
