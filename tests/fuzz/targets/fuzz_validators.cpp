// Every validator of personal and contact data and the text rule: the first
// byte chooses, the rest is the text typed or imported. A value accepted is
// accepted again in the form it was normalised to.
#include "FuzzSupport.h"
#include "applicants/Validators.h"
#include "text/TextRules.h"

#include <QDate>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    if (size == 0)
        return 0;
    const QString text = QString::fromUtf8(fuzz::bytes(data + 1, size - 1));
    const QDate today(2026, 12, 7);
    switch (data[0] % 8) {
    case 0:
        if (const auto id = validateResidentId(text, today))
            fuzz::require(bool(validateResidentId(id->number, today)),
                          "a resident ID accepted is accepted as normalised");
        break;
    case 1:
        if (const auto code = validateCreditCode(text))
            fuzz::require(bool(validateCreditCode(code.value())),
                          "a credit code accepted is accepted as normalised");
        (void)inspectCreditCode(text).organisationType();
        break;
    case 2:
        if (const auto phone = validatePhone(text))
            fuzz::require(bool(validatePhone(phone->number)),
                          "a phone number accepted is accepted as normalised");
        break;
    case 3:
        (void)validateMobile(text);
        break;
    case 4:
        if (const auto postcode = validatePostcode(text))
            fuzz::require(bool(validatePostcode(postcode.value())),
                          "a postcode accepted is accepted as normalised");
        break;
    case 5:
        if (const auto name = validatePersonName(text))
            fuzz::require(bool(validatePersonName(name.value())),
                          "a name accepted is accepted as normalised");
        break;
    case 6:
        if (const auto fault = findTextFault(text))
            fuzz::require(!textProblem(text).isEmpty(), "a fault in a text is said");
        break;
    default:
        (void)codePointCount(text);
    }
    return 0;
}
