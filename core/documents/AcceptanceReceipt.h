#pragma once

#include "documents/Document.h"

namespace ow {

struct AcceptanceReceiptData
{
    QString documentNumber; // 文书编号
    QString caseNumber;
    PartyLine applicant;
    PartyLine agent;   // empty name: the applicant came in person
    QString jointItem; // the joint item (联办事项) the items were applied for as, if any
    QStringList items;
    QList<MaterialLine> materials;
    QDateTime acceptedAt;
    QDate promisedDate; // invalid for an item completed on the spot
    int promisedWorkingDays = 0;
    bool promisedProvisional = false; // counted on a year whose holidays are not published
    DeliveryLine delivery;
    qint64 feeFen = 0;
    QString clerk;
    QString window;
    QString site;
};

// 受理回执: the applicant's proof that the application was accepted (A4).
class AcceptanceReceipt final : public Document
{
public:
    explicit AcceptanceReceipt(AcceptanceReceiptData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("acceptance-receipt"); }
    const AcceptanceReceiptData& data() const { return m_data; }
    // What the QR code holds: the centre's query URL for the case, or the case number.
    QByteArray qrPayload() const;

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    AcceptanceReceiptData m_data;
};

// The case number block of a receipt or notice: the number, its Code 128
// barcode and a QR code with `qrPayload`.
Result<PageLayout::Painter> caseCodesPainter(const QString& caseNumber, const QByteArray& qrPayload,
                                             const QString& qrCaption);

} // namespace ow
