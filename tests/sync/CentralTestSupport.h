#pragma once

#include "TestSupport.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <memory>

namespace ow::test {

// The throwaway PostgreSQL server CTest started (pg_start), read from the
// file named by ONEWINDOW_TEST_PG_ENV. A test without it fails: it never skips.
struct PgServer
{
    QString host;
    int port = 0;
    QString superuser;
    QString password;
    QString pgCtl;
    QString sslRootCert; // the throwaway CA that signed the server's certificate
    QString cluster;     // its folder (the server's log is there)
    QString url(const QString& database) const;
    // The server described by a pg.env file of tests/sync/pg-cluster.sh.
    static PgServer fromFile(const QString& file);
};
const PgServer& pgServer();

// A fresh database migrated to the current central schema, dropped at the
// end together with the site roles it created. Site codes get a random
// suffix: roles belong to the whole server, tests run in parallel.
class CentralFixture
{
public:
    CentralFixture();
    ~CentralFixture();
    CentralFixture(const CentralFixture&) = delete;
    CentralFixture& operator=(const CentralFixture&) = delete;

    const QString& database() const { return m_database; }
    QString adminUrl() const;
    CentralConnection& admin() { return *m_admin; }
    // A site code unique to this fixture: `label` + suffix.
    QString siteCode(const QString& label) const;
    // Adds the site through CentralAdmin; its login URL is in the result.
    NewSite addSite(const QString& label);
    // A site that has registered its counter `counterId`.
    std::unique_ptr<CentralConnection> siteConnection(const NewSite& site,
                                                      const QString& counterId);

private:
    QString m_database;
    QString m_suffix;
    std::unique_ptr<CentralConnection> m_admin;
};

std::unique_ptr<CentralConnection> connectOrFail(const QString& url);

// Runs SQL that must succeed.
void execOk(CentralConnection& c, const QString& sql);
// A single value from SQL that must succeed.
QVariant scalar(CentralConnection& c, const QString& sql);
// The SQLSTATE of SQL that must fail ("" when it succeeded).
QString failureOf(CentralConnection& c, const QString& sql);

// Operations as a counter sends them (db/central/README.md).
QJsonObject caseUpsert(const QString& opId, const QString& caseUuid, const QString& caseNumber,
                       const QString& status = QStringLiteral("accepted"), int statusVersion = 1);
QJsonObject statusRequest(const QString& opId, const QString& caseUuid, const QString& to,
                          int seenVersion, const QString& at = {});

// Row counts of every table a push writes, and each case's status and
// version: equal before and after, nothing was written.
QString pushedRows(CentralConnection& admin);

// Calls ow_api.push_batch and returns the per-operation answers.
QJsonArray push(CentralConnection& site, const QJsonArray& ops);
// Calls ow_api.pull_changes.
QJsonObject pull(CentralConnection& site, const QString& afterXid, qint64 afterId,
                 int maxRows = 1000);

// Tests share one server and run in parallel: a transaction of another test
// holds back what a pull returns (that is the point of the xmin boundary).
// Waits, up to 30 s, until no running transaction precedes the newest change.
void waitUntilSettled(CentralConnection& admin);
// Every change after the cursor, page by page, once settled.
QJsonArray pullAll(CentralFixture& central, CentralConnection& site,
                   const QString& afterXid = QStringLiteral("0"), qint64 afterId = 0);
// The kinds of a list of changes, in order.
QStringList kindsOf(const QJsonArray& changes);

QString newUuid();

} // namespace ow::test
