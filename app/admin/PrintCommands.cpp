// onewindow-admin print receipt|notice|refusal|completion|slip|ledger|archive ... --pdf OUT.pdf,
// print verify CODE, print journal CASE_OR_DATE, and settings show|set|reset.
#include "AdminCommand.h"
#include "documents/CaseDocuments.h"
#include "documents/CentreSettingsRepository.h"
#include "documents/CentreSettingsService.h"
#include "documents/PrintJournal.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>

namespace ow::admin {

namespace {

const QString kPrintUsage = QStringLiteral(
    "onewindow-admin print receipt|notice|refusal|completion|slip|ledger|archive CASE_OR_DATE "
    "--pdf OUT.pdf [--waybill NUMBER] [--site CODE] [--window W] [--clerk NAME]");

std::optional<DocumentKind> kindOfWord(const QString& word)
{
    if (word == u"receipt")
        return DocumentKind::AcceptanceReceipt;
    if (word == u"notice")
        return DocumentKind::OneTimeNotice;
    if (word == u"refusal")
        return DocumentKind::NonAcceptanceNotice;
    if (word == u"completion")
        return DocumentKind::CompletionNotice;
    if (word == u"slip")
        return DocumentKind::MailingSlip;
    if (word == u"ledger")
        return DocumentKind::DailyLedger;
    if (word == u"archive")
        return DocumentKind::CaseArchive;
    return std::nullopt;
}

QString defaultClerk()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("admin") : user;
}

void printEntry(QTextStream& out, const JournalEntry& e)
{
    out << storedTime(e.printedAt) << ' ' << toString(e.kind) << ' ' << e.subject << ' '
        << (e.isCopy() ? QCoreApplication::translate("ow::PrintCommands", "copy %1").arg(e.copyNo)
                       : QCoreApplication::translate("ow::PrintCommands", "original"))
        << ' '
        << QCoreApplication::translate("ow::PrintCommands", "check code %1").arg(e.checkCode())
        << ' ' << QCoreApplication::translate("ow::PrintCommands", "%n page(s)", nullptr, e.pages)
        << ' '
        << (e.toFile ? QCoreApplication::translate("ow::PrintCommands", "file %1")
                     : QCoreApplication::translate("ow::PrintCommands", "printer %1"))
               .arg(e.target)
        << ' '
        << QCoreApplication::translate("ow::PrintCommands", "by %1 at %2/%3")
               .arg(e.place.clerk, e.place.siteCode, e.place.window);
    if (!e.reference.isEmpty())
        out << ' '
            << QCoreApplication::translate("ow::PrintCommands", "waybill %1").arg(e.reference);
    out << '\n';
}

int printCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString pdf = takeOption(args, QStringLiteral("--pdf"));
    const QString waybill = takeOption(args, QStringLiteral("--waybill"));
    Place place;
    place.siteCode = takeOption(args, QStringLiteral("--site"));
    place.window = takeOption(args, QStringLiteral("--window"));
    place.clerk = takeOption(args, QStringLiteral("--clerk"), defaultClerk());
    if (args.size() != 2 || pdf.isEmpty()) {
        if (pdf.isEmpty() && args.size() == 2)
            ctx.err << QCoreApplication::translate(
                           "ow::PrintCommands",
                           "The document goes to a PDF file: give --pdf OUT.pdf.")
                    << '\n';
        ctx.err << QCoreApplication::translate("ow::PrintCommands", "usage: %1").arg(kPrintUsage)
                << '\n';
        return 2;
    }
    const auto kind = kindOfWord(args[0]);
    if (!kind) {
        ctx.err << QCoreApplication::translate(
                       "ow::PrintCommands",
                       "Unknown document %1: use receipt, notice, refusal, completion, slip, "
                       "ledger or archive.")
                       .arg(args[0])
                << '\n';
        return 2;
    }
    if (!waybill.isEmpty() && *kind != DocumentKind::MailingSlip) {
        ctx.err << QCoreApplication::translate("ow::PrintCommands",
                                               "--waybill belongs to an EMS slip only.")
                << '\n';
        return 2;
    }
    const QFileInfo target(pdf);
    if (!target.absoluteDir().exists()) {
        ctx.err << QCoreApplication::translate("ow::PrintCommands",
                                               "Cannot write %1: the folder %2 does not exist.")
                       .arg(pdf, QDir::toNativeSeparators(target.absolutePath()))
                << '\n';
        return 1;
    }
    QDate day;
    if (*kind == DocumentKind::DailyLedger) {
        day = QDate::fromString(args[1], Qt::ISODate);
        if (!day.isValid() || args[1].size() != 10) {
            ctx.err << QCoreApplication::translate(
                           "ow::PrintCommands",
                           "%1 is not a date: a daily ledger needs its day as yyyy-MM-dd, e.g. "
                           "2025-03-14.")
                           .arg(args[1])
                    << '\n';
            return 1;
        }
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    const CaseDocuments documents(*db);
    auto prepared = *kind == DocumentKind::DailyLedger
                        ? documents.ledger(day, place.siteCode, place.window, place.clerk)
                        : documents.forCase(*kind, args[1], waybill);
    if (!prepared) {
        ctx.err << prepared.error().fullText() << '\n';
        return 1;
    }
    auto entry = PrintJournal(*db).exportPdf(*prepared->document, prepared->ref,
                                             target.absoluteFilePath(), place);
    if (!entry) {
        ctx.err << entry.error().fullText() << '\n';
        return 1;
    }
    ctx.out << target.absoluteFilePath() << '\n';
    ctx.err << QCoreApplication::translate("ow::PrintCommands", "%1 of %2: %3, check code %4")
                   .arg(displayName(*kind), entry->subject,
                        entry->isCopy()
                            ? QCoreApplication::translate("ow::PrintCommands", "copy %1")
                                  .arg(entry->copyNo)
                            : QCoreApplication::translate("ow::PrintCommands", "original"),
                        entry->checkCode())
            << '\n';
    return 0;
}

int verifyCommand(AdminContext& ctx, const QStringList& arguments)
{
    if (arguments.size() != 1) {
        ctx.err << QCoreApplication::translate("ow::PrintCommands",
                                               "usage: onewindow-admin print verify CHECK_CODE")
                << '\n';
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    const CaseDocuments documents(*db);
    auto checks = PrintJournal(*db).verify(arguments.first(), documents);
    if (!checks) {
        ctx.err << checks.error().fullText() << '\n';
        return 1;
    }
    if (checks->isEmpty()) {
        ctx.err << QCoreApplication::translate(
                       "ow::PrintCommands",
                       "No printed document has the check code %1: the paper was not printed "
                       "by this counter, or the code is misread.")
                       .arg(arguments.first())
                << '\n';
        return 1;
    }
    bool allMatch = true;
    for (const PrintCheck& c : *checks) {
        printEntry(ctx.out, c.entry);
        if (c.matches)
            ctx.out << "  "
                    << QCoreApplication::translate(
                           "ow::PrintCommands",
                           "matches the record: the store still says what the paper says")
                    << '\n';
        else if (!c.problem.isEmpty())
            ctx.out << "  "
                    << QCoreApplication::translate("ow::PrintCommands", "cannot be checked: %1")
                           .arg(c.problem)
                    << '\n';
        else
            ctx.out << "  "
                    << QCoreApplication::translate(
                           "ow::PrintCommands",
                           "differs: the record has changed since this document was printed")
                    << '\n';
        allMatch = allMatch && c.matches;
    }
    return allMatch ? 0 : 3;
}

int journalCommand(AdminContext& ctx, const QStringList& arguments)
{
    if (arguments.size() != 1) {
        ctx.err << QCoreApplication::translate(
                       "ow::PrintCommands",
                       "usage: onewindow-admin print journal CASE_OR_NOTICE_OR_WAYBILL|DATE")
                << '\n';
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    PrintJournal journal(*db);
    const QString key = arguments.first();
    const QDate day = QDate::fromString(key, Qt::ISODate);
    Result<QList<JournalEntry>> entries = QList<JournalEntry>();
    if (day.isValid() && key.size() == 10) {
        QList<JournalEntry> all;
        for (const DocumentKind k :
             {DocumentKind::AcceptanceReceipt, DocumentKind::OneTimeNotice,
              DocumentKind::NonAcceptanceNotice, DocumentKind::CompletionNotice,
              DocumentKind::MailingSlip, DocumentKind::DailyLedger, DocumentKind::CaseArchive}) {
            auto some = journal.printedOn(day, k, {}, {}, true);
            if (!some) {
                entries = some.error();
                break;
            }
            all << *some;
        }
        if (entries)
            entries = all;
    } else {
        entries = journal.entriesOf(key);
    }
    if (!entries) {
        ctx.err << entries.error().fullText() << '\n';
        return 1;
    }
    for (const JournalEntry& e : *entries)
        printEntry(ctx.out, e);
    if (entries->isEmpty())
        ctx.err << QCoreApplication::translate("ow::PrintCommands", "Nothing of %1 was printed.")
                       .arg(key)
                << '\n';
    return 0;
}

int settingsCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString verb = args.isEmpty() ? QString() : args.takeFirst();
    const bool ok = (verb == u"show" && args.isEmpty()) || (verb == u"set" && args.size() == 2) ||
                    (verb == u"reset" && args.size() == 1);
    if (!ok) {
        ctx.err << QCoreApplication::translate(
                       "ow::PrintCommands",
                       "usage: onewindow-admin settings show | set KEY VALUE | reset KEY")
                << '\n';
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    CentreSettingsRepository repo(*db);
    CentreSettingsService service(*db);
    if (verb == u"set") {
        if (Status s = service.set(Session::system(), args[0], args[1]); !s) {
            ctx.err << s.error().fullText() << '\n';
            return 1;
        }
    } else if (verb == u"reset") {
        if (Status s = service.reset(Session::system(), args[0]); !s) {
            ctx.err << s.error().fullText() << '\n';
            return 1;
        }
    }
    auto settings = repo.load();
    if (!settings) {
        ctx.err << settings.error().fullText() << '\n';
        return 1;
    }
    for (const CentreSettingsRepository::Key& k : CentreSettingsRepository::keys()) {
        if (verb != u"show" && k.name != args[0])
            continue;
        auto set = repo.isSet(k.name);
        ctx.out << k.name << " = " << CentreSettingsRepository::valueOf(*settings, k.name);
        if (set && !*set)
            ctx.out << "  " << QCoreApplication::translate("ow::PrintCommands", "(default)");
        ctx.out << "  # " << k.description << '\n';
    }
    return 0;
}

[[maybe_unused]] const bool registered =
    registerCommand({QStringLiteral("print"), kPrintUsage, printCommand}) &&
    registerCommand({QStringLiteral("print verify"),
                     QStringLiteral("onewindow-admin print verify CHECK_CODE"), verifyCommand}) &&
    registerCommand({QStringLiteral("print journal"),
                     QStringLiteral("onewindow-admin print journal CASE_OR_NOTICE_OR_WAYBILL|DATE"),
                     journalCommand}) &&
    registerCommand({QStringLiteral("settings"),
                     QStringLiteral("onewindow-admin settings show | set KEY VALUE | reset KEY"),
                     settingsCommand});

} // namespace

} // namespace ow::admin
