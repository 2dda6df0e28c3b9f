#pragma once

#include "auth/Session.h"
#include "cases/CaseRecord.h"
#include "catalogue/Item.h"
#include "store/Clock.h"

#include <QString>

namespace ow {

// Where the intake happens and who does it, and the time source: given by
// the caller (the GUI's session, the CLI's arguments, a test), never read
// from the machine inside a service.
struct IntakeContext
{
    QString siteCode; // unique across the province: the first part of case numbers
    Level siteLevel = Level::City;
    QString window;
    QString clerk;
    const Clock* clock = &Clock::system();
    // Who decides: checked by the service (Permission::AcceptIntake, the
    // items a clerk may accept) and named in the audit log. The machine's
    // operator unless the caller signed someone in (see Session).
    Session session = Session::system();
    // The request this decision answers (an intake document's "requestId",
    // or the hash of its content): stored in the transaction of the
    // decision; a request already decided gets that decision back and
    // nothing is written. Empty at the window.
    QString requestId;

    Place place() const { return {siteCode, window, clerk}; }
    QDateTime now() const { return clock->now(); }
    QDate today() const { return clock->today(); }
};

} // namespace ow
