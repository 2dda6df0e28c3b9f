// `mail record|delivered|returned|followup|list|awaiting|export|print`: the
// EMS mailing ledger (一单速达 台账). onewindow-admin acts as the machine's
// operator (Session::system()); --clerk, --site and --window say who and
// where. Exit 0 on success, 1 on a refusal, 2 on a usage error.
#include "ServiceCommandSupport.h"
#include "service/MailingLedger.h"
#include "service/MailingService.h"

#include <QFileInfo>

namespace ow::admin {

namespace {

const QString kFilter =
    QStringLiteral("[--state sent|delivered|returned] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
                   "[--search TEXT]");

std::optional<MailingFilter> takeFilter(AdminContext& ctx, QStringList& args)
{
    MailingFilter f;
    f.state = takeOption(args, QStringLiteral("--state"));
    f.search = takeOption(args, QStringLiteral("--search"));
    const auto from = takeDate(ctx, args, QStringLiteral("--from"));
    const auto to = takeDate(ctx, args, QStringLiteral("--to"));
    if (!from || !to)
        return std::nullopt;
    f.from = *from;
    f.to = *to;
    return f;
}

void printLine(AdminContext& ctx, const MailingRecord& m)
{
    ctx.out << m.waybill << '\t' << m.caseNumber << '\t' << m.state << '\t' << dayText(m.sentOn)
            << '\t' << dayText(m.deliveredOn.isValid() ? m.deliveredOn : m.returnedOn) << '\t'
            << m.recipient << '\t' << m.phone << '\t' << m.address << '\t'
            << tr("%n follow-up(s)", nullptr, int(m.followups.size())) << Qt::endl;
}

int report(AdminContext& ctx, const Result<MailingRecord>& m)
{
    if (!m)
        return fail(ctx, m.error());
    ctx.out << m->caseNumber << ' ' << m->state << ' ' << m->waybill << Qt::endl;
    return 0;
}

int recordCommand(AdminContext& ctx, const QStringList& arguments)
{
    const QString text = QStringLiteral("mail record CASE --waybill NUMBER ") + whereOptions();
    QStringList args = arguments;
    const Place place = takePlace(args);
    const QString waybill = takeOption(args, QStringLiteral("--waybill"));
    if (args.size() != 1)
        return usage(ctx, text);
    Database* db = ctx.store();
    if (!db)
        return 1;
    return report(ctx, MailingService(*db, Session::system(), place).record(args[0], waybill));
}

int deliveredCommand(AdminContext& ctx, const QStringList& arguments)
{
    const QString text =
        QStringLiteral("mail delivered CASE [--date YYYY-MM-DD] ") + whereOptions();
    QStringList args = arguments;
    const Place place = takePlace(args);
    const auto on = takeDate(ctx, args, QStringLiteral("--date"));
    if (!on)
        return 2;
    if (args.size() != 1)
        return usage(ctx, text);
    Database* db = ctx.store();
    if (!db)
        return 1;
    return report(ctx, MailingService(*db, Session::system(), place).delivered(args[0], *on));
}

int returnedCommand(AdminContext& ctx, const QStringList& arguments)
{
    const QString text =
        QStringLiteral("mail returned CASE --reason R [--date YYYY-MM-DD] ") + whereOptions();
    QStringList args = arguments;
    const Place place = takePlace(args);
    const QString reason = takeOption(args, QStringLiteral("--reason"));
    const auto on = takeDate(ctx, args, QStringLiteral("--date"));
    if (!on)
        return 2;
    if (args.size() != 1)
        return usage(ctx, text);
    Database* db = ctx.store();
    if (!db)
        return 1;
    return report(ctx,
                  MailingService(*db, Session::system(), place).returned(args[0], reason, *on));
}

int followupCommand(AdminContext& ctx, const QStringList& arguments)
{
    const QString text =
        QStringLiteral("mail followup CASE --note TEXT [--not-reached] ") + whereOptions();
    QStringList args = arguments;
    const Place place = takePlace(args);
    const QString note = takeOption(args, QStringLiteral("--note"));
    const bool notReached = takeFlag(args, QStringLiteral("--not-reached"));
    if (args.size() != 1)
        return usage(ctx, text);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto m = MailingService(*db, Session::system(), place).followup(args[0], !notReached, note);
    if (!m)
        return fail(ctx, m.error());
    ctx.out << m->caseNumber << ' ' << tr("%n follow-up(s)", nullptr, int(m->followups.size()))
            << Qt::endl;
    return 0;
}

int listCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    const bool json = takeFlag(args, QStringLiteral("--json"));
    auto filter = takeFilter(ctx, args);
    if (!filter)
        return 2;
    if (!args.isEmpty())
        return usage(ctx, QStringLiteral("mail list ") + kFilter + QStringLiteral(" [--json]"));
    filter->siteCode = place.siteCode;
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto list = MailingService(*db, Session::system(), place).list(*filter);
    if (!list)
        return fail(ctx, list.error());
    if (json) {
        QJsonArray a;
        for (const MailingRecord& m : *list)
            a.append(toJson(m));
        printJson(ctx, a);
        return 0;
    }
    if (list->isEmpty())
        ctx.out << tr("No mailing in the ledger matches.") << Qt::endl;
    for (const MailingRecord& m : *list)
        printLine(ctx, m);
    return 0;
}

int awaitingCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    if (!args.isEmpty())
        return usage(ctx, QStringLiteral("mail awaiting ") + whereOptions());
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto numbers = MailingService(*db, Session::system(), place).awaitingWaybill();
    if (!numbers)
        return fail(ctx, numbers.error());
    for (const QString& n : *numbers)
        ctx.out << n << Qt::endl;
    return 0;
}

