#include "PgBouncerProcess.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace ow::test {

namespace {

const QString recipeStart = QStringLiteral("; /etc/pgbouncer/pgbouncer.ini");

bool copyTo(const QString& from, const QString& to, QString* error)
{
    QFile::remove(to);
    if (!QFile::copy(from, to)) {
        *error = QStringLiteral("cannot copy %1 to %2").arg(from, to);
        return false;
    }
    QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

bool portFree(int port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, quint16(port));
}

} // namespace

QString PgBouncerProcess::readmePath()
{
    return QStringLiteral(OW_SOURCE_DIR "/README.md");
}

QMap<QString, QString> PgBouncerProcess::recipeSettings(const QString& readme,
                                                        QStringList* databases, QString* error)
{
    QMap<QString, QString> settings;
    QFile f(readme);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1").arg(readme);
        return settings;
    }
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    int i = 0;
    while (i < lines.size() && lines.at(i).trimmed() != recipeStart)
        ++i;
    if (i == lines.size()) {
        *error = QStringLiteral("%1 has no line '%2'").arg(readme, recipeStart);
        return settings;
    }
    QString section;
    for (++i; i < lines.size() && lines.at(i).startsWith(QLatin1String("    ")); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.startsWith(QLatin1Char('[')))
            section = line;
        else if (section == QLatin1String("[databases]"))
            databases->append(line);
        else if (section == QLatin1String("[pgbouncer]") && line.contains(QLatin1Char('=')))
            settings.insert(line.section(QLatin1Char('='), 0, 0).trimmed(),
                            line.section(QLatin1Char('='), 1).trimmed());
    }
    if (settings.isEmpty() || databases->isEmpty())
        *error = QStringLiteral("the recipe in %1 has no [databases] or [pgbouncer] settings")
                     .arg(readme);
    return settings;
}

