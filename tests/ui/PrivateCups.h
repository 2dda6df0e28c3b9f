#pragma once
// A private cupsd for the print tests: it starts on a free local port with
// a configuration in a temporary folder, holds one cups-pdf queue, and is
// stopped and removed at the end. cups-pdf writes files only as root.
#include "../core/DocumentFixtures.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ow::printtest {

using namespace ow::doctest;

inline const QString kCupsd = QStringLiteral("/usr/sbin/cupsd");
inline const QString kBackend = QStringLiteral("/usr/lib/cups/backend/cups-pdf");
inline const QString kPpd = QStringLiteral("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd");
// cups-pdf reads its configuration from here only; a queue named Q reads cups-pdf-Q.conf.
inline const QString kCupsPdfConfigDir = QStringLiteral("/etc/cups");

// A TCP port nobody listens on at the moment.
inline int freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(s >= 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    socklen_t len = sizeof a;
    REQUIRE(::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    ::close(s);
    return ntohs(a.sin_port);
}

inline void writeFile(const QString& path, const QString& text)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

// Polls `done` until it holds or `ms` pass: the server and the print job
// finish in their own processes, with nothing to wait on but their results.
template <typename F> inline bool waitFor(F done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        if (done())
            return true;
        QThread::msleep(100);
    }
    return done();
}

// A private cupsd: its folders, configuration and queue; stopped and removed at the end.
struct PrivateCups
{
    QTemporaryDir root;
    QString server; // "127.0.0.1:PORT"
    QString queue = QStringLiteral("onewindow-test-%1").arg(::getpid());
    QString out;
    QString cupsPdfConfig;
    QProcess cupsd;

    PrivateCups()
    {
        REQUIRE(root.isValid());
        // cupsd runs its filters as the lp user: the folders must be reachable.
        QFile::setPermissions(root.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                               QFileDevice::ExeOwner | QFileDevice::ReadGroup |
                                               QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                               QFileDevice::ExeOther);
        QDir dir(root.path());
        for (const char* sub : {"spool", "cache", "state", "tmp", "log", "out"})
            REQUIRE(dir.mkpath(QLatin1String(sub)));
        REQUIRE(QProcess::execute(QStringLiteral("chmod"),
                                  {QStringLiteral("1777"), dir.filePath(QStringLiteral("tmp")),
                                   dir.filePath(QStringLiteral("out"))}) == 0);
        out = dir.filePath(QStringLiteral("out"));
        server = QStringLiteral("127.0.0.1:%1").arg(freePort());
        writeFile(dir.filePath(QStringLiteral("cupsd.conf")),
                  QStringLiteral("Listen %1\n"
                                 "LogLevel debug\n"
                                 "WebInterface No\n"
                                 "Browsing No\n"
                                 "DefaultAuthType None\n"
                                 "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                 "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
                                 "<Policy default>\n  <Limit All>\n    Order allow,deny\n"
                                 "    Allow all\n  </Limit>\n</Policy>\n")
                      .arg(server));
        writeFile(dir.filePath(QStringLiteral("cups-files.conf")),
                  QStringLiteral("ServerRoot %1\nRequestRoot %1/spool\nCacheDir %1/cache\n"
                                 "StateDir %1/state\nTempDir %1/tmp\nAccessLog %1/log/access_log\n"
                                 "ErrorLog %1/log/error_log\nPageLog %1/log/page_log\n"
                                 "FileDevice No\n")
                      .arg(root.path()));
        cupsPdfConfig = kCupsPdfConfigDir + QStringLiteral("/cups-pdf-%1.conf").arg(queue);
        writeFile(
            cupsPdfConfig,
            QStringLiteral("Out %1\nAnonDirName %1\nLog %2/log\nLabel 1\n").arg(out, root.path()));
        cupsd.start(kCupsd, {QStringLiteral("-f"), QStringLiteral("-c"),
                             dir.filePath(QStringLiteral("cupsd.conf")), QStringLiteral("-s"),
                             dir.filePath(QStringLiteral("cups-files.conf"))});
        REQUIRE(cupsd.waitForStarted());
        const bool running = waitFor(
            [&] {
                return lp(QStringLiteral("lpstat"), {QStringLiteral("-r")})
                    .out.contains(QStringLiteral("scheduler is running"));
            },
            20000);
        INFO(log().toStdString());
        REQUIRE(running);
        const auto added =
            lp(QStringLiteral("lpadmin"),
               {QStringLiteral("-p"), queue, QStringLiteral("-E"), QStringLiteral("-v"),
                QStringLiteral("cups-pdf:/") + queue, QStringLiteral("-P"), kPpd});
        INFO(added.err.toStdString());
        REQUIRE(added.exitCode == 0);
    }
    ~PrivateCups()
    {
        cupsd.terminate();
        if (!cupsd.waitForFinished(10000))
            cupsd.kill();
        QFile::remove(cupsPdfConfig);
    }
    test::ProcessResult lp(const QString& program, QStringList args) const
    {
        args.prepend(server);
        args.prepend(QStringLiteral("-h"));
        return tool(program, args);
    }
    QString log() const
    {
        QFile f(root.filePath(QStringLiteral("log/error_log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(4000)) : QString();
    }
    QStringList pdfs() const { return QDir(out).entryList({QStringLiteral("*.pdf")}, QDir::Files); }
};

} // namespace ow::printtest
