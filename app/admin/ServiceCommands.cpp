// `consult add|list`, `callback list|add|done` and `rate`: the consultation
// log (咨询登记), call-back tasks (回访) and satisfaction ratings (好差评).
// onewindow-admin acts as the machine's operator (Session::system());
// --clerk, --site and --window say who and where. Exit 0 on success, 1 on a
// refusal, 2 on a usage error.
#include "ServiceCommandSupport.h"
#include "service/CallbackService.h"
#include "service/ConsultationService.h"
#include "service/RatingService.h"

namespace ow::admin {

namespace {

const QString kConsultAdd =
    QStringLiteral("consult add --channel counter|phone --topic T [--name N] [--phone P] "
                   "[--items CODE,CODE] [--answer A] [--notice] ");
const QString kConsultList =
    QStringLiteral("consult list [--day YYYY-MM-DD] [--search T] [--json]");
const QString kCallbackList = QStringLiteral("callback list [--all] [--overdue] [--json]");
const QString kCallbackAdd = QStringLiteral(
    "callback add --reason R [--case NUMBER] [--name N] [--phone P] [--due YYYY-MM-DD] ");
const QString kCallbackDone = QStringLiteral("callback done ID --result R ");
const QString kRate = QStringLiteral("rate [CASE] --grade 1-5 [--reason R] ");

int consultAdd(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    Consultation c;
    c.channel = takeOption(args, QStringLiteral("--channel"), QStringLiteral("counter"));
    c.topic = takeOption(args, QStringLiteral("--topic"));
    c.askerName = takeOption(args, QStringLiteral("--name"));
    c.askerPhone = takeOption(args, QStringLiteral("--phone"));
    c.answer = takeOption(args, QStringLiteral("--answer"));
    c.itemCodes = takeOption(args, QStringLiteral("--items")).split(u',', Qt::SkipEmptyParts);
    c.noticeGiven = takeFlag(args, QStringLiteral("--notice"));
    if (!args.isEmpty())
        return usage(ctx, kConsultAdd + whereOptions());
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto added = ConsultationService(*db, Session::system(), place).add(c);
    if (!added)
        return fail(ctx, added.error());
    ctx.out << added->id << Qt::endl;
    return 0;
}

int consultList(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    const auto day = takeDate(ctx, args, QStringLiteral("--day"));
    const QString search = takeOption(args, QStringLiteral("--search"));
    const bool json = takeFlag(args, QStringLiteral("--json"));
    if (!day)
        return 2;
    if (!args.isEmpty())
        return usage(ctx, kConsultList);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto list = ConsultationService(*db, Session::system(), place)
                    .onDay(day->isValid() ? *day : Clock::system().today(), search);
    if (!list)
        return fail(ctx, list.error());
    if (json) {
        QJsonArray a;
        for (const Consultation& c : *list)
            a.append(toJson(c));
        printJson(ctx, a);
        return 0;
    }
    if (list->isEmpty())
        ctx.out << tr("No consultation logged that day matches.") << Qt::endl;
    for (const Consultation& c : *list)
        ctx.out << c.at.toString(QStringLiteral("HH:mm")) << '\t' << c.channel << '\t'
                << c.askerName << '\t' << c.topic << '\t' << c.itemCodes.join(u',') << '\t'
                << (c.noticeGiven ? tr("notice given") : QString()) << Qt::endl;
    return 0;
}

int callbackList(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    const bool all = takeFlag(args, QStringLiteral("--all"));
    const bool overdue = takeFlag(args, QStringLiteral("--overdue"));
    const bool json = takeFlag(args, QStringLiteral("--json"));
    if (!args.isEmpty() || (all && overdue))
        return usage(ctx, kCallbackList);
    Database* db = ctx.store();
    if (!db)
        return 1;
    CallbackService service(*db, Session::system(), place);
    auto list = overdue ? service.overdue() : service.list(!all);
    if (!list)
        return fail(ctx, list.error());
    if (json) {
        QJsonArray a;
        for (const CallbackTask& t : *list)
            a.append(toJson(t));
        printJson(ctx, a);
        return 0;
    }
    if (list->isEmpty())
        ctx.out << (all ? tr("No call-back task.") : tr("No open call-back task.")) << Qt::endl;
    const QDate today = Clock::system().today();
    for (const CallbackTask& t : *list)
        ctx.out << t.id.left(13) << '\t' << t.kind << '\t' << dayText(t.dueOn)
                << (t.overdueOn(today) ? QStringLiteral(" ") + tr("overdue") : QString()) << '\t'
                << t.caseNumber << '\t' << t.contactName << '\t' << t.contactPhone << '\t'
                << t.reason << (t.open() ? QString() : QStringLiteral("\t") + t.result) << Qt::endl;
    return 0;
}

int callbackAdd(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    CallbackRequest r;
    r.reason = takeOption(args, QStringLiteral("--reason"));
    r.caseNumber = takeOption(args, QStringLiteral("--case"));
    r.contactName = takeOption(args, QStringLiteral("--name"));
    r.contactPhone = takeOption(args, QStringLiteral("--phone"));
    const auto due = takeDate(ctx, args, QStringLiteral("--due"));
    if (!due)
        return 2;
    r.dueOn = *due;
    if (!args.isEmpty())
        return usage(ctx, kCallbackAdd + whereOptions());
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto t = CallbackService(*db, Session::system(), place).add(r);
    if (!t)
        return fail(ctx, t.error());
    ctx.out << t->id << ' ' << dayText(t->dueOn) << Qt::endl;
    return 0;
}

int callbackDone(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    const QString result = takeOption(args, QStringLiteral("--result"));
    if (args.size() != 1)
        return usage(ctx, kCallbackDone + whereOptions());
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto t = CallbackService(*db, Session::system(), place).done(args[0], result);
    if (!t)
        return fail(ctx, t.error());
    ctx.out << t->id << ' ' << tr("done") << Qt::endl;
    return 0;
}

int rateCommand(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const Place place = takePlace(args);
    const QString gradeText = takeOption(args, QStringLiteral("--grade"));
    const QString reason = takeOption(args, QStringLiteral("--reason"));
    bool ok = false;
    const int grade = gradeText.toInt(&ok);
    if (args.size() > 1 || gradeText.isEmpty())
        return usage(ctx, kRate + whereOptions());
    if (!ok) {
        ctx.err << tr("--grade: %1 is not a grade from 1 to 5.").arg(gradeText) << Qt::endl;
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto r = RatingService(*db, Session::system(), place)
                 .rate(args.isEmpty() ? QString() : args[0], grade, reason);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << r->id << ' ' << r->grade;
    if (!r->callbackId.isEmpty())
        ctx.out << ' ' << tr("call-back %1").arg(r->callbackId);
    ctx.out << Qt::endl;
    return 0;
}

[[maybe_unused]] const bool registered =
    registerCommand({QStringLiteral("consult add"),
                     QStringLiteral("onewindow-admin ") + kConsultAdd + whereOptions(),
                     consultAdd}) &&
    registerCommand({QStringLiteral("consult list"),
                     QStringLiteral("onewindow-admin ") + kConsultList, consultList}) &&
    registerCommand({QStringLiteral("callback list"),
                     QStringLiteral("onewindow-admin ") + kCallbackList, callbackList}) &&
    registerCommand({QStringLiteral("callback add"),
                     QStringLiteral("onewindow-admin ") + kCallbackAdd + whereOptions(),
                     callbackAdd}) &&
    registerCommand({QStringLiteral("callback done"),
                     QStringLiteral("onewindow-admin ") + kCallbackDone + whereOptions(),
                     callbackDone}) &&
    registerCommand({QStringLiteral("rate"),
                     QStringLiteral("onewindow-admin ") + kRate + whereOptions(), rateCommand});

} // namespace

} // namespace ow::admin