std::unique_ptr<PgBouncerProcess> PgBouncerProcess::start(const Options& o, QString* error)
{
    QStringList databases;
    QMap<QString, QString> settings = recipeSettings(readmePath(), &databases, error);
    if (!error->isEmpty())
        return nullptr;
    const QString program = QStandardPaths::findExecutable(
        QStringLiteral("pgbouncer"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    if (program.isEmpty()) {
        *error = QStringLiteral("PgBouncer is not installed: run packaging/install-deps.sh");
        return nullptr;
    }

    std::unique_ptr<PgBouncerProcess> p(new PgBouncerProcess);
    if (!p->m_dir.isValid()) {
        *error = QStringLiteral("no temporary folder for PgBouncer");
        return nullptr;
    }
    const QString userlist = p->m_dir.filePath(QStringLiteral("userlist.txt"));
    const QString cert = p->m_dir.filePath(QStringLiteral("server.crt"));
    const QString key = p->m_dir.filePath(QStringLiteral("server.key"));
    if (!copyTo(o.userlistFile, userlist, error))
        return nullptr;
    if (settings.contains(QStringLiteral("client_tls_cert_file")) &&
        (!copyTo(o.tlsCert, cert, error) || !copyTo(o.tlsKey, key, error)))
        return nullptr;

    // As root, PgBouncer runs as `postgres`: its folder and files are given to it.
    const bool root = ::geteuid() == 0;
    uid_t uid = ::getuid();
    gid_t gid = ::getgid();
    if (root) {
        const passwd* pw = ::getpwnam("postgres");
        if (!pw) {
            *error = QStringLiteral("running as root, but there is no 'postgres' user to run "
                                    "PgBouncer");
            return nullptr;
        }
        uid = pw->pw_uid;
        gid = pw->pw_gid;
        for (const QString& path : {p->m_dir.path(), userlist, cert, key})
            if (QFile::exists(path) &&
                ::chown(QFile::encodeName(path).constData(), uid, gid) != 0) {
                *error = QStringLiteral("cannot give %1 to postgres").arg(path);
                return nullptr;
            }
    }

    // The recipe's databases, pointed at the test server's database.
    QStringList dbLines;
    for (QString line : databases) {
        line.replace(QRegularExpression(QStringLiteral("^\\S+")), o.database);
        line.replace(QRegularExpression(QStringLiteral("\\bhost=\\S+")),
                     QStringLiteral("host=") + o.serverHost);
        line.replace(QRegularExpression(QStringLiteral("\\bport=\\d+")),
                     QStringLiteral("port=") + QString::number(o.serverPort));
        line.replace(QRegularExpression(QStringLiteral("\\bdbname=\\S+")),
                     QStringLiteral("dbname=") + o.database);
        dbLines << line;
    }
    settings.insert(QStringLiteral("listen_addr"), QStringLiteral("127.0.0.1"));
    settings.insert(QStringLiteral("auth_file"), userlist);
    if (settings.contains(QStringLiteral("client_tls_cert_file"))) {
        settings.insert(QStringLiteral("client_tls_cert_file"), cert);
        settings.insert(QStringLiteral("client_tls_key_file"), key);
    }
    // In the foreground, logging to standard error, no unix socket, no pid file.
    settings.insert(QStringLiteral("unix_socket_dir"), QString());
    settings.insert(QStringLiteral("logfile"), QString());
    settings.insert(QStringLiteral("pidfile"), QString());
    for (auto it = o.overrides.begin(); it != o.overrides.end(); ++it)
        settings.insert(it.key(), it.value());

    const pid_t parent = ::getpid();
    p->m_process.setChildProcessModifier([root, uid, gid, parent] {
        if (root && (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0))
            ::_exit(126);
        // Set after the change of user, which clears it: PgBouncer dies with this process.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent)
            ::_exit(126);
    });
    p->m_process.setWorkingDirectory(p->m_dir.path());
    p->m_process.setProcessChannelMode(QProcess::MergedChannels);

    for (int attempt = 0; attempt < 20; ++attempt) {
        int port = 20000 + int(QRandomGenerator::global()->bounded(40000));
        if (!portFree(port))
            continue;
        settings.insert(QStringLiteral("listen_port"), QString::number(port));
        QString ini = QStringLiteral("[databases]\n") + dbLines.join(QLatin1Char('\n')) +
                      QStringLiteral("\n[pgbouncer]\n");
        for (auto it = settings.begin(); it != settings.end(); ++it)
            ini += it.key() + QStringLiteral(" = ") + it.value() + QLatin1Char('\n');
        const QString iniFile = p->m_dir.filePath(QStringLiteral("pgbouncer.ini"));
        QFile f(iniFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(ini.toUtf8()) < 0) {
            *error = QStringLiteral("cannot write %1").arg(iniFile);
            return nullptr;
        }
        f.close();
        if (root)
            (void)::chown(QFile::encodeName(iniFile).constData(), uid, gid);
        p->m_ini = ini;
        p->m_port = port;

        p->m_process.setStandardOutputFile(p->m_dir.filePath(QStringLiteral("pgbouncer.log")));
        p->m_process.start(program, {iniFile});
        if (!p->m_process.waitForStarted(10000)) {
            *error = QStringLiteral("PgBouncer did not start: ") + p->m_process.errorString();
            return nullptr;
        }
        // Ready when it accepts a connection; gone when it could not start.
        for (int wait = 0; wait < 150; ++wait) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(port));
            if (probe.waitForConnected(200))
                return p;
            if (p->m_process.waitForFinished(100))
                break;
        }
        p->stop();
        const QString log = p->log();
        if (!log.contains(QLatin1String("Address already in use"))) {
            *error = QStringLiteral("PgBouncer did not come up on port %1:\n%2").arg(port).arg(log);
            return nullptr;
        }
    }
    *error = QStringLiteral("no free port found for PgBouncer");
    return nullptr;
}

PgBouncerProcess::~PgBouncerProcess()
{
    stop();
}

void PgBouncerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

QString PgBouncerProcess::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("pgbouncer.log")));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace ow::test
