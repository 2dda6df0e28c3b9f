#include "stats/StatsService.h"

#include "calendar/WorkCalendar.h"
#include "cases/CaseLife.h"
#include "cases/SqlValue.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QSqlRecord>
#include <QVariant>
#include <functional>

// Each source of the statistics (the cases accepted, the notices, the
// mailings, the consultations, the ratings) is read as a common shape `b`
// (id, site_code, window_code, clerk, at) so that one grouping expression
// serves them all; the grouping by item or category joins the items of the
// case (or those a consultation asked about).
namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::StatsService", s);
}

using Sums = QList<qint64>;
using Grouped = QMap<QString, Sums>;

QString keyExpression(StatsGrouping by)
{
    switch (by) {
    case StatsGrouping::None:
        return QStringLiteral("''");
    case StatsGrouping::Day:
        return QStringLiteral("substr(b.at, 1, 10)");
    case StatsGrouping::Week:
        // The Monday that starts the week.
        return QStringLiteral("date(substr(b.at, 1, 10), '-' || ((CAST(strftime('%w', "
                              "substr(b.at, 1, 10)) AS INTEGER) + 6) % 7) || ' days')");
    case StatsGrouping::Month:
        return QStringLiteral("substr(b.at, 1, 7)");
    case StatsGrouping::Site:
        return QStringLiteral("b.site_code");
    case StatsGrouping::Window:
        return QStringLiteral("trim(b.site_code || ' ' || b.window_code)");
    case StatsGrouping::Clerk:
        return QStringLiteral("b.clerk");
    case StatsGrouping::Item:
    case StatsGrouping::Category:
        return QStringLiteral("coalesce(x.k, '')");
    }
    return QStringLiteral("''");
}

// The items of each row of `b` (a case's, or a consultation's from its JSON list).
QString itemJoin(StatsGrouping by, bool consultation)
{
    if (by != StatsGrouping::Item && by != StatsGrouping::Category)
        return {};
    const bool category = by == StatsGrouping::Category;
    const QString code = consultation ? QStringLiteral("j.value") : QStringLiteral("ci.item_code");
    const QString k = category ? QStringLiteral("coalesce(t.category, '')") : code;
    const QString catalogue =
        category ? QStringLiteral(" LEFT JOIN item t ON t.code = ") + code : QString();
    if (consultation)
        return QStringLiteral(" LEFT JOIN (SELECT DISTINCT q.id AS id, ") + k +
               QStringLiteral(" AS k FROM consultation q JOIN json_each(q.item_codes) j") +
               catalogue + QStringLiteral(" WHERE q.id IN (SELECT id FROM b)) x ON x.id = b.id");
    return QStringLiteral(" LEFT JOIN (SELECT DISTINCT ci.case_id AS id, ") + k +
           QStringLiteral(" AS k FROM case_item ci") + catalogue +
           QStringLiteral(" WHERE ci.case_id IN (SELECT id FROM b)) x ON x.id = b.id");
}

// The cases accepted in the period, with the first move to completed up
// to its end and whether the legal clock ever paused (both kept on the
// case's row, db/local/010), read from the index intake_case_decided.
const char* const kCases =
    "SELECT c.id AS id, c.site_code AS site_code, c.window_code AS window_code, c.clerk AS clerk, "
    " c.decided_at AS at, c.promised_date AS promised_date, c.promised_days AS promised_days, "
    " c.visits AS visits, "
    " CASE WHEN c.completed_at < ? THEN c.completed_at ELSE '' END AS done, "
    " c.clock_paused AS paused "
    "FROM intake_case c WHERE c.decided_at >= ? AND c.decided_at < ? AND c.decision = 'accepted'";

const char* const kCaseSums = "count(*), sum(b.done <> ''), "
                              "sum(b.done <> '' AND b.paused = 0 AND "
                              "substr(b.done, 1, 10) <= b.promised_date), "
                              "sum(b.promised_days = 0), sum(b.visits = 1), sum(b.visits)";

