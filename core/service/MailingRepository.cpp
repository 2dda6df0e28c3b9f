#include "service/MailingRepository.h"

#include "cases/SqlValue.h"

#include <QHash>

namespace ow {

namespace {

const QString kSelect = QStringLiteral(
    "SELECT m.case_id, coalesce(c.case_number, ''), m.waybill, m.recipient, m.phone, "
    "m.address, m.postcode, m.state, m.sent_on, m.delivered_on, m.returned_on, "
    "m.return_reason, m.clerk, m.site_code, m.window_code, m.created_at "
    "FROM mailing m JOIN intake_case c ON c.id = m.case_id");

QString day(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QStringLiteral("");
}

} // namespace

MailingRepository::MailingRepository(Database& db) : m_db(db) {}

Status MailingRepository::insert(const MailingRecord& m)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO mailing (case_id, waybill, recipient, phone, address, postcode, state, "
        "sent_on, clerk, site_code, window_code, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?, ?, ?)"));
    q.addBindValue(m.caseId);
    q.addBindValue(m.waybill);
    q.addBindValue(sqlValue(m.recipient));
    q.addBindValue(sqlValue(m.phone));
    q.addBindValue(sqlValue(m.address));
    q.addBindValue(sqlValue(m.postcode));
    q.addBindValue(day(m.sentOn));
    q.addBindValue(m.place.clerk);
    q.addBindValue(m.place.siteCode);
    q.addBindValue(sqlValue(m.place.window));
    q.addBindValue(storedTime(m.createdAt));
    return m_db.run(q);
}

Status MailingRepository::setDelivered(const QString& caseId, const QDate& on)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE mailing SET state = 'delivered', delivered_on = ? "
                             "WHERE case_id = ? AND state = 'sent'"));
    q.addBindValue(day(on));
    q.addBindValue(caseId);
    return m_db.run(q);
}

Status MailingRepository::setReturned(const QString& caseId, const QDate& on, const QString& reason)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE mailing SET state = 'returned', returned_on = ?, "
                             "return_reason = ? WHERE case_id = ? AND state = 'sent'"));
    q.addBindValue(day(on));
    q.addBindValue(reason);
    q.addBindValue(caseId);
    return m_db.run(q);
}

Status MailingRepository::addFollowup(const QString& caseId, const MailingFollowup& f)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO mailing_followup (case_id, at, clerk, reached, note) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(caseId);
    q.addBindValue(storedTime(f.at));
    q.addBindValue(f.clerk);
    q.addBindValue(f.reached ? 1 : 0);
    q.addBindValue(sqlValue(f.note));
    return m_db.run(q);
}

Result<QList<MailingRecord>> MailingRepository::select(const QString& where,
                                                       const QVariantList& args) const
{
    QSqlQuery q = m_db.query();
    q.prepare(kSelect + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where) +
              QStringLiteral(" ORDER BY m.sent_on DESC, m.created_at DESC, m.waybill"));
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<MailingRecord> out;
    while (q.next()) {
        MailingRecord m;
        m.caseId = q.value(0).toString();
        m.caseNumber = q.value(1).toString();
        m.waybill = q.value(2).toString();
        m.recipient = q.value(3).toString();
        m.phone = q.value(4).toString();
        m.address = q.value(5).toString();
        m.postcode = q.value(6).toString();
        m.state = q.value(7).toString();
        m.sentOn = QDate::fromString(q.value(8).toString(), Qt::ISODate);
        m.deliveredOn = QDate::fromString(q.value(9).toString(), Qt::ISODate);
        m.returnedOn = QDate::fromString(q.value(10).toString(), Qt::ISODate);
        m.returnReason = q.value(11).toString();
        m.place = {q.value(13).toString(), q.value(14).toString(), q.value(12).toString()};
        m.createdAt = fromStoredTime(q.value(15).toString());
        out << m;
    }
    if (Status s = loadFollowups(out); !s)
        return s.error();
    return out;
}

Status MailingRepository::loadFollowups(QList<MailingRecord>& records) const
{
    if (records.isEmpty())
        return {};
    QHash<QString, qsizetype> index;
    QStringList marks;
    QVariantList args;
    for (qsizetype i = 0; i < records.size(); ++i) {
        index.insert(records[i].caseId, i);
        marks << QStringLiteral("?");
        args << records[i].caseId;
    }
    // Bounded lists: a page of the ledger, not the whole store.
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT case_id, id, at, clerk, reached, note FROM mailing_followup "
                             "WHERE case_id IN (") +
              marks.join(QLatin1Char(',')) + QStringLiteral(") ORDER BY case_id, id"));
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s;
    while (q.next()) {
        MailingFollowup f;
        f.id = q.value(1).toLongLong();
        f.at = fromStoredTime(q.value(2).toString());
        f.clerk = q.value(3).toString();
        f.reached = q.value(4).toInt() == 1;
        f.note = q.value(5).toString();
        records[index.value(q.value(0).toString())].followups << f;
    }
    return {};
}

Result<std::optional<MailingRecord>> MailingRepository::ofCase(const QString& caseId) const
{
    auto found = select(QStringLiteral("m.case_id = ?"), {caseId});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<MailingRecord>();
    return std::optional<MailingRecord>(found->first());
}

Result<std::optional<QString>> MailingRepository::caseOfWaybill(const QString& waybill) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT coalesce(c.case_number, m.case_id) FROM mailing m "
                             "JOIN intake_case c ON c.id = m.case_id WHERE m.waybill = ?"));
    q.addBindValue(waybill);
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

Result<QStringList> MailingRepository::awaitingWaybill(const QString& siteCode) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT c.case_number FROM intake_case c WHERE c.status = 'completed' "
                             "AND c.delivery = 'ems' AND (? = '' OR c.site_code = ?) "
                             "AND NOT EXISTS (SELECT 1 FROM mailing m WHERE m.case_id = c.id) "
                             "ORDER BY c.decided_at, c.case_number"));
    q.addBindValue(sqlValue(siteCode));
    q.addBindValue(sqlValue(siteCode));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QList<MailingRecord>> MailingRepository::list(const MailingFilter& f) const
{
    QStringList where;
    QVariantList args;
    if (!f.state.isEmpty()) {
        where << QStringLiteral("m.state = ?");
        args << f.state;
    }
    if (f.from.isValid()) {
        where << QStringLiteral("m.sent_on >= ?");
        args << day(f.from);
    }
    if (f.to.isValid()) {
        where << QStringLiteral("m.sent_on <= ?");
        args << day(f.to);
    }
    if (!f.siteCode.isEmpty()) {
        where << QStringLiteral("m.site_code = ?");
        args << f.siteCode;
    }
    const QString text = f.search.trimmed();
    if (!text.isEmpty()) {
        // instr() compares code points exactly: rare characters (Extension B) match.
        where << QStringLiteral("(instr(m.waybill, upper(?)) > 0 OR instr(upper(c.case_number), "
                                "upper(?)) > 0 OR instr(m.recipient, ?) > 0)");
        args << text << text << text;
    }
    return select(where.join(QStringLiteral(" AND ")), args);
}

} // namespace ow
