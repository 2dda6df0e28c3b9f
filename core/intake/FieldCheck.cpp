#include "intake/FieldCheck.h"

#include "applicants/Validators.h"

#include <QStringList>

namespace ow {

namespace {

// Every sentence of the validator's error: which position, what was expected.
template <typename T> QString why(const Result<T>& r)
{
    if (r)
        return {};
    const Error& e = r.error();
    if (e.problems.isEmpty())
        return e.message;
    QStringList parts;
    for (const Problem& p : e.problems)
        parts << p.message;
    return parts.join(QLatin1Char(' '));
}

} // namespace

QString checkIdNumber(const QString& idNumber, const QDate& today)
{
    return why(validateResidentId(idNumber, today));
}

QString checkPhone(const QString& phone)
{
    return why(validatePhone(phone));
}

QString checkPostcode(const QString& postcode)
{
    return why(validatePostcode(postcode));
}

QString checkPersonName(const QString& name)
{
    return why(validatePersonName(name));
}

QString checkTypedValue(FieldType type, const QString& value, const QDate& today)
{
    switch (type) {
    case FieldType::Phone:
        return checkPhone(value);
    case FieldType::IdNumber:
        return checkIdNumber(value, today);
    case FieldType::Postcode:
        return checkPostcode(value);
    case FieldType::Text:
    case FieldType::Number:
    case FieldType::Date:
    case FieldType::Choice:
    case FieldType::Bool:
    case FieldType::Address:
        break;
    }
    return {};
}

} // namespace ow