const char* const kCorrections =
    "SELECT r.case_id AS id, r.site_code AS site_code, r.window_code AS window_code, "
    " r.clerk AS clerk, r.created_at AS at FROM correction r "
    "WHERE r.created_at >= ? AND r.created_at < ?";
const char* const kRefusals =
    "SELECT r.case_id AS id, r.site_code AS site_code, r.window_code AS window_code, "
    " r.clerk AS clerk, r.created_at AS at FROM refusal r "
    "WHERE r.created_at >= ? AND r.created_at < ?";
const char* const kMailings =
    "SELECT m.case_id AS id, m.site_code AS site_code, m.window_code AS window_code, "
    " m.clerk AS clerk, m.sent_on AS at FROM mailing m WHERE m.sent_on >= ? AND m.sent_on < ?";
const char* const kConsultations =
    "SELECT q.id AS id, q.site_code AS site_code, q.window_code AS window_code, "
    " q.clerk AS clerk, q.day AS at FROM consultation q WHERE q.day >= ? AND q.day < ?";
const char* const kRatings =
    "SELECT g.case_id AS id, g.site_code AS site_code, g.window_code AS window_code, "
    " g.clerk AS clerk, g.day AS at, g.grade AS grade FROM rating g "
    "WHERE g.day >= ? AND g.day < ?";

} // namespace

StatsService::StatsService(Database& db, const WorkCalendar& calendar, Session session)
    : m_db(db), m_calendar(calendar), m_session(std::move(session))
{
}

namespace {

class Reader
{
public:
    Reader(Database& db, const StatsRequest& r)
        : m_db(db), m_from(r.from.toString(Qt::ISODate)),
          m_end(r.to.addDays(1).toString(Qt::ISODate))
    {
    }

    // `sums` over `source` grouped by `by`.
    Result<Grouped> grouped(const char* source, const QString& sums, StatsGrouping by,
                            bool consultation = false) const
    {
        QSqlQuery q = m_db.query();
        q.prepare(
            QStringLiteral("WITH b AS (%1) SELECT %2, %3 FROM b%4 GROUP BY 1")
                .arg(QLatin1String(source), keyExpression(by), sums, itemJoin(by, consultation)));
        bind(q, false);
        if (Status s = m_db.run(q); !s)
            return s.error();
        Grouped out;
        const int n = q.record().count() - 1;
        while (q.next()) {
            Sums v;
            for (int i = 1; i <= n; ++i)
                v << q.value(i).toLongLong();
            out.insert(q.value(0).toString(), v);
        }
        return out;
    }

    // The cases accepted, and those completed whose clock paused (id,
    // promised date, completion), in one pass.
    Result<Grouped> cases(StatsGrouping by, QHash<QString, QList<QStringList>>& paused) const
    {
        QSqlQuery q = m_db.query();
        q.prepare(
            QStringLiteral("WITH b AS (%1) SELECT %2, %3, group_concat(CASE WHEN b.done <> '' "
                           "AND b.paused = 1 THEN b.id || '|' || b.promised_date || '|' || "
                           "b.done END, ',') FROM b%4 GROUP BY 1")
                .arg(QLatin1String(kCases), keyExpression(by), QLatin1String(kCaseSums),
                     itemJoin(by, false)));
        bind(q, true);
        if (Status s = m_db.run(q); !s)
            return s.error();
        Grouped out;
        while (q.next()) {
            Sums v;
            for (int i = 1; i <= 6; ++i)
                v << q.value(i).toLongLong();
            const QString key = q.value(0).toString();
            out.insert(key, v);
            for (const QString& p :
                 q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts))
                paused[key] << p.split(QLatin1Char('|'));
        }
        return out;
    }

