#include "service/CallbackRepository.h"

#include "cases/SqlValue.h"

namespace ow {

namespace {

const QString kColumns = QStringLiteral(
    "t.id, t.kind, coalesce(t.case_id, ''), coalesce(c.case_number, ''), "
    "coalesce(t.rating_id, ''), t.site_code, t.contact_name, t.contact_phone, t.reason, "
    "t.due_on, t.created_at, t.created_by, t.done_at, t.done_by, t.result "
    "FROM callback_task t LEFT JOIN intake_case c ON c.id = t.case_id");

QVariant nullable(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

} // namespace

CallbackRepository::CallbackRepository(Database& db) : m_db(db) {}

Status CallbackRepository::insert(const CallbackTask& t)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO callback_task (id, kind, case_id, rating_id, site_code, contact_name, "
        "contact_phone, reason, due_on, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(t.id);
    q.addBindValue(t.kind);
    q.addBindValue(nullable(t.caseId));
    q.addBindValue(nullable(t.ratingId));
    q.addBindValue(t.siteCode);
    q.addBindValue(sqlValue(t.contactName));
    q.addBindValue(sqlValue(t.contactPhone));
    q.addBindValue(t.reason);
    q.addBindValue(t.dueOn.toString(Qt::ISODate));
    q.addBindValue(storedTime(t.createdAt));
    q.addBindValue(t.createdBy);
    return m_db.run(q);
}

Result<bool> CallbackRepository::markDone(const QString& id, const QDateTime& at, const QString& by,
                                          const QString& result)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE callback_task SET done_at = ?, done_by = ?, result = ? "
                             "WHERE id = ? AND done_at = ''"));
    q.addBindValue(storedTime(at));
    q.addBindValue(by);
    q.addBindValue(result);
    q.addBindValue(id);
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.numRowsAffected() == 1;
}

Result<QList<CallbackTask>> CallbackRepository::select(const QString& where,
                                                       const QVariantList& args,
                                                       const QString& order) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT ") + kColumns +
              (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where) +
              QStringLiteral(" ORDER BY ") + order);
    for (const QVariant& a : args)
        q.addBindValue(a);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<CallbackTask> out;
    while (q.next()) {
        CallbackTask t;
        t.id = q.value(0).toString();
        t.kind = q.value(1).toString();
        t.caseId = q.value(2).toString();
        t.caseNumber = q.value(3).toString();
        t.ratingId = q.value(4).toString();
        t.siteCode = q.value(5).toString();
        t.contactName = q.value(6).toString();
        t.contactPhone = q.value(7).toString();
        t.reason = q.value(8).toString();
        t.dueOn = QDate::fromString(q.value(9).toString(), Qt::ISODate);
        t.createdAt = fromStoredTime(q.value(10).toString());
        t.createdBy = q.value(11).toString();
        t.doneAt = fromStoredTime(q.value(12).toString());
        t.doneBy = q.value(13).toString();
        t.result = q.value(14).toString();
        out << t;
    }
    return out;
}

Result<std::optional<CallbackTask>> CallbackRepository::find(const QString& id) const
{
    auto found = select(QStringLiteral("t.id = ?"), {id}, QStringLiteral("t.id"));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<CallbackTask>();
    return std::optional<CallbackTask>(found->first());
}

Result<QStringList> CallbackRepository::idsStartingWith(const QString& prefix) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT id FROM callback_task WHERE substr(id, 1, ?) = ?"));
    q.addBindValue(int(prefix.size()));
    q.addBindValue(prefix);
    if (Status s = m_db.run(q); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QList<CallbackTask>> CallbackRepository::list(const QString& siteCode, bool openOnly) const
{
    QStringList where;
    QVariantList args;
    if (!siteCode.isEmpty()) {
        where << QStringLiteral("t.site_code = ?");
        args << siteCode;
    }
    if (openOnly)
        where << QStringLiteral("t.done_at = ''");
    return select(where.join(QStringLiteral(" AND ")), args,
                  openOnly ? QStringLiteral("t.due_on, t.created_at")
                           : QStringLiteral("t.created_at DESC, t.id DESC"));
}

Result<QList<CallbackTask>> CallbackRepository::ofCase(const QString& caseId) const
{
    return select(QStringLiteral("t.case_id = ?"), {caseId}, QStringLiteral("t.created_at, t.id"));
}

} // namespace ow
