#include "service/RatingRepository.h"

#include "cases/SqlValue.h"

namespace ow {

RatingRepository::RatingRepository(Database& db) : m_db(db) {}

Status RatingRepository::insert(const Rating& r)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO rating (id, case_id, site_code, window_code, clerk, "
                             "grade, reason, at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(r.id);
    q.addBindValue(r.caseId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                      : QVariant(r.caseId));
    q.addBindValue(r.place.siteCode);
    q.addBindValue(sqlValue(r.place.window));
    q.addBindValue(r.place.clerk);
    q.addBindValue(r.grade);
    q.addBindValue(sqlValue(r.reason));
    q.addBindValue(storedTime(r.at));
    q.addBindValue(r.at.date().toString(Qt::ISODate));
    return m_db.run(q);
}

Result<QList<Rating>> RatingRepository::select(const QString& where, const QVariantList& args) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
                  "SELECT r.id, coalesce(r.case_id, ''), coalesce(c.case_number, ''), r.grade, "
                  "r.reason, r.at, r.site_code, r.window_code, r.clerk, coalesce(t.id, '') "
                  "FROM rating r LEFT JOIN intake_case c ON c.id = r.case_id "
                  "LEFT JOIN callback_task t ON t.rating_id = r.id WHERE ") +
              where + QStringLiteral(" ORDER BY r.at, r.rowid"));
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<Rating> out;
    while (q.next()) {
        Rating r;
        r.id = q.value(0).toString();
        r.caseId = q.value(1).toString();
        r.caseNumber = q.value(2).toString();
        r.grade = q.value(3).toInt();
        r.reason = q.value(4).toString();
        r.at = fromStoredTime(q.value(5).toString());
        r.place = {q.value(6).toString(), q.value(7).toString(), q.value(8).toString()};
        r.callbackId = q.value(9).toString();
        out << r;
    }
    return out;
}

Result<QList<Rating>> RatingRepository::ofCase(const QString& caseId) const
{
    return select(QStringLiteral("r.case_id = ?"), {caseId});
}

Result<QList<Rating>> RatingRepository::onDay(const QDate& day, const QString& siteCode) const
{
    return select(QStringLiteral("r.day = ? AND (? = '' OR r.site_code = ?)"),
                  {day.toString(Qt::ISODate), sqlValue(siteCode), sqlValue(siteCode)});
}

} // namespace ow