    // The pauses of each of `caseIds`, in the order they were recorded.
    Result<QHash<QString, QList<ClockPause>>> pauses(const QStringList& caseIds) const
    {
        QHash<QString, QList<ClockPause>> out;
        if (caseIds.isEmpty())
            return out;
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT case_id, kind, started_on, ended_on FROM case_clock_pause "
                                 "WHERE case_id IN (SELECT value FROM json_each(?)) "
                                 "ORDER BY case_id, id"));
        q.addBindValue(sqlJsonList(caseIds));
        if (Status s = m_db.run(q); !s)
            return s.error();
        while (q.next()) {
            ClockPause p;
            p.kind = q.value(1).toString();
            p.startedOn = QDate::fromString(q.value(2).toString(), Qt::ISODate);
            p.endedOn = QDate::fromString(q.value(3).toString(), Qt::ISODate);
            out[q.value(0).toString()] << p;
        }
        return out;
    }

    Result<QHash<QString, QString>> itemNames() const
    {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT code, name FROM item"));
        if (Status s = m_db.run(q); !s)
            return s.error();
        QHash<QString, QString> out;
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
        return out;
    }

private:
    void bind(QSqlQuery& q, bool endFirst) const
    {
        if (endFirst)
            q.addBindValue(m_end);
        q.addBindValue(m_from);
        q.addBindValue(m_end);
    }

    Database& m_db;
    QString m_from;
    QString m_end;
};

void add(QMap<QString, StatsCounts>& rows, const Grouped& g,
         const std::function<void(StatsCounts&, const Sums&)>& into)
{
    for (auto it = g.begin(); it != g.end(); ++it)
        into(rows[it.key()], it.value());
}

// Every period of the request, by its key.
QStringList periods(const StatsRequest& r)
{
    QStringList out;
    for (QDate d = r.from; d <= r.to; d = d.addDays(1)) {
        QString k;
        if (r.by == StatsGrouping::Day)
            k = d.toString(Qt::ISODate);
        else if (r.by == StatsGrouping::Week)
            k = d.addDays(1 - d.dayOfWeek()).toString(Qt::ISODate);
        else
            k = d.toString(QStringLiteral("yyyy-MM"));
        if (out.isEmpty() || out.last() != k)
            out << k;
    }
    return out;
}

} // namespace

