// PgBouncer in front of the centre, set up as the README's recipe says: its
// settings are read from the README, its login comes from `central
// pgbouncer-auth`, the site is added through it, and a counter pushes its
// cases and pulls the centre's decisions through it over TLS (verify-full);
// counters that keep their connections share fewer server connections.
#include "PgBouncerProcess.h"
#include "SyncTestSupport.h"

#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <vector>

using namespace ow;
using namespace ow::test;

namespace {

QString lineValue(const QString& out, const QString& label)
{
    const QRegularExpression re(QStringLiteral("^\\s*") + label +
                                    QStringLiteral(":\\s+(\\S+)\\s*$"),
                                QRegularExpression::MultilineOption);
    return re.match(out).captured(1);
}

// The login PgBouncer looks passwords up with belongs to the whole server:
// dropped after the test's database.
struct DropPoolerLogin
{
    ~DropPoolerLogin()
    {
        if (auto c = CentralConnection::open(pgServer().url(QStringLiteral("postgres"))))
            (void)c.value()->exec(QStringLiteral("DROP ROLE IF EXISTS pgbouncer"));
    }
};

} // namespace

TEST_CASE("a counter syncs through PgBouncer set up as the README says")
{
    DropPoolerLogin dropLogin;
    CentralFixture central;
    QTemporaryDir dir;
    const QString userlist = dir.filePath(QStringLiteral("userlist.txt"));

    // PgBouncer's login, its password written to the auth_file only.
    const ProcessResult auth = runAdmin(
        {QStringLiteral("central"), QStringLiteral("pgbouncer-auth"), QStringLiteral("--userlist"),
         userlist, QStringLiteral("--central"), central.adminUrl()});
    INFO(auth.out.toStdString() << auth.err.toStdString());
    REQUIRE(auth.exitCode == 0);
    QFile file(userlist);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString line = QString::fromUtf8(file.readAll()).trimmed();
    CHECK(line.startsWith(QStringLiteral("\"pgbouncer\" \"")));
    CHECK((file.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                 QFileDevice::ReadOther | QFileDevice::WriteOther)) == 0);
    const QString password = line.section(QLatin1Char('"'), 3, 3);
    CHECK(password.size() >= 32);
    CHECK_FALSE(auth.out.contains(password));

    // What it prints for pgbouncer.ini is what the README's recipe says.
    QStringList databases;
    QString error;
    const auto recipe =
        PgBouncerProcess::recipeSettings(PgBouncerProcess::readmePath(), &databases, &error);
    REQUIRE(error.isEmpty());
    CHECK(recipe.value(QStringLiteral("pool_mode")) == QStringLiteral("transaction"));
    CHECK(recipe.value(QStringLiteral("auth_type")) == QStringLiteral("scram-sha-256"));
    CHECK(auth.out.contains(QStringLiteral("auth_user = ") +
                            recipe.value(QStringLiteral("auth_user"))));
    CHECK(auth.out.contains(QStringLiteral("auth_query = ") +
                            recipe.value(QStringLiteral("auth_query"))));

    // The login may look up a site's verifier and nothing else.
    {
        QUrl u(central.adminUrl());
        u.setUserName(QStringLiteral("pgbouncer"));
        u.setPassword(password);
        auto pooler = connectOrFail(u.toString(QUrl::FullyEncoded));
        CHECK(failureOf(*pooler, QStringLiteral("SELECT count(*) FROM ow.sites")) == "42501");
        CHECK(failureOf(*pooler, QStringLiteral("SELECT count(*) FROM pg_authid")) == "42501");
        CHECK(failureOf(*pooler, QStringLiteral("SELECT ow_api.heartbeat(gen_random_uuid(), 0, "
                                                "0)")) == "42501");
    }

    PgBouncerProcess::Options options;
    options.serverPort = pgServer().port;
    options.database = central.database();
    options.userlistFile = userlist;
    options.tlsCert = pgServer().cluster + QStringLiteral("/tls/server.crt");
    options.tlsKey = pgServer().cluster + QStringLiteral("/tls/server.key");
    auto bouncer = PgBouncerProcess::start(options, &error);
    INFO(error.toStdString());
    REQUIRE(bouncer);
    INFO(bouncer->iniText().toStdString());

    // The site added through PgBouncer, so that its URL names PgBouncer's port.
    QUrl through(central.adminUrl());
    through.setPort(bouncer->port());
    through.setQuery(QStringLiteral("sslmode=verify-full&sslrootcert=") + pgServer().sslRootCert);
    const QString code = central.siteCode(QStringLiteral("B"));
    const ProcessResult added =
        runAdmin({QStringLiteral("central"), QStringLiteral("add-site"), code,
                  QStringLiteral("--name"), QStringLiteral("虞山街道便民服务中心"),
                  QStringLiteral("--central"), through.toString(QUrl::FullyEncoded)});
    INFO(added.out.toStdString() << added.err.toStdString() << bouncer->log().toStdString());
    REQUIRE(added.exitCode == 0);
    NewSite site;
    site.code = code;
    site.role = lineValue(added.out, QStringLiteral("role"));
    site.password = lineValue(added.out, QStringLiteral("password"));
    site.url = lineValue(added.out, QStringLiteral("URL"));
    CHECK(QUrl(site.url).port() == bouncer->port());
    CHECK(site.url.contains(QStringLiteral("sslmode=verify-full")));

    // A counter pushes its cases through PgBouncer...
    SyncCounter counter(site);
    const QString immediate = counter.acceptImmediate(1);
    counter.acceptPromised(2);
    SyncPassReport r = counter.sync();
    CHECK(r.quarantined == 0);
    CHECK(counter.outboxCount() == 0);
    const QStringList numbers = counter.localCaseNumbers();
    CHECK(numbers.size() == 2);
    CHECK(centralCaseNumbers(central.admin(), code) == numbers);

    // ... and pulls what the centre decided: the case completed at the
    // window now waits for its applicant at the centre.
    QString completed;
    for (const QString& n : numbers)
        if (scalar(central.admin(),
                   QStringLiteral("SELECT status FROM ow.cases WHERE case_number = '%1'").arg(n))
                .toString() == QStringLiteral("completed"))
            completed = n;
    REQUIRE_FALSE(completed.isEmpty());
    auto decided =
        CentralAdmin(central.admin())
            .recordCaseStatus(completed, QStringLiteral("awaiting_pickup"), QStringLiteral("张敏"));
    if (!decided)
        FAIL(decided.error().fullText().toStdString());
    waitUntilSettled(central.admin());
    counter.sync();
    CHECK(counter.localStatus(immediate) == QStringLiteral("awaiting_pickup"));

    // That path was PgBouncer's: without it the counter's URL reaches nothing.
    bouncer->stop();
    auto gone = CentralConnection::open(site.url);
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.error().kind == Error::Kind::Network);
}

