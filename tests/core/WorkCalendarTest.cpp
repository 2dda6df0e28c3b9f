// Working days from the published holiday calendar (resources/calendar).
#include "calendar/WorkCalendar.h"

#include "TestSupport.h"

#include <QTemporaryDir>

using namespace ow;

namespace {

const WorkCalendar& cal()
{
    return WorkCalendar::builtIn();
}

QDate d(int y, int m, int day)
{
    return QDate(y, m, day);
}

} // namespace

TEST_CASE("Work calendar: the embedded calendar covers 2024-2026")
{
    CHECK(cal().coveredYears() == QList<int>{2024, 2025, 2026});
    CHECK(cal().covers(2025));
    CHECK_FALSE(cal().covers(2027));
    CHECK_FALSE(cal().days().isEmpty());
    const auto e = cal().entry(d(2024, 2, 10));
    REQUIRE(e.has_value());
    CHECK(e->name == QStringLiteral("春节"));
    CHECK(e->type == CalendarDay::Type::Off);
}

TEST_CASE("Work calendar: Spring Festival 2024 and its working Sundays")
{
    for (QDate x = d(2024, 2, 10); x <= d(2024, 2, 17); x = x.addDays(1))
        CHECK_FALSE(cal().isWorkingDay(x));
    CHECK(d(2024, 2, 4).dayOfWeek() == 7);
    CHECK(d(2024, 2, 18).dayOfWeek() == 7);
    CHECK(cal().isWorkingDay(d(2024, 2, 4)));
    CHECK(cal().isWorkingDay(d(2024, 2, 18)));
    CHECK(cal().isWorkingDay(d(2024, 2, 9)));       // a Friday, not listed
    CHECK(cal().isWorkingDay(d(2024, 2, 19)));      // Monday after
    CHECK_FALSE(cal().isWorkingDay(d(2024, 2, 3))); // an ordinary Saturday
    // Thursday 8 February + 3 working days: 9 Feb, Sunday 18 Feb, Monday 19 Feb.
    const DueDate due = cal().addWorkingDays(d(2024, 2, 8), 3);
    CHECK(due.date == d(2024, 2, 19));
    CHECK_FALSE(due.provisional);
}

TEST_CASE("Work calendar: National Day 2025")
{
    for (QDate x = d(2025, 10, 1); x <= d(2025, 10, 8); x = x.addDays(1))
        CHECK_FALSE(cal().isWorkingDay(x));
    CHECK(cal().isWorkingDay(d(2025, 9, 28)));  // Sunday, adjusted
    CHECK(cal().isWorkingDay(d(2025, 10, 11))); // Saturday, adjusted
    CHECK(cal().isWorkingDay(d(2025, 10, 9)));
    CHECK_FALSE(cal().isWorkingDay(d(2025, 10, 12))); // Sunday
}

TEST_CASE("Work calendar: a deadline crossing National Day 2025")
{
    // Accepted Tuesday 30 September; 5 working days: 9, 10, 11 (Saturday,
    // adjusted), 13 and 14 October.
    const DueDate due = cal().addWorkingDays(d(2025, 9, 30), 5);
    CHECK(due.date == d(2025, 10, 14));
    CHECK_FALSE(due.provisional);
    CHECK(due.unpublishedYears.isEmpty());
    CHECK(cal().workingDaysBetween(d(2025, 9, 30), d(2025, 10, 14)) == 5);
    CHECK(cal().workingDaysBetween(d(2025, 10, 14), d(2025, 9, 30)) == -5);
    CHECK(cal().workingDaysBetween(d(2025, 10, 1), d(2025, 10, 8)) == 0);
}

TEST_CASE("Work calendar: day 1 is the first working day after the start")
{
    // Monday 3 March 2025 + 1 = Tuesday; + 0 = the start itself.
    CHECK(cal().addWorkingDays(d(2025, 3, 3), 1).date == d(2025, 3, 4));
    CHECK(cal().addWorkingDays(d(2025, 3, 3), 0).date == d(2025, 3, 3));
    // Accepted on a holiday Saturday: the next working day is Sunday 18 Feb.
    CHECK(cal().addWorkingDays(d(2024, 2, 10), 1).date == d(2024, 2, 18));
    // Friday + 1 = Monday.
    CHECK(cal().addWorkingDays(d(2025, 3, 7), 1).date == d(2025, 3, 10));
    // 20 working days round trip.
    const QDate s = d(2024, 9, 10);
    CHECK(cal().workingDaysBetween(s, cal().addWorkingDays(s, 20).date) == 20);
}

