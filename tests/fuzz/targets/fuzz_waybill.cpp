// Waybill numbers, scanned or typed: accepted or refused; an accepted
// number is accepted again as normalised, and an S10 number keeps its
// check digit.
#include "FuzzSupport.h"
#include "applicants/Validators.h"
#include "service/WaybillNumber.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace ow;
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    if (const auto number = validateMailingWaybill(text)) {
        fuzz::require(bool(validateMailingWaybill(number.value())),
                      "a waybill accepted is accepted as normalised");
        if (looksLikeS10(number.value()))
            fuzz::require(s10CheckDigit(QStringView(number.value()).mid(2, 8)) ==
                              number->at(10).digitValue(),
                          "an S10 number accepted carries its check digit");
    }
    (void)validateWaybill(text);
    return 0;
}
