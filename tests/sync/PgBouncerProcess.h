#pragma once

// A PgBouncer of its own in front of the test PostgreSQL server, configured
// with the settings of the README's recipe (section "Many sites:
// PgBouncer"), read from the README itself: only the addresses, ports and
// file paths are this machine's. Used by the sync tests and the benchmarks,
// so it needs Qt only.
//
// PgBouncer refuses to run as root: as root it runs as `postgres`, as the
// server of tests/sync/pg-cluster.sh does, otherwise as the current user. It
// runs in the foreground as a child of this process and dies with it
// (PR_SET_PDEATHSIG), so a test that fails or crashes leaves none running.
#include <QMap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace ow::test {

class PgBouncerProcess
{
public:
    struct Options
    {
        QString serverHost = QStringLiteral("127.0.0.1");
        int serverPort = 0;
        QString database;     // the [databases] entry, with the server's database of that name
        QString userlistFile; // PgBouncer's auth_file (copied)
        QString tlsCert;      // the certificate shown to the clients, and its key (copied)
        QString tlsKey;
        // Settings of [pgbouncer] set to other values than the recipe's.
        QMap<QString, QString> overrides;
    };

    // Starts PgBouncer and waits until it accepts connections; null with
    // `error` set when it could not.
    static std::unique_ptr<PgBouncerProcess> start(const Options& options, QString* error);
    ~PgBouncerProcess(); // stops it
    PgBouncerProcess(const PgBouncerProcess&) = delete;
    PgBouncerProcess& operator=(const PgBouncerProcess&) = delete;

    int port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    QString iniText() const { return m_ini; }
    QString log() const;
    // Stops PgBouncer (SIGTERM, then SIGKILL after 10 s).
    void stop();

    // The [pgbouncer] settings and [databases] lines of the recipe in README.md.
    static QMap<QString, QString> recipeSettings(const QString& readme, QStringList* databases,
                                                 QString* error);
    // The README.md of the source tree.
    static QString readmePath();

private:
    PgBouncerProcess() = default;

    QTemporaryDir m_dir;
    QProcess m_process;
    int m_port = 0;
    QString m_ini;
};

} // namespace ow::test
