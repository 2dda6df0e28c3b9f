#include "sync/SyncStore.h"

#include "cases/CaseRecord.h"
#include "cases/SqlValue.h"

#include <QJsonDocument>
#include <QUuid>

namespace ow {

SyncStore::SyncStore(Database& db) : m_db(db) {}

Result<SyncState> SyncStore::state()
{
    QSqlQuery q = m_db.query();
    if (!q.exec(
            QStringLiteral("SELECT counter_id, cursor_xid, cursor_id, snapshot_done, "
                           "last_success, last_error, last_error_at, centre_identity, backup_xid, "
                           "centre_event FROM sync_state")))
        return m_db.errorFrom(q);
    if (!q.next()) {
        q.finish();
        QSqlQuery ins = m_db.query();
        ins.prepare(QStringLiteral(
            "INSERT INTO sync_state (only_row, counter_id) VALUES (1, ?) ON CONFLICT DO NOTHING"));
        ins.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (Status s = m_db.run(ins); !s)
            return s.error();
        return state();
    }
    SyncState st;
    st.counterId = q.value(0).toString();
    st.cursorXid = q.value(1).toString();
    st.cursorId = q.value(2).toLongLong();
    st.snapshotDone = q.value(3).toInt() == 1;
    st.lastSuccess = fromStoredTime(q.value(4).toString());
    st.lastError = q.value(5).toString();
    st.lastErrorAt = fromStoredTime(q.value(6).toString());
    st.centreIdentity = q.value(7).toString();
    st.backupXid = q.value(8).toLongLong();
    st.centreEvent = QJsonDocument::fromJson(q.value(9).toString().toUtf8()).object();
    return st;
}

Status SyncStore::setCursor(const QString& xid, qint64 id)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET cursor_xid = ?, cursor_id = ?"));
    q.addBindValue(sqlValue(xid));
    q.addBindValue(sqlValue(id));
    return m_db.run(q);
}

Status SyncStore::setSnapshotDone(bool done)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET snapshot_done = ?"));
    q.addBindValue(done ? 1 : 0);
    return m_db.run(q);
}

Status SyncStore::recordSuccess(const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET last_success = ?, last_error = ''"));
    q.addBindValue(sqlValue(storedTime(at)));
    return m_db.run(q);
}

Status SyncStore::recordError(const QString& message, const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET last_error = ?, last_error_at = ?"));
    q.addBindValue(sqlValue(message));
    q.addBindValue(sqlValue(storedTime(at)));
    return m_db.run(q);
}

Status SyncStore::setCentreIdentity(const QString& identityJson)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET centre_identity = ?"));
    q.addBindValue(sqlValue(identityJson));
    return m_db.run(q);
}

Status SyncStore::setBackupXid(qint64 xid)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET backup_xid = ?"));
    q.addBindValue(sqlValue(xid));
    return m_db.run(q);
}

Status SyncStore::setCentreEvent(const QJsonObject& event)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE sync_state SET centre_event = ?"));
    q.addBindValue(
        sqlValue(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact))));
    return m_db.run(q);
}

QString describeCentreEvent(const QJsonObject& e)
{
    const QString kind = e.value(QStringLiteral("kind")).toString();
    const int resent = e.value(QStringLiteral("resent")).toInt();
    const int dropped = e.value(QStringLiteral("dropped")).toInt();
    const bool snapshot = e.value(QStringLiteral("snapshot")).toBool();
    QString what;
    if (kind == QLatin1String("restored"))
        what = SyncStore::tr("The centre was restored from a backup.");
    else if (kind == QLatin1String("moved"))
        what = SyncStore::tr("The centre's database was restored on another server.");
    else if (kind == QLatin1String("failover"))
        what = SyncStore::tr("The centre switched to its standby server.");
    else if (kind == QLatin1String("lost"))
        what = SyncStore::tr("The centre no longer had records it had confirmed.");
    else if (kind == QLatin1String("rewound"))
        what = SyncStore::tr("The centre's list of changes went back in time.");
    else if (kind == QLatin1String("expired"))
        return SyncStore::tr("The centre confirmed no backup for the records of the last %n "
                             "day(s): %1 of them are no longer kept here to be sent again "
                             "after a restore of the centre.",
                             nullptr, e.value(QStringLiteral("days")).toInt())
            .arg(dropped);
    else
        return {};
    QStringList parts{what};
    if (resent > 0)
        parts << SyncStore::tr("%n record(s) sent again.", nullptr, resent);
    else if (kind != QLatin1String("rewound"))
        parts << SyncStore::tr("Nothing this counter sent was lost.");
    if (snapshot)
        parts << SyncStore::tr("A fresh copy of the centre's data was taken.");
    return parts.join(QLatin1Char(' '));
}

