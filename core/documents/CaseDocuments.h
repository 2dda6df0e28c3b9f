#pragma once

#include "cases/CaseRecord.h"
#include "documents/Document.h"
#include "store/Database.h"

#include <QDate>
#include <QString>
#include <memory>
#include <optional>

namespace ow {

class WorkCalendar;
struct Decision;

// The documents the counter prints, by their stable names.
enum class DocumentKind {
    AcceptanceReceipt,   // "acceptance-receipt"
    OneTimeNotice,       // "one-time-notice"
    NonAcceptanceNotice, // "non-acceptance-notice"
    CompletionNotice,    // "completion-notice"
    MailingSlip,         // "ems-slip"
    DailyLedger,         // "daily-ledger"
    CaseArchive,         // "case-archive": the case's electronic file (电子档案)
};

QString toString(DocumentKind kind);
std::optional<DocumentKind> documentKindFromString(const QString& s);
// The document's name as a clerk reads it (translated).
QString displayName(DocumentKind kind);

// Which document a print is of, for the print journal: the second print of
// the same kind and subject is a copy.
struct DocumentRef
{
    DocumentKind kind = DocumentKind::AcceptanceReceipt;
    // The case number (receipt, completion notice), the correction or refusal
    // notice number, the waybill (slip), or "<site>/<window>/<yyyy-MM-dd>"
    // (ledger; "*" for every site or window).
    QString subject;
    QString caseId; // empty for a ledger
    QString caseNumber;
    QString documentNumber;
    QString reference; // the waybill of a slip
};

// A document ready to render, with what the journal records of it.
struct PreparedDocument
{
    std::shared_ptr<const Document> document;
    DocumentRef ref;
};

// A document to print and the number to build it from.
struct DocumentToPrint
{
    DocumentKind kind = DocumentKind::AcceptanceReceipt;
    QString number; // the case or notice number for CaseDocuments::forCase
};

// Builds each document from what the store holds: the case, its applicant
// and agent, the catalogue versions it was decided under, the centre's
// settings. Reads only.
class CaseDocuments
{
public:
    explicit CaseDocuments(Database& db);
    CaseDocuments(Database& db, const WorkCalendar& calendar);

    // The document of `kind` for the case, correction notice or refusal
    // notice `number`. Refuses, naming the case and its status, a kind the
    // case has none of (a receipt for a case not accepted, a refusal notice
    // for an accepted case, ...). A slip needs `waybill` the first time; a
    // reprint takes the waybill the case was last mailed with.
    Result<PreparedDocument> forCase(DocumentKind kind, const QString& number,
                                     const QString& waybill = {}) const;

    // The day's ledger: cases decided and mailings at `siteCode` / `window`
    // (empty: every site / window), signed off by `clerk`.
    Result<PreparedDocument> ledger(const QDate& day, const QString& siteCode,
                                    const QString& window, const QString& clerk) const;

    // The document a journal entry was printed from (its kind, subject and
    // case; for a ledger the clerk who signed it), built again from the store
    // as it is now: its hash tells whether the record still says what the
    // paper says.
    Result<PreparedDocument> rebuild(DocumentKind kind, const QString& subject,
                                     const QString& caseNumber, const QString& clerk) const;

    // What a decision at the window hands over, in print order: the receipt
    // (and the completion notice when the items were completed on the spot),
    // the one-time notice, or the non-acceptance notice. An EMS slip waits
    // for its waybill and is not among them.
    static QList<DocumentToPrint> afterDecision(const Decision& decision);

    // A document number: <prefix><受|办>〔yyyy〕<site>-<MMdd><NNNN>号.
    static QString documentNumber(const CentreSettings& centre, DocumentKind kind,
                                  const CaseRecord& c);
    // An address typed as one line, split into the region (province, city,
    // district or county) and the street part, for masking.
    static PostalAddress splitAddress(const QString& address, const QString& postcode);

private:
    Database& m_db;
    const WorkCalendar& m_calendar;
};

} // namespace ow
