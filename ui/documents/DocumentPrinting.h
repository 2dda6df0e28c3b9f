#pragma once

#include "documents/CaseDocuments.h"
#include "documents/PrintJournal.h"

#include <QString>

class QPrinter;

namespace ow {
class Clock;
class Database;
class WorkCalendar;
} // namespace ow

namespace ow::ui {

// What the counter's pages print with: the documents built from the store
// (CaseDocuments), the print journal every print and export goes through,
// who prints (site, window, clerk), and the printer remembered for each
// paper (A4 documents, the 100x150 mm label) in the program's settings.
class DocumentPrinting
{
public:
    // `who` is the signed-in session every print is audited under.
    DocumentPrinting(Database& db, const WorkCalendar& calendar, Place place, const Clock& clock,
                     Session who);

    const CaseDocuments& documents() const { return m_documents; }
    const PrintJournal& journal() const { return m_journal; }
    const Place& place() const { return m_place; }

    // 0 when printing `ref` now gives the original; otherwise the copy's number.
    Result<int> nextCopyNumber(const DocumentRef& ref) const;
    // Prints on `printer` and records it. A printer set to write a PDF file
    // (QPrinter::PdfFormat with a file name) is an export of that file.
    Result<JournalEntry> print(const PreparedDocument& prepared, QPrinter& printer);
    Result<JournalEntry> exportPdf(const PreparedDocument& prepared, const QString& path);

    // The paper a document kind is printed on: "a4" or "label" (the EMS slip).
    static QString paperOf(DocumentKind kind);
    // The printer remembered for the paper of `kind`; empty when none is.
    QString rememberedPrinter(DocumentKind kind) const;
    void rememberPrinter(DocumentKind kind, const QString& printerName);

private:
    CaseDocuments m_documents;
    PrintJournal m_journal;
    Place m_place;
};

} // namespace ow::ui