Result<StatsTable> StatsService::table(const StatsRequest& request) const
{
    if (Status s = m_session.require(Permission::RunSampling); !s)
        return s.error();
    QList<Problem> problems;
    if (!request.from.isValid())
        problems.append({QStringLiteral("from"), QStringLiteral("from"),
                         tr("The first day of the period is missing or not a date.")});
    if (!request.to.isValid())
        problems.append({QStringLiteral("to"), QStringLiteral("to"),
                         tr("The last day of the period is missing or not a date.")});
    if (problems.isEmpty() && request.to < request.from)
        problems.append({QStringLiteral("to"), QStringLiteral("to"),
                         tr("The last day of the period comes before its first day.")});
    if (!problems.isEmpty())
        return Error::invalid(tr("The statistics cannot be counted."), problems);

    const Reader reader(m_db, request);
    const auto count = [&](StatsGrouping by) -> Result<QMap<QString, StatsCounts>> {
        QMap<QString, StatsCounts> rows;
        QHash<QString, QList<QStringList>> paused;
        auto cases = reader.cases(by, paused);
        if (!cases)
            return cases.error();
        add(rows, *cases, [](StatsCounts& c, const Sums& v) {
            c.accepted = v[0];
            c.completed = v[1];
            c.onTime = v[2];
            c.immediate = v[3];
            c.oneVisit = v[4];
            c.visits = v[5];
        });
        // A clock that paused: the due date on working days, as clockOf() counts it.
        QStringList ids;
        for (const QList<QStringList>& list : std::as_const(paused))
            for (const QStringList& p : list)
                if (p.size() == 3)
                    ids << p[0];
        ids.removeDuplicates();
        auto pauses = reader.pauses(ids);
        if (!pauses)
            return pauses.error();
        QHash<QString, bool> onTime;
        for (auto it = paused.begin(); it != paused.end(); ++it) {
            for (const QStringList& p : it.value()) {
                if (p.size() != 3)
                    continue;
                if (!onTime.contains(p[0])) {
                    CaseRecord c;
                    c.status = CaseStatus::Completed;
                    c.promisedDate = QDate::fromString(p[1], Qt::ISODate);
                    const QDateTime done = fromStoredTime(p[2]);
                    c.history.append({QString(), toString(CaseStatus::Completed), done, {}, {}});
                    const CaseClock clock =
                        clockOf(c, pauses->value(p[0]), done.date(), m_calendar);
                    onTime.insert(p[0], c.promisedDate.isValid() && done.date() <= clock.dueDate);
                }
                if (onTime.value(p[0]))
                    ++rows[it.key()].onTime;
            }
        }
        const struct
        {
            const char* source;
            const char* sums;
            bool consultation;
            qint64 StatsCounts::*field;
        } simple[] = {{kCorrections, "count(*)", false, &StatsCounts::corrections},
                      {kRefusals, "count(*)", false, &StatsCounts::refusals},
                      {kMailings, "count(*)", false, &StatsCounts::mailings},
                      {kConsultations, "count(*)", true, &StatsCounts::consultations}};
        for (const auto& s : simple) {
            auto g = reader.grouped(s.source, QLatin1String(s.sums), by, s.consultation);
            if (!g)
                return g.error();
            add(rows, *g, [&](StatsCounts& c, const Sums& v) { c.*(s.field) = v[0]; });
        }
        auto ratings = reader.grouped(
            kRatings, QStringLiteral("count(*), sum(b.grade), sum(b.grade >= 3)"), by);
        if (!ratings)
            return ratings.error();
        add(rows, *ratings, [](StatsCounts& c, const Sums& v) {
            c.ratings = v[0];
            c.gradeSum = v[1];
            c.satisfied = v[2];
        });
        return rows;
    };

    auto grouped = count(request.by);
    if (!grouped)
        return grouped.error();
    StatsTable table;
    table.request = request;
    table.total.label = tr("Total");
    // A case with several items counts under each of them, once in the total.
    if (request.by == StatsGrouping::Item || request.by == StatsGrouping::Category) {
        auto total = count(StatsGrouping::None);
        if (!total)
            return total.error();
        table.total.counts = total->value(QString());
    } else {
        for (const StatsCounts& c : *grouped) {
            StatsCounts& t = table.total.counts;
            t.consultations += c.consultations;
            t.accepted += c.accepted;
            t.completed += c.completed;
            t.onTime += c.onTime;
            t.immediate += c.immediate;
            t.oneVisit += c.oneVisit;
            t.visits += c.visits;
            t.corrections += c.corrections;
            t.refusals += c.refusals;
            t.mailings += c.mailings;
            t.ratings += c.ratings;
            t.gradeSum += c.gradeSum;
            t.satisfied += c.satisfied;
        }
    }
    if (request.by == StatsGrouping::None)
        return table;

    QStringList keys = isTimeGrouping(request.by) ? periods(request) : grouped->keys();
    QHash<QString, QString> names;
    if (request.by == StatsGrouping::Item) {
        auto n = reader.itemNames();
        if (!n)
            return n.error();
        names = *n;
    }
    for (const QString& k : keys) {
        StatsRow row;
        row.key = k;
        row.counts = grouped->value(k);
        if (k.isEmpty())
            row.label = tr("(none)");
        else if (request.by == StatsGrouping::Week)
            row.label = tr("week of %1").arg(k);
        else if (request.by == StatsGrouping::Item)
            row.label = names.value(k, k);
        else
            row.label = k;
        table.rows << row;
    }
    return table;
}

} // namespace ow
