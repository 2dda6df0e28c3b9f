#pragma once

#include "store/Result.h"

#include <QString>

namespace ow {

// A waybill number as the mailing ledger takes it, scanned or typed:
// spaces and hyphens dropped, full-width characters made ASCII, letters
// upper case. A number shaped like an UPU S10 item number (2 letters,
// 9 digits, 2 letters: "EA473124829CN") must carry the right S10 check
// digit (weights 8 6 4 2 3 5 9 7, C = 11 - S mod 11, 10 -> 0, 11 -> 5);
// any other number has 8 to 20 characters of A-Z and 0-9. The error names
// the field (`field`, "waybill" by default).
Result<QString> validateMailingWaybill(const QString& input, const QString& field = {});

// Whether the normalised `number` has the shape of an S10 number.
bool looksLikeS10(const QString& number);

} // namespace ow
