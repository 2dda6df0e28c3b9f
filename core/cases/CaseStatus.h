#pragma once

#include <QString>
#include <optional>

namespace ow {

// Where a case is in its life (DOMAIN.md "Case life").
enum class CaseStatus {
    CorrectionRequested, // 补正: one-time notice printed, matter open
    Accepted,            // 受理
    NotAccepted,         // 不予受理
    FirstReview,
    Forwarded,
    Approved,
    Refused,
    Completed, // 办结
    AwaitingPickup,
    Mailed,
    Delivered,
    Withdrawn,
};

QString toString(CaseStatus status); // "correction_requested", "accepted", ...
std::optional<CaseStatus> caseStatusFromString(const QString& s);
// The status as a clerk reads it (translated).
QString displayName(CaseStatus status);

// How the applicant reached the window.
enum class Channel { Counter, Phone, Proxy, OnSite, Appointment };

QString toString(Channel channel); // "counter", "phone", "proxy", "onsite", "appointment"
std::optional<Channel> channelFromString(const QString& s);

// The decision taken at the window.
enum class DecisionKind { Accept, Correct, Refuse };

QString toString(DecisionKind kind); // "accepted", "correction", "refused" (as stored)

} // namespace ow
