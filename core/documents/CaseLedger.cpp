// The daily ledger of one window, built from the store: the cases decided
// that day and the slips printed that day (the rest of CaseDocuments is in
// CaseDocuments.cpp).
#include "applicants/ApplicantRepository.h"
#include "cases/CaseRepository.h"
#include "catalogue/CatalogueRepository.h"
#include "documents/CaseDocuments.h"
#include "documents/CentreSettingsRepository.h"
#include "documents/DailyLedger.h"
#include "documents/PrintJournal.h"

#include <QCoreApplication>

namespace ow {

Result<PreparedDocument> CaseDocuments::ledger(const QDate& day, const QString& siteCode,
                                               const QString& window, const QString& clerk) const
{
    if (!day.isValid()) {
        const QString msg = QCoreApplication::translate(
            "ow::CaseDocuments", "A daily ledger needs a valid date (yyyy-MM-dd).");
        return Error::invalid(msg, {{QStringLiteral("date"), QStringLiteral("date"), msg}});
    }
    auto centre = CentreSettingsRepository(m_db).load();
    if (!centre)
        return centre.error();
    auto cases = CaseRepository(m_db).decidedOn(day, siteCode, window);
    if (!cases)
        return cases.error();
    ApplicantRepository applicants(m_db);
    DailyLedgerData d;
    d.date = day;
    d.site = siteCode.isEmpty()
                 ? centre->name
                 : centre->name + QStringLiteral("（") + siteCode + QStringLiteral("）");
    d.window =
        window.isEmpty() ? QCoreApplication::translate("ow::CaseDocuments", "all windows") : window;
    d.clerk = clerk;
    for (const CaseRecord& c : *cases) {
        LedgerCaseLine line;
        line.caseNumber = c.caseNumber;
        if (line.caseNumber.isEmpty() && !c.corrections.isEmpty())
            line.caseNumber = c.corrections.last().number;
        if (line.caseNumber.isEmpty() && !c.refusals.isEmpty())
            line.caseNumber = c.refusals.last().number;
        line.acceptedAt = c.decidedAt;
        auto a = applicants.findById(c.applicantId);
        if (!a)
            return a.error();
        line.applicant = a->has_value() ? (*a)->name : QString();
        QStringList names;
        for (const CaseItem& i : c.items)
            names << i.name;
        line.items = names.join(QStringLiteral("、"));
        line.outcome = displayName(c.status);
        line.delivery = c.decision == DecisionKind::Accept
                            ? Document::deliveryName(c.delivery.method)
                            : QString();
        d.cases << line;
    }
    PrintJournal journal(m_db);
    auto slips = journal.printedOn(day, DocumentKind::MailingSlip, siteCode, window);
    if (!slips)
        return slips.error();
    CaseRepository caseRepo(m_db);
    for (const JournalEntry& e : *slips) {
        auto c = caseRepo.findByNumber(e.caseNumber);
        if (!c)
            return c.error();
        LedgerMailingLine m;
        m.waybill = e.reference;
        m.caseNumber = e.caseNumber;
        if (c->has_value()) {
            const CaseRecord& r = **c;
            m.recipient = r.delivery.recipient;
            m.mobile = r.delivery.phone;
            m.address = r.delivery.address + QLatin1Char(' ') + r.delivery.postcode;
            CatalogueRepository catalogue(m_db);
            QStringList contents;
            for (const CaseItem& i : r.items) {
                auto item = catalogue.itemVersion(i.code, i.version);
                contents << (item && !item->result.isEmpty() ? item->result : i.name);
            }
            contents.removeDuplicates();
            m.contents = contents.join(QStringLiteral("、"));
        }
        d.mailings << m;
    }
    PreparedDocument out;
    out.ref.kind = DocumentKind::DailyLedger;
    out.ref.subject = (siteCode.isEmpty() ? QStringLiteral("*") : siteCode) + QLatin1Char('/') +
                      (window.isEmpty() ? QStringLiteral("*") : window) + QLatin1Char('/') +
                      day.toString(Qt::ISODate);
    out.document = std::make_shared<DailyLedger>(std::move(d), *centre);
    return out;
}

} // namespace ow
