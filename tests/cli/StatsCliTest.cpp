// `onewindow-admin stats` and `sample` on the fixed dataset of
// StatsDataset.h; the figures are those counted by hand there.
#include "StatsDataset.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ow;
using namespace ow::test;

namespace {

QStringList dataDir(const TempStore& s)
{
    return {QStringLiteral("--data-dir"), s.dir.path()};
}

} // namespace

TEST_CASE("stats --by clerk --format csv prints one line per clerk and the total", "[stats][cli]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const ProcessResult r = runAdmin(
        dataDir(s) +
        QStringList{QStringLiteral("stats"), QStringLiteral("--from"), QStringLiteral("2025-03-01"),
                    QStringLiteral("--to"), QStringLiteral("2025-03-31"), QStringLiteral("--by"),
                    QStringLiteral("clerk"), QStringLiteral("--format"), QStringLiteral("csv")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] ==
          QStringLiteral("group,label,consultations,accepted,completed,completion_rate,on_time,"
                         "on_time_rate,immediate,immediate_share,one_visit,one_visit_share,"
                         "visits_average,corrections,refusals,mailings,ratings,rating_average,"
                         "satisfied_share"));
    // 周文: K1, K2, K5, K6 accepted; K5 open; 2 of 4 immediate; K9's correction; K1 mailed;
    // rated 5 and 4.
    CHECK(lines[1] ==
          QStringLiteral(
              "周文,周文,2,4,3,0.7500,3,1.0000,2,0.5000,4,1.0000,1.00,1,0,1,2,4.50,1.0000"));
    // 张敏: K3 (late, second visit), K4 (paused, on time), K7 (done in April); K10 refused;
    // rated 2 and 3.
    CHECK(lines[2] ==
          QStringLiteral(
              "张敏,张敏,1,3,2,0.6667,1,0.5000,0,0.0000,2,0.6667,1.33,1,1,0,2,2.50,0.5000"));
    CHECK(lines[3].startsWith(QLatin1Char(',')));
    CHECK(lines[3].endsWith(QStringLiteral(",3,7,5,0.7143,4,0.8000,2,0.2857,6,0.8571,1.14,2,1,1,4,"
                                           "3.50,0.7500")));
}

TEST_CASE("stats --by item --format json gives null for a rate over nothing", "[stats][cli]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const ProcessResult r = runAdmin(
        dataDir(s) +
        QStringList{QStringLiteral("stats"), QStringLiteral("--from"), QStringLiteral("2025-03-01"),
                    QStringLiteral("--to"), QStringLiteral("2025-03-31"), QStringLiteral("--by"),
                    QStringLiteral("item"), QStringLiteral("--format"), QStringLiteral("json")});
    INFO(r.err.toStdString());
    REQUIRE(r.exitCode == 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(o.value(QStringLiteral("by")).toString() == QStringLiteral("item"));
    CHECK(o.value(QStringLiteral("from")).toString() == QStringLiteral("2025-03-01"));
    QJsonObject swj;
    QJsonObject none;
    for (const QJsonValue& v : o.value(QStringLiteral("rows")).toArray()) {
        if (v[QStringLiteral("key")].toString() == QLatin1String("SWJ-T-01"))
            swj = v.toObject();
        if (v[QStringLiteral("key")].toString().isEmpty())
            none = v.toObject();
    }
    // SWJ-T-01: K1, K3, K4, K7 accepted; K1, K3, K4 completed; K1, K4 on time.
    CHECK(swj.value(QStringLiteral("label")).toString() == QStringLiteral("排水许可"));
    CHECK(swj.value(QStringLiteral("accepted")).toInt() == 4);
    CHECK(swj.value(QStringLiteral("completion_rate")).toDouble() == Approx(0.75));
    CHECK(swj.value(QStringLiteral("on_time_rate")).toDouble() == Approx(0.6667));
    // The consultation about no item: counted, with no rate of cases.
    CHECK(none.value(QStringLiteral("consultations")).toInt() == 1);
    CHECK(none.value(QStringLiteral("completion_rate")).isNull());
    const QJsonObject total = o.value(QStringLiteral("total")).toObject();
    CHECK(total.value(QStringLiteral("accepted")).toInt() == 7);
    CHECK(total.value(QStringLiteral("on_time_rate")).toDouble() == Approx(0.8));
    CHECK(o.value(QStringLiteral("definitions"))
              .toObject()
              .value(QStringLiteral("on_time_rate"))
              .toString()
              .contains(QStringLiteral("99%")));
}

