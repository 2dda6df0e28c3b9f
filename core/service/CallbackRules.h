#pragma once

#include "cases/CaseRecord.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

class Session;
class WorkCalendar;

// Working days from the day a call-back is made to the day it is due.
constexpr int kCallbackWorkingDays = 1;

// Writes `task` (id, created time and due date filled in when empty: due
// kCallbackWorkingDays working days after its creation) with its audit
// entry "callback.add", inside the caller's Transaction.
Result<CallbackTask> addCallback(Database& db, const Session& session, CallbackTask task,
                                 const Clock& clock, const WorkCalendar& calendar,
                                 const QString& window = {});

// The call-back a completed case calls for: a proxy service (channel
// "proxy", DOMAIN.md scenario 4) done for the applicant, who is called
// back. Nothing for any other channel. Inside the caller's Transaction.
Status callbackAfterCompletion(Database& db, const Session& session, const CaseRecord& c,
                               const Place& place, const Clock& clock,
                               const WorkCalendar& calendar);

} // namespace ow
