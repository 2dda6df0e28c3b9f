// `case forward|approve|refuse|complete|handover|withdraw|pause|resume|clock`
// and `case approver grant|revoke|list`: the life of a case after
// acceptance. onewindow-admin acts as the machine's operator
// (Session::system()); --clerk, --site and --window say who and where.
// Each move prints "NUMBER STATUS". Exit 0 on success, 1 on a refusal, 2 on
// a usage error.
#include "AdminCommand.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseLife.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return 1;
}

const QString kWhere = QStringLiteral("[--clerk NAME] [--site CODE] [--window W]");

Place takePlace(QStringList& args)
{
    Place p;
    p.clerk = takeOption(args, QStringLiteral("--clerk"));
    p.siteCode = takeOption(args, QStringLiteral("--site"));
    p.window = takeOption(args, QStringLiteral("--window"));
    return p;
}

int report(AdminContext& ctx, const Result<CaseRecord>& moved)
{
    if (!moved)
        return fail(ctx, moved.error());
    ctx.out << moved->caseNumber << ' ' << toString(moved->status) << Qt::endl;
    return 0;
}

// One move: NUMBER, the options it takes, then the call.
template <typename F>
int move(AdminContext& ctx, const QStringList& arguments, const QString& usageText,
         const QStringList& requiredOptions, const QStringList& options, F call)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    QHash<QString, QString> values;
    for (const QString& o : requiredOptions + options)
        values.insert(o, takeOption(args, o));
    const bool authorised = takeFlag(args, QStringLiteral("--authorised"));
    if (args.size() != 1 || args.first().startsWith(QLatin1String("--")))
        return usage(ctx, usageText);
    for (const QString& o : requiredOptions)
        if (values.value(o).isEmpty())
            return usage(ctx, usageText);
    Database* db = ctx.store();
    if (!db)
        return 1;
    CaseLifeService service(*db, Session::system(), place);
    return report(ctx, call(service, args.first(), values, authorised));
}

int forwardCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args, QStringLiteral("case forward NUMBER --department D ") + kWhere,
                {QStringLiteral("--department")}, {},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v, bool) {
                    return s.forward(n, v.value(QStringLiteral("--department")));
                });
}

int approveCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args, QStringLiteral("case approve NUMBER [--reason R] ") + kWhere, {},
                {QStringLiteral("--reason")},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v, bool) {
                    return s.approve(n, v.value(QStringLiteral("--reason")));
                });
}

int refuseCommand(AdminContext& ctx, const QStringList& args)
{
    // The reason is checked by the service, which names the field.
    return move(ctx, args, QStringLiteral("case refuse NUMBER --reason R ") + kWhere, {},
                {QStringLiteral("--reason")},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v, bool) {
                    return s.refuse(n, v.value(QStringLiteral("--reason")));
                });
}

int completeCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args, QStringLiteral("case complete NUMBER ") + kWhere, {}, {},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>&, bool) {
                    return s.complete(n);
                });
}

int handoverCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args,
                QStringLiteral("case handover NUMBER --collector-id ID --collector-name NAME "
                               "[--authorised] ") +
                    kWhere,
                {QStringLiteral("--collector-id"), QStringLiteral("--collector-name")}, {},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v,
                   bool authorised) {
                    return s.handOver(n, {v.value(QStringLiteral("--collector-name")),
                                          v.value(QStringLiteral("--collector-id")), authorised});
                });
}

int withdrawCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args, QStringLiteral("case withdraw NUMBER --reason R ") + kWhere, {},
                {QStringLiteral("--reason")},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v, bool) {
                    return s.withdraw(n, v.value(QStringLiteral("--reason")));
                });
}

int pauseCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args,
                QStringLiteral("case pause NUMBER --kind correction|special [--reason R] ") +
                    kWhere,
                {QStringLiteral("--kind")}, {QStringLiteral("--reason")},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>& v, bool) {
                    return s.pauseClock(n, v.value(QStringLiteral("--kind")),
                                        v.value(QStringLiteral("--reason")));
                });
}

int resumeCommand(AdminContext& ctx, const QStringList& args)
{
    return move(ctx, args, QStringLiteral("case resume NUMBER ") + kWhere, {}, {},
                [](CaseLifeService& s, const QString& n, const QHash<QString, QString>&, bool) {
                    return s.resumeClock(n);
                });
}

const QString clockUsage =
    QStringLiteral("case clock NUMBER [--today YYYY-MM-DD] [--yellow-days N] [--json]");

int clockCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString todayText = takeOption(args, QStringLiteral("--today"));
    const QString yellowText =
        takeOption(args, QStringLiteral("--yellow-days"), QStringLiteral("2"));
    const bool asJson = takeFlag(args, QStringLiteral("--json"));
    if (args.size() != 1)
        return usage(ctx, clockUsage);
    QDate today = Clock::system().today();
    if (!todayText.isEmpty()) {
        today = QDate::fromString(todayText, Qt::ISODate);
        if (!today.isValid()) {
            ctx.err << tr("--today: %1 is not a date (YYYY-MM-DD).").arg(todayText) << Qt::endl;
            return 2;
        }
    }
    bool okDays = false;
    const int yellowDays = yellowText.toInt(&okDays);
    if (!okDays || yellowDays < 0) {
        ctx.err << tr("--yellow-days: %1 is not a number of working days.").arg(yellowText)
                << Qt::endl;
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    CaseLifeService service(*db, Session::system(), {});
    auto clock = service.clockOf(args.first(), today, WorkCalendar::published(*db), yellowDays);
    if (!clock)
        return fail(ctx, clock.error());
    const auto date = [](const QDate& d) {
        return d.isValid() ? d.toString(Qt::ISODate) : QString();
    };
    if (asJson) {
        const QJsonObject o{{QStringLiteral("promisedDate"), date(clock->promisedDate)},
                            {QStringLiteral("dueDate"), date(clock->dueDate)},
                            {QStringLiteral("pausedWorkingDays"), clock->pausedWorkingDays},
                            {QStringLiteral("workingDaysLeft"), clock->workingDaysLeft},
                            {QStringLiteral("state"), toString(clock->state)},
                            {QStringLiteral("running"), clock->running},
                            {QStringLiteral("provisional"), clock->provisional}};
        ctx.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (!clock->dueDate.isValid()) {
        ctx.out << tr("Case %1 has no promised date.").arg(args.first()) << Qt::endl;
        return 0;
    }
    ctx.out << tr("due: %1 (promised %2, %3 working day(s) paused)%4")
                   .arg(date(clock->dueDate), date(clock->promisedDate))
                   .arg(clock->pausedWorkingDays)
                   .arg(clock->provisional ? tr(", provisional") : QString())
            << Qt::endl;
    ctx.out << tr("working days left: %1").arg(clock->workingDaysLeft) << Qt::endl;
    ctx.out << tr("state: %1 (%2)%3")
                   .arg(toString(clock->state), displayName(clock->state),
                        clock->running ? QString() : tr(", the clock has stopped"))
            << Qt::endl;
    return 0;
}

const QString approverUsage =
    QStringLiteral("case approver grant|revoke LOGIN ITEM   |   case approver list LOGIN");

int approverCommand(AdminContext& ctx, const QStringList& args)
{
    if (args.isEmpty())
        return usage(ctx, approverUsage);
    const QString verb = args.first();
    const bool change = verb == QLatin1String("grant") || verb == QLatin1String("revoke");
    if ((change && args.size() != 3) || (verb == QLatin1String("list") && args.size() != 2) ||
        (!change && verb != QLatin1String("list")))
        return usage(ctx, approverUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    CaseLifeService service(*db, Session::system(), {});
    if (verb == QLatin1String("list")) {
        auto items = service.approvalItems(args.at(1));
        if (!items)
            return fail(ctx, items.error());
        for (const QString& code : *items)
            ctx.out << code << Qt::endl;
        return 0;
    }
    const Status s = verb == QLatin1String("grant")
                         ? service.grantApproval(args.at(1), args.at(2))
                         : service.revokeApproval(args.at(1), args.at(2));
    if (!s)
        return fail(ctx, s.error());
    return 0;
}

[[maybe_unused]] const bool registered =
    registerCommand({QStringLiteral("case forward"),
                     QStringLiteral("onewindow-admin case forward NUMBER --department D ") + kWhere,
                     forwardCommand}) &&
    registerCommand({QStringLiteral("case approve"),
                     QStringLiteral("onewindow-admin case approve NUMBER [--reason R] ") + kWhere,
                     approveCommand}) &&
    registerCommand({QStringLiteral("case refuse"),
                     QStringLiteral("onewindow-admin case refuse NUMBER --reason R ") + kWhere,
                     refuseCommand}) &&
    registerCommand({QStringLiteral("case complete"),
                     QStringLiteral("onewindow-admin case complete NUMBER ") + kWhere,
                     completeCommand}) &&
    registerCommand({QStringLiteral("case handover"),
                     QStringLiteral("onewindow-admin case handover NUMBER --collector-id ID "
                                    "--collector-name NAME [--authorised] ") +
                         kWhere,
                     handoverCommand}) &&
    registerCommand({QStringLiteral("case withdraw"),
                     QStringLiteral("onewindow-admin case withdraw NUMBER --reason R ") + kWhere,
                     withdrawCommand}) &&
    registerCommand({QStringLiteral("case pause"),
                     QStringLiteral("onewindow-admin case pause NUMBER --kind correction|special "
                                    "[--reason R] ") +
                         kWhere,
                     pauseCommand}) &&
    registerCommand({QStringLiteral("case resume"),
                     QStringLiteral("onewindow-admin case resume NUMBER ") + kWhere,
                     resumeCommand}) &&
    registerCommand({QStringLiteral("case clock"), QStringLiteral("onewindow-admin ") + clockUsage,
                     clockCommand}) &&
    registerCommand({QStringLiteral("case approver"),
                     QStringLiteral("onewindow-admin ") + approverUsage, approverCommand});

} // namespace

} // namespace ow::admin
