#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <dlfcn.h>
#include <libpq-fe.h>

namespace ow {

namespace {

// libpq, the library of Qt's PostgreSQL driver: not linked, but taken from
// the process once the driver has loaded it, so that the clerk's program
// starts without it (and the twenty libraries it brings) until it first
// talks to the centre.
#define OW_LIBPQ_FUNCTIONS(X)                                                                      \
    X(PQclear)                                                                                     \
    X(PQencryptPasswordConn)                                                                       \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQfreemem)                                                                                   \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQnfields)                                                                                   \
    X(PQntuples)                                                                                   \
    X(PQresultErrorField)                                                                          \
    X(PQresultStatus)                                                                              \
    X(PQsendQueryParams)                                                                           \
    X(PQsetErrorContextVisibility)                                                                 \
    X(PQstatus)

struct Libpq
{
#define OW_LIBPQ_POINTER(f) decltype(&::f) f = nullptr;
    OW_LIBPQ_FUNCTIONS(OW_LIBPQ_POINTER)
#undef OW_LIBPQ_POINTER
    QString error; // why it could not be loaded
};

const Libpq& pq()
{
    static const Libpq loaded = [] {
        Libpq lib;
        void* handle = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            lib.error = QString::fromLocal8Bit(dlerror());
            return lib;
        }
#define OW_LIBPQ_RESOLVE(f)                                                                        \
    lib.f = reinterpret_cast<decltype(lib.f)>(dlsym(handle, #f));                                  \
    if (!lib.f && lib.error.isEmpty())                                                             \
        lib.error = QStringLiteral("libpq.so.5 has no " #f);
        OW_LIBPQ_FUNCTIONS(OW_LIBPQ_RESOLVE)
#undef OW_LIBPQ_RESOLVE
        return lib;
    }();
    return loaded;
}

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::CentralConnection", s);
}

// A libpq connection-string value: single-quoted, with \ and ' escaped.
QString quoted(const QString& value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    v.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

PGconn* pgHandle(const QSqlDatabase& db)
{
    if (!db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    // QPSQL hands out its PGconn* (registered as "pg_conn*", the struct's name).
    if (!v.isValid() ||
        (qstrcmp(v.typeName(), "PGconn*") != 0 && qstrcmp(v.typeName(), "pg_conn*") != 0))
        return nullptr;
    if (!pq().error.isEmpty()) {
        qWarning("The PostgreSQL client library cannot be used: %s", qPrintable(pq().error));
        return nullptr;
    }
    return *static_cast<PGconn* const*>(v.constData());
}

// A JSON answer of an API function. An object or an array parses as it is;
// any other value is wrapped in an array first so that it parses too.
Result<QJsonValue> parseAnswer(const QByteArray& text)
{
    const bool container = text.startsWith('{') || text.startsWith('[');
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(
        container ? text : QByteArray("[") + text + QByteArray("]"), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error{Error::Kind::Internal,
                     QCoreApplication::translate(
                         "ow::CentralConnection",
                         "The central database returned JSON that cannot be read: %1")
                         .arg(pe.errorString()),
                     {}};
    if (!container)
        return doc.array().at(0);
    if (doc.isObject())
        return QJsonValue(doc.object());
    return QJsonValue(doc.array());
}

} // namespace

Result<CentralUrl> CentralUrl::parse(const QString& given)
{
    const QString text = given.trimmed();
    const Error malformed = Error::invalid(QCoreApplication::translate(
        "ow::CentralConnection",
        "The central database address must look like "
        "postgresql://user:password@host:5432/database?sslmode=verify-full (or, for a primary "
        "and its standbys, postgresql://user:password@host1:5432,host2:5432/database?"
        "target_session_attrs=read-write)."));
    // The host list (host:port,host:port) is no URL authority QUrl takes:
    // parse it here, and give QUrl a single host to check the rest.
    static const QRegularExpression shape(
        QStringLiteral(R"(^(postgres(?:ql)?)://(?:([^@/?#]*)@)?([^/?#]*)(/[^?#]*)?(\?[^#]*)?$)"));
    const QRegularExpressionMatch m = shape.match(text);
    if (!m.hasMatch())
        return malformed;
    QList<std::pair<QString, int>> hosts;
    const QString hostList = m.captured(3);
    if (!hostList.isEmpty()) {
        static const QRegularExpression hostPort(
            QStringLiteral(R"(^(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::([0-9]{1,5}))?$)"));
        for (const QString& part : hostList.split(QLatin1Char(','))) {
            const QRegularExpressionMatch h = hostPort.match(part);
            if (!h.hasMatch())
                return malformed;
            const int port = h.captured(2).isEmpty() ? 5432 : h.captured(2).toInt();
            if (port < 1 || port > 65535)
                return malformed;
            QString name = QUrl::fromPercentEncoding(h.captured(1).toUtf8());
            if (name.startsWith(QLatin1Char('[')))
                name = name.mid(1, name.size() - 2);
            hosts.append({name, port});
        }
    }
    const QUrl url(m.captured(1) + QStringLiteral("://") +
                       (m.captured(2).isEmpty() ? QString() : m.captured(2) + QLatin1Char('@')) +
                       QStringLiteral("localhost") + m.captured(4) + m.captured(5),
                   QUrl::StrictMode);
    if (!url.isValid())
        return malformed;
    CentralUrl u;
    u.user = url.userName(QUrl::FullyDecoded);
    u.password = url.password(QUrl::FullyDecoded);
    u.database = url.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(url);
    QStringList queryPorts;
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host") && hosts.isEmpty()) {
            // Unix socket folders, or hosts given as a parameter.
            for (const QString& h : value.split(QLatin1Char(',')))
                hosts.append({h, 5432});
        } else if (key == QLatin1String("port") && hostList.isEmpty()) {
            queryPorts = value.split(QLatin1Char(','));
        } else {
            u.options.append({key, value});
        }
    }
    if (!queryPorts.isEmpty()) {
        if (queryPorts.size() != 1 && queryPorts.size() != hosts.size())
            return malformed;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            bool ok = false;
            const int port = queryPorts.value(queryPorts.size() == 1 ? 0 : i).toInt(&ok);
            if (!ok || port < 1 || port > 65535)
                return malformed;
            hosts[i].second = port;
        }
    }
    u.hosts = hosts;
    if (!hosts.isEmpty()) {
        u.host = hosts.first().first;
        u.port = hosts.first().second;
    }
    if (u.host.isEmpty())
        return Error::invalid(QCoreApplication::translate(
            "ow::CentralConnection", "The central database address names no host."));
    if (u.user.isEmpty())
        return Error::invalid(QCoreApplication::translate(
            "ow::CentralConnection", "The central database address names no user."));
    if (u.database.isEmpty())
        u.database = u.user;
    return u;
}

