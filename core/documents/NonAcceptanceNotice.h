#pragma once

#include "documents/Document.h"

namespace ow {

struct NonAcceptanceNoticeData
{
    QString documentNumber;
    QString caseNumber;
    PartyLine applicant;
    QStringList items;
    QDate appliedOn;
    QDate decidedOn;
    QString reason;
    QString legalBasis;
    QString competentBody; // when the matter belongs to another body: apply there
    QString reviewBody;    // empty: the centre's
    QString court;         // empty: the centre's
    QString clerk;
    QString window;
};

// 不予受理通知书: the written refusal to accept, with reason, legal basis and
// the applicant's remedies (A4).
class NonAcceptanceNotice final : public Document
{
public:
    explicit NonAcceptanceNotice(NonAcceptanceNoticeData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("non-acceptance-notice"); }
    const NonAcceptanceNoticeData& data() const { return m_data; }

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    NonAcceptanceNoticeData m_data;
};

} // namespace ow
