#pragma once

#include "documents/AcceptanceReceipt.h"
#include "documents/NonAcceptanceNotice.h"
#include "documents/OneTimeNotice.h"
#include "intake/Decision.h"
#include "intake/Intake.h"
#include "intake/IntakeContext.h"

#include <memory>

namespace ow {

// The document a decision hands the applicant, filled from the intake as it
// was decided: the acceptance receipt (受理回执), the one-time notice
// (一次性告知书) or the non-acceptance notice (不予受理通知书).
AcceptanceReceiptData receiptData(const Intake& intake, const Decision& decision,
                                  const IntakeContext& context, const DeliveryChoice& delivery);
OneTimeNoticeData oneTimeNoticeData(const Intake& intake, const Decision& decision,
                                    const IntakeContext& context);
NonAcceptanceNoticeData nonAcceptanceData(const Intake& intake, const Decision& decision,
                                          const IntakeContext& context,
                                          const RefusalOptions& refusal);

// What the applicant was given for each decision kind. `delivery` is read
// for an acceptance, `refusal` for a refusal.
struct DecisionDocumentInput
{
    DeliveryChoice delivery;
    RefusalOptions refusal;
};
std::unique_ptr<Document> decisionDocument(const Intake& intake, const Decision& decision,
                                           const IntakeContext& context,
                                           const DecisionDocumentInput& input,
                                           const CentreSettings& centre = {});

} // namespace ow
