// TLS between counter and centre: sslmode=verify-full against the CA the
// test cluster was made with works; a CA of its own made by the test, which
// did not sign the server's certificate, is refused and nothing is sent.
#include "SyncTestSupport.h"
#include "sync/SyncSettings.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace ow;
using namespace ow::test;

namespace {

// The URL of `site` as SyncSettings builds it for a counter configured
// with sslmode and root certificate `ca`.
QString settingsUrl(const NewSite& site, const QString& dataDir, const QString& mode,
                    const QString& ca)
{
    SyncSettings s;
    QUrl u(site.url);
    const QString password = u.password();
    u.setPassword(QString());
    s.centralUrl = u.toString(QUrl::FullyEncoded);
    s.siteCode = site.code;
    s.sslMode = mode;
    s.sslRootCert = ca;
    REQUIRE(s.save(dataDir).ok());
    REQUIRE(SyncSettings::saveCredential(dataDir, password).ok());
    auto loaded = SyncSettings::load(dataDir);
    REQUIRE(loaded.ok());
    CHECK(loaded->sslMode == mode);
    auto url = loaded->connectionUrl(dataDir);
    if (!url)
        FAIL(url.error().fullText().toStdString());
    return url.value();
}

} // namespace

TEST_CASE("a counter syncs over TLS with sslmode verify-full")
{
    REQUIRE_FALSE(pgServer().sslRootCert.isEmpty());
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("T"));
    QTemporaryDir dir;
    const QString url =
        settingsUrl(site, dir.path(), QStringLiteral("verify-full"), pgServer().sslRootCert);
    CHECK(url.contains(QStringLiteral("sslmode=verify-full")));

    auto c = connectOrFail(url);
    CHECK(scalar(*c, QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
              .toBool());

    SyncCounter counter(site);
    counter.acceptImmediate(1);
    PgSyncGateway tls(url);
    SyncEngine engine(*counter.intake.store.db, tls, site.code, counter.intake.clock);
    auto r = engine.runOnce();
    if (!r)
        FAIL(r.error().fullText().toStdString());
    CHECK(counter.outboxCount() == 0);
    CHECK(centralCaseNumbers(central.admin(), site.code) == counter.localCaseNumbers());
}

TEST_CASE("verify-full refuses a centre whose certificate another CA signed")
{
    CentralFixture central;
    const NewSite site = central.addSite(QStringLiteral("V"));
    QTemporaryDir dir;
    // A CA of the test's own: it signed nothing the server has.
    const QString otherCa = dir.filePath(QStringLiteral("other-ca.crt"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=Another CA"), QStringLiteral("-keyout"),
                   dir.filePath(QStringLiteral("other-ca.key")), QStringLiteral("-out"), otherCa});
    REQUIRE(openssl.waitForFinished(60000));
    REQUIRE(openssl.exitCode() == 0);

    const QString url = settingsUrl(site, dir.path(), QStringLiteral("verify-full"), otherCa);
    SyncCounter counter(site);
    counter.acceptImmediate(1);
    const int waiting = counter.outboxCount();
    PgSyncGateway tls(url);
    SyncEngine engine(*counter.intake.store.db, tls, site.code, counter.intake.clock);
    auto r = engine.runOnce();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == Error::Kind::Network);
    CHECK(r.error().message.contains(QStringLiteral("certificate")));
    CHECK(counter.outboxCount() == waiting);
    CHECK(centralCaseNumbers(central.admin(), site.code).isEmpty());
}
