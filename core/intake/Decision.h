#pragma once

#include "applicants/ApplicantRepository.h"
#include "auth/Session.h"
#include "cases/CaseRecord.h"

#include <QDate>
#include <QString>
#include <optional>

namespace ow {

// 受理
struct AcceptOptions
{
    Channel channel = Channel::Counter;
    DeliveryChoice delivery;
    // The clerk saw the warning for a C-grade or blacklisted applicant.
    bool creditWarningAcknowledged = false;
    // Required to accept a credit code that fails its check character.
    std::optional<SupervisorOverride> creditCodeOverride;
    // The supervisor who signed in at the window to approve the override;
    // without one, the deciding session itself must hold
    // Permission::OverrideCreditCheck. A signed-in approver is recorded as
    // the override's supervisor.
    std::optional<Session> overrideApprover;
    // Immediate items (即办件) are completed at the window.
    bool completeImmediateItems = true;
};

// 补正
struct CorrectionOptions
{
    Channel channel = Channel::Counter;
    DeliveryChoice delivery;
};

// 不予受理
struct RefusalOptions
{
    Channel channel = Channel::Counter;
    QString reason;     // required
    QString legalBasis; // required
    // The body the applicant should turn to when the matter is not this
    // hall's (not someone's item at all): required then.
    QString competentBody;
};

// A warning about the applicant's credit, shown before acceptance.
struct CreditFlag
{
    enum class Kind {
        GreenChannel,      // A: 绿色通道
        Guidance,          // B
        Watch,             // C: acknowledge before acceptance
        Blacklist,         // acknowledge before acceptance
        CreditCodeInvalid, // supervisor override before acceptance
    };
    Kind kind = Kind::GreenChannel;
    QString message;
    // Acceptance waits for an acknowledgement (Watch, Blacklist) or an
    // override (CreditCodeInvalid).
    bool stopsAcceptance = false;
};

// What a decision wrote.
struct Decision
{
    DecisionKind kind = DecisionKind::Accept;
    QString caseId;
    QString caseNumber;   // accepted: <site>-<yyyyMMdd>-<NNNN>
    QString noticeNumber; // correction or refusal: its notice number
    QString recordId;     // the correction's or refusal's id
    CaseStatus status = CaseStatus::Accepted;
    QDate promisedDate;               // accepted
    bool promisedProvisional = false; // the calendar of that year is not published yet
    int promisedDays = 0;
    int visit = 1;        // the visit of this matter this decision was taken at
    bool resumed = false; // a correction of the same matter was resumed
    QString applicantId;
    QString agentId;
    QList<CorrectionLine> correctionLines;
    QList<CreditFlag> creditFlags;
    // The request (IntakeContext::requestId) was decided before: this is
    // that decision (its kind, case and number), and nothing was written.
    bool alreadyDecided = false;

    // The number to print: the case number, or the notice number.
    QString number() const { return caseNumber.isEmpty() ? noticeNumber : caseNumber; }
};

} // namespace ow