QString CentralUrl::withLogin(const QString& newUser, const QString& newPassword) const
{
    // Built with one host by QUrl (which encodes the rest), then the list.
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(QStringLiteral("localhost"));
    url.setUserName(newUser);
    url.setPassword(newPassword);
    url.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    for (const auto& [key, value] : options)
        query.addQueryItem(key, value);
    const QList<std::pair<QString, int>> all =
        hosts.isEmpty() ? QList<std::pair<QString, int>>{{host, port}} : hosts;
    QStringList parts;
    bool sockets = false;
    for (const auto& [name, p] : all) {
        if (name.startsWith(QLatin1Char('/'))) {
            sockets = true;
            break;
        }
        const QString shown = name.contains(QLatin1Char(':'))
                                  ? QLatin1Char('[') + name + QLatin1Char(']')
                                  : QString::fromUtf8(QUrl::toPercentEncoding(name, ".-_~"));
        parts << shown + QLatin1Char(':') + QString::number(p);
    }
    if (sockets) {
        QStringList folders, ports;
        for (const auto& [name, p] : all) {
            folders << name;
            ports << QString::number(p);
        }
        query.addQueryItem(QStringLiteral("host"), folders.join(QLatin1Char(',')));
        query.addQueryItem(QStringLiteral("port"), ports.join(QLatin1Char(',')));
        parts = QStringList();
    }
    if (!query.isEmpty())
        url.setQuery(query);
    QString out = url.toString(QUrl::FullyEncoded);
    const int at = out.indexOf(QStringLiteral("localhost"));
    out.replace(at, int(qstrlen("localhost")), parts.join(QLatin1Char(',')));
    return out;
}

QString CentralUrl::display() const
{
    return withLogin(user, QString());
}

QString centralUrlFrom(const QString& given)
{
    if (!given.isEmpty())
        return given;
    return qEnvironmentVariable("ONEWINDOW_CENTRAL_URL");
}

