#pragma once

#include "store/Result.h"

#include <QJsonValue>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <memory>

struct pg_result;
typedef struct pg_result PGresult;

namespace ow {

// Where the central PostgreSQL database is, as a libpq URL:
//   postgresql://user:password@host:port/database?sslmode=verify-full&sslrootcert=...
// or, for a primary and its standbys, with several hosts, which libpq tries
// in turn until one takes writes:
//   postgresql://user:password@a:5432,b:5432/database?target_session_attrs=read-write
// Query parameters (sslmode, sslrootcert, connect_timeout, application_name,
// target_session_attrs, ...) pass through to libpq unchanged.
struct CentralUrl
{
    QString host; // the first host
    int port = 5432;
    QList<std::pair<QString, int>> hosts; // every host and its port, in order
    QString user;
    QString password;
    QString database;
    QList<std::pair<QString, QString>> options;

    static Result<CentralUrl> parse(const QString& url);
    // The same URL with another login (for a site's credential).
    QString withLogin(const QString& user, const QString& password) const;
    // The URL without its password, for messages.
    QString display() const;
};

// The URL given on the command line, or else the environment variable
// ONEWINDOW_CENTRAL_URL; empty when neither is set.
QString centralUrlFrom(const QString& given);

// The parts of a server error: SQLSTATE, message, detail.
struct ServerError
{
    QString state;
    QString message;
    QString detail;

    static ServerError from(const QSqlError& error);
};

// One connection to the central database (Qt's QPSQL driver), used by the
// administrator and by a site. Each instance owns its connection; use it in
// the thread that opened it.
class CentralConnection
{
public:
    ~CentralConnection();
    CentralConnection(const CentralConnection&) = delete;
    CentralConnection& operator=(const CentralConnection&) = delete;

    static Result<std::unique_ptr<CentralConnection>> open(const QString& url);

    const CentralUrl& url() const { return m_url; }
    QSqlDatabase& db() { return m_db; }
    QSqlQuery query() const { return QSqlQuery(m_db); }

    // Runs SQL without results through libpq's PQexec; several statements
    // are allowed (a migration): the first that fails stops the rest.
    Status exec(const QString& sql);
    // Runs a prepared query.
    Status run(QSqlQuery& q) const;
    // Runs `sql` with `values` bound in order, and returns the first column
    // of its one row parsed as JSON (the API functions return jsonb).
    Result<QJsonValue> callJson(const QString& sql, const QVariantList& values = {});
    // The same for large texts (a batch of operations): `sql` numbers its
    // parameters $1, $2, ... and each text goes to the server as it is,
    // through libpq, neither quoted into the statement nor copied again.
    Result<QJsonValue> callJsonText(const char* sql, const QList<QByteArray>& texts);
    // callJsonText in two halves: sendJsonText() sends the call and returns
    // at once; receiveJson() waits for its answer. Nothing else may run on
    // the connection in between. `formats` gives each value's format (0:
    // text, 1: PostgreSQL's binary format); none: all text.
    Status sendJsonText(const char* sql, const QList<QByteArray>& texts,
                        const QList<int>& formats = {});
    Result<QJsonValue> receiveJson();

    // The error of a failed query: the server's message and detail, and a
    // kind from its SQLSTATE (refusals by the API become Conflict).
    Error errorFrom(const QSqlError& error) const;
    Error errorOf(const ServerError& error) const;
    // True when the link to the server is gone (the server stopped, the
    // network dropped): the connection must be opened again.
    bool isBroken() const;

    // A SCRAM-SHA-256 verifier for `password`, made by libpq on this side:
    // only the verifier is sent to the server, never the password.
    Result<QString> scramVerifier(const QString& password) const;

private:
    CentralConnection() = default;
    // The error of a failed libpq result (or of the connection when none).
    ServerError serverErrorOf(const PGresult* r) const;

    CentralUrl m_url;
    QSqlDatabase m_db;
    QString m_connection;
};

// BEGIN ... COMMIT on a central connection; rolls back unless committed.
class CentralTransaction
{
public:
    explicit CentralTransaction(CentralConnection& c);
    ~CentralTransaction();
    CentralTransaction(const CentralTransaction&) = delete;
    CentralTransaction& operator=(const CentralTransaction&) = delete;

    const Status& begun() const { return m_begun; }
    Status commit();

private:
    CentralConnection& m_c;
    Status m_begun;
    bool m_open = false;
};

} // namespace ow
