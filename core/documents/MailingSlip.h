#pragma once

#include "documents/Document.h"

namespace ow {

struct MailingSlipData
{
    QString waybill;
    QString recipient;
    QString mobile;
    PostalAddress address;
    QStringList contents; // the licences and certificates in the envelope
    QString caseNumber;
    QDate mailedOn;
};

// EMS 邮寄单: a 100 × 150 mm label for the envelope of a mailed result, with
// the waybill's Code 128 barcode. Text that would not fit its box is set
// smaller; text that cannot fit even at the smallest size is refused.
class MailingSlip final : public Document
{
public:
    explicit MailingSlip(MailingSlipData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("ems-slip"); }
    const MailingSlipData& data() const { return m_data; }
    static PageSpec pageSpec();

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    MailingSlipData m_data;
};

} // namespace ow