TEST_CASE("stats names a bad option", "[stats][cli]")
{
    TempStore s;
    const ProcessResult r =
        runAdmin(dataDir(s) + QStringList{QStringLiteral("stats"), QStringLiteral("--from"),
                                          QStringLiteral("2025-03-01"), QStringLiteral("--to"),
                                          QStringLiteral("2025-03-31"), QStringLiteral("--by"),
                                          QStringLiteral("planet")});
    CHECK(r.exitCode == 2);
    CHECK(r.err.contains(QStringLiteral("--by")));
    CHECK(r.err.contains(QStringLiteral("planet")));
}

TEST_CASE("sample draw with a seed, a finding and its closure on the command line",
          "[sampling][cli]")
{
    TempStore s;
    buildStatsDataset(*s.db);
    const QStringList drawArgs{QStringLiteral("sample"),  QStringLiteral("draw"),
                               QStringLiteral("--from"),  QStringLiteral("2025-03-01"),
                               QStringLiteral("--to"),    QStringLiteral("2025-03-31"),
                               QStringLiteral("--count"), QStringLiteral("2"),
                               QStringLiteral("--seed"),  QStringLiteral("42")};
    const ProcessResult first = runAdmin(dataDir(s) + drawArgs);
    INFO(first.err.toStdString());
    REQUIRE(first.exitCode == 0);
    const QStringList drawn = first.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(drawn.size() == 2);
    CHECK(first.err.contains(QStringLiteral("42")));
    const ProcessResult second = runAdmin(dataDir(s) + drawArgs);
    CHECK(second.out == first.out);

    const ProcessResult finding = runAdmin(
        dataDir(s) + QStringList{QStringLiteral("sample"), QStringLiteral("finding"), drawn[0],
                                 QStringLiteral("--finding"), QStringLiteral("材料未核验原件"),
                                 QStringLiteral("--rectification"), QStringLiteral("补核原件")});
    INFO(finding.err.toStdString());
    CHECK(finding.exitCode == 0);
    CHECK(finding.out.trimmed() == drawn[0] + QStringLiteral(" rectifying"));
    const ProcessResult closed = runAdmin(
        dataDir(s) + QStringList{QStringLiteral("sample"), QStringLiteral("close"), drawn[0],
                                 QStringLiteral("--note"), QStringLiteral("已补核")});
    CHECK(closed.exitCode == 0);
    CHECK(closed.out.trimmed() == drawn[0] + QStringLiteral(" closed"));

    const ProcessResult list =
        runAdmin(dataDir(s) + QStringList{QStringLiteral("sample"), QStringLiteral("list"),
                                          QStringLiteral("--json")});
    REQUIRE(list.exitCode == 0);
    const QJsonArray draws = QJsonDocument::fromJson(list.out.toUtf8()).array();
    REQUIRE(draws.size() == 2);
    CHECK(draws[0][QStringLiteral("seed")].toString() == QStringLiteral("42"));
    bool seen = false;
    for (const QJsonValue& d : draws)
        for (const QJsonValue& c : d[QStringLiteral("cases")].toArray())
            if (c[QStringLiteral("case")].toString() == drawn[0] &&
                c[QStringLiteral("state")].toString() == QLatin1String("closed")) {
                seen = true;
                CHECK(c[QStringLiteral("finding")].toString() == QStringLiteral("材料未核验原件"));
                CHECK(c[QStringLiteral("closedBy")].toString() == QStringLiteral("system"));
            }
    CHECK(seen);
}
