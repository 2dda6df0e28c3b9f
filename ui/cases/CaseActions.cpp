#include "cases/CaseActions.h"

namespace ow::ui {

QList<CaseAction> allCaseActions()
{
    return {CaseAction::ResumeCorrection, CaseAction::Forward,       CaseAction::Approve,
            CaseAction::Refuse,           CaseAction::Complete,      CaseAction::AwaitPickup,
            CaseAction::HandOver,         CaseAction::LockerDeposit, CaseAction::LockerCollect,
            CaseAction::Mailing,          CaseAction::Withdraw,      CaseAction::PauseCorrection,
            CaseAction::PauseSpecial,     CaseAction::ResumeClock};
}

bool asksForInput(CaseAction action)
{
    switch (action) {
    case CaseAction::Forward:
    case CaseAction::Approve:
    case CaseAction::Refuse:
    case CaseAction::HandOver:
    case CaseAction::Withdraw:
    case CaseAction::PauseCorrection:
    case CaseAction::PauseSpecial:
    case CaseAction::LockerDeposit:
        return true;
    case CaseAction::ResumeCorrection:
    case CaseAction::Complete:
    case CaseAction::AwaitPickup:
    case CaseAction::LockerCollect:
    case CaseAction::ResumeClock:
    case CaseAction::Mailing:
        return false;
    }
    return false;
}

} // namespace ow::ui
