// One site's credential opens nothing of another site: every way in is
// tried with site A's login against site B's cases.
#include "CentralTestSupport.h"

#include <QJsonDocument>

using namespace ow;
using namespace ow::test;

namespace {

// Everything the centre holds for one site, as one comparable value (but
// the times of last contact, which B's own pulls move).
QString siteFingerprint(CentralConnection& admin, const QString& site)
{
    return scalar(admin,
                  QStringLiteral(
                      "SELECT md5(concat_ws('|',"
                      " (SELECT string_agg(c::text, ',' ORDER BY c.case_uuid) FROM ow.cases c"
                      "  WHERE c.site_code = '%1'),"
                      " (SELECT string_agg(m::text, ',' ORDER BY m.case_uuid, m.material_id)"
                      "  FROM ow.case_materials m WHERE m.site_code = '%1'),"
                      " (SELECT string_agg(h::text, ',' ORDER BY h.id)"
                      "  FROM ow.case_status_history h WHERE h.site_code = '%1'),"
                      " (SELECT string_agg(o::text, ',' ORDER BY o.operation_id)"
                      "  FROM ow.applied_operations o WHERE o.site_code = '%1'),"
                      " (SELECT string_agg(q::text, ',' ORDER BY q.operation_id)"
                      "  FROM ow.quarantine q WHERE q.site_code = '%1'),"
                      " (SELECT string_agg(l::text, ',' ORDER BY l.id)"
                      "  FROM ow.change_log l WHERE l.site_code = '%1'),"
                      " (SELECT string_agg(row(k.counter_id, k.name, k.acked_xid,"
                      "  k.acked_id)::text, ',' ORDER BY k.counter_id)"
                      "  FROM ow.counters k WHERE k.site_code = '%1'),"
                      " (SELECT row(s.code, s.name, s.level, s.role_name, s.active)::text"
                      "  FROM ow.sites s WHERE s.code = '%1')))")
                      .arg(site))
        .toString();
}

QString reasonOf(const QJsonArray& answers, int i)
{
    const QJsonObject a = answers.at(i).toObject();
    return a.value(QStringLiteral("result")).toString() + QLatin1Char(':') +
           a.value(QStringLiteral("reason")).toString();
}

} // namespace

