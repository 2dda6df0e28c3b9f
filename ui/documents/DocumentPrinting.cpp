#include "DocumentPrinting.h"

#include <QPrinter>
#include <QSettings>

namespace ow::ui {

namespace {

QString settingsKey(DocumentKind kind)
{
    return QStringLiteral("printers/") + DocumentPrinting::paperOf(kind);
}

} // namespace

DocumentPrinting::DocumentPrinting(Database& db, const WorkCalendar& calendar, Place place,
                                   const Clock& clock, Session who)
    : m_documents(db, calendar), m_journal(db, clock, std::move(who)), m_place(std::move(place))
{
}

Result<int> DocumentPrinting::nextCopyNumber(const DocumentRef& ref) const
{
    return m_journal.nextCopyNumber(ref);
}

Result<JournalEntry> DocumentPrinting::print(const PreparedDocument& prepared, QPrinter& printer)
{
    if (printer.outputFormat() == QPrinter::PdfFormat && !printer.outputFileName().isEmpty())
        return exportPdf(prepared, printer.outputFileName());
    return m_journal.print(*prepared.document, prepared.ref, printer, printer.printerName(),
                           m_place);
}

Result<JournalEntry> DocumentPrinting::exportPdf(const PreparedDocument& prepared,
                                                 const QString& path)
{
    return m_journal.exportPdf(*prepared.document, prepared.ref, path, m_place);
}

QString DocumentPrinting::paperOf(DocumentKind kind)
{
    return kind == DocumentKind::MailingSlip ? QStringLiteral("label") : QStringLiteral("a4");
}

QString DocumentPrinting::rememberedPrinter(DocumentKind kind) const
{
    return QSettings().value(settingsKey(kind)).toString();
}

void DocumentPrinting::rememberPrinter(DocumentKind kind, const QString& printerName)
{
    QSettings settings;
    if (printerName.isEmpty())
        settings.remove(settingsKey(kind));
    else
        settings.setValue(settingsKey(kind), printerName);
}

} // namespace ow::ui
