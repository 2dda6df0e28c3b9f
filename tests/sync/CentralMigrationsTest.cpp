// The central schema: migrations apply to an empty database, re-apply
// without changing anything, and refuse databases that are not theirs.
#include "sync/CentralMigrations.h"

#include "CentralTestSupport.h"
#include "sync/CentralAdmin.h"

#include <QDir>

using namespace ow;
using namespace ow::test;

namespace {

// Everything the migrations create, as one comparable text.
QString schemaFingerprint(CentralConnection& c)
{
    return scalar(c,
                  QStringLiteral(
                      "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM ("
                      " SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' ||"
                      "        c.relrowsecurity::text || ':' || coalesce(c.relacl::text, '') AS x"
                      " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                      " WHERE n.nspname IN ('ow', 'ow_api')"
                      " UNION ALL SELECT p.oid::regprocedure::text || ':' || p.prosecdef::text"
                      "        || ':' || coalesce(p.proacl::text, '')"
                      " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                      " WHERE n.nspname IN ('ow', 'ow_api')"
                      " UNION ALL SELECT 'v' || version || name FROM ow.schema_version) s"))
        .toString();
}

} // namespace

TEST_CASE("central migrations apply to an empty database and again change nothing")
{
    CentralFixture central; // applies every migration once
    CentralConnection& admin = central.admin();

    auto version = CentralMigrations::currentVersion(admin);
    REQUIRE(version.ok());
    CHECK(version.value() == CentralMigrations::knownVersion());
    CHECK(CentralMigrations::knownVersion() >= 2);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.schema_version")).toInt() ==
          CentralMigrations::knownVersion());
    // Every migration file shipped is applied, under its own name, numbered 1..n.
    const QStringList shipped = QDir(QStringLiteral(":/db/central"))
                                    .entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    CHECK(shipped.size() == CentralMigrations::knownVersion());
    CHECK(shipped.size() >= 5);
    CHECK(scalar(admin, QStringLiteral("SELECT string_agg(name, ',' ORDER BY version) FROM "
                                       "ow.schema_version"))
              .toString() == shipped.join(QLatin1Char(',')));

    // Every table has row-level security; every API function is SECURITY
    // DEFINER with a fixed search_path.
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                                       " ON n.oid = c.relnamespace WHERE n.nspname = 'ow'"
                                       " AND c.relkind = 'r' AND NOT c.relrowsecurity"))
              .toInt() == 0);
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
                                       " ON n.oid = p.pronamespace WHERE n.nspname = 'ow_api'"))
              .toInt() >= 6);
    CHECK(scalar(admin,
                 QStringLiteral("SELECT count(*) FROM pg_proc p JOIN pg_namespace n"
                                " ON n.oid = p.pronamespace WHERE n.nspname = 'ow_api'"
                                " AND NOT (p.prosecdef AND p.proconfig::text LIKE '%search_path=%'"
                                " AND p.proowner = 'ow_api_owner'::regrole)"))
              .toInt() == 0);

    const QString before = schemaFingerprint(admin);
    auto again = CentralMigrations::apply(admin);
    REQUIRE(again.ok());
    CHECK(again->isEmpty());
    CHECK(schemaFingerprint(admin) == before);

    // The command line says so too, with the URL from the environment.
    qputenv("ONEWINDOW_CENTRAL_URL", central.adminUrl().toUtf8());
    const ProcessResult r = runAdmin({QStringLiteral("central"), QStringLiteral("migrate")});
    qunsetenv("ONEWINDOW_CENTRAL_URL");
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
    CHECK(r.out.contains(QString::number(CentralMigrations::knownVersion())));
    CHECK(schemaFingerprint(admin) == before);
}

TEST_CASE("materials and status history name an existing case and go with it")
{
    CentralFixture central;
    CentralConnection& admin = central.admin();
    auto site = CentralAdmin(admin).addSite(central.siteCode(QStringLiteral("R")),
                                            QStringLiteral("x"), QStringLiteral("town"));
    REQUIRE(site.ok());
    const QString code = central.siteCode(QStringLiteral("R"));
    execOk(admin, QStringLiteral("INSERT INTO ow.cases (case_uuid, site_code, applicant_kind, "
                                 "applicant_name, items, status, status_version, received_at) "
                                 "VALUES ('00000000-0000-4000-8000-000000000001', '%1', "
                                 "'natural', 'x', '[{\"code\": \"A\", \"version\": 1}]', "
                                 "'accepted', 1, now())")
                      .arg(code));
    execOk(admin, QStringLiteral("INSERT INTO ow.case_materials (case_uuid, material_id, "
                                 "site_code, name) VALUES ('00000000-0000-4000-8000-000000000001', "
                                 "'m1', '%1', 'm')")
                      .arg(code));
    // A material of a case that does not exist, or of another site's key, is refused.
    CHECK_FALSE(admin
                    .exec(QStringLiteral("INSERT INTO ow.case_materials (case_uuid, material_id, "
                                         "site_code, name) VALUES "
                                         "('00000000-0000-4000-8000-000000000002', 'm1', '%1', "
                                         "'m')")
                              .arg(code))
                    .ok());
    CHECK_FALSE(admin
                    .exec(QStringLiteral("INSERT INTO ow.case_status_history (case_uuid, "
                                         "site_code, status_version, to_status, actor, "
                                         "actor_kind) VALUES "
                                         "('00000000-0000-4000-8000-000000000001', 'NOSITE', 2, "
                                         "'accepted', 'x', 'counter')"))
                    .ok());
    // A case named by its materials keeps its key.
    CHECK_FALSE(admin
                    .exec(QStringLiteral("UPDATE ow.cases SET case_uuid = "
                                         "'00000000-0000-4000-8000-000000000003'"))
                    .ok());
    // Each status change is in the change log once.
    execOk(admin, QStringLiteral("UPDATE ow.cases SET status = 'forwarded', status_version = 2"));
    execOk(admin, QStringLiteral("UPDATE ow.cases SET payload = '{\"x\": 1}'"));
    CHECK(scalar(admin, QStringLiteral("SELECT string_agg(payload->>'status', ',' ORDER BY id) "
                                       "FROM ow.change_log WHERE kind = 'case.status'"))
              .toString() == QStringLiteral("accepted,forwarded"));
    // A case removed takes its materials with it.
    execOk(admin, QStringLiteral("DELETE FROM ow.cases"));
    CHECK(scalar(admin, QStringLiteral("SELECT count(*) FROM ow.case_materials")).toInt() == 0);
}

