// The statistics page (统计) offscreen, on the fixed dataset of
// StatsDataset.h: the figures counted by hand appear in the table, each
// rate carries its definition, the CSV export writes the same table; the
// page and the sampling page are there for a supervisor and not for a clerk.
#include "stats/StatsPage.h"

#include "IntakeCounter.h"
#include "StatsDataset.h"
#include "stats/StatsController.h"
#include "stats/StatsTableModel.h"
#include "supervision/SamplingPage.h"

#include <QChartView>
#include <QDateEdit>
#include <QTableView>

using namespace ow;
using namespace ow::uitest;
using ow::test::buildStatsDataset;

namespace {

std::function<Session(Database&, const Clock&)> as(Role role)
{
    return [role](Database&, const Clock& clock) {
        User u;
        u.id = QStringLiteral("u1");
        u.login = QStringLiteral("liukz");
        u.displayName = QStringLiteral("刘科长");
        u.role = role;
        return Session::forUser(u, clock.now());
    };
}

QString cell(const QAbstractItemModel* m, int row, StatsMetric metric)
{
    return m->index(row, int(allStatsMetrics().indexOf(metric)) + 1).data().toString();
}

} // namespace

TEST_CASE("The statistics page shows the counted figures with their definitions", "[ui][stats]")
{
    Counter c(QDateTime(QDate(2025, 4, 2), QTime(9, 0), QTimeZone(8 * 3600)), as(Role::Supervisor));
    buildStatsDataset(*c.store.db);
    auto* page = c.window->findChild<StatsPage*>();
    REQUIRE(page);
    CHECK(c.window->findChild<SamplingPage*>());
    QAbstractItemModelTester tester(page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Warning);

    page->fromEdit()->setDate(QDate(2025, 3, 1));
    page->toEdit()->setDate(QDate(2025, 3, 31));
    page->groupingBox()->setCurrentIndex(
        page->groupingBox()->findData(int(StatsGrouping::Clerk))); // counts again
    QAbstractItemModel* m = page->table()->model();
    REQUIRE(m->rowCount() == 3); // 周文, 张敏, the total
    CHECK(m->index(0, 0).data().toString() == QStringLiteral("周文"));
    CHECK(cell(m, 0, StatsMetric::Accepted) == QStringLiteral("4"));
    CHECK(cell(m, 0, StatsMetric::CompletionRate) == QStringLiteral("75.0%"));
    CHECK(m->index(1, 0).data().toString() == QStringLiteral("张敏"));
    CHECK(cell(m, 1, StatsMetric::OnTimeRate) == QStringLiteral("50.0%"));
    CHECK(cell(m, 2, StatsMetric::Accepted) == QStringLiteral("7"));
    CHECK(cell(m, 2, StatsMetric::OnTimeRate) == QStringLiteral("80.0%"));
    CHECK(cell(m, 2, StatsMetric::Consultations) == QStringLiteral("3"));
    const int onTime = int(allStatsMetrics().indexOf(StatsMetric::OnTimeRate)) + 1;
    CHECK(m->headerData(onTime, Qt::Horizontal, Qt::ToolTipRole).toString() ==
          definition(StatsMetric::OnTimeRate));
    CHECK(definition(StatsMetric::OnTimeRate).contains(QStringLiteral("99%")));
    CHECK(page->chartView()->chart()->series().size() == 3); // bars and the two rates
    CHECK(page->findChild<QLabel*>(QStringLiteral("statsDefinitions"))
              ->text()
              .contains(definition(StatsMetric::CompletionRate).toHtmlEscaped()));

    QTemporaryDir out;
    const QString csv = out.filePath(QStringLiteral("march.csv"));
    auto* controller = page->findChild<StatsController*>();
    REQUIRE(controller);
    REQUIRE(controller->exportCsv(csv).ok());
    QFile file(csv);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 4);
    CHECK(lines[1].startsWith(QStringLiteral("周文,周文,2,4,3,0.7500,")));

    // A period backwards: said on the page, the table emptied.
    page->toEdit()->setDate(QDate(2025, 2, 1));
    QTest::mouseClick(page->countButton(), Qt::LeftButton);
    CHECK_FALSE(page->message()->isHidden());
    CHECK(page->message()->text().contains(QStringLiteral("to")));
    CHECK(m->rowCount() == 0);
}

TEST_CASE("A clerk's window has no statistics or sampling page", "[ui][stats]")
{
    Counter c(QDateTime(QDate(2025, 4, 2), QTime(9, 0), QTimeZone(8 * 3600)), as(Role::Clerk));
    CHECK_FALSE(c.window->findChild<StatsPage*>());
    CHECK_FALSE(c.window->findChild<SamplingPage*>());
}
