#pragma once

#include "applicants/ApplicantRepository.h"
#include "intake/Decision.h"
#include "intake/Intake.h"
#include "intake/IntakeContext.h"
#include "store/Database.h"

#include <functional>
#include <optional>

namespace ow {

class CatalogueService;
class WorkCalendar;

// A correction (补正) taken up again when the applicant comes back with the
// missing materials: the intake is begun anew for the same applicant and the
// same items, and resumes the correction (openCorrection, resume).
struct CorrectionVisit
{
    CorrectionRecord correction;
    QString applicantKey; // the ID number or credit code
    QStringList codes;    // the items as chosen (a joint item by its own code)
};

// The decision at the window, the same for the GUI and the CLI: accept
// (受理), ask for corrections (补正), refuse (不予受理). Every decision
// writes the applicant, the matter and its visit, the case with its items,
// materials, form values and status history, the correction or refusal
// record, any supervisor override, and the outbox entries, in ONE
// Transaction: all of it or nothing. Nothing here waits for the network.
class IntakeService
{
public:
    // Called between the writes of a decision with the name of the step
    // just written ("applicant", "agent", "matter", "number", "case",
    // "history", "record", "visit", "override", "reusable", "outbox", "audit",
    // "request"); a test makes it throw to prove that a decision is all or
    // nothing.
    using FaultHook = std::function<void(const QString& step)>;

    IntakeService(Database& db, const CatalogueService& catalogue, const WorkCalendar& calendar,
                  IntakeContext context);

    const IntakeContext& context() const { return m_context; }
    const Database& database() const { return m_db; }

    // A new, empty intake on today's catalogue.
    Intake begin() const;

    // The applicant as the store knows them (earlier cases, materials on file).
    Result<std::optional<ApplicantFile>> lookupApplicant(const QString& idNumberOrCreditCode) const;
    // Puts the applicant on the intake: what the store knows fills what was
    // not typed (phone, address, credit grade, ...) and the materials on
    // file become reusable lines of the checklist.
    Status setApplicant(Intake& intake, const Applicant& applicant) const;

    // The credit warnings for this applicant: A green channel, B guidance,
    // C and blacklist to acknowledge, a credit code failing its check.
    QList<CreditFlag> creditFlags(const Intake& intake) const;

    // The open correction (补正) of this applicant for these same items: the
    // next decision resumes it and counts as the next visit of the matter.
    Result<std::optional<CorrectionRecord>> openCorrection(const Intake& intake) const;
    // Marks on the checklist what was received or reused at the earlier
    // visit of the open correction (lines the clerk marked already stay).
    Status resume(Intake& intake) const;
    // The open correction whose one-time notice has the number `noticeNumber`,
    // with what a new intake needs to take it up again; refused when there is
    // no such notice or the correction is no longer open.
    Result<CorrectionVisit> correctionVisit(const QString& noticeNumber) const;

    // A supervisor signs in at the window to approve a credit-code override
    // (AcceptOptions::overrideApprover): login and password are checked as
    // at any sign-in, and a failure counts toward that account's lock-out.
    Result<Session> approverSignIn(const QString& login, const QString& password) const;

    // Every reason accept() would refuse, without writing anything.
    QList<Problem> acceptProblems(const Intake& intake, const AcceptOptions& options) const;

    // 受理: the checklist complete, the form valid, credit warnings
    // acknowledged. Allocates the case number, promises a date on working
    // days; immediate items are completed at once.
    Result<Decision> accept(const Intake& intake, const AcceptOptions& options = {});
    // 补正: records every missing or defective material and what to bring.
    Result<Decision> requestCorrection(const Intake& intake, const CorrectionOptions& options = {});
    // 不予受理: reason and legal basis required.
    Result<Decision> refuse(const Intake& intake, const RefusalOptions& options);

    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }

private:
    QList<Problem> commonProblems(const Intake& intake, bool itemsRequired) const;
    // A material reused from a case names a case of this applicant; from an
    // e-licence, a licence number.
    QList<Problem> reuseProblems(const Intake& intake) const;
    QList<Problem> creditProblems(const Intake& intake, const AcceptOptions& options) const;
    QList<Problem> deliveryProblems(const Intake& intake, const DeliveryChoice& delivery) const;
    bool creditCodeFails(const Applicant& applicant) const;

    Database& m_db;
    const CatalogueService& m_catalogue;
    const WorkCalendar& m_calendar;
    IntakeContext m_context;
    FaultHook m_faultHook;
};

} // namespace ow