TEST_CASE("counters keeping their connections sync through fewer server connections")
{
    // Transaction pooling: a counter's client connection stays open between
    // its passes, and its server connection goes back to PgBouncer after each
    // call. Four counters at four sites, PgBouncer allowed two server
    // connections to the database: each pass of each counter goes through,
    // while never more than two server processes serve them.
    DropPoolerLogin dropLogin;
    CentralFixture central;
    QTemporaryDir dir;
    const QString userlist = dir.filePath(QStringLiteral("userlist.txt"));
    {
        auto login = CentralAdmin(central.admin()).setUpPgBouncer();
        if (!login)
            FAIL(login.error().fullText().toStdString());
        QFile f(userlist);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(login->userlistLine().toUtf8() + '\n');
    }
    PgBouncerProcess::Options options;
    options.serverPort = pgServer().port;
    options.database = central.database();
    options.userlistFile = userlist;
    options.tlsCert = pgServer().cluster + QStringLiteral("/tls/server.crt");
    options.tlsKey = pgServer().cluster + QStringLiteral("/tls/server.key");
    options.overrides.insert(QStringLiteral("max_db_connections"), QStringLiteral("2"));
    options.overrides.insert(QStringLiteral("server_idle_timeout"), QStringLiteral("1"));
    QString error;
    auto bouncer = PgBouncerProcess::start(options, &error);
    INFO(error.toStdString());
    REQUIRE(bouncer);
    INFO(bouncer->iniText().toStdString());
    CHECK(bouncer->iniText().contains(QStringLiteral("pool_mode = transaction")));

    std::vector<std::unique_ptr<SyncCounter>> counters;
    QStringList roles;
    for (int i = 0; i < 4; ++i) {
        NewSite site = central.addSite(QStringLiteral("T%1").arg(i));
        QUrl u(site.url);
        u.setPort(bouncer->port());
        u.setQuery(QStringLiteral("sslmode=verify-full&sslrootcert=") + pgServer().sslRootCert);
        site.url = u.toString(QUrl::FullyEncoded);
        roles << QLatin1Char('\'') + site.role + QLatin1Char('\'');
        counters.push_back(std::make_unique<SyncCounter>(site));
    }
    const QString serving =
        QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1' AND usename IN "
                       "(%2)")
            .arg(central.database(), roles.join(QLatin1Char(',')));
    int most = 0;
    QString immediate;
    for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < counters.size(); ++i) {
            SyncCounter& c = *counters[i];
            const QString id = c.acceptImmediate(int(10 * round + i) + 1);
            if (i == 0 && round == 0)
                immediate = id;
            c.acceptPromised(int(10 * round + i) + 5);
            const SyncPassReport r = c.sync();
            CHECK(r.quarantined == 0);
            CHECK(c.outboxCount() == 0);
            // Its client connection stays open.
            CHECK(c.gateway.connected());
            most = std::max(most, scalar(central.admin(), serving).toInt());
        }
    }
    for (const auto& c : counters)
        CHECK(c->gateway.connected());
    CHECK(most >= 1);
    CHECK(most <= 2);

    // Nothing lost, nothing twice: the centre holds each counter's cases.
    for (const auto& c : counters) {
        const QStringList numbers = c->localCaseNumbers();
        CHECK(numbers.size() == 6);
        CHECK(centralCaseNumbers(central.admin(), c->site.code) == numbers);
    }

    // And the centre's decisions reach their counter the same way: each case
    // completed at the first counter's window now waits for its applicant.
    SyncCounter& first = *counters.front();
    int decidedCount = 0;
    for (const QString& n : first.localCaseNumbers())
        if (scalar(central.admin(),
                   QStringLiteral("SELECT status FROM ow.cases WHERE case_number = '%1'").arg(n))
                .toString() == QStringLiteral("completed")) {
            auto decided =
                CentralAdmin(central.admin())
                    .recordCaseStatus(n, QStringLiteral("awaiting_pickup"), QStringLiteral("张敏"));
            if (!decided)
                FAIL(decided.error().fullText().toStdString());
            ++decidedCount;
        }
    CHECK(decidedCount == 3);
    waitUntilSettled(central.admin());
    first.sync();
    CHECK(first.localStatus(immediate) == QStringLiteral("awaiting_pickup"));
    CHECK(scalar(central.admin(), serving).toInt() <= 2);
}

TEST_CASE("pgbouncer-auth refuses an administrator who is no superuser")
{
    CentralFixture central;
    const QString role = QStringLiteral("ow_owner_") + central.database().section('_', 2);
    execOk(central.admin(),
           QStringLiteral("CREATE ROLE %1 LOGIN CREATEROLE PASSWORD 'owner-password-1'; "
                          "GRANT CONNECT ON DATABASE %2 TO %1")
               .arg(role, central.database()));
    QUrl u(central.adminUrl());
    u.setUserName(role);
    u.setPassword(QStringLiteral("owner-password-1"));
    const ProcessResult r = runAdmin({QStringLiteral("central"), QStringLiteral("pgbouncer-auth"),
                                      QStringLiteral("--central"), u.toString(QUrl::FullyEncoded)});
    execOk(central.admin(), QStringLiteral("REVOKE CONNECT ON DATABASE %2 FROM %1; DROP ROLE %1")
                                .arg(role, central.database()));
    CHECK(r.exitCode == 1);
    CHECK(r.err.contains(QStringLiteral("pg_shadow")));
    CHECK(scalar(central.admin(),
                 QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgbouncer'"))
              .toInt() == 0);
}
