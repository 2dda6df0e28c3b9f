#pragma once

#include "intake/Decision.h"
#include "intake/Intake.h"
#include "intake/IntakeContext.h"
#include "store/Database.h"

#include <functional>
#include <optional>

namespace ow {

// Everything a decision writes, settled before the transaction opens.
struct DecisionPlan
{
    DecisionKind kind = DecisionKind::Accept;
    Applicant applicant;
    std::optional<Agent> agent;
    Channel channel = Channel::Counter;
    DeliveryChoice delivery;
    bool completeNow = false; // immediate items: accepted, then completed
    QDate promisedDate;
    bool promisedProvisional = false;
    int promisedDays = 0;
    bool creditAcknowledged = false;
    std::optional<SupervisorOverride> override_;
    QString overrideSubject;
    QList<CorrectionLine> correctionLines;
    RefusalOptions refusal;
    QList<CreditFlag> creditFlags;
};

// The write path of IntakeService: one Transaction, a fault hook between
// the writes. A failure or an exception anywhere leaves the store as it was
// (the case number included: it is allocated inside the transaction).
class DecisionWriter
{
public:
    DecisionWriter(Database& db, const IntakeContext& context,
                   const std::function<void(const QString&)>& faultHook);

    Result<Decision> write(const Intake& intake, DecisionPlan plan);

    // The decision stored for `requestId` (Decision::alreadyDecided), if any.
    static Result<std::optional<Decision>> decided(const Database& db, const QString& requestId);

private:
    void step(const QString& name) const;

    Database& m_db;
    const IntakeContext& m_context;
    const std::function<void(const QString&)>& m_faultHook;
};

} // namespace ow
