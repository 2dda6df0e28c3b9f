// WorkCalendar::published: the built-in calendar with the years the centre
// published in their place, read again when the published years change.
#include "calendar/WorkCalendar.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlQuery>
#include <QtDebug>

namespace ow {

struct WorkCalendar::Follower
{
    Database* db = nullptr;
    QMutex mutex;
    QString stamp; // the published years and versions last read
    std::shared_ptr<const WorkCalendar> reading;
};

namespace {

// "year:version,..." of every published year: it changes with any pull that
// changed a year.
std::optional<QString> publishedStamp(Database& db)
{
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT coalesce(group_concat(year || ':' || version, ','), '') "
                             "FROM (SELECT year, version FROM central_calendar ORDER BY year)"));
    if (!db.run(q) || !q.next())
        return std::nullopt;
    return q.value(0).toString();
}

// The days of a published year as the centre sends them
// ([{date, type, name, source}]); nullopt when the text is not such a list.
std::optional<QList<CalendarDay>> publishedDays(int year, const QString& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (!doc.isArray())
        return std::nullopt;
    QList<CalendarDay> days;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        CalendarDay d;
        d.date = QDate::fromString(o.value(QStringLiteral("date")).toString(), Qt::ISODate);
        const QString type = o.value(QStringLiteral("type")).toString();
        if (!d.date.isValid() || d.date.year() != year ||
            (type != QLatin1String("off") && type != QLatin1String("work")))
            return std::nullopt;
        d.type = type == QLatin1String("work") ? CalendarDay::Type::Work : CalendarDay::Type::Off;
        d.name = o.value(QStringLiteral("name")).toString();
        d.source = o.value(QStringLiteral("source")).toString();
        days.append(d);
    }
    return days;
}

WorkCalendar readPublished(Database& db)
{
    WorkCalendar calendar = WorkCalendar::builtIn();
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT year, days FROM central_calendar ORDER BY year"));
    if (!db.run(q))
        return calendar;
    while (q.next()) {
        const int year = q.value(0).toInt();
        if (auto days = publishedDays(year, q.value(1).toString()))
            calendar.setYear(year, *days);
        else
            qWarning().noquote() << "The published calendar of" << year
                                 << "is unreadable; the built-in one counts for that year.";
    }
    return calendar;
}

} // namespace

WorkCalendar WorkCalendar::published(Database& db)
{
    WorkCalendar calendar;
    calendar.m_follower = std::make_shared<Follower>();
    calendar.m_follower->db = &db;
    return calendar;
}

std::shared_ptr<const WorkCalendar> WorkCalendar::current() const
{
    Follower& f = *m_follower;
    QMutexLocker lock(&f.mutex);
    const std::optional<QString> stamp = publishedStamp(*f.db);
    if (!stamp) {
        // The table cannot be read: the built-in calendar, asked again next time.
        f.stamp.clear();
        f.reading = std::make_shared<const WorkCalendar>(builtIn());
        return f.reading;
    }
    if (!f.reading || *stamp != f.stamp) {
        f.reading = std::make_shared<const WorkCalendar>(readPublished(*f.db));
        f.stamp = *stamp;
    }
    return f.reading;
}

} // namespace ow
