#include "stats/StatsExport.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace ow {

namespace {

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
        !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

int places(StatsMetric m)
{
    return m == StatsMetric::VisitsAverage || m == StatsMetric::RatingAverage ? 2 : 4;
}

QString plainValue(StatsMetric m, const StatsCounts& c)
{
    const std::optional<double> v = c.value(m);
    if (!v)
        return {};
    return isRatio(m) ? QString::number(*v, 'f', places(m)) : QString::number(qint64(*v));
}

QJsonValue jsonValue(StatsMetric m, const StatsCounts& c)
{
    const std::optional<double> v = c.value(m);
    if (!v)
        return QJsonValue::Null;
    if (!isRatio(m))
        return qint64(*v);
    return QString::number(*v, 'f', places(m)).toDouble();
}

QJsonObject rowJson(const StatsRow& row)
{
    QJsonObject o{{QStringLiteral("key"), row.key}, {QStringLiteral("label"), row.label}};
    for (StatsMetric m : allStatsMetrics())
        o.insert(key(m), jsonValue(m, row.counts));
    return o;
}

} // namespace

QByteArray statsCsv(const StatsTable& table)
{
    QStringList header{QStringLiteral("group"), QStringLiteral("label")};
    for (StatsMetric m : allStatsMetrics())
        header << key(m);
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    const auto line = [&](const QString& group, const StatsRow& row) {
        QStringList f{csvField(group), csvField(row.label)};
        for (StatsMetric m : allStatsMetrics())
            f << plainValue(m, row.counts);
        out += f.join(QLatin1Char(',')) + QLatin1Char('\n');
    };
    for (const StatsRow& row : table.rows)
        line(row.key.isEmpty() ? QStringLiteral("-") : row.key, row);
    line(QString(), table.total);
    return out.toUtf8();
}

QJsonObject statsJson(const StatsTable& table)
{
    QJsonArray rows;
    for (const StatsRow& row : table.rows)
        rows.append(rowJson(row));
    QJsonObject definitions;
    for (StatsMetric m : allStatsMetrics())
        definitions.insert(key(m), definition(m));
    return {{QStringLiteral("from"), table.request.from.toString(Qt::ISODate)},
            {QStringLiteral("to"), table.request.to.toString(Qt::ISODate)},
            {QStringLiteral("by"), toString(table.request.by)},
            {QStringLiteral("rows"), rows},
            {QStringLiteral("total"), rowJson(table.total)},
            {QStringLiteral("definitions"), definitions}};
}

QString statsText(const StatsTable& table)
{
    QString out = QCoreApplication::translate("ow", "%1 to %2, %3")
                      .arg(table.request.from.toString(Qt::ISODate),
                           table.request.to.toString(Qt::ISODate), displayName(table.request.by)) +
                  QLatin1Char('\n');
    QList<StatsRow> rows = table.rows;
    rows << table.total;
    for (const StatsRow& row : rows) {
        out += QLatin1Char('\n') + row.label + QLatin1Char('\n');
        for (StatsMetric m : allStatsMetrics())
            out += QStringLiteral("  %1: %2\n").arg(title(m), displayValue(m, row.counts));
    }
    return out;
}

} // namespace ow
