#pragma once

#include "cases/CaseLife.h"

#include <QList>
#include <QString>

namespace ow::ui {

// What the clerk may do next with the case opened, one button each. The
// moves come from the case's status (nextStatuses), its delivery and its
// clock; whether the session may do them from Session::may. The core
// service checks both again when the button is pressed.
enum class CaseAction {
    ResumeCorrection, // 补正: the materials brought, the correction taken up at the workbench
    Forward,          // to a department (the department asked for, the items' suggested)
    Approve,          // the result: approved (an optional note)
    Refuse,           // the result: refused (the reason asked for)
    Complete,         // 办结
    AwaitPickup,      // the result waits at the window
    HandOver,         // to the collector, whose ID is checked
    LockerDeposit,    // a locker case put in its locker (compartment and pick-up code asked for)
    LockerCollect,    // a locker case collected from its locker
    Withdraw,         // 撤回 (the reason asked for)
    PauseCorrection,  // the legal clock stops for a correction
    PauseSpecial,     // the legal clock stops for a special procedure (supervisor)
    ResumeClock,      // the legal clock runs again
    Mailing,          // an EMS case: mailed and delivered through the mailing ledger
};

// Every action, in the order the buttons stand.
QList<CaseAction> allCaseActions();
// Whether the action asks for something first (a department, a reason, the
// collector, the locker compartment).
bool asksForInput(CaseAction action);

struct CaseActionState
{
    CaseAction action = CaseAction::Forward;
    bool enabled = true;
    QString why; // why it is disabled: the session may not, or cannot here
};

// What an action carries.
struct CaseActionInput
{
    QString department;
    QString reason; // the refusal's or withdrawal's reason, the approval's note, the pause's reason
    Collector collector;
    QString compartment; // the locker compartment (格口)
    QString pickupCode;  // the locker's pick-up code (取件码)
};

} // namespace ow::ui
