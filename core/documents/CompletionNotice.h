#pragma once

#include "documents/Document.h"

namespace ow {

// A result issued: a licence or certificate and its number.
struct ResultLine
{
    QString name;   // 城镇污水排入排水管网许可证
    QString number; // its number, when it has one
};

struct CompletionNoticeData
{
    QString documentNumber;
    QString caseNumber;
    PartyLine applicant;
    QStringList items;
    QDate acceptedOn;
    QDate completedOn;
    QString outcome; // 准予许可, ...
    QList<ResultLine> results;
    DeliveryLine delivery;
    QString waybill;   // EMS: the waybill it was sent with
    QDate collectBy;   // pick-up: please collect by
    QStringList bring; // pick-up: what to bring
    QString clerk;
    QString window;
};

// 办结 / 领取通知: the case is completed; the result, and where and when to
// collect it (or how it was mailed) (A4).
class CompletionNotice final : public Document
{
public:
    explicit CompletionNotice(CompletionNoticeData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("completion-notice"); }
    const CompletionNoticeData& data() const { return m_data; }

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    CompletionNoticeData m_data;
};

} // namespace ow
