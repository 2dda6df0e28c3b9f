#pragma once

#include "auth/Session.h"
#include "cases/CaseRecord.h"

namespace ow {

// Where an action happens: `given`, its empty parts filled from the session
// (the signed-in clerk, the session's site and window).
inline Place placeOf(const Session& session, Place given)
{
    if (given.clerk.isEmpty())
        given.clerk = session.actor();
    if (given.siteCode.isEmpty())
        given.siteCode = session.siteCode();
    if (given.window.isEmpty())
        given.window = session.window();
    return given;
}

} // namespace ow