TEST_CASE("with site A's credential nothing of site B's cases can be read or changed")
{
    CentralFixture central;
    CentralConnection& admin = central.admin();
    const NewSite a = central.addSite(QStringLiteral("A"));
    const NewSite b = central.addSite(QStringLiteral("B"));
    const QString counterB = newUuid();
    auto siteA = central.siteConnection(a, newUuid());
    auto siteB = central.siteConnection(b, counterB);

    // Site B's case, accepted and forwarded.
    const QString bCase = newUuid();
    const QString bNumber = b.code + QStringLiteral("-20250314-0001");
    const QString bOp = newUuid();
    const QJsonArray bAnswers =
        push(*siteB, {caseUpsert(bOp, bCase, bNumber),
                      statusRequest(newUuid(), bCase, QStringLiteral("forwarded"), 1)});
    REQUIRE(reasonOf(bAnswers, 0) == QStringLiteral("applied:"));
    REQUIRE(reasonOf(bAnswers, 1) == QStringLiteral("applied:"));
    const QString before = siteFingerprint(admin, b.code);

    SECTION("no table, sequence, helper function, role or file is reachable")
    {
        const QStringList refused{
            QStringLiteral("SELECT * FROM ow.cases"),
            QStringLiteral("SELECT * FROM ow.cases WHERE site_code = '%1'").arg(b.code),
            QStringLiteral("SELECT count(*) FROM ow.change_log"),
            QStringLiteral("SELECT * FROM ow.case_materials"),
            QStringLiteral("SELECT * FROM ow.case_status_history"),
            QStringLiteral("SELECT * FROM ow.applied_operations"),
            QStringLiteral("SELECT * FROM ow.quarantine"),
            QStringLiteral("SELECT * FROM ow.sites"),
            QStringLiteral("SELECT * FROM ow.counters"),
            QStringLiteral("UPDATE ow.cases SET status = 'withdrawn'"),
            QStringLiteral("DELETE FROM ow.cases"),
            QStringLiteral("INSERT INTO ow.change_log (kind, key, payload, site_code) "
                           "VALUES ('case.status', 'x', '{}', '%1')")
                .arg(b.code),
            QStringLiteral("SELECT nextval('ow.change_log_id_seq')"),
            QStringLiteral("COPY ow.cases TO STDOUT"),
            QStringLiteral("COPY ow.cases FROM STDIN"),
            QStringLiteral("COPY (SELECT 1) TO '/tmp/onewindow-test-copy'"),
            QStringLiteral("COPY (SELECT 1) TO PROGRAM 'true'"),
            QStringLiteral("SELECT ow.current_site()"),
            QStringLiteral("SELECT ow.require_site()"),
            QStringLiteral("SELECT ow.back_office_status('%1', 'approved', 'me', '')").arg(bNumber),
            QStringLiteral("SELECT ow.add_site('X1', 'x', 'town', 'SCRAM-SHA-256$x')"),
            QStringLiteral("SELECT ow.apply_status_request('{}'::jsonb, '%1', NULL)").arg(b.code),
            QStringLiteral("SET ROLE %1").arg(b.role),
            QStringLiteral("SET ROLE ow_api_owner"),
            QStringLiteral("SET ROLE %1").arg(pgServer().superuser),
            QStringLiteral("SET SESSION AUTHORIZATION %1").arg(b.role),
            QStringLiteral("SELECT set_config('role', '%1', false)").arg(b.role),
            QStringLiteral("GRANT ow_api_owner TO %1").arg(a.role),
            QStringLiteral("ALTER ROLE %1 PASSWORD 'known'").arg(b.role),
            QStringLiteral("CREATE ROLE onewindow_evil"),
            QStringLiteral("CREATE TABLE public.evil (x int)"),
            QStringLiteral("CREATE TABLE ow.evil (x int)"),
            QStringLiteral("CREATE TEMP TABLE evil (x int)"),
            QStringLiteral("CREATE SCHEMA evil"),
            QStringLiteral("CREATE FUNCTION public.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
            QStringLiteral("CREATE FUNCTION ow_api.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
            QStringLiteral("CREATE FUNCTION pg_temp.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
            QStringLiteral("CREATE EXTENSION dblink"),
            QStringLiteral("CREATE DATABASE onewindow_evil"),
            QStringLiteral("SELECT pg_read_file('/etc/passwd')"),
            QStringLiteral("SELECT lo_import('/etc/passwd')"),
        };
        for (const QString& sql : refused) {
            INFO(sql.toStdString());
            CHECK_FALSE(failureOf(*siteA, sql).isEmpty());
        }
        // The API functions themselves are all a site may run.
        CHECK(scalar(*siteA, QStringLiteral("SELECT session_user = current_user")).toBool());
    }

    SECTION("the API applies nothing to B's cases, whatever A sends")
    {
        const QJsonArray answers =
            push(*siteA,
                 {// B's site code written into the case
                  [&] {
                      QJsonObject op = caseUpsert(newUuid(), newUuid(),
                                                  a.code + QStringLiteral("-20250314-0001"));
                      QJsonObject c = op.value(QStringLiteral("case")).toObject();
                      c.insert(QStringLiteral("site_code"), b.code);
                      op.insert(QStringLiteral("case"), c);
                      return op;
                  }(),
                  // B's case uuid, under A's number
                  caseUpsert(newUuid(), bCase, a.code + QStringLiteral("-20250314-0002")),
                  // B's case uuid and number
                  caseUpsert(newUuid(), bCase, bNumber),
                  // a new case with B's number
                  caseUpsert(newUuid(), newUuid(), bNumber),
                  // a status change on B's case, at its real version
                  statusRequest(newUuid(), bCase, QStringLiteral("withdrawn"), 2),
                  // B's operation id: not B's answer, not 'duplicate'
                  statusRequest(bOp, bCase, QStringLiteral("withdrawn"), 2)});
        CHECK(reasonOf(answers, 0) == QStringLiteral("rejected:wrong_site"));
        CHECK(reasonOf(answers, 1) == QStringLiteral("rejected:case_uuid_taken"));
        CHECK(reasonOf(answers, 2) == QStringLiteral("rejected:case_number_not_of_site"));
        CHECK(reasonOf(answers, 3) == QStringLiteral("rejected:case_number_not_of_site"));
        CHECK(reasonOf(answers, 4) == QStringLiteral("rejected:case_not_found"));
        CHECK(reasonOf(answers, 5) == QStringLiteral("rejected:operation_id_taken"));
        const QString text = QString::fromUtf8(QJsonDocument(answers).toJson());
        CHECK_FALSE(text.contains(QStringLiteral("forwarded")));
        CHECK_FALSE(text.contains(QStringLiteral("王建国")));

        // Registering or acknowledging as B, or for B's counter.
        CHECK_FALSE(siteA
                        ->callJson(QStringLiteral("SELECT ow_api.register_site(?, ?::uuid, ?, ?)"),
                                   {b.code, newUuid(), QStringLiteral("pc"), QStringLiteral("0")})
                        .ok());
        CHECK_FALSE(siteA
                        ->callJson(QStringLiteral("SELECT ow_api.register_site(?, ?::uuid, ?, ?)"),
                                   {a.code, counterB, QStringLiteral("pc"), QStringLiteral("0")})
                        .ok());
        CHECK_FALSE(siteA
                        ->callJson(QStringLiteral("SELECT ow_api.acknowledge(?::uuid, ?::xid8, ?)"),
                                   {counterB, QStringLiteral("999999"), 999999})
                        .ok());
        CHECK_FALSE(siteA
                        ->callJson(QStringLiteral("SELECT ow_api.heartbeat(?::uuid, ?, ?)"),
                                   {counterB, 0, 0})
                        .ok());
        CHECK_FALSE(siteA
                        ->callJson(QStringLiteral("SELECT ow_api.snapshot(?, ?, ?)"),
                                   {QStringLiteral("sites"), QString(), 10})
                        .ok());
    }

    SECTION("pulls and snapshots show A nothing of B")
    {
        const QJsonArray changes = pullAll(central, *siteA);
        const QString text = QString::fromUtf8(QJsonDocument(changes).toJson());
        CHECK_FALSE(text.contains(bCase));
        CHECK_FALSE(text.contains(bNumber));
        auto snap = siteA->callJson(QStringLiteral("SELECT ow_api.snapshot(?, ?, ?)"),
                                    {QStringLiteral("cases"), QString(), 5000});
        REQUIRE(snap.ok());
        CHECK(snap->toObject().value(QStringLiteral("rows")).toArray().isEmpty());

        // ... while B sees its own case in both.
        CHECK(QString::fromUtf8(QJsonDocument(pullAll(central, *siteB)).toJson()).contains(bCase));
    }

    // Row-level security holds even for the role the API runs as: without a
    // site login behind it, it sees no case at all.
    execOk(admin, QStringLiteral("SET ROLE ow_api_owner"));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() == 0);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.change_log WHERE site_code IS "
                                       "NOT NULL"))
              .toInt() == 0);
    execOk(admin, QStringLiteral("RESET ROLE"));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.cases")).toInt() >= 1);

    CHECK(siteFingerprint(admin, b.code) == before);
}
