#pragma once

#include "documents/DocumentData.h"

#include <QString>

namespace ow {

// Masks an identity document number for print: the first 6 and the last 4
// characters stay, every other character becomes "*" (counted in code points).
// Numbers of 10 characters or fewer keep only their first and last character.
QString maskIdNumber(const QString& number);

// Masks a mobile number: "13912345678" -> "139****5678".
QString maskPhone(const QString& phone);

// Masks an address for a receipt: the region stays, the street part is hidden.
QString maskAddress(const PostalAddress& address);

} // namespace ow
