// The case lists' query: filters by item and decision date, the limit, the
// counts, and the legal clock of a case in progress on working days.
#include "cases/CaseQuery.h"

#include "IntakeFixture.h"
#include "intake/IntakeRequest.h"

#include <QFile>
#include <QJsonDocument>

using namespace ow;
using namespace ow::test;

namespace {

Decision take(IntakeFixture& f, const QString& example, const Clock& clock)
{
    QFile file(sourcePath(QStringLiteral("resources/examples/intake/") + example));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto request = IntakeRequest::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    REQUIRE(request.ok());
    IntakeContext defaults = f.context(QStringLiteral("320581001"), Level::City);
    defaults.clock = &clock;
    IntakeService service(*f.store.db, *f.catalogue, WorkCalendar::builtIn(),
                          request->context(defaults));
    auto decided = request->run(service);
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    return *decided;
}

QStringList numbers(const Result<QList<CaseRow>>& rows)
{
    REQUIRE(rows.ok());
    QStringList out;
    for (const CaseRow& r : *rows)
        out << r.number();
    return out;
}

} // namespace

TEST_CASE("Case lists: filters by item and date, the limit, the counts", "[cases][query]")
{
    IntakeFixture f;
    // Scenario 3 on Monday the 10th (by 周文), scenario 1 on Friday the 14th (by 张敏).
    const FixedClock monday(QDateTime(QDate(2025, 3, 10), QTime(10, 0), QTimeZone(8 * 3600)));
    const Decision drainage =
        take(f, QStringLiteral("scenario-3-drainage-permit-ems.json"), monday);
    const Decision two = take(f, QStringLiteral("scenario-1-two-unrelated-items.json"), f.clock);
    REQUIRE(drainage.kind == DecisionKind::Accept);
    REQUIRE(two.kind == DecisionKind::Accept);

    CaseQuery query(*f.store.db, WorkCalendar::builtIn(),
                    {QStringLiteral("320581001"), QStringLiteral("A03"), QStringLiteral("张敏")},
                    f.clock);
    CaseFilter all;
    all.list = CaseList::All;
    CHECK(numbers(query.list(all)) == QStringList{two.caseNumber, drainage.caseNumber});

    CaseFilter byItem = all;
    byItem.itemCode = QStringLiteral("SWJ-XK-001");
    CHECK(numbers(query.list(byItem)) == QStringList{drainage.caseNumber});

    CaseFilter from = all;
    from.decidedFrom = QDate(2025, 3, 11);
    CHECK(numbers(query.list(from)) == QStringList{two.caseNumber});
    CaseFilter to = all;
    to.decidedTo = QDate(2025, 3, 10);
    CHECK(numbers(query.list(to)) == QStringList{drainage.caseNumber});

    CaseFilter one = all;
    one.limit = 1;
    CHECK(numbers(query.list(one)) == QStringList{two.caseNumber});

    CHECK(query.count(CaseList::Mine).value() == 1);
    CHECK(query.count(CaseList::Today).value() == 1);
    CHECK(query.count(CaseList::All).value() == 2);

    // The drainage permit, promised on the 17th, is 1 working day away on
    // the 14th: due soon at the default of 2, not at 0.
    CaseFilter due;
    due.list = CaseList::DueSoon;
    REQUIRE(drainage.promisedDate == QDate(2025, 3, 17));
    const auto rows = query.list(due);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK(rows->at(0).workingDaysLeft == 1);
    CHECK(rows->at(0).urgency == Urgency::DueSoon);
    query.setDueSoonDays(0);
    CHECK(numbers(query.list(due)).isEmpty());
    CHECK(query.count(CaseList::Overdue).value() == 0);
}
