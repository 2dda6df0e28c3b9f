#include "calendar/WorkCalendar.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>
#include <QtDebug>
#include <algorithm>
#include <set>

namespace ow {

namespace {

// A strict YYYY-MM-DD date; invalid otherwise.
QDate isoDate(const QString& s)
{
    if (s.size() != 10)
        return {};
    return QDate::fromString(s, QStringLiteral("yyyy-MM-dd"));
}

bool isWeekend(const QDate& d)
{
    return d.dayOfWeek() >= 6;
}

} // namespace

const WorkCalendar& WorkCalendar::builtIn()
{
    static const WorkCalendar calendar = [] {
        auto loaded = fromFile(builtInPath());
        if (!loaded) {
            qWarning().noquote() << loaded.error().fullText();
            return WorkCalendar();
        }
        return std::move(loaded.value());
    }();
    return calendar;
}

Result<WorkCalendar> WorkCalendar::fromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::notFound(QCoreApplication::translate(
                                   "ow::WorkCalendar", "Cannot read the holiday calendar %1: %2")
                                   .arg(path, f.errorString()));
    return parse(QString::fromUtf8(f.readAll()), path);
}

Result<WorkCalendar> WorkCalendar::parse(const QString& text, const QString& origin)
{
    WorkCalendar cal;
    QList<Problem> problems;
    QMap<QDate, int> lineOf; // where each date was listed
    QString body = text;
    if (body.startsWith(QChar(char16_t(0xFEFF))))
        body.remove(0, 1);
    const QStringList lines = body.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i) + 1;
        QString raw = lines[i];
        if (raw.endsWith(QLatin1Char('\r')))
            raw.chop(1);
        const QString trimmed = raw.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        const QString where =
            origin.isEmpty()
                ? QCoreApplication::translate("ow::WorkCalendar", "line %1").arg(lineNo)
                : QCoreApplication::translate("ow::WorkCalendar", "%1, line %2")
                      .arg(origin)
                      .arg(lineNo);
        auto problem = [&](const QString& message) {
            problems.append(Problem{where, QString(), message});
        };
        QStringList cols = raw.split(QLatin1Char('\t'));
        for (QString& c : cols)
            c = c.trimmed();
        if (cols.size() < 3 || cols.size() > 4 || cols[2].isEmpty()) {
            problem(QCoreApplication::translate("ow::WorkCalendar",
                                                "Expected a date, a type (off or work), a name "
                                                "and optionally a source, separated by tabs; "
                                                "found %1 column(s).")
                        .arg(cols.size()));
            continue;
        }
        const QStringList range = cols[0].split(QLatin1String(".."));
        const QDate from = isoDate(range.first());
        const QDate to = range.size() == 2 ? isoDate(range.last()) : from;
        if (range.size() > 2 || !from.isValid() || !to.isValid()) {
            problem(QCoreApplication::translate("ow::WorkCalendar",
                                                "%1 is not a date (YYYY-MM-DD) or a range of "
                                                "dates (YYYY-MM-DD..YYYY-MM-DD).")
                        .arg(cols[0]));
            continue;
        }
        if (to < from) {
            problem(QCoreApplication::translate("ow::WorkCalendar",
                                                "The range %1 ends before it starts.")
                        .arg(cols[0]));
            continue;
        }
        if (from.daysTo(to) >= 31) {
            problem(QCoreApplication::translate("ow::WorkCalendar",
                                                "The range %1 covers %2 days; a range covers "
                                                "31 days at most.")
                        .arg(cols[0])
                        .arg(from.daysTo(to) + 1));
            continue;
        }
        CalendarDay day;
        if (cols[1] == QLatin1String("off")) {
            day.type = CalendarDay::Type::Off;
        } else if (cols[1] == QLatin1String("work")) {
            day.type = CalendarDay::Type::Work;
        } else {
            problem(QCoreApplication::translate("ow::WorkCalendar",
                                                "The type is \u201C%1\u201D; it must be off or "
                                                "work.")
                        .arg(cols[1]));
            continue;
        }
        day.name = cols[2];
        day.source = cols.size() > 3 ? cols[3] : QString();
        for (QDate d = from; d <= to; d = d.addDays(1)) {
            if (day.type == CalendarDay::Type::Work && !isWeekend(d)) {
                problem(QCoreApplication::translate("ow::WorkCalendar",
                                                    "%1 is a weekday; a work entry is a Saturday "
                                                    "or a Sunday that becomes a working day.")
                            .arg(d.toString(Qt::ISODate)));
                continue;
            }
            if (lineOf.contains(d)) {
                problem(QCoreApplication::translate("ow::WorkCalendar",
                                                    "%1 is already listed on line %2.")
                            .arg(d.toString(Qt::ISODate))
                            .arg(lineOf.value(d)));
                continue;
            }
            lineOf.insert(d, lineNo);
            day.date = d;
            cal.m_days.insert(d, day);
            cal.m_years.insert(d.year());
        }
    }
    const QString name =
        origin.isEmpty() ? QCoreApplication::translate("ow::WorkCalendar", "The holiday calendar")
                         : origin;
    if (!problems.isEmpty())
        return Error::invalid(QCoreApplication::translate("ow::WorkCalendar",
                                                          "%1 has %n error(s); nothing was loaded.",
                                                          nullptr, int(problems.size()))
                                  .arg(name),
                              problems);
    if (cal.m_days.isEmpty())
        return Error::invalid(
            QCoreApplication::translate("ow::WorkCalendar", "%1 lists no days.").arg(name));
    return cal;
}

