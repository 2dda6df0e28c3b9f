#pragma once

#include <QString>

namespace ow {

// UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits.
// Sorts by creation time, unique without a server.
QString newUuidV7();

} // namespace ow
