#include "cases/CaseStatus.h"

#include <QCoreApplication>
#include <array>
#include <utility>

namespace ow {

namespace {

constexpr std::array<std::pair<CaseStatus, const char*>, 12> kStatuses{{
    {CaseStatus::CorrectionRequested, "correction_requested"},
    {CaseStatus::Accepted, "accepted"},
    {CaseStatus::NotAccepted, "not_accepted"},
    {CaseStatus::FirstReview, "first_review"},
    {CaseStatus::Forwarded, "forwarded"},
    {CaseStatus::Approved, "approved"},
    {CaseStatus::Refused, "refused"},
    {CaseStatus::Completed, "completed"},
    {CaseStatus::AwaitingPickup, "awaiting_pickup"},
    {CaseStatus::Mailed, "mailed"},
    {CaseStatus::Delivered, "delivered"},
    {CaseStatus::Withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<Channel, const char*>, 5> kChannels{{
    {Channel::Counter, "counter"},
    {Channel::Phone, "phone"},
    {Channel::Proxy, "proxy"},
    {Channel::OnSite, "onsite"},
    {Channel::Appointment, "appointment"},
}};

} // namespace

QString toString(CaseStatus status)
{
    for (const auto& [s, name] : kStatuses)
        if (s == status)
            return QString::fromLatin1(name);
    return {};
}

std::optional<CaseStatus> caseStatusFromString(const QString& s)
{
    for (const auto& [st, name] : kStatuses)
        if (s == QLatin1String(name))
            return st;
    return std::nullopt;
}

QString displayName(CaseStatus status)
{
    const char* text = "";
    switch (status) {
    case CaseStatus::CorrectionRequested:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Correction requested");
        break;
    case CaseStatus::Accepted:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Accepted");
        break;
    case CaseStatus::NotAccepted:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Not accepted");
        break;
    case CaseStatus::FirstReview:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "First review");
        break;
    case CaseStatus::Forwarded:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Forwarded to the department");
        break;
    case CaseStatus::Approved:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Approved");
        break;
    case CaseStatus::Refused:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Refused");
        break;
    case CaseStatus::Completed:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Completed");
        break;
    case CaseStatus::AwaitingPickup:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Awaiting pick-up");
        break;
    case CaseStatus::Mailed:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Mailed");
        break;
    case CaseStatus::Delivered:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Delivered");
        break;
    case CaseStatus::Withdrawn:
        text = QT_TRANSLATE_NOOP("ow::CaseStatus", "Withdrawn");
        break;
    }
    return QCoreApplication::translate("ow::CaseStatus", text);
}

QString toString(Channel channel)
{
    for (const auto& [c, name] : kChannels)
        if (c == channel)
            return QString::fromLatin1(name);
    return {};
}

std::optional<Channel> channelFromString(const QString& s)
{
    for (const auto& [c, name] : kChannels)
        if (s == QLatin1String(name))
            return c;
    return std::nullopt;
}

QString toString(DecisionKind kind)
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

} // namespace ow