CentralConnection::~CentralConnection()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<CentralConnection>> CentralConnection::open(const QString& text)
{
    if (text.trimmed().isEmpty())
        return Error::invalid(tr("No central database given: use --central URL or set "
                                 "ONEWINDOW_CENTRAL_URL."));
    auto url = CentralUrl::parse(text);
    if (!url)
        return url.error();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error::storage(tr("Qt's PostgreSQL driver (QPSQL) is not installed."));

    std::unique_ptr<CentralConnection> c(new CentralConnection);
    c->m_url = url.value();
    c->m_connection =
        QStringLiteral("ow-central-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    c->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), c->m_connection);
    // Several hosts: libpq takes them as lists (host=a,b port=1,2) and
    // tries each until one suits target_session_attrs.
    QStringList hostNames, hostPorts;
    for (const auto& [name, p] : c->m_url.hosts) {
        hostNames << name;
        hostPorts << QString::number(p);
    }
    c->m_db.setHostName(hostNames.join(QLatin1Char(',')));
    if (hostPorts.size() <= 1)
        c->m_db.setPort(c->m_url.port);
    c->m_db.setUserName(c->m_url.user);
    c->m_db.setPassword(c->m_url.password);
    c->m_db.setDatabaseName(c->m_url.database);
    QStringList options;
    bool hasTimeout = false;
    bool hasName = false;
    for (const auto& [key, value] : c->m_url.options) {
        options << key + QLatin1Char('=') + quoted(value);
        hasTimeout = hasTimeout || key == QLatin1String("connect_timeout");
        hasName = hasName || key == QLatin1String("application_name");
    }
    if (hostPorts.size() > 1)
        options << QStringLiteral("port=") + quoted(hostPorts.join(QLatin1Char(',')));
    if (!hasTimeout)
        options << QStringLiteral("connect_timeout=15");
    if (!hasName)
        options << QStringLiteral("application_name=") +
                       quoted(QCoreApplication::applicationName().isEmpty()
                                  ? QStringLiteral("onewindow")
                                  : QCoreApplication::applicationName());
    c->m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!c->m_db.open()) {
        const QSqlError e = c->m_db.lastError();
        Error err = c->errorFrom(e);
        if (err.kind == Error::Kind::Storage || err.kind == Error::Kind::Internal)
            err.kind = Error::Kind::Network;
        err.message = tr("Cannot connect to the central database %1: %2")
                          .arg(c->m_url.display(), ServerError::from(e).message);
        return err;
    }
    if (PGconn* h = pgHandle(c->m_db))
        pq().PQsetErrorContextVisibility(h, PQSHOW_CONTEXT_NEVER);
    if (Status s = c->exec(QStringLiteral("SET client_min_messages = warning")); !s)
        return s.error();
    return c;
}

Status CentralConnection::exec(const QString& sql)
{
    // libpq's PQexec: QPSQL checks only the first result of a string of
    // several statements, PQexec stops at the first error and returns it.
    PGconn* h = pgHandle(m_db);
    if (!h)
        return Error{
            Error::Kind::Internal, tr("The connection to the central database is not open."), {}};
    PGresult* r = pq().PQexec(h, sql.toUtf8().constData());
    const ExecStatusType st = r ? pq().PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
        pq().PQclear(r);
        return {};
    }
    const ServerError se = serverErrorOf(r);
    pq().PQclear(r);
    return errorOf(se);
}

ServerError CentralConnection::serverErrorOf(const PGresult* r) const
{
    PGconn* h = pgHandle(m_db);
    ServerError se;
    if (r) {
        se.state = QString::fromUtf8(pq().PQresultErrorField(r, PG_DIAG_SQLSTATE));
        se.message = QString::fromUtf8(pq().PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
        se.detail = QString::fromUtf8(pq().PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL));
    }
    if (se.message.isEmpty() && h)
        se.message = QString::fromUtf8(pq().PQerrorMessage(h)).trimmed();
    if (se.state.isEmpty() && (!h || pq().PQstatus(h) != CONNECTION_OK))
        se.state = QStringLiteral("08006");
    return se;
}

Status CentralConnection::run(QSqlQuery& q) const
{
    if (!q.exec())
        return errorFrom(q.lastError());
    return {};
}

Result<QJsonValue> CentralConnection::callJson(const QString& sql, const QVariantList& values)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return errorFrom(q.lastError());
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (Status s = run(q); !s)
        return s.error();
    if (!q.next())
        return Error{Error::Kind::Internal, tr("The central database returned no answer."), {}};
    if (q.isNull(0))
        return QJsonValue();
    return parseAnswer(q.value(0).toString().toUtf8());
}

Result<QJsonValue> CentralConnection::callJsonText(const char* sql, const QList<QByteArray>& texts)
{
    if (Status s = sendJsonText(sql, texts); !s)
        return s.error();
    return receiveJson();
}

Status CentralConnection::sendJsonText(const char* sql, const QList<QByteArray>& texts,
                                       const QList<int>& formats)
{
    PGconn* h = pgHandle(m_db);
    if (!h)
        return Error{
            Error::Kind::Internal, tr("The connection to the central database is not open."), {}};
    QList<const char*> values;
    QList<int> lengths;
    for (const QByteArray& t : texts) {
        values.append(t.constData());
        lengths.append(int(t.size()));
    }
    Q_ASSERT(formats.isEmpty() || formats.size() == texts.size());
    if (!pq().PQsendQueryParams(h, sql, int(texts.size()), nullptr, values.constData(),
                                lengths.constData(),
                                formats.isEmpty() ? nullptr : formats.constData(), 0))
        return errorOf(serverErrorOf(nullptr));
    return {};
}

