#include "cases/CaseLifeRepository.h"

#include "cases/SqlValue.h"

#include <QVariant>

namespace ow {

CaseLifeRepository::CaseLifeRepository(Database& db) : m_db(db) {}

Status CaseLifeRepository::ensureRow(const QString& caseId)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO case_progress (case_id) VALUES (?)"));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Status CaseLifeRepository::setForwarded(const QString& caseId, const QString& department,
                                        const QDateTime& at)
{
    if (Status s = ensureRow(caseId); !s)
        return s;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "UPDATE case_progress SET department = ?, forwarded_at = ? WHERE case_id = ?"));
    q.addBindValue(sqlValue(department));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Status CaseLifeRepository::setResult(const QString& caseId, const QString& result,
                                     const QString& by, const QString& reason, const QDateTime& at)
{
    if (Status s = ensureRow(caseId); !s)
        return s;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE case_progress SET result = ?, result_by = ?, "
                             "result_reason = ?, result_at = ? WHERE case_id = ?"));
    q.addBindValue(sqlValue(result));
    q.addBindValue(sqlValue(by));
    q.addBindValue(sqlValue(reason));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Status CaseLifeRepository::setCompleted(const QString& caseId, const QDateTime& at)
{
    if (Status s = ensureRow(caseId); !s)
        return s;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE case_progress SET completed_at = ? WHERE case_id = ?"));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Status CaseLifeRepository::insertHandover(const QString& caseId, const Handover& h)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO case_handover (case_id, collector_name, collector_id_number, authorised, "
        "at, clerk, site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(sqlValue(caseId));
    q.addBindValue(sqlValue(h.collectorName));
    q.addBindValue(sqlValue(h.collectorIdNumber));
    q.addBindValue(sqlValue(h.authorised ? 1 : 0));
    q.addBindValue(sqlValue(storedTime(h.at)));
    q.addBindValue(sqlValue(h.place.clerk));
    q.addBindValue(sqlValue(h.place.siteCode));
    q.addBindValue(sqlValue(h.place.window));
    return m_db.run(q);
}

Status CaseLifeRepository::insertLockerDeposit(const QString& caseId, const LockerDeposit& d)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO case_locker (case_id, locker, compartment, pickup_code, deposited_at, clerk, "
        "site_code, window_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(sqlValue(caseId));
    q.addBindValue(sqlValue(d.locker));
    q.addBindValue(sqlValue(d.compartment));
    q.addBindValue(sqlValue(d.pickupCode));
    q.addBindValue(sqlValue(storedTime(d.at)));
    q.addBindValue(sqlValue(d.place.clerk));
    q.addBindValue(sqlValue(d.place.siteCode));
    q.addBindValue(sqlValue(d.place.window));
    return m_db.run(q);
}

Status CaseLifeRepository::setLockerCollected(const QString& caseId, const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "UPDATE case_locker SET collected_at = ? WHERE case_id = ? AND collected_at = ''"));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Result<std::optional<LockerDeposit>> CaseLifeRepository::lockerDeposit(const QString& caseId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT locker, compartment, pickup_code, deposited_at, clerk, "
                             "site_code, window_code, collected_at FROM case_locker "
                             "WHERE case_id = ?"));
    q.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<LockerDeposit>();
    LockerDeposit d;
    d.locker = q.value(0).toString();
    d.compartment = q.value(1).toString();
    d.pickupCode = q.value(2).toString();
    d.at = fromStoredTime(q.value(3).toString());
    d.place = {q.value(5).toString(), q.value(6).toString(), q.value(4).toString()};
    d.collectedAt = fromStoredTime(q.value(7).toString());
    return std::optional<LockerDeposit>(d);
}

Status CaseLifeRepository::withdrawCorrections(const QString& caseId)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "UPDATE correction SET state = 'withdrawn' WHERE case_id = ? AND state = 'open'"));
    q.addBindValue(sqlValue(caseId));
    return m_db.run(q);
}