TEST_CASE("central init creates the schema in an empty database")
{
    CentralFixture central;
    const QString db = central.database() + QStringLiteral("_init");
    auto postgres = connectOrFail(pgServer().url(QStringLiteral("postgres")));
    execOk(*postgres, QStringLiteral("CREATE DATABASE ") + db);
    const ProcessResult r = runAdmin({QStringLiteral("central"), QStringLiteral("init"),
                                      QStringLiteral("--central"), pgServer().url(db)});
    {
        auto fresh = connectOrFail(pgServer().url(db));
        auto v = CentralMigrations::currentVersion(*fresh);
        REQUIRE(v.ok());
        CHECK(v.value() == CentralMigrations::knownVersion());
    }
    execOk(*postgres, QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(db));
    INFO(r.err.toStdString());
    CHECK(r.exitCode == 0);
}

TEST_CASE("a central database migrated by a newer version is refused and left untouched")
{
    CentralFixture central;
    CentralConnection& admin = central.admin();
    const int newer = CentralMigrations::knownVersion() + 1;
    execOk(admin, QStringLiteral("INSERT INTO ow.schema_version (version, name) VALUES (%1, "
                                 "'%1_from_the_future.sql')")
                      .arg(newer));
    const QString before = schemaFingerprint(admin);

    auto applied = CentralMigrations::apply(admin);
    REQUIRE_FALSE(applied.ok());
    CHECK(applied.error().kind == Error::Kind::Conflict);
    CHECK(applied.error().message.contains(QString::number(newer)));
    CHECK(schemaFingerprint(admin) == before);

    // Nor will the admin commands work on it.
    auto site = CentralAdmin(admin).addSite(central.siteCode(QStringLiteral("S")),
                                            QStringLiteral("x"), QStringLiteral("town"));
    CHECK_FALSE(site.ok());
}

TEST_CASE("a database with foreign ow schemas is refused")
{
    CentralFixture central;
    const QString db = central.database() + QStringLiteral("_foreign");
    auto postgres = connectOrFail(pgServer().url(QStringLiteral("postgres")));
    execOk(*postgres, QStringLiteral("CREATE DATABASE ") + db);
    {
        auto foreign = connectOrFail(pgServer().url(db));
        execOk(*foreign, QStringLiteral("CREATE SCHEMA ow; CREATE TABLE ow.mine (x int)"));
        auto applied = CentralMigrations::apply(*foreign);
        CHECK_FALSE(applied.ok());
        CHECK(scalar(*foreign, QStringLiteral("SELECT count(*) FROM pg_tables"
                                              " WHERE schemaname = 'ow'"))
                  .toInt() == 1);
    }
    execOk(*postgres, QStringLiteral("DROP DATABASE %1 WITH (FORCE)").arg(db));
}

TEST_CASE("a central URL that is not one, or a wrong password, is a clear error")
{
    auto bad = CentralConnection::open(QStringLiteral("mysql://x@y/z"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == Error::Kind::Invalid);

    CentralFixture central;
    auto url = CentralUrl::parse(central.adminUrl());
    REQUIRE(url.ok());
    auto wrong = CentralConnection::open(url->withLogin(url->user, QStringLiteral("wrong")));
    REQUIRE_FALSE(wrong.ok());
    CHECK_FALSE(wrong.error().message.contains(url->password));

    const ProcessResult r = runAdmin({QStringLiteral("central"), QStringLiteral("status")});
    CHECK(r.exitCode != 0);
    CHECK(r.err.contains(QStringLiteral("ONEWINDOW_CENTRAL_URL")));
}

TEST_CASE("a failing statement inside a multi-statement script is reported, not skipped")
{
    CentralFixture central;
    CentralConnection& admin = central.admin();
    Status s = admin.exec(QStringLiteral("CREATE TABLE public.t1 (x int); SELECT no_such_column "
                                         "FROM public.t1; CREATE TABLE public.t2 (x int)"));
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().message.contains(QStringLiteral("no_such_column")));
    CHECK(scalar(admin, QStringLiteral("SELECT to_regclass('public.t2') IS NULL")).toBool());
}
