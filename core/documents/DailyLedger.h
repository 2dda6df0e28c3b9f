#pragma once

#include "documents/Document.h"

namespace ow {

struct LedgerCaseLine
{
    QString caseNumber;
    QDateTime acceptedAt;
    QString applicant;
    QString items;
    QString outcome; // accepted, not accepted, correction requested, completed
    QString delivery;
};

struct LedgerMailingLine
{
    QString waybill;
    QString caseNumber;
    QString recipient;
    QString mobile;
    QString address;
    QString contents;
};

struct DailyLedgerData
{
    QDate date;
    QString site;
    QString window;
    QString clerk;
    QList<LedgerCaseLine> cases;
    QList<LedgerMailingLine> mailings;
};

// The day's cases and mailings at one window, for sign-off (A4 landscape).
class DailyLedger final : public Document
{
public:
    explicit DailyLedger(DailyLedgerData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("daily-ledger"); }
    const DailyLedgerData& data() const { return m_data; }

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    DailyLedgerData m_data;
};

} // namespace ow
