#pragma once

#include "documents/Document.h"

namespace ow {

// A material that is missing or does not meet the requirements.
struct DefectLine
{
    QString material;
    bool missing = true; // false: brought, but defective
    QString reason;      // why it is needed or what is wrong with it
    QString whatToBring; // exactly what to bring: form, copies, seal, validity
    QString item;        // the item it belongs to, when several
};

struct OneTimeNoticeData
{
    QString documentNumber;
    QString caseNumber; // the registration number, when the matter was registered
    PartyLine applicant;
    QStringList items;
    QDate submittedOn;
    QDate issuedOn;
    QList<DefectLine> defects;
    QStringList conditions; // acceptance conditions of the items
    QDate deadline;         // bring the materials by this date
    QString legalBasis;
    QString clerk;
    QString window;
    QString contactPhone; // empty: the centre's phone
};

// 一次性告知书: every missing or defective material, said once (A4).
class OneTimeNotice final : public Document
{
public:
    explicit OneTimeNotice(OneTimeNoticeData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("one-time-notice"); }
    const OneTimeNoticeData& data() const { return m_data; }

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    OneTimeNoticeData m_data;
};

} // namespace ow
