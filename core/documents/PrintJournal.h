#pragma once

#include "auth/Session.h"
#include "cases/CaseRecord.h"
#include "documents/CaseDocuments.h"
#include "store/Clock.h"
#include "store/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

class QPagedPaintDevice;

namespace ow {

// One document printed or exported.
struct JournalEntry
{
    QString id; // UUIDv7
    DocumentKind kind = DocumentKind::AcceptanceReceipt;
    QString subject;
    QString caseId;
    QString caseNumber;
    QString documentNumber;
    int copyNo = 0; // 0: the original; 1, 2, ...: the copies, each marked as a copy
    QString sha256; // lower-case hex of the canonical content, as printed
    int pages = 0;
    bool toFile = false; // false: a printer
    QString target;      // the printer's name or the file's path
    QString reference;   // the waybill of a slip
    QString language;    // the program language it was printed in ("zh_CN", "en")
    QDateTime printedAt;
    Place place; // who printed it, at which site and window

    bool isCopy() const { return copyNo > 0; }
    // The check code printed at the foot of every page: the first 16 hex
    // digits of the hash in groups of four ("3f2a-09bc-...").
    QString checkCode() const;
};

// A print checked against the store as it is now.
struct PrintCheck
{
    JournalEntry entry;
    // The document built again from the store gives the hash recorded:
    // the paper says what the record says.
    bool matches = false;
    // Why it could not be checked: the case is gone, or it was printed in
    // another language than the one running now.
    QString problem;
};

// The print journal: every document printed or exported, written in one
// transaction with its outbox entry, the content hash of what was printed,
// and whether it was the original or a copy. The only SQL on print_journal.
class PrintJournal
{
public:
    // `who` prints: each print and export is also written to the audit log
    // ("print.<kind>") under this session, in the same transaction.
    explicit PrintJournal(Database& db, const Clock& clock = Clock::system(),
                          Session who = Session::system());

    // Whether printing `ref` now gives a copy, and which: 0 the original.
    // A print preview uses it to show the copy mark the print will carry.
    Result<int> nextCopyNumber(const DocumentRef& ref) const;

    // Renders `document` onto `device` (a QPrinter set up by the caller)
    // and records it, printer name `printer`, in one transaction. The first
    // print of a document is the original; every later one is a copy, and
    // marked as one on every page. Nothing is recorded when rendering fails.
    Result<JournalEntry> print(const Document& document, const DocumentRef& ref,
                               QPagedPaintDevice& device, const QString& printer, const Place& by);
    // Writes the document as a PDF to `path` and records it. The file is
    // replaced only when the record is written; a failure leaves neither.
    Result<JournalEntry> exportPdf(const Document& document, const DocumentRef& ref,
                                   const QString& path, const Place& by);

    // Every print of a case (by case number, or a notice number or waybill
    // as subject), oldest first.
    Result<QList<JournalEntry>> entriesOf(const QString& caseOrSubject) const;
    // The prints whose hash starts with `code` (a check code from a page,
    // dashes and spaces ignored, at least 8 hex digits).
    Result<QList<JournalEntry>> findByCode(const QString& code) const;
    // The prints of `kind` on `day` at `siteCode` / `window` (empty: any):
    // the originals only, or with their copies.
    Result<QList<JournalEntry>> printedOn(const QDate& day, DocumentKind kind,
                                          const QString& siteCode, const QString& window,
                                          bool withCopies = false) const;
    // The newest print of `kind` for the case `caseNumber`.
    Result<std::optional<JournalEntry>> latestOfCase(const QString& caseNumber,
                                                     DocumentKind kind) const;

    // The prints with check code `code`, each built again from the store to
    // tell whether the paper still agrees with the record.
    Result<QList<PrintCheck>> verify(const QString& code, const CaseDocuments& documents) const;

    // The check code of a content hash (raw SHA-256 bytes).
    static QString checkCode(const QByteArray& sha256);

private:
    template <typename Render>
    Result<JournalEntry> record(const DocumentRef& ref, bool toFile, const QString& target,
                                const Place& by, Render&& render);
    Result<QList<JournalEntry>> select(const QString& where, const QVariantList& args) const;

    Database& m_db;
    const Clock& m_clock;
    Session m_who;
};

} // namespace ow
