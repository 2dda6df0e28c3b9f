#pragma once

#include "catalogue/Item.h"

#include <QDate>
#include <QString>

namespace ow {

// The checks of typed values at intake, through the validators of
// applicants/Validators.h. Each returns an empty string when the value is
// fine, otherwise what is wrong (translated, complete sentences).
// `today` bounds birth dates; a null date leaves them unbounded.
QString checkIdNumber(const QString& idNumber, const QDate& today); // GB 11643
QString checkPhone(const QString& phone);                           // mobile or fixed line
QString checkPostcode(const QString& postcode);
QString checkPersonName(const QString& name);
// For a form field of type phone, idnumber or postcode; empty for other types.
QString checkTypedValue(FieldType type, const QString& value, const QDate& today);

} // namespace ow
