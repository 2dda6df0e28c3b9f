#include "cases/CaseLife.h"
#include "cases/CaseLifeRepository.h"

#include <QCoreApplication>
#include <QRegularExpression>

// The last moves of a locker case (Delivery::Locker): completed, put in the
// self-service locker (智能柜) with its compartment (格口) and pick-up code
// (取件码), then collected.
namespace ow {

namespace {

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

Status lockerCase(const CaseRecord& c)
{
    if (c.delivery.method == Delivery::Locker)
        return {};
    return Error::conflict(
        QCoreApplication::translate("ow::CaseLifeService",
                                    "Case %1 is delivered by %2, not through a locker.")
            .arg(c.caseNumber, deliveryName(c.delivery.method)));
}

// Completed is not enough: the result is collected once it is in the locker.
Status collectable(const CaseRecord& c)
{
    if (Status s = lockerCase(c); !s)
        return s;
    if (c.status == CaseStatus::AwaitingPickup)
        return {};
    return Error::conflict(QCoreApplication::translate(
                               "ow::CaseLifeService",
                               "Case %1 is %2: its result is collected once it is in the locker.")
                               .arg(c.caseNumber, displayName(c.status)));
}

QString lockerText(const char* text)
{
    return QCoreApplication::translate("ow::CaseLifeService", text);
}

// What is wrong with the compartment typed, or empty.
QString compartmentProblem(const QString& value, const QString& caseNumber)
{
    static const QRegularExpression allowed(QStringLiteral("^[0-9A-Za-z-]{1,16}$"));
    if (value.isEmpty())
        return lockerText(QT_TRANSLATE_NOOP("ow::CaseLifeService",
                                            "Give the locker compartment case %1 is put in."))
            .arg(caseNumber);
    if (!allowed.match(value).hasMatch())
        return lockerText(QT_TRANSLATE_NOOP("ow::CaseLifeService",
                                            "The compartment %1 is not a compartment number (up "
                                            "to 16 letters, digits and hyphens)."))
            .arg(value);
    return {};
}

// What is wrong with the pick-up code typed, or empty.
QString pickupCodeProblem(const QString& value, const QString& caseNumber)
{
    static const QRegularExpression allowed(QStringLiteral("^[0-9A-Za-z]{4,12}$"));
    if (value.isEmpty())
        return lockerText(QT_TRANSLATE_NOOP("ow::CaseLifeService",
                                            "Give the pick-up code the locker gave for case %1."))
            .arg(caseNumber);
    if (!allowed.match(value).hasMatch())
        return lockerText(QT_TRANSLATE_NOOP("ow::CaseLifeService",
                                            "The pick-up code %1 is not a pick-up code (4 to 12 "
                                            "letters and digits)."))
            .arg(value);
    return {};
}

} // namespace

Result<CaseRecord> CaseLifeService::putInLocker(const QString& caseNumber,
                                                const QString& compartment,
                                                const QString& pickupCode)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    const QString box = compartment.trimmed();
    const QString code = pickupCode.trimmed();
    if (const QString why = compartmentProblem(box, caseNumber); !why.isEmpty())
        return invalidField(QStringLiteral("compartment"), why);
    if (const QString why = pickupCodeProblem(code, caseNumber); !why.isEmpty())
        return invalidField(QStringLiteral("pickupCode"), why);
    // The pick-up code opens the compartment: it stays in this counter's
    // store (case_locker), out of the history, the audit log and what goes
    // to the centre.
    const QString note =
        QCoreApplication::translate("ow::CaseLifeService", "in the locker: compartment %1")
            .arg(box);
    return run(
        caseNumber, CaseStatus::AwaitingPickup, QStringLiteral("case.locker_deposit"), note,
        [](const CaseRecord& c, const Place&) { return lockerCase(c); },
        [this, box, code](const CaseRecord& c, const Place& place) {
            return CaseLifeRepository(m_db).insertLockerDeposit(
                c.id, {c.delivery.locker, box, code, m_clock.now(), place, {}});
        });
}

Result<CaseRecord> CaseLifeService::collectFromLocker(const QString& caseNumber)
{
    if (Status s = m_session.require(Permission::HandleCase); !s)
        return s.error();
    auto found = find(caseNumber);
    if (!found)
        return found.error();
    auto deposit = CaseLifeRepository(m_db).lockerDeposit(found->id);
    if (!deposit)
        return deposit.error();
    const QString note =
        deposit->has_value()
            ? QCoreApplication::translate("ow::CaseLifeService",
                                          "collected from the locker %1, compartment %2")
                  .arg((*deposit)->locker, (*deposit)->compartment)
            : QCoreApplication::translate("ow::CaseLifeService", "collected from the locker %1")
                  .arg(found->delivery.locker);
    return run(
        caseNumber, CaseStatus::Delivered, QStringLiteral("case.locker_collect"), note,
        [](const CaseRecord& c, const Place&) { return collectable(c); },
        [this](const CaseRecord& c, const Place&) {
            return CaseLifeRepository(m_db).setLockerCollected(c.id, m_clock.now());
        });
}

} // namespace ow
