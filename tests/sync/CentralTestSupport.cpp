#include "CentralTestSupport.h"

#include "PgEnvFile.h"
#include "sync/CentralMigrations.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QThread>
#include <QUrl>
#include <QUuid>

namespace ow::test {

namespace {

PgServer readServer()
{
    const QString file = qEnvironmentVariable("ONEWINDOW_TEST_PG_ENV");
    if (file.isEmpty())
        FAIL("ONEWINDOW_TEST_PG_ENV is not set. The sync tests need the PostgreSQL server "
             "that CTest starts (test pg_start); run them with ctest, or see "
             "tests/sync/README.md to start the server by hand.");
    return PgServer::fromFile(file);
}

} // namespace

PgServer PgServer::fromFile(const QString& file)
{
    const std::optional<PgEnvFile> env = PgEnvFile::read(file);
    if (!env)
        FAIL("The PostgreSQL test server is not there: cannot read " + file.toStdString() +
             ". Did pg_start run and succeed?");
    if (!env->complete())
        FAIL("The PostgreSQL server file " + file.toStdString() + " is incomplete.");
    PgServer s;
    s.host = env->host;
    s.port = env->port;
    s.superuser = env->superuser;
    s.password = env->password;
    s.pgCtl = env->pgCtl;
    s.sslRootCert = env->sslRootCert;
    s.cluster = env->cluster;
    return s;
}

namespace {

QString randomSuffix(int n)
{
    static const QLatin1String alphabet("ABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString out;
    for (int i = 0; i < n; ++i)
        out += alphabet[int(QRandomGenerator::global()->bounded(quint32(alphabet.size())))];
    return out;
}

} // namespace

QString PgServer::url(const QString& database) const
{
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(host);
    u.setPort(port);
    u.setUserName(superuser);
    u.setPassword(password);
    u.setPath(QLatin1Char('/') + database);
    return u.toString(QUrl::FullyEncoded);
}

const PgServer& pgServer()
{
    static const PgServer server = readServer();
    return server;
}

std::unique_ptr<CentralConnection> connectOrFail(const QString& url)
{
    auto c = CentralConnection::open(url);
    if (!c)
        FAIL("Cannot connect to the PostgreSQL test server: " + c.error().fullText().toStdString());
    return std::move(c.value());
}

void execOk(CentralConnection& c, const QString& sql)
{
    Status s = c.exec(sql);
    INFO(sql.toStdString());
    if (!s)
        FAIL(s.error().fullText().toStdString());
}

QVariant scalar(CentralConnection& c, const QString& sql)
{
    QSqlQuery q = c.query();
    INFO(sql.toStdString());
    if (!q.exec(sql))
        FAIL(q.lastError().text().toStdString());
    REQUIRE(q.next());
    return q.value(0);
}

QString failureOf(CentralConnection& c, const QString& sql)
{
    QSqlQuery q = c.query();
    if (q.exec(sql))
        return {};
    const QString state = q.lastError().nativeErrorCode();
    return state.isEmpty() ? QStringLiteral("?") : state;
}

CentralFixture::CentralFixture()
{
    const PgServer& s = pgServer();
    m_suffix = randomSuffix(8);
    m_database = QStringLiteral("ow_test_") + m_suffix.toLower();
    {
        auto postgres = connectOrFail(s.url(QStringLiteral("postgres")));
        execOk(*postgres, QStringLiteral("CREATE DATABASE %1").arg(m_database));
    }
    m_admin = connectOrFail(adminUrl());
    auto applied = CentralMigrations::apply(*m_admin);
    if (!applied)
        FAIL("The central migrations failed: " + applied.error().fullText().toStdString());
}

CentralFixture::~CentralFixture()
{
    m_admin.reset();
    auto postgres = CentralConnection::open(pgServer().url(QStringLiteral("postgres")));
    if (!postgres)
        return;
    (void)postgres.value()->exec(
        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database));
    // The site roles of this fixture (their names end with its suffix).
    QSqlQuery q = postgres.value()->query();
    QStringList roles;
    if (q.exec(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname LIKE 'ow\\_site\\_%") +
               m_suffix.toLower() + QStringLiteral("'")))
        while (q.next())
            roles << q.value(0).toString();
    for (const QString& role : roles)
        (void)postgres.value()->exec(QStringLiteral("DROP ROLE IF EXISTS \"%1\"").arg(role));
}

QString CentralFixture::adminUrl() const
{
    return pgServer().url(m_database);
}

QString CentralFixture::siteCode(const QString& label) const
{
    return label + m_suffix;
}

NewSite CentralFixture::addSite(const QString& label)
{
    auto site = CentralAdmin(*m_admin).addSite(
        siteCode(label), QStringLiteral("便民服务中心 ") + label, QStringLiteral("town"));
    if (!site)
        FAIL("Cannot add a site: " + site.error().fullText().toStdString());
    return site.value();
}

std::unique_ptr<CentralConnection> CentralFixture::siteConnection(const NewSite& site,
                                                                  const QString& counterId)
{
    auto c = connectOrFail(site.url);
    auto r = c->callJson(
        QStringLiteral("SELECT ow_api.register_site(?, ?::uuid, ?, ?)"),
        {site.code, counterId, QStringLiteral("counter 1"), QStringLiteral(ONEWINDOW_VERSION)});
    if (!r)
        FAIL("register_site failed: " + r.error().fullText().toStdString());
    return c;
}

QJsonObject caseUpsert(const QString& opId, const QString& caseUuid, const QString& caseNumber,
                       const QString& status, int statusVersion)
{
    QJsonObject applicant{{QStringLiteral("kind"), QStringLiteral("natural")},
                          {QStringLiteral("name"), QStringLiteral("王建国")},
                          {QStringLiteral("id_number"), QStringLiteral("11010519491231002X")}};
    QJsonArray items{QJsonObject{{QStringLiteral("code"), QStringLiteral("ITEM-001")},
                                 {QStringLiteral("version"), 1}}};
    QJsonArray materials{QJsonObject{{QStringLiteral("id"), QStringLiteral("id-card")},
                                     {QStringLiteral("name"), QStringLiteral("居民身份证")},
                                     {QStringLiteral("form"), QStringLiteral("original")},
                                     {QStringLiteral("copies"), 1}}};
    QJsonObject c{
        {QStringLiteral("case_uuid"), caseUuid},
        {QStringLiteral("received_at"), QStringLiteral("2025-03-14T09:30:00+08:00")},
        {QStringLiteral("status"), status},
        {QStringLiteral("status_version"), statusVersion},
        {QStringLiteral("applicant"), applicant},
        {QStringLiteral("items"), items},
        {QStringLiteral("materials"), materials},
        {QStringLiteral("payload"), QJsonObject{{QStringLiteral("clerk"), QStringLiteral("李娜")},
                                                {QStringLiteral("window"), QStringLiteral("3")}}}};
    if (!caseNumber.isEmpty())
        c.insert(QStringLiteral("case_number"), caseNumber);
    return {{QStringLiteral("op_id"), opId},
            {QStringLiteral("kind"), QStringLiteral("case.upsert")},
            {QStringLiteral("case"), c}};
}

QJsonObject statusRequest(const QString& opId, const QString& caseUuid, const QString& to,
                          int seenVersion, const QString& at)
{
    QJsonObject op{{QStringLiteral("op_id"), opId},
                   {QStringLiteral("kind"), QStringLiteral("case.status_request")},
                   {QStringLiteral("case_uuid"), caseUuid},
                   {QStringLiteral("to"), to},
                   {QStringLiteral("seen_version"), seenVersion},
                   {QStringLiteral("by"), QStringLiteral("李娜")}};
    if (!at.isEmpty())
        op.insert(QStringLiteral("at"), at);
    return op;
}

QString pushedRows(CentralConnection& admin)
{
    return scalar(admin, QStringLiteral("SELECT concat_ws(',', (SELECT count(*) FROM ow.cases),"
                                        " (SELECT count(*) FROM ow.case_materials),"
                                        " (SELECT count(*) FROM ow.case_status_history),"
                                        " (SELECT count(*) FROM ow.applied_operations),"
                                        " (SELECT count(*) FROM ow.quarantine),"
                                        " (SELECT count(*) FROM ow.change_log),"
                                        " (SELECT string_agg(status || status_version, ' ' ORDER BY"
                                        "  case_number) FROM ow.cases))"))
        .toString();
}

QJsonArray push(CentralConnection& site, const QJsonArray& ops)
{
    auto r = site.callJson(QStringLiteral("SELECT ow_api.push_batch(?::jsonb)"),
                           {QString::fromUtf8(QJsonDocument(ops).toJson(QJsonDocument::Compact))});
    if (!r)
        FAIL("push_batch failed: " + r.error().fullText().toStdString());
    const QJsonArray results = r->toObject().value(QStringLiteral("results")).toArray();
    REQUIRE(results.size() == ops.size());
    return results;
}

QJsonObject pull(CentralConnection& site, const QString& afterXid, qint64 afterId, int maxRows)
{
    auto r = site.callJson(QStringLiteral("SELECT ow_api.pull_changes(?::xid8, ?, ?)"),
                           {afterXid, afterId, maxRows});
    if (!r)
        FAIL("pull_changes failed: " + r.error().fullText().toStdString());
    return r->toObject();
}

void waitUntilSettled(CentralConnection& admin)
{
    QElapsedTimer timer;
    timer.start();
    while (!scalar(admin, QStringLiteral("SELECT pg_snapshot_xmin(pg_current_snapshot()) > "
                                         "coalesce(max(xid), '0') FROM ow.change_log"))
                .toBool()) {
        if (timer.elapsed() > 30000)
            FAIL("A transaction on the test server has been running for 30 s: pulls cannot "
                 "go past it.");
        QThread::msleep(50);
    }
}

QJsonArray pullAll(CentralFixture& central, CentralConnection& site, const QString& afterXid,
                   qint64 afterId)
{
    waitUntilSettled(central.admin());
    QJsonArray all;
    QString xid = afterXid;
    qint64 id = afterId;
    for (;;) {
        const QJsonObject page = pull(site, xid, id, 100);
        for (const QJsonValue& ch : page.value(QStringLiteral("changes")).toArray())
            all.append(ch);
        xid = page.value(QStringLiteral("next_xid")).toString();
        id = page.value(QStringLiteral("next_id")).toInteger();
        if (!page.value(QStringLiteral("more")).toBool())
            return all;
    }
}

QStringList kindsOf(const QJsonArray& changes)
{
    QStringList out;
    for (const QJsonValue& ch : changes)
        out << ch.toObject().value(QStringLiteral("kind")).toString();
    return out;
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace ow::test
