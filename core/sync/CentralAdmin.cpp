#include "sync/CentralAdmin.h"

#include "applicants/Applicant.h"
#include "applicants/Validators.h"
#include "calendar/WorkCalendar.h"
#include "cases/CaseNumberAllocator.h"
#include "cases/CaseStatus.h"
#include "sync/CentralCatalogue.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <map>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::CentralAdmin", s);
}

void count(PublishReport& r, const QString& outcome)
{
    if (outcome == QLatin1String("added"))
        ++r.added;
    else if (outcome == QLatin1String("updated"))
        ++r.updated;
    else
        ++r.unchanged;
}

// The days of each year a calendar file covers, as the centre publishes them.
Result<std::map<int, QJsonArray>> calendarYears(const QString& path)
{
    auto calendar = WorkCalendar::fromFile(path);
    if (!calendar)
        return calendar.error();
    std::map<int, QJsonArray> years;
    for (int year : calendar->coveredYears())
        years[year] = QJsonArray();
    for (const CalendarDay& d : calendar->days())
        years[d.date.year()].append(QJsonObject{
            {QStringLiteral("date"), d.date.toString(Qt::ISODate)},
            {QStringLiteral("type"),
             d.type == CalendarDay::Type::Work ? QStringLiteral("work") : QStringLiteral("off")},
            {QStringLiteral("name"), d.name},
            {QStringLiteral("source"), d.source}});
    if (years.empty())
        return Error::invalid(
            QCoreApplication::translate("ow::CentralAdmin", "The calendar file %1 lists no days.")
                .arg(path));
    return years;
}

QDateTime timeOf(const QVariant& v)
{
    return v.isNull() ? QDateTime() : v.toDateTime();
}

} // namespace

QString CentralAdmin::generatePassword()
{
    static const QLatin1String alphabet("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
                                        "01IOlo");
    QString out;
    QRandomGenerator* rng = QRandomGenerator::system();
    for (int i = 0; i < 32; ++i)
        out += alphabet[int(rng->bounded(quint32(alphabet.size())))];
    return out;
}

Status CentralAdmin::needSchema()
{
    auto v = CentralMigrations::currentVersion(m_c);
    if (!v)
        return v.error();
    if (v.value() < CentralMigrations::knownVersion())
        return Error::conflict(tr("The central database is at schema %1; this program needs %2. "
                                  "Run `onewindow-admin central migrate` first.")
                                   .arg(v.value())
                                   .arg(CentralMigrations::knownVersion()));
    if (v.value() > CentralMigrations::knownVersion())
        return Error::conflict(tr("The central database was migrated by a newer version of "
                                  "OneWindow (schema %1); use the newer version.")
                                   .arg(v.value()));
    return {};
}

Result<QList<int>> CentralAdmin::migrate()
{
    return CentralMigrations::apply(m_c);
}

Result<NewSite> CentralAdmin::addSite(const QString& code, const QString& name,
                                      const QString& level)
{
    QList<Problem> problems;
    if (!CaseNumberAllocator::isValidSiteCode(code))
        problems << Problem{QStringLiteral("CODE"), QStringLiteral("code"),
                            tr("A site code is 1 to 32 ASCII letters and digits.")};
    if (name.trimmed().isEmpty())
        problems << Problem{QStringLiteral("--name"), QStringLiteral("name"),
                            tr("The site needs a name.")};
    static const QStringList levels{QStringLiteral("city"), QStringLiteral("town"),
                                    QStringLiteral("village")};
    if (!levels.contains(level))
        problems << Problem{QStringLiteral("--level"), QStringLiteral("level"),
                            tr("The level must be city, town or village.")};
    if (!problems.isEmpty())
        return Error::invalid(tr("The site cannot be added."), problems);
    if (Status s = needSchema(); !s)
        return s.error();

    NewSite site;
    site.code = code;
    site.password = generatePassword();
    auto verifier = m_c.scramVerifier(site.password);
    if (!verifier)
        return verifier.error();
    CentralTransaction tx(m_c);
    if (!tx.begun())
        return tx.begun().error();
    QSqlQuery q = m_c.query();
    q.prepare(QStringLiteral("SELECT ow.add_site(?, ?, ?, ?)"));
    q.addBindValue(code);
    q.addBindValue(name.trimmed());
    q.addBindValue(level);
    q.addBindValue(verifier.value());
    if (!q.exec() || !q.next()) {
        Error e = m_c.errorFrom(q.lastError());
        if (e.kind == Error::Kind::Conflict ||
            q.lastError().nativeErrorCode() == QLatin1String("42710"))
            e = Error::conflict(tr("The site %1 (or its login role) exists already.").arg(code));
        return e;
    }
    site.role = q.value(0).toString();
    q.finish();
    if (Status s = tx.commit(); !s)
        return s.error();
    site.url = m_c.url().withLogin(site.role, site.password);
    return site;
}

