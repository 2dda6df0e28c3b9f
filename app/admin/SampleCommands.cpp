// `sample draw|list|finding|close`: supervisor sampling (稽查) of this
// counter's cases. A draw keeps its seed: `--seed S` over the same period
// draws the same cases again.
#include "AdminCommand.h"
#include "supervision/Sampling.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

const QString drawUsage =
    QStringLiteral("sample draw --from YYYY-MM-DD --to YYYY-MM-DD --count N [--seed S]");
const QString listUsage = QStringLiteral("sample list [--draw ID] [--json]");
const QString findingUsage =
    QStringLiteral("sample finding CASE --finding TEXT --rectification TEXT [--draw ID]");
const QString closeUsage = QStringLiteral("sample close CASE --note TEXT [--draw ID]");

int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

int failed(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return e.kind == Error::Kind::Invalid ? 2 : 1;
}

QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

int draw(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString from = takeOption(args, QStringLiteral("--from"));
    const QString to = takeOption(args, QStringLiteral("--to"));
    const QString countText = takeOption(args, QStringLiteral("--count"));
    const QString seedText = takeOption(args, QStringLiteral("--seed"));
    if (!args.isEmpty() || from.isEmpty() || to.isEmpty() || countText.isEmpty())
        return usage(ctx, drawUsage);
    bool ok = false;
    const int count = countText.toInt(&ok);
    if (!ok || count < 1) {
        ctx.err << tr("--count: \"%1\" is not a positive whole number.").arg(countText) << Qt::endl;
        return 2;
    }
    std::optional<qint64> seed;
    if (!seedText.isEmpty()) {
        seed = seedText.toLongLong(&ok);
        if (!ok) {
            ctx.err << tr("--seed: \"%1\" is not a whole number.").arg(seedText) << Qt::endl;
            return 2;
        }
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto d = SamplingService(*db).draw(QDate::fromString(from, Qt::ISODate),
                                       QDate::fromString(to, Qt::ISODate), count, seed);
    if (!d)
        return failed(ctx, d.error());
    ctx.err << tr("Draw %1: %2 of %3 cases, seed %4.")
                   .arg(d->id)
                   .arg(d->cases.size())
                   .arg(d->population)
                   .arg(d->seed)
            << Qt::endl;
    for (const SampledCase& c : d->cases)
        ctx.out << c.caseNumber << '\n';
    ctx.out.flush();
    return 0;
}

int list(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool asJson = takeFlag(args, QStringLiteral("--json"));
    const QString drawId = takeOption(args, QStringLiteral("--draw"));
    if (!args.isEmpty())
        return usage(ctx, listUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    SamplingService service(*db);
    QList<SamplingDraw> draws;
    if (drawId.isEmpty()) {
        auto all = service.draws();
        if (!all)
            return failed(ctx, all.error());
        draws = *all;
    } else {
        auto one = service.find(drawId);
        if (!one)
            return failed(ctx, one.error());
        draws << *one;
    }
    if (asJson) {
        QJsonArray out;
        for (const SamplingDraw& d : draws) {
            QJsonArray cases;
            for (const SampledCase& c : d.cases)
                cases.append(QJsonObject{{QStringLiteral("case"), c.caseNumber},
                                         {QStringLiteral("position"), c.position},
                                         {QStringLiteral("state"), toString(c.state)},
                                         {QStringLiteral("finding"), c.finding},
                                         {QStringLiteral("rectification"), c.rectification},
                                         {QStringLiteral("findingBy"), c.findingBy},
                                         {QStringLiteral("findingAt"), timeText(c.findingAt)},
                                         {QStringLiteral("note"), c.closingNote},
                                         {QStringLiteral("closedBy"), c.closedBy},
                                         {QStringLiteral("closedAt"), timeText(c.closedAt)}});
            out.append(QJsonObject{{QStringLiteral("id"), d.id},
                                   {QStringLiteral("from"), d.from.toString(Qt::ISODate)},
                                   {QStringLiteral("to"), d.to.toString(Qt::ISODate)},
                                   {QStringLiteral("requested"), d.requested},
                                   {QStringLiteral("population"), d.population},
                                   {QStringLiteral("seed"), QString::number(d.seed)},
                                   {QStringLiteral("drawnAt"), timeText(d.drawnAt)},
                                   {QStringLiteral("drawnBy"), d.drawnBy},
                                   {QStringLiteral("cases"), cases}});
        }
        ctx.out << QString::fromUtf8(QJsonDocument(out).toJson());
        return 0;
    }
    for (const SamplingDraw& d : draws) {
        ctx.out << d.id << '\t' << d.from.toString(Qt::ISODate) << ".."
                << d.to.toString(Qt::ISODate) << '\t' << d.cases.size() << '/' << d.population
                << '\t' << tr("seed %1").arg(d.seed) << '\t' << d.drawnBy << '\t'
                << timeText(d.drawnAt) << '\n';
        for (const SampledCase& c : d.cases)
            ctx.out << "  " << c.position << '\t' << c.caseNumber << '\t' << toString(c.state)
                    << '\t' << c.finding << '\t' << c.rectification << '\t' << c.closingNote
                    << '\n';
    }
    ctx.out.flush();
    return 0;
}

int finding(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString text = takeOption(args, QStringLiteral("--finding"));
    const QString rectification = takeOption(args, QStringLiteral("--rectification"));
    const QString drawId = takeOption(args, QStringLiteral("--draw"));
    if (args.size() != 1)
        return usage(ctx, findingUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto c = SamplingService(*db).recordFinding(args[0], text, rectification, drawId);
    if (!c)
        return failed(ctx, c.error());
    ctx.out << c->caseNumber << ' ' << toString(c->state) << Qt::endl;
    return 0;
}

int closeCase(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString note = takeOption(args, QStringLiteral("--note"));
    const QString drawId = takeOption(args, QStringLiteral("--draw"));
    if (args.size() != 1)
        return usage(ctx, closeUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto c = SamplingService(*db).close(args[0], note, drawId);
    if (!c)
        return failed(ctx, c.error());
    ctx.out << c->caseNumber << ' ' << toString(c->state) << Qt::endl;
    return 0;
}

const bool registered =
    registerCommand({QStringLiteral("sample draw"), drawUsage, &draw}) &&
    registerCommand({QStringLiteral("sample list"), listUsage, &list}) &&
    registerCommand({QStringLiteral("sample finding"), findingUsage, &finding}) &&
    registerCommand({QStringLiteral("sample close"), closeUsage, &closeCase});

} // namespace

} // namespace ow::admin
