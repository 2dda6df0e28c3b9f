#pragma once

#include "store/Result.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>

namespace ow {

class Clock;
class Database;

// One day of the published calendar: a holiday (off) or a weekend day that
// is a working day (work, 调休上班).
struct CalendarDay
{
    enum class Type { Off, Work };
    QDate date;
    Type type = Type::Off;
    QString name;   // "春节", "国庆调休"
    QString source; // the notice that published it
};

// A deadline counted in working days.
struct DueDate
{
    QDate date;
    // Some day counted lies in a year whose calendar is not published yet:
    // that year was counted with weekends only, and the date may move.
    bool provisional = false;
    QList<int> unpublishedYears; // the years concerned, ascending
};

// Working days from the holiday calendar the State Council publishes each
// year (statutory holidays and adjusted working weekends). Administrative
// licensing time limits count working days (行政许可法 §82).
//
// A day is a working day when it is listed as "work", or it is a Monday to
// Friday not listed as "off". A year is covered (published) when the
// calendar lists any day in it; an uncovered year is counted with weekends
// only and every result that depends on it is flagged provisional.
//
// The file format, UTF-8, one entry a line:
//   date<TAB>type<TAB>name[<TAB>source]
// where date is YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD (at most 31
// days), type is "off" or "work" (a "work" day must be a Saturday or a
// Sunday), and lines starting with '#' and blank lines are ignored.
class WorkCalendar
{
public:
    // An empty calendar: no year covered, weekends only, all provisional.
    WorkCalendar() = default;

    // The calendar embedded in the program (":/calendar/holidays-cn.tsv"),
    // loaded once.
    static const WorkCalendar& builtIn();
    static QString builtInPath() { return QStringLiteral(":/calendar/holidays-cn.tsv"); }

    // The calendar the counter works with: the built-in one, where each year
    // the centre published (central_calendar, db/local/004_sync.sql) takes
    // the place of the built-in year whole. It follows the table: when a pull
    // changed the published years, the next question reads them again, so a
    // published calendar takes effect without a restart. Copies follow the
    // same table. Ask it on the thread that uses `db`, which must outlive it.
    static WorkCalendar published(Database& db);

    // Parses calendar text. On errors the Error (kind Invalid) lists every
    // bad line as a Problem whose `where` is "line N" (after `origin`, e.g.
    // the file name, when given); nothing is loaded.
    static Result<WorkCalendar> parse(const QString& text, const QString& origin = {});
    // Reads and parses a file (or a Qt resource path).
    static Result<WorkCalendar> fromFile(const QString& path);

    // Replaces the whole of `year` with `days` (e.g. a year received from
    // the centre) and marks the year covered. Days outside `year` are ignored.
    // A published() calendar stops following the table and keeps what it
    // holds now, with that year replaced.
    void setYear(int year, const QList<CalendarDay>& days);

    bool isWorkingDay(const QDate& date) const;
    // The listed entry for `date`, if any.
    std::optional<CalendarDay> entry(const QDate& date) const;
    bool covers(int year) const;
    QList<int> coveredYears() const; // ascending
    QList<CalendarDay> days() const; // every listed day, by date

    // The due date `n` working days after `start`. Day 1 is the first
    // working day AFTER `start` (the day of acceptance itself is never
    // counted, whether or not it is a working day); the due date is day n,
    // always a working day. n <= 0 gives `start` itself.
    // Provisional when any day after `start` up to the due date lies in a
    // year that is not covered.
    DueDate addWorkingDays(const QDate& start, int n) const;

    // The working days in (a, b]: after a, up to and including b, so that
    // workingDaysBetween(s, addWorkingDays(s, n).date) == n. Negative when
    // b is before a; 0 when they are equal.
    int workingDaysBetween(const QDate& a, const QDate& b) const;
    // Some day in (a, b] (or (b, a]) lies in a year that is not covered.
    bool isProvisional(const QDate& a, const QDate& b) const;

private:
    struct Follower;
    // What to answer from: this calendar, or the follower's latest reading.
    std::shared_ptr<const WorkCalendar> current() const;

    QMap<QDate, CalendarDay> m_days;
    QSet<int> m_years;
    std::shared_ptr<Follower> m_follower; // set for published()
};

} // namespace ow