template <typename Write>
int fileCommand(AdminContext& ctx, const QStringList& arguments, const QString& text, Write write)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    auto filter = takeFilter(ctx, args);
    if (!filter)
        return 2;
    if (args.size() != 1)
        return usage(ctx, text);
    filter->siteCode = place.siteCode;
    Database* db = ctx.store();
    if (!db)
        return 1;
    const QString path = QFileInfo(args[0]).absoluteFilePath();
    auto written = write(*db, place, *filter, path);
    if (!written)
        return fail(ctx, written.error());
    ctx.out << path << Qt::endl;
    ctx.err << tr("%n mailing(s) written.", nullptr, *written) << Qt::endl;
    return 0;
}

int exportCommand(AdminContext& ctx, const QStringList& args)
{
    return fileCommand(
        ctx, args, QStringLiteral("mail export FILE.csv ") + kFilter,
        [](Database& db, const Place& p, const MailingFilter& f, const QString& path) {
            return exportMailingLedger(db, Session::system(), p, f, path);
        });
}

int printCommand(AdminContext& ctx, const QStringList& args)
{
    return fileCommand(
        ctx, args, QStringLiteral("mail print FILE.pdf ") + kFilter,
        [](Database& db, const Place& p, const MailingFilter& f, const QString& path) {
            return printMailingLedger(db, Session::system(), p, f, path);
        });
}

[[maybe_unused]] const bool registered =
    registerCommand(
        {QStringLiteral("mail record"),
         QStringLiteral("onewindow-admin mail record CASE --waybill NUMBER ") + whereOptions(),
         recordCommand}) &&
    registerCommand({QStringLiteral("mail delivered"),
                     QStringLiteral("onewindow-admin mail delivered CASE [--date YYYY-MM-DD]"),
                     deliveredCommand}) &&
    registerCommand({QStringLiteral("mail returned"),
                     QStringLiteral("onewindow-admin mail returned CASE --reason R "
                                    "[--date YYYY-MM-DD]"),
                     returnedCommand}) &&
    registerCommand({QStringLiteral("mail followup"),
                     QStringLiteral("onewindow-admin mail followup CASE --note TEXT "
                                    "[--not-reached]"),
                     followupCommand}) &&
    registerCommand(
        {QStringLiteral("mail list"),
         QStringLiteral("onewindow-admin mail list ") + kFilter + QStringLiteral(" [--json]"),
         listCommand}) &&
    registerCommand({QStringLiteral("mail awaiting"),
                     QStringLiteral("onewindow-admin mail awaiting [--site CODE]"),
                     awaitingCommand}) &&
    registerCommand({QStringLiteral("mail export"),
                     QStringLiteral("onewindow-admin mail export FILE.csv ") + kFilter,
                     exportCommand}) &&
    registerCommand({QStringLiteral("mail print"),
                     QStringLiteral("onewindow-admin mail print FILE.pdf ") + kFilter,
                     printCommand});

} // namespace

} // namespace ow::admin