Result<PublishReport> CentralAdmin::publishCatalogue(const QString& path)
{
    if (Status s = needSchema(); !s)
        return s.error();
    auto entries = CentralCatalogue::read(path);
    if (!entries)
        return entries.error();
    PublishReport report;
    CentralTransaction tx(m_c);
    if (!tx.begun())
        return tx.begun().error();
    for (CentralCatalogueEntry e : entries.value()) {
        QSqlQuery q = m_c.query();
        if (e.version == 0) {
            // The newest version when its content is the same, the next one otherwise.
            q.prepare(QStringLiteral(
                "SELECT coalesce(max(version), 0), coalesce(bool_or(version = (SELECT max(version) "
                "FROM ow.catalogue_items WHERE kind = ? AND code = ?) AND doc = ?::jsonb), false) "
                "FROM ow.catalogue_items WHERE kind = ? AND code = ?"));
            const QString doc =
                QString::fromUtf8(QJsonDocument(e.doc).toJson(QJsonDocument::Compact));
            for (const QVariant& v : {QVariant(e.kind), QVariant(e.code), QVariant(doc),
                                      QVariant(e.kind), QVariant(e.code)})
                q.addBindValue(v);
            if (!q.exec() || !q.next())
                return m_c.errorFrom(q.lastError());
            const int newest = q.value(0).toInt();
            e.version = q.value(1).toBool() ? newest : newest + 1;
            q = m_c.query();
        }
        q.prepare(QStringLiteral("SELECT ow.publish_catalogue_entry(?, ?, ?, ?::jsonb)"));
        q.addBindValue(e.kind);
        q.addBindValue(e.code);
        q.addBindValue(e.version);
        q.addBindValue(QString::fromUtf8(QJsonDocument(e.doc).toJson(QJsonDocument::Compact)));
        if (!q.exec() || !q.next()) {
            const ServerError se = ServerError::from(q.lastError());
            if (se.message == QLatin1String("catalogue_version_conflict"))
                return Error::conflict(
                    tr("%1 version %2 is already published with other content; give the "
                       "changed entry a new version number. Nothing was published.")
                        .arg(e.code)
                        .arg(e.version));
            if (se.message == QLatin1String("catalogue_version_older"))
                return Error::conflict(
                    tr("%1 version %2 is older than the version already published. Nothing "
                       "was published.")
                        .arg(e.code)
                        .arg(e.version));
            return m_c.errorFrom(q.lastError());
        }
        count(report, q.value(0).toString());
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<PublishReport> CentralAdmin::publishCalendar(const QString& path)
{
    if (Status s = needSchema(); !s)
        return s.error();
    auto years = calendarYears(path);
    if (!years)
        return years.error();
    PublishReport report;
    CentralTransaction tx(m_c);
    if (!tx.begun())
        return tx.begun().error();
    for (const auto& [year, days] : years.value()) {
        QSqlQuery q = m_c.query();
        q.prepare(QStringLiteral("SELECT ow.publish_calendar_year(?, ?::jsonb)"));
        q.addBindValue(year);
        q.addBindValue(QString::fromUtf8(QJsonDocument(days).toJson(QJsonDocument::Compact)));
        if (!q.exec() || !q.next())
            return m_c.errorFrom(q.lastError());
        count(report, q.value(0).toString());
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return report;
}

Result<PublishReport> CentralAdmin::setCreditGrade(const QString& creditCode, const QString& grade,
                                                   const QString& note)
{
    const auto g = creditGradeFromString(grade);
    if (!g || *g == CreditGrade::None)
        return Error::invalid(
            tr("The credit grade must be A, B, C or blacklist, not %1.").arg(grade));
    // A code whose only fault is its check character exists in reality
    // (issued before the check): the centre may grade it.
    const CreditCodeCheck check = inspectCreditCode(creditCode);
    if (!check.valid() && !check.overridable())
        return check.error.value_or(
            Error::invalid(tr("%1 is not a unified social credit code.").arg(creditCode)));
    const QString code = check.code;
    if (Status s = needSchema(); !s)
        return s.error();
    QSqlQuery q = m_c.query();
    q.prepare(QStringLiteral("SELECT ow.set_credit_grade(?, ?, ?)"));
    q.addBindValue(code);
    q.addBindValue(toString(*g));
    q.addBindValue(note);
    if (!q.exec() || !q.next())
        return m_c.errorFrom(q.lastError());
    PublishReport report;
    count(report, q.value(0).toString());
    return report;
}

Result<CaseStatusDecision> CentralAdmin::recordCaseStatus(const QString& caseNumber,
                                                          const QString& status, const QString& by,
                                                          const QString& note)
{
    if (!caseStatusFromString(status))
        return Error::invalid(tr("There is no case status %1.").arg(status));
    if (by.trimmed().isEmpty())
        return Error::invalid(tr("Say who decided (--by NAME)."));
    if (Status s = needSchema(); !s)
        return s.error();
    auto answer = m_c.callJson(QStringLiteral("SELECT ow.back_office_status(?, ?, ?, ?)"),
                               {caseNumber, status, by.trimmed(), note});
    if (!answer) {
        if (answer.error().kind == Error::Kind::NotFound)
            return Error::notFound(
                tr("There is no case %1 in the central database.").arg(caseNumber));
        return answer.error();
    }
    const QJsonObject o = answer.value().toObject();
    return CaseStatusDecision{o.value(QStringLiteral("case_number")).toString(),
                              o.value(QStringLiteral("status")).toString(),
                              o.value(QStringLiteral("status_version")).toInt()};
}

Result<CentralStatus> CentralAdmin::status()
{
    if (Status s = needSchema(); !s)
        return s.error();
    CentralStatus out;
    QSqlQuery head = m_c.query();
    if (!head.exec(QStringLiteral("SELECT (SELECT max(version) FROM ow.schema_version), "
                                  "(SELECT count(*) FROM ow.change_log)")) ||
        !head.next())
        return m_c.errorFrom(head.lastError());
    out.schemaVersion = head.value(0).toInt();
    out.changeLogRows = head.value(1).toLongLong();

    // The waiting changes of a site: those after the cursor of its slowest counter.
    QSqlQuery q = m_c.query();
    if (!q.exec(QStringLiteral(R"(
        SELECT s.code, s.name, s.level, s.registered_at, s.last_contact,
               (SELECT count(*) FROM ow.counters k WHERE k.site_code = s.code),
               (SELECT count(*) FROM ow.cases c WHERE c.site_code = s.code),
               (SELECT count(*) FROM ow.change_log l
                WHERE (l.site_code IS NULL OR l.site_code = s.code)
                  AND (l.xid, l.id) > coalesce(
                      (SELECT (k.acked_xid, k.acked_id) FROM ow.counters k
                       WHERE k.site_code = s.code ORDER BY k.acked_xid, k.acked_id LIMIT 1),
                      ('0'::xid8, 0::bigint))),
               (SELECT coalesce(sum(k.outbox_pending), 0) FROM ow.counters k
                WHERE k.site_code = s.code),
               (SELECT count(*) FROM ow.quarantine z
                WHERE z.site_code = s.code AND z.resolved_at IS NULL)
        FROM ow.sites s ORDER BY s.code)")))
        return m_c.errorFrom(q.lastError());
    while (q.next()) {
        SiteStatus s;
        s.code = q.value(0).toString();
        s.name = q.value(1).toString();
        s.level = q.value(2).toString();
        s.registeredAt = timeOf(q.value(3));
        s.lastContact = timeOf(q.value(4));
        s.counters = q.value(5).toInt();
        s.cases = q.value(6).toLongLong();
        s.waitingChanges = q.value(7).toLongLong();
        s.outboxPending = q.value(8).toLongLong();
        s.openQuarantine = q.value(9).toLongLong();
        out.sites << s;
    }
    if (out.schemaVersion >= 11) {
        QSqlQuery h = m_c.query();
        if (!h.exec(QStringLiteral(
                "SELECT x->>'system_identifier', (x->>'timeline')::integer, x->>'epoch', "
                "(x->>'epoch_changed_at')::timestamptz, x->>'epoch_reason', "
                "(x->>'backup_begun_at')::timestamptz, (x->>'backup_done_at')::timestamptz, "
                "(SELECT max(begun_at) FROM ow.backup_marks WHERE done_at IS NULL AND NOT voided "
                "   AND id > coalesce((SELECT max(id) FROM ow.backup_marks WHERE done_at IS NOT "
                "NULL), 0)) "
                "FROM ow.centre_state() x")) ||
            !h.next())
            return m_c.errorFrom(h.lastError());
        CentreHistory& c = out.history;
        c.known = true;
        c.systemIdentifier = h.value(0).toString();
        c.timeline = h.value(1).toInt();
        c.epoch = h.value(2).toString();
        c.epochChangedAt = timeOf(h.value(3));
        c.epochReason = h.value(4).toString();
        c.backupBegunAt = timeOf(h.value(5));
        c.backupDoneAt = timeOf(h.value(6));
        c.pendingBackupBegunAt = timeOf(h.value(7));
        QSqlQuery e = m_c.query();
        if (!e.exec(QStringLiteral("SELECT at, kind, coalesce(site_code, ''), "
                                   "coalesce(counter_id::text, ''), count, note "
                                   "FROM ow.centre_events ORDER BY id DESC LIMIT 20")))
            return m_c.errorFrom(e.lastError());
        while (e.next())
            c.events << CentreEvent{timeOf(e.value(0)),      e.value(1).toString(),
                                    e.value(2).toString(),   e.value(3).toString(),
                                    e.value(4).toLongLong(), e.value(5).toString()};
        if (out.schemaVersion >= 12) {
            // The newest finished backup when it is not the one offered, and
            // the standbys it waits for (db/central/012).
            QSqlQuery b = m_c.query();
            if (!b.exec(QStringLiteral(R"(
                WITH newest AS (
                    SELECT m.id, m.done_at, m.done_lsn FROM ow.backup_marks m
                    WHERE m.done_at IS NOT NULL AND NOT m.voided ORDER BY m.id DESC LIMIT 1)
                SELECT n.done_at, s.slot_name, s.active, coalesce(s.restart_lsn::text, ''),
                       coalesce(pg_wal_lsn_diff(n.done_lsn, s.restart_lsn)::bigint, -1)
                FROM newest n
                JOIN pg_replication_slots s
                  ON s.slot_type = 'physical' AND NOT s.temporary
                 AND (s.restart_lsn IS NULL OR s.restart_lsn < n.done_lsn)
                WHERE n.id IS DISTINCT FROM (ow.offered_backup_mark()).id
                ORDER BY s.slot_name)")))
                return m_c.errorFrom(b.lastError());
            while (b.next()) {
                c.heldBackupDoneAt = timeOf(b.value(0));
                c.heldBy << StandbyBehind{b.value(1).toString(), b.value(2).toBool(),
                                          b.value(3).toString(), b.value(4).toLongLong()};
            }
            QSqlQuery w = m_c.query();
            if (!w.exec(QStringLiteral(
                    "SELECT count(*) FROM pg_stat_replication r WHERE NOT EXISTS "
                    "(SELECT 1 FROM pg_replication_slots s WHERE s.active_pid = r.pid)")) ||
                !w.next())
                return m_c.errorFrom(w.lastError());
            c.standbysWithoutSlot = w.value(0).toInt();
        }
    }
    return out;
}

Status CentralAdmin::backupBegin()
{
    if (Status s = needSchema(); !s)
        return s;
    QSqlQuery q = m_c.query();
    if (!q.exec(QStringLiteral("SELECT ow.backup_mark_begin()")))
        return m_c.errorFrom(q.lastError());
    return {};
}

Status CentralAdmin::backupDone()
{
    if (Status s = needSchema(); !s)
        return s;
    QSqlQuery q = m_c.query();
    if (!q.exec(QStringLiteral("SELECT ow.backup_mark_done()")))
        return m_c.errorFrom(q.lastError());
    return {};
}

Result<qint64> CentralAdmin::declareRestored(const QString& note)
{
    if (Status s = needSchema(); !s)
        return s.error();
    auto r = m_c.callJson(QStringLiteral("SELECT ow.centre_rewind('restored', ?)"), {note});
    if (!r)
        return r.error();
    return r->toObject().value(QStringLiteral("dropped")).toInteger();
}

QString PoolerLogin::userlistLine() const
{
    return QStringLiteral("\"%1\" \"%2\"").arg(role, password);
}

Result<PoolerLogin> CentralAdmin::setUpPgBouncer()
{
    PoolerLogin login;
    login.role = QStringLiteral("pgbouncer");
    login.authQuery = QStringLiteral("SELECT usename, passwd FROM pgbouncer.user_lookup($1)");
    login.password = generatePassword();
    auto verifier = m_c.scramVerifier(login.password);
    if (!verifier)
        return verifier.error();
    // Letters, digits and + / = $ : only: safe between single quotes.
    if (!verifier->startsWith(QLatin1String("SCRAM-SHA-256$")) ||
        verifier->contains(QLatin1Char('\'')))
        return Error{Error::Kind::Internal, tr("The password could not be encrypted."), {}};

    CentralTransaction tx(m_c);
    if (!tx.begun())
        return tx.begun().error();
    QSqlQuery q = m_c.query();
    if (!q.exec(QStringLiteral(
            "SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = 'pgbouncer'), current_database()")) ||
        !q.next())
        return m_c.errorFrom(q.lastError());
    const bool superuser = q.value(0).toBool();
    const QVariant existing = q.value(1);
    QString database = q.value(2).toString();
    q.finish();
    if (!superuser)
        return Error::conflict(
            tr("Setting up PgBouncer's login needs a superuser: the function it creates reads "
               "the password verifiers in pg_shadow. Connect as the administrator "
               "(a superuser) and run it again."));
    if (Status s = needSchema(); !s)
        return s.error();
    if (!existing.isNull() && existing.toBool())
        return Error::conflict(
            tr("The role pgbouncer exists and is a superuser; PgBouncer's login must not be "
               "one. Nothing was changed."));

    const QString role = existing.isNull() ? QStringLiteral("CREATE ROLE pgbouncer")
                                           : QStringLiteral("ALTER ROLE pgbouncer");
    const QString db =
        QStringLiteral("\"%1\"").arg(database.replace(QLatin1Char('"'), QLatin1String("\"\"")));
    const QString sql =
        role +
        QStringLiteral(" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
                       "PASSWORD '%1';\n")
            .arg(verifier.value()) +
        QStringLiteral("GRANT CONNECT ON DATABASE %1 TO pgbouncer;\n").arg(db) + QStringLiteral(R"(
CREATE SCHEMA IF NOT EXISTS pgbouncer;
REVOKE ALL ON SCHEMA pgbouncer FROM PUBLIC;
GRANT USAGE ON SCHEMA pgbouncer TO pgbouncer;
-- The verifier of a login that may connect to this database: what PgBouncer
-- checks a password against (auth_query). No one else's, and not its own.
CREATE OR REPLACE FUNCTION pgbouncer.user_lookup(p_user text)
    RETURNS TABLE (usename name, passwd text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.usename, s.passwd FROM pg_catalog.pg_shadow s
    WHERE s.usename = p_user AND s.usename <> 'pgbouncer'
      AND pg_catalog.has_database_privilege(s.usesysid, pg_catalog.current_database(), 'CONNECT')
$$;
REVOKE ALL ON FUNCTION pgbouncer.user_lookup(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pgbouncer.user_lookup(text) TO pgbouncer;
)");
    if (Status s = m_c.exec(sql); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return login;
}

} // namespace ow
