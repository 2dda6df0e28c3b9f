#include "service/ConsultationRepository.h"

#include "cases/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ow {

ConsultationRepository::ConsultationRepository(Database& db) : m_db(db) {}

Status ConsultationRepository::insert(const Consultation& c)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO consultation (id, site_code, window_code, clerk, channel, asker_name, "
        "asker_phone, topic, item_codes, answer, notice_given, at, day) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(c.id);
    q.addBindValue(c.place.siteCode);
    q.addBindValue(sqlValue(c.place.window));
    q.addBindValue(c.place.clerk);
    q.addBindValue(c.channel);
    q.addBindValue(sqlValue(c.askerName));
    q.addBindValue(sqlValue(c.askerPhone));
    q.addBindValue(c.topic);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(c.itemCodes)).toJson(QJsonDocument::Compact)));
    q.addBindValue(sqlValue(c.answer));
    q.addBindValue(c.noticeGiven ? 1 : 0);
    q.addBindValue(storedTime(c.at));
    q.addBindValue(c.day.toString(Qt::ISODate));
    return m_db.run(q);
}

Result<QList<Consultation>> ConsultationRepository::onDay(const QDate& day, const QString& siteCode,
                                                          const QString& search) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT id, site_code, window_code, clerk, channel, asker_name, asker_phone, topic, "
        "item_codes, answer, notice_given, at, day FROM consultation "
        "WHERE day = ? AND (? = '' OR site_code = ?) AND (? = '' OR instr(topic, ?) > 0 OR "
        "instr(answer, ?) > 0 OR instr(asker_name, ?) > 0 OR instr(asker_phone, ?) > 0 OR "
        "instr(upper(item_codes), upper(?)) > 0) ORDER BY at, rowid"));
    q.addBindValue(day.toString(Qt::ISODate));
    q.addBindValue(sqlValue(siteCode));
    q.addBindValue(sqlValue(siteCode));
    for (int i = 0; i < 6; ++i)
        q.addBindValue(sqlValue(search.trimmed()));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<Consultation> out;
    while (q.next()) {
        Consultation c;
        c.id = q.value(0).toString();
        c.place = {q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
        c.channel = q.value(4).toString();
        c.askerName = q.value(5).toString();
        c.askerPhone = q.value(6).toString();
        c.topic = q.value(7).toString();
        for (const QJsonValue& v : QJsonDocument::fromJson(q.value(8).toString().toUtf8()).array())
            c.itemCodes << v.toString();
        c.answer = q.value(9).toString();
        c.noticeGiven = q.value(10).toInt() == 1;
        c.at = fromStoredTime(q.value(11).toString());
        c.day = QDate::fromString(q.value(12).toString(), Qt::ISODate);
        out << c;
    }
    return out;
}

} // namespace ow