Status CaseLifeRepository::startPause(const QString& caseId, const ClockPause& p)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO case_clock_pause (case_id, kind, reason, started_on, "
                             "clerk) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(sqlValue(caseId));
    q.addBindValue(sqlValue(p.kind));
    q.addBindValue(sqlValue(p.reason));
    q.addBindValue(sqlValue(p.startedOn.toString(Qt::ISODate)));
    q.addBindValue(sqlValue(p.clerk));
    return m_db.run(q);
}

Result<bool> CaseLifeRepository::endPause(const QString& caseId, const QDate& on)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "UPDATE case_clock_pause SET ended_on = ? WHERE case_id = ? AND ended_on = ''"));
    q.addBindValue(sqlValue(on.toString(Qt::ISODate)));
    q.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.numRowsAffected() > 0;
}

Result<QList<ClockPause>> CaseLifeRepository::pauses(const QString& caseId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT id, kind, reason, started_on, ended_on, clerk FROM "
                             "case_clock_pause WHERE case_id = ? ORDER BY started_on, id"));
    q.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<ClockPause> out;
    while (q.next()) {
        ClockPause p;
        p.id = q.value(0).toLongLong();
        p.kind = q.value(1).toString();
        p.reason = q.value(2).toString();
        p.startedOn = QDate::fromString(q.value(3).toString(), Qt::ISODate);
        p.endedOn = QDate::fromString(q.value(4).toString(), Qt::ISODate);
        p.clerk = q.value(5).toString();
        out << p;
    }
    return out;
}

Result<CaseProgress> CaseLifeRepository::progress(const QString& caseId) const
{
    CaseProgress p;
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT department, forwarded_at, result, result_by, result_reason, "
                             "result_at, completed_at FROM case_progress WHERE case_id = ?"));
    q.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (q.next()) {
        p.department = q.value(0).toString();
        p.forwardedAt = fromStoredTime(q.value(1).toString());
        p.result = q.value(2).toString();
        p.resultBy = q.value(3).toString();
        p.resultReason = q.value(4).toString();
        p.resultAt = fromStoredTime(q.value(5).toString());
        p.completedAt = fromStoredTime(q.value(6).toString());
    }
    q.finish();
    QSqlQuery h = m_db.query();
    h.prepare(QStringLiteral("SELECT collector_name, collector_id_number, authorised, at, clerk, "
                             "site_code, window_code FROM case_handover WHERE case_id = ?"));
    h.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(h); !s)
        return s.error();
    if (h.next()) {
        Handover ho;
        ho.collectorName = h.value(0).toString();
        ho.collectorIdNumber = h.value(1).toString();
        ho.authorised = h.value(2).toInt() != 0;
        ho.at = fromStoredTime(h.value(3).toString());
        ho.place = {h.value(5).toString(), h.value(6).toString(), h.value(4).toString()};
        p.handover = ho;
    }
    h.finish();
    auto locker = lockerDeposit(caseId);
    if (!locker)
        return locker.error();
    p.locker = locker.value();
    auto pauses = this->pauses(caseId);
    if (!pauses)
        return pauses.error();
    p.pauses = pauses.value();
    return p;
}

Status CaseLifeRepository::grant(const QString& login, const QString& itemCode, const QDateTime& at,
                                 const QString& by)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO window_approval_authority (login, item_code, "
                             "granted_at, granted_by) VALUES (?, ?, ?, ?)"));
    q.addBindValue(sqlValue(login));
    q.addBindValue(sqlValue(itemCode));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(by));
    return m_db.run(q);
}

Result<bool> CaseLifeRepository::revoke(const QString& login, const QString& itemCode)
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("DELETE FROM window_approval_authority WHERE login = ? AND item_code = ?"));
    q.addBindValue(sqlValue(login));
    q.addBindValue(sqlValue(itemCode));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.numRowsAffected() > 0;
}

Result<QStringList> CaseLifeRepository::itemsOf(const QString& login) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT item_code FROM window_approval_authority WHERE login = ? ORDER BY item_code"));
    q.addBindValue(sqlValue(login));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace ow
