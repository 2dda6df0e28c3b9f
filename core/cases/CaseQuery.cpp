#include "cases/CaseQuery.h"

#include "calendar/WorkCalendar.h"
#include "cases/SqlValue.h"

#include <QVariant>

namespace ow {

namespace {

// In the words of the index of the cases on the legal clock
// (db/local/016_check_lists.sql), so that the lists read through it.
const char* const kInProgress = "(c.status = 'accepted' OR c.status = 'first_review' OR "
                                "c.status = 'forwarded' OR c.status = 'approved')";

// `text` as a LIKE pattern matching it literally.
QString likeEscaped(const QString& text)
{
    QString out;
    for (const QChar ch : text) {
        if (ch == QLatin1Char('%') || ch == QLatin1Char('_') || ch == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        out += ch;
    }
    return out;
}

} // namespace

CaseQuery::CaseQuery(Database& db, const WorkCalendar& calendar, Place place, const Clock& clock)
    : m_db(db), m_calendar(calendar), m_place(std::move(place)), m_clock(clock)
{
}

bool CaseQuery::inProgress(CaseStatus status)
{
    return status == CaseStatus::Accepted || status == CaseStatus::FirstReview ||
           status == CaseStatus::Forwarded || status == CaseStatus::Approved;
}

QString CaseQuery::where(const CaseFilter& filter, QVariantList& args) const
{
    const QDate today = m_clock.today();
    const QString day = today.toString(Qt::ISODate);
    QStringList parts;
    switch (filter.list) {
    case CaseList::Today:
        parts << QStringLiteral("substr(c.decided_at, 1, 10) = ?");
        args << day;
        if (!m_place.siteCode.isEmpty()) {
            parts << QStringLiteral("c.site_code = ?");
            args << m_place.siteCode;
        }
        break;
    case CaseList::Mine:
        parts << QStringLiteral("c.clerk = ?");
        args << sqlValue(m_place.clerk);
        break;
    case CaseList::AwaitingCorrection:
        parts << QStringLiteral("c.status = 'correction_requested'");
        break;
    case CaseList::InProgress:
        parts << QLatin1String(kInProgress);
        break;
    case CaseList::DueSoon: {
        // Due today, or within the next N working days.
        const QDate last = m_calendar.addWorkingDays(today, m_dueSoonDays).date;
        parts << QLatin1String(kInProgress)
              << QStringLiteral("c.promised_date <> '' AND c.promised_date BETWEEN ? AND ?");
        args << day << last.toString(Qt::ISODate);
        break;
    }
    case CaseList::Overdue:
        parts << QLatin1String(kInProgress)
              << QStringLiteral("c.promised_date <> '' AND c.promised_date < ?");
        args << day;
        break;
    case CaseList::AwaitingPickup:
        parts << QStringLiteral("c.status = 'awaiting_pickup'");
        break;
    case CaseList::Mailed:
        parts << QStringLiteral("c.status = 'mailed'");
        break;
    case CaseList::All:
        break;
    }
    if (const QString t = filter.text.trimmed(); !t.isEmpty()) {
        const QString upper = t.toUpper();
        parts << QStringLiteral(
            "(c.case_number LIKE ? ESCAPE '\\' OR a.id_number = ? OR a.credit_code = ? "
            "OR a.name LIKE ? ESCAPE '\\' OR g.name LIKE ? ESCAPE '\\' OR g.id_number = ? "
            "OR EXISTS (SELECT 1 FROM correction r WHERE r.case_id = c.id AND r.number LIKE ? "
            "ESCAPE '\\') "
            "OR EXISTS (SELECT 1 FROM refusal r WHERE r.case_id = c.id AND r.number LIKE ? "
            "ESCAPE '\\'))");
        const QString prefix = likeEscaped(upper) + QLatin1Char('%');
        const QString inside = QLatin1Char('%') + likeEscaped(t) + QLatin1Char('%');
        args << prefix << upper << upper << inside << inside << upper << prefix << prefix;
    }
    if (filter.status) {
        parts << QStringLiteral("c.status = ?");
        args << toString(*filter.status);
    }
    if (!filter.itemCode.trimmed().isEmpty()) {
        parts << QStringLiteral(
            "EXISTS (SELECT 1 FROM case_item i WHERE i.case_id = c.id AND i.item_code = ?)");
        args << filter.itemCode.trimmed();
    }
    if (filter.decidedFrom.isValid()) {
        parts << QStringLiteral("substr(c.decided_at, 1, 10) >= ?");
        args << filter.decidedFrom.toString(Qt::ISODate);
    }
    if (filter.decidedTo.isValid()) {
        parts << QStringLiteral("substr(c.decided_at, 1, 10) <= ?");
        args << filter.decidedTo.toString(Qt::ISODate);
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
}

Urgency CaseQuery::urgencyOf(CaseStatus status, const QDate& promised,
                             std::optional<int>& left) const
{
    left.reset();
    if (!inProgress(status) || !promised.isValid())
        return Urgency::None;
    const QDate today = m_clock.today();
    left = m_calendar.workingDaysBetween(today, promised);
    if (promised < today)
        return Urgency::Overdue;
    return *left <= m_dueSoonDays ? Urgency::DueSoon : Urgency::None;
}

Result<QList<CaseRow>> CaseQuery::list(const CaseFilter& filter) const
{
    QVariantList args;
    const QString condition = where(filter, args);
    const bool byDue = filter.list == CaseList::DueSoon || filter.list == CaseList::Overdue;
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral(
            "SELECT c.id, coalesce(c.case_number, ''), "
            " coalesce((SELECT number FROM (SELECT number, created_at FROM correction "
            "   WHERE case_id = c.id UNION ALL SELECT number, created_at FROM refusal "
            "   WHERE case_id = c.id) ORDER BY created_at DESC LIMIT 1), ''), "
            " a.name, CASE WHEN a.kind = 'legal' THEN a.credit_code ELSE a.id_number END, "
            " coalesce(g.name, ''), "
            " (SELECT group_concat(item_name, char(10)) FROM (SELECT item_name FROM case_item "
            "   WHERE case_id = c.id ORDER BY position)), "
            " c.status, c.decided_at, c.promised_date, c.site_code, c.window_code, c.clerk "
            "FROM intake_case c JOIN applicant a ON a.id = c.applicant_id "
            "LEFT JOIN agent g ON g.id = c.agent_id "
            "WHERE %1 ORDER BY %2 LIMIT ?")
            .arg(condition, byDue ? QStringLiteral("c.promised_date, c.decided_at, c.id")
                                  : QStringLiteral("c.decided_at DESC, c.id DESC")));
    for (const QVariant& a : args)
        q.addBindValue(a);
    q.addBindValue(filter.limit > 0 ? filter.limit : 500);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<CaseRow> out;
    while (q.next()) {
        CaseRow r;
        r.id = q.value(0).toString();
        r.caseNumber = q.value(1).toString();
        r.noticeNumber = q.value(2).toString();
        r.applicantName = q.value(3).toString();
        r.applicantIdNumber = q.value(4).toString();
        r.agentName = q.value(5).toString();
        r.itemNames = q.value(6).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        r.status = caseStatusFromString(q.value(7).toString()).value_or(CaseStatus::Accepted);
        r.decidedAt = fromStoredTime(q.value(8).toString());
        r.promisedDate = QDate::fromString(q.value(9).toString(), Qt::ISODate);
        r.place = {q.value(10).toString(), q.value(11).toString(), q.value(12).toString()};
        r.urgency = urgencyOf(r.status, r.promisedDate, r.workingDaysLeft);
        out << r;
    }
    return out;
}

Result<int> CaseQuery::count(CaseList list) const
{
    CaseFilter filter;
    filter.list = list;
    QVariantList args;
    const QString condition = where(filter, args);
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT count(*) FROM intake_case c "
                             "JOIN applicant a ON a.id = c.applicant_id "
                             "LEFT JOIN agent g ON g.id = c.agent_id WHERE %1")
                  .arg(condition));
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() ? q.value(0).toInt() : 0;
}

} // namespace ow