Result<QJsonValue> CentralConnection::receiveJson()
{
    PGconn* h = pgHandle(m_db);
    if (!h)
        return Error{
            Error::Kind::Internal, tr("The connection to the central database is not open."), {}};
    // The call's result, then the null that ends it.
    PGresult* r = pq().PQgetResult(h);
    while (PGresult* more = pq().PQgetResult(h))
        pq().PQclear(more);
    if (!r || pq().PQresultStatus(r) != PGRES_TUPLES_OK) {
        const ServerError se = serverErrorOf(r);
        pq().PQclear(r);
        return errorOf(se);
    }
    if (pq().PQntuples(r) < 1 || pq().PQnfields(r) < 1) {
        pq().PQclear(r);
        return Error{Error::Kind::Internal, tr("The central database returned no answer."), {}};
    }
    if (pq().PQgetisnull(r, 0, 0)) {
        pq().PQclear(r);
        return QJsonValue();
    }
    const QByteArray text =
        QByteArray::fromRawData(pq().PQgetvalue(r, 0, 0), pq().PQgetlength(r, 0, 0));
    auto parsed = parseAnswer(text);
    pq().PQclear(r);
    return parsed;
}

Error CentralConnection::errorFrom(const QSqlError& error) const
{
    return errorOf(ServerError::from(error));
}

Error CentralConnection::errorOf(const ServerError& se) const
{
    const QString text = se.detail.isEmpty() ? se.message : se.detail;
    Error::Kind kind = Error::Kind::Storage;
    if (se.state.startsWith(QLatin1String("08")) || se.state.startsWith(QLatin1String("57P")))
        kind = Error::Kind::Network;
    else if (se.state == QLatin1String("42501") || se.state.startsWith(QLatin1String("28")))
        kind = Error::Kind::Forbidden;
    else if (se.state == QLatin1String("OW404"))
        kind = Error::Kind::NotFound;
    else if (se.state.startsWith(QLatin1String("OW")) || se.state == QLatin1String("23505"))
        kind = Error::Kind::Conflict;
    else if (se.state.startsWith(QLatin1String("22")) || se.state.startsWith(QLatin1String("23")))
        kind = Error::Kind::Invalid;
    return {kind, tr("The central database reported an error: %1").arg(text), {}};
}

bool CentralConnection::isBroken() const
{
    PGconn* h = pgHandle(m_db);
    return !h || pq().PQstatus(h) != CONNECTION_OK;
}

Result<QString> CentralConnection::scramVerifier(const QString& password) const
{
    PGconn* h = pgHandle(m_db);
    if (!h)
        return Error{Error::Kind::Internal,
                     tr("The connection to the central database is not a libpq connection."),
                     {}};
    const QByteArray pw = password.toUtf8();
    char* v = pq().PQencryptPasswordConn(h, pw.constData(), "", "scram-sha-256");
    if (!v)
        return Error{Error::Kind::Internal,
                     tr("The password could not be encrypted: %1")
                         .arg(QString::fromUtf8(pq().PQerrorMessage(h)).trimmed()),
                     {}};
    const QString out = QString::fromUtf8(v);
    pq().PQfreemem(v);
    return out;
}

ServerError ServerError::from(const QSqlError& error)
{
    ServerError se;
    se.state = error.nativeErrorCode();
    QString text = error.databaseText().trimmed();
    // QPSQL appends "(SQLSTATE)" to libpq's message.
    if (!se.state.isEmpty() && text.endsWith(QLatin1Char('(') + se.state + QLatin1Char(')')))
        text.chop(se.state.size() + 2);
    // libpq: "ERROR:  message\nDETAIL:  detail\n..." (the prefixes may be
    // translated, the two spaces after them are not).
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    auto body = [](const QString& line) {
        const int at = line.indexOf(QLatin1String(":  "));
        return (at >= 0 ? line.mid(at + 3) : line).trimmed();
    };
    if (!lines.isEmpty())
        se.message = body(lines.first());
    if (lines.size() > 1 && lines.at(1).contains(QLatin1String(":  ")))
        se.detail = body(lines.at(1));
    if (se.message.isEmpty())
        se.message = error.text();
    return se;
}

CentralTransaction::CentralTransaction(CentralConnection& c) : m_c(c)
{
    if (m_c.db().transaction()) {
        m_open = true;
    } else {
        m_begun = m_c.errorFrom(m_c.db().lastError());
    }
}

CentralTransaction::~CentralTransaction()
{
    if (m_open)
        m_c.db().rollback();
}

Status CentralTransaction::commit()
{
    if (!m_open)
        return Error::storage(
            QCoreApplication::translate("ow::CentralConnection", "No transaction is open."));
    if (!m_c.db().commit())
        return m_c.errorFrom(m_c.db().lastError());
    m_open = false;
    return {};
}

} // namespace ow
