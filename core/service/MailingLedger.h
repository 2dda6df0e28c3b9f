#pragma once

#include "documents/Document.h"
#include "service/ServiceRecords.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

class Session;

struct MailingLedgerData
{
    QString site;
    QString period; // the filter as a reader reads it
    QString clerk;
    QDateTime printedAt;
    QList<MailingRecord> mailings;
};

// The mailing ledger (邮寄台账) on A4 landscape: every mailing of a filter
// with its state, dates and the last follow-up call.
class MailingLedger final : public Document
{
public:
    explicit MailingLedger(MailingLedgerData data, CentreSettings centre = {});

    QString kind() const override { return QStringLiteral("mailing-ledger"); }
    const MailingLedgerData& data() const { return m_data; }

protected:
    Result<PageLayout> compose() const override;
    void describe(CanonicalText& out) const override;

private:
    MailingLedgerData m_data;
};

// The ledger of `filter` written as a PDF to `path` (replaced only when the
// rendering succeeded) and recorded in the audit log ("print.mailing-ledger"
// with its pages and content hash); the CSV of `filter` written to `path`
// (UTF-8 with BOM) with its audit entry "mailing.export". Both return how
// many mailings they hold.
Result<int> printMailingLedger(Database& db, const Session& session, const Place& place,
                               const MailingFilter& filter, const QString& path,
                               const Clock& clock = Clock::system());
Result<int> exportMailingLedger(Database& db, const Session& session, const Place& place,
                                const MailingFilter& filter, const QString& path,
                                const Clock& clock = Clock::system());

} // namespace ow