Status SyncStore::quarantine(const Outbox::Entry& e, const QString& reason, const QString& message,
                             const QDateTime& at, const QJsonObject& params)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO sync_quarantine (op_id, entity, entity_id, payload, created_at, reason, "
        "message, rejected_at, params) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) "
        "DO UPDATE SET reason = excluded.reason, message = excluded.message, "
        "params = excluded.params"));
    q.addBindValue(sqlValue(e.opId));
    q.addBindValue(sqlValue(e.entity));
    q.addBindValue(sqlValue(e.entityId));
    q.addBindValue(
        sqlValue(QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact))));
    q.addBindValue(sqlValue(storedTime(e.createdAt)));
    q.addBindValue(sqlValue(reason));
    q.addBindValue(sqlValue(message));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(params.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                    : QVariant(QString::fromUtf8(QJsonDocument(params).toJson(
                                          QJsonDocument::Compact))));
    if (Status s = m_db.run(q); !s)
        return s;
    return Outbox(m_db).remove(e.opId);
}

Result<QList<QuarantineEntry>> SyncStore::quarantined() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT op_id, entity, entity_id, payload, created_at, reason, "
                               "message, rejected_at, params FROM sync_quarantine ORDER BY rejected_at, "
                               "op_id")))
        return m_db.errorFrom(q);
    QList<QuarantineEntry> out;
    while (q.next()) {
        QuarantineEntry e;
        e.opId = q.value(0).toString();
        e.entity = q.value(1).toString();
        e.entityId = q.value(2).toString();
        e.payload = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        e.createdAt = fromStoredTime(q.value(4).toString());
        e.reason = q.value(5).toString();
        e.message = q.value(6).toString();
        e.rejectedAt = fromStoredTime(q.value(7).toString());
        if (!q.value(8).isNull())
            e.params = QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object();
        out.append(e);
    }
    return out;
}

Result<int> SyncStore::quarantineCount() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sync_quarantine")))
        return m_db.errorFrom(q);
    return q.next() ? q.value(0).toInt() : 0;
}

Result<std::optional<int>> SyncStore::centralVersion(const QString& caseId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT status_version FROM case_central WHERE case_id = ?"));
    q.addBindValue(sqlValue(caseId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<int>();
    return std::optional<int>(q.value(0).toInt());
}

Status SyncStore::setCentralVersion(const QString& caseId, int version)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO case_central (case_id, status_version) VALUES (?, ?) ON CONFLICT (case_id) "
        "DO UPDATE SET status_version = max(status_version, excluded.status_version)"));
    q.addBindValue(sqlValue(caseId));
    q.addBindValue(version);
    return m_db.run(q);
}

Status SyncStore::setCentralVersions(const QList<std::pair<QString, int>>& versions)
{
    if (versions.isEmpty())
        return {};
    QJsonArray list;
    for (const auto& [caseId, version] : versions)
        list.append(QJsonArray{caseId, version});
    QSqlQuery q = m_db.query();
    // "WHERE true": an upsert from a SELECT needs it to parse.
    q.prepare(QStringLiteral(
        "INSERT INTO case_central (case_id, status_version) "
        "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
        "FROM json_each(?) WHERE true "
        "ON CONFLICT (case_id) "
        "DO UPDATE SET status_version = max(status_version, excluded.status_version)"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
    return m_db.run(q);
}

Status SyncStore::putCalendarYear(int year, int version, const QString& daysJson)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO central_calendar (year, version, days) VALUES (?, ?, ?) ON CONFLICT (year) "
        "DO UPDATE SET version = excluded.version, days = excluded.days "
        "WHERE excluded.version >= central_calendar.version"));
    q.addBindValue(year);
    q.addBindValue(version);
    q.addBindValue(sqlValue(daysJson));
    return m_db.run(q);
}

Status SyncStore::putCreditGrade(const QString& creditCode, const QString& grade, int version,
                                 const QString& note)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "INSERT INTO central_credit_grade (credit_code, grade, version, note) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (credit_code) DO UPDATE SET grade = excluded.grade, version = "
        "excluded.version, note = excluded.note WHERE excluded.version >= "
        "central_credit_grade.version"));
    q.addBindValue(sqlValue(creditCode));
    q.addBindValue(sqlValue(grade));
    q.addBindValue(version);
    q.addBindValue(sqlValue(note));
    return m_db.run(q);
}

Result<QString> SyncStore::creditGrade(const QString& creditCode) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT grade FROM central_credit_grade WHERE credit_code = ?"));
    q.addBindValue(sqlValue(creditCode));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() ? q.value(0).toString() : QString();
}

Result<std::optional<QString>> SyncStore::publishedCreditGrade(const QString& creditCode) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT grade FROM central_credit_grade WHERE credit_code = ?"));
    q.addBindValue(sqlValue(creditCode));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

} // namespace ow
