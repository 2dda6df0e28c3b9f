// `stats --from D --to D [--by ...] [--format csv|json|text]`: the
// statistics of this counter's store (docs/statistics.md defines each column).
#include "AdminCommand.h"
#include "calendar/WorkCalendar.h"
#include "stats/StatsExport.h"
#include "stats/StatsService.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

const QString statsUsage = QStringLiteral("stats --from YYYY-MM-DD --to YYYY-MM-DD "
                                          "[--by clerk|item|category|day|week|month|site|window] "
                                          "[--format csv|json|text]");

int stats(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const QString fromText = takeOption(args, QStringLiteral("--from"));
    const QString toText = takeOption(args, QStringLiteral("--to"));
    const QString byText = takeOption(args, QStringLiteral("--by"), QStringLiteral("none"));
    const QString format = takeOption(args, QStringLiteral("--format"), QStringLiteral("text"));
    if (!args.isEmpty() || fromText.isEmpty() || toText.isEmpty()) {
        ctx.err << tr("Usage: %1").arg(statsUsage) << Qt::endl;
        return 2;
    }
    StatsRequest request;
    request.from = QDate::fromString(fromText, Qt::ISODate);
    request.to = QDate::fromString(toText, Qt::ISODate);
    if (!request.from.isValid()) {
        ctx.err << tr("--from: \"%1\" is not a date YYYY-MM-DD.").arg(fromText) << Qt::endl;
        return 2;
    }
    if (!request.to.isValid()) {
        ctx.err << tr("--to: \"%1\" is not a date YYYY-MM-DD.").arg(toText) << Qt::endl;
        return 2;
    }
    const auto by = statsGroupingFromString(byText);
    if (!by) {
        ctx.err << tr("--by: \"%1\" is not one of clerk, item, category, day, week, month, site, "
                      "window.")
                       .arg(byText)
                << Qt::endl;
        return 2;
    }
    request.by = *by;
    if (format != QLatin1String("csv") && format != QLatin1String("json") &&
        format != QLatin1String("text")) {
        ctx.err << tr("--format: \"%1\" is not one of csv, json, text.").arg(format) << Qt::endl;
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto table = StatsService(*db, WorkCalendar::builtIn()).table(request);
    if (!table) {
        ctx.err << table.error().fullText() << Qt::endl;
        return table.error().kind == Error::Kind::Invalid ? 2 : 1;
    }
    if (format == QLatin1String("csv"))
        ctx.out << QString::fromUtf8(statsCsv(*table));
    else if (format == QLatin1String("json"))
        ctx.out << QString::fromUtf8(QJsonDocument(statsJson(*table)).toJson());
    else
        ctx.out << statsText(*table);
    ctx.out.flush();
    return 0;
}

const bool registered = registerCommand({QStringLiteral("stats"), statsUsage, &stats});

} // namespace

} // namespace ow::admin