TEST_CASE("Work calendar: a deadline in 2027 is provisional")
{
    const DueDate inside = cal().addWorkingDays(d(2027, 3, 1), 5);
    CHECK(inside.provisional);
    CHECK(inside.unpublishedYears == QList<int>{2027});
    CHECK(inside.date == d(2027, 3, 8)); // weekends only
    const DueDate crossing = cal().addWorkingDays(d(2026, 12, 24), 10);
    CHECK(crossing.provisional);
    CHECK(crossing.unpublishedYears == QList<int>{2027});
    CHECK(cal().isProvisional(d(2026, 12, 24), crossing.date));
    CHECK_FALSE(cal().isProvisional(d(2025, 9, 30), d(2025, 10, 14)));
    // Ends on 31 December 2026: nothing of 2027 counted.
    const DueDate lastDay = cal().addWorkingDays(d(2026, 12, 30), 1);
    CHECK(lastDay.date == d(2026, 12, 31));
    CHECK_FALSE(lastDay.provisional);
}

TEST_CASE("Work calendar: a published file adds a year")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("holidays-2027.tsv"));
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write("\xEF\xBB\xBF# date\ttype\tname\tsource\r\n"
            "2027-01-01\toff\t\xE5\x85\x83\xE6\x97\xA6\tnotice\r\n"
            "\r\n"
            "2027-02-06..2027-02-12\toff\tSpring Festival\tnotice\r\n"
            "2027-02-14\twork\tadjusted\r\n");
    f.close();
    const auto loaded = WorkCalendar::fromFile(path);
    REQUIRE(loaded.ok());
    CHECK(loaded->coveredYears() == QList<int>{2027});
    CHECK_FALSE(loaded->isWorkingDay(d(2027, 1, 1)));
    CHECK(loaded->isWorkingDay(d(2027, 2, 14)));
    CHECK(loaded->entry(d(2027, 1, 1))->name == QStringLiteral("元旦"));
    const DueDate due = loaded->addWorkingDays(d(2027, 2, 5), 1);
    CHECK(due.date == d(2027, 2, 14));
    CHECK_FALSE(due.provisional);

    WorkCalendar merged = cal();
    merged.setYear(2027, loaded->days());
    CHECK(merged.coveredYears() == QList<int>{2024, 2025, 2026, 2027});
    CHECK_FALSE(merged.addWorkingDays(d(2026, 12, 24), 10).provisional);
    CHECK_FALSE(WorkCalendar::fromFile(dir.filePath(QStringLiteral("missing.tsv"))).ok());
}

TEST_CASE("Work calendar: a bad file lists every bad line and loads nothing")
{
    const QString text = QStringLiteral("# comment\n"
                                        "2027-01-01\toff\tNew Year\n"
                                        "2027-02-30\toff\tNo such day\n"
                                        "2027-03-01\tholiday\tWrong type\n"
                                        "2027-03-03\twork\tA Wednesday\n"
                                        "2027-04-01 off New Year\n"
                                        "2027-05-05..2027-05-01\toff\tBackwards\n"
                                        "2027-01-01\toff\tTwice\n"
                                        "2027-06-01..2027-07-15\toff\tToo long\n");
    const auto r = WorkCalendar::parse(text, QStringLiteral("new.tsv"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == Error::Kind::Invalid);
    const QList<Problem>& p = r.error().problems;
    REQUIRE(p.size() == 7);
    const QStringList lines{QStringLiteral("3"), QStringLiteral("4"), QStringLiteral("5"),
                            QStringLiteral("6"), QStringLiteral("7"), QStringLiteral("8"),
                            QStringLiteral("9")};
    for (int i = 0; i < 7; ++i) {
        CHECK(p[i].where.contains(QStringLiteral("new.tsv")));
        CHECK(p[i].where.contains(lines[i]));
    }
    CHECK(p[0].message.contains(QLatin1String("2027-02-30")));
    CHECK(p[1].message.contains(QLatin1String("holiday")));
    CHECK(p[2].message.contains(QLatin1String("2027-03-03")));
    CHECK(p[5].message.contains(QLatin1Char('2'))); // already on line 2
    CHECK(p[6].message.contains(QLatin1String("45")));

    CHECK_FALSE(WorkCalendar::parse(QStringLiteral("# nothing\n")).ok());
    const auto noOrigin = WorkCalendar::parse(QStringLiteral("x\toff\ty\n"));
    REQUIRE_FALSE(noOrigin.ok());
    CHECK(noOrigin.error().problems.first().where.contains(QLatin1Char('1')));
}

TEST_CASE("Work calendar: an empty calendar counts weekends only, all provisional")
{
    const WorkCalendar empty;
    CHECK(empty.coveredYears().isEmpty());
    CHECK(empty.isWorkingDay(d(2025, 10, 1)));
    const DueDate due = empty.addWorkingDays(d(2025, 9, 30), 5);
    CHECK(due.date == d(2025, 10, 7));
    CHECK(due.provisional);
}