void WorkCalendar::setYear(int year, const QList<CalendarDay>& days)
{
    if (m_follower) {
        *this = *current();
        m_follower.reset();
    }
    for (auto it = m_days.begin(); it != m_days.end();) {
        if (it.key().year() == year)
            it = m_days.erase(it);
        else
            ++it;
    }
    for (const CalendarDay& d : days)
        if (d.date.isValid() && d.date.year() == year)
            m_days.insert(d.date, d);
    m_years.insert(year);
}

bool WorkCalendar::isWorkingDay(const QDate& date) const
{
    if (m_follower)
        return current()->isWorkingDay(date);
    if (!date.isValid())
        return false;
    const auto it = m_days.constFind(date);
    if (it != m_days.cend())
        return it->type == CalendarDay::Type::Work;
    return !isWeekend(date);
}

std::optional<CalendarDay> WorkCalendar::entry(const QDate& date) const
{
    if (m_follower)
        return current()->entry(date);
    const auto it = m_days.constFind(date);
    if (it == m_days.cend())
        return std::nullopt;
    return *it;
}

bool WorkCalendar::covers(int year) const
{
    if (m_follower)
        return current()->covers(year);
    return m_years.contains(year);
}

QList<int> WorkCalendar::coveredYears() const
{
    if (m_follower)
        return current()->coveredYears();
    QList<int> years(m_years.cbegin(), m_years.cend());
    std::sort(years.begin(), years.end());
    return years;
}

QList<CalendarDay> WorkCalendar::days() const
{
    if (m_follower)
        return current()->days();
    return m_days.values();
}

DueDate WorkCalendar::addWorkingDays(const QDate& start, int n) const
{
    if (m_follower)
        return current()->addWorkingDays(start, n);
    DueDate due;
    if (!start.isValid())
        return due;
    std::set<int> unpublished;
    QDate d = start;
    for (int counted = 0; counted < n;) {
        d = d.addDays(1);
        if (!covers(d.year()))
            unpublished.insert(d.year());
        if (isWorkingDay(d))
            ++counted;
    }
    due.date = d;
    due.unpublishedYears = QList<int>(unpublished.begin(), unpublished.end());
    due.provisional = !unpublished.empty();
    return due;
}

int WorkCalendar::workingDaysBetween(const QDate& a, const QDate& b) const
{
    if (m_follower)
        return current()->workingDaysBetween(a, b);
    if (!a.isValid() || !b.isValid())
        return 0;
    if (b < a)
        return -workingDaysBetween(b, a);
    int n = 0;
    for (QDate d = a.addDays(1); d <= b; d = d.addDays(1))
        if (isWorkingDay(d))
            ++n;
    return n;
}

bool WorkCalendar::isProvisional(const QDate& a, const QDate& b) const
{
    if (m_follower)
        return current()->isProvisional(a, b);
    if (!a.isValid() || !b.isValid() || a == b)
        return false;
    const QDate from = std::min(a, b).addDays(1);
    const QDate to = std::max(a, b);
    for (int y = from.year(); y <= to.year(); ++y)
        if (!covers(y))
            return true;
    return false;
}

} // namespace ow
