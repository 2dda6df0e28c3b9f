#pragma once

#include "service/ServiceRecords.h"
#include "store/Database.h"

namespace ow {

// The only SQL on mailing and mailing_followup. Opens no transaction.
class MailingRepository
{
public:
    explicit MailingRepository(Database& db);

    Status insert(const MailingRecord& m);
    Status setDelivered(const QString& caseId, const QDate& on);
    Status setReturned(const QString& caseId, const QDate& on, const QString& reason);
    Status addFollowup(const QString& caseId, const MailingFollowup& f);

    Result<std::optional<MailingRecord>> ofCase(const QString& caseId) const;
    // The case that already went out with `waybill`, if any.
    Result<std::optional<QString>> caseOfWaybill(const QString& waybill) const;
    // The numbers of the completed EMS cases of `siteCode` (empty: any)
    // that have no mailing yet, oldest first.
    Result<QStringList> awaitingWaybill(const QString& siteCode) const;
    // The ledger: newest first, with each mailing's follow-ups.
    Result<QList<MailingRecord>> list(const MailingFilter& filter) const;

private:
    Result<QList<MailingRecord>> select(const QString& where, const QVariantList& args) const;
    Status loadFollowups(QList<MailingRecord>& records) const;
    Database& m_db;
};

} // namespace ow
