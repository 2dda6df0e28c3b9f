// A fault campaign: randomized schedules of real counter processes and a
// real centre (a PostgreSQL primary with a streaming standby), faults
// injected at random points, and at the end every counter's view compared
// with the centre's.
//
//   ow_fault_campaign [--seed S] [--runs N] [--seeds S1,S2,...] [--steps K]
//                     [--admin PATH] [--verbose]
//
// Run i uses the seed S + i (or the i-th of --seeds); `--seed S --runs 1`
// runs one schedule again, with as many steps (8 unless --steps says).
// The seed fixes the schedule (which counters do what, which faults, where
// and after how long); the timing of real processes around it is the
// machine's. Each run prints one line: its seed, its faults, what was
// accepted, and lost / duplicated / diverged / wedged. The last line is the
// tally. Exit 0 when no run lost, duplicated, diverged or wedged.
#include "PgEnvFile.h"
#include "store/DataDir.h"
#include "store/Database.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"
#include "sync/Outbox.h"
#include "sync/SyncStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <vector>

#ifndef OW_ADMIN_EXE
#error "OW_ADMIN_EXE must name the onewindow-admin program"
#endif
#ifndef OW_SOURCE_DIR
#error "OW_SOURCE_DIR must name the source tree"
#endif

using namespace ow;

namespace {

// ---------------------------------------------------------------------------
// Interruption: SIGINT, SIGTERM and SIGHUP end the current run through the
// normal path, so that every process and folder it made is removed.

volatile std::sig_atomic_t g_interrupted = 0;

void onSignal(int)
{
    g_interrupted = 1;
}

struct Interrupted : std::runtime_error
{
    Interrupted() : std::runtime_error("interrupted") {}
};

// A run that could not be carried out (a server that did not start, ...):
// counted apart from the four outcomes, and it fails the campaign too.
struct RunError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

void checkInterrupted()
{
    if (g_interrupted)
        throw Interrupted();
}

void pause(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        checkInterrupted();
        QThread::msleep(static_cast<unsigned long>(qMin<qint64>(20, ms - t.elapsed() + 1)));
    }
}

bool g_verbose = false;
QElapsedTimer g_clock;

void say(const QString& s)
{
    if (g_verbose) {
        std::fprintf(stderr, "%7.1f  %s\n", double(g_clock.elapsed()) / 1000.0, qPrintable(s));
        std::fflush(stderr);
    }
}

// ---------------------------------------------------------------------------
// The schedule's random numbers: a fixed generator (splitmix64), the same
// on every machine and library.

class Rng
{
public:
    explicit Rng(quint64 seed) : m_s(seed) {}
    quint64 next()
    {
        quint64 z = (m_s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 1 ? 0 : int(next() % quint64(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }

private:
    quint64 m_s;
};

// ---------------------------------------------------------------------------
// Processes

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("Asia/Shanghai"));
    env.remove(QStringLiteral("ONEWINDOW_SYNC_KILL_AT"));
    env.remove(QStringLiteral("ONEWINDOW_CENTRAL_URL"));
    return env;
}

struct Finished
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// A child process; killed (SIGKILL) and reaped when dropped.
class Child
{
public:
    Child(const QString& program, const QStringList& args,
          const QProcessEnvironment& env = childEnvironment(), const QByteArray& input = {})
    {
        m_p.setProcessEnvironment(env);
        m_p.start(program, args);
        if (!m_p.waitForStarted(30000))
            throw RunError("cannot start " + program.toStdString());
        if (!input.isEmpty())
            m_p.write(input);
        m_p.closeWriteChannel();
    }
    ~Child()
    {
        if (m_p.state() != QProcess::NotRunning) {
            m_p.kill();
            m_p.waitForFinished(30000);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    bool running() { return m_p.state() != QProcess::NotRunning; }
    void kill()
    {
        if (running())
            m_p.kill(); // SIGKILL
    }
    // Waits up to `ms`, then kills it.
    Finished wait(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (!m_p.waitForFinished(50)) {
            if (m_p.state() == QProcess::NotRunning)
                break;
            if (g_interrupted) {
                kill();
                m_p.waitForFinished(30000);
                throw Interrupted();
            }
            if (t.elapsed() > ms) {
                kill();
                m_p.waitForFinished(30000);
                break;
            }
        }
        Finished f;
        f.crashed = m_p.exitStatus() == QProcess::CrashExit;
        f.exitCode = f.crashed ? -1 : m_p.exitCode();
        f.out = QString::fromUtf8(m_p.readAllStandardOutput());
        f.err = QString::fromUtf8(m_p.readAllStandardError());
        return f;
    }

private:
    QProcess m_p;
};

Finished run(const QString& program, const QStringList& args,
             const QProcessEnvironment& env = childEnvironment(), int ms = 120000)
{
    Child c(program, args, env);
    return c.wait(ms);
}

void mustRun(const QString& program, const QStringList& args,
             const QProcessEnvironment& env = childEnvironment())
{
    const Finished f = run(program, args, env, 180000);
    if (f.exitCode != 0)
        throw RunError(QStringLiteral("%1 %2 failed: %3")
                           .arg(program, args.join(QLatin1Char(' ')), f.err.trimmed())
                           .toStdString());
}

QString kAdmin = QStringLiteral(OW_ADMIN_EXE); // --admin PATH: another build's
const QString kPgBin = QStringLiteral("/usr/lib/postgresql/15/bin/");

// libfaketime (Debian package faketime): the clock of one process, moved.
// The multithreaded variant: Qt and libpq may start threads.
QString faketimeLibrary()
{
    static const QString found = [] {
        const QStringList dirs =
            QDir(QStringLiteral("/usr/lib"))
                .entryList({QStringLiteral("*-linux-gnu*")}, QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& d : dirs) {
            const QString lib = QStringLiteral("/usr/lib/%1/faketime/libfaketimeMT.so.1").arg(d);
            if (QFile::exists(lib))
                return lib;
        }
        return QString();
    }();
    if (found.isEmpty())
        throw RunError("libfaketime is not installed (Debian package faketime; "
                       "packaging/install-deps.sh installs it)");
    return found;
}

// ---------------------------------------------------------------------------
// The centre: a primary and a streaming standby (tests/sync/pg-cluster.sh).

struct Server
{
    QString dir; // pg-cluster.sh's DIR (pg.env, pg_ctl)
    QString host;
    int port = 0;
    QString password;
    QString pgCtl;
    QString cluster;
    bool up = true;

    QString url(const QString& database) const
    {
        QUrl u;
        u.setScheme(QStringLiteral("postgresql"));
        u.setHost(host);
        u.setPort(port);
        u.setUserName(QStringLiteral("postgres"));
        u.setPassword(password);
        u.setPath(QLatin1Char('/') + database);
        u.setQuery(QStringLiteral("sslmode=disable&connect_timeout=10"));
        return u.toString(QUrl::FullyEncoded);
    }
};

Server readServer(const QString& dir)
{
    const QString file = dir + QStringLiteral("/pg.env");
    const std::optional<test::PgEnvFile> env = test::PgEnvFile::read(file);
    if (!env)
        throw RunError("no pg.env in " + dir.toStdString());
    if (!env->complete())
        throw RunError("incomplete " + file.toStdString());
    Server s;
    s.dir = dir;
    s.host = env->host;
    s.port = env->port;
    s.password = env->password;
    s.pgCtl = env->pgCtl;
    s.cluster = env->cluster;
    return s;
}

std::unique_ptr<CentralConnection> connect(const QString& url)
{
    auto c = CentralConnection::open(url);
    if (!c)
        throw RunError("cannot connect to the centre: " + c.error().fullText().toStdString());
    return std::move(c.value());
}

// Stops and removes one server of pg-cluster.sh: at once (-m immediate),
// since its folder goes anyway. Not interruptible: it must happen.
void removeServer(const QString& script, const QString& dir)
{
    QProcess ctl;
    ctl.start(dir + QStringLiteral("/pg_ctl"), {QStringLiteral("stop"), QStringLiteral("-m"),
                                                QStringLiteral("immediate"), QStringLiteral("-w")});
    ctl.waitForFinished(60000);
    QProcess p;
    p.setProcessEnvironment(childEnvironment());
    p.start(QStringLiteral("bash"), {script, QStringLiteral("stop"), dir});
    p.waitForFinished(180000);
}

// The servers started, removed whatever happened (also when the centre's
// constructor did not finish).
struct ClusterGuard
{
    QString script = QStringLiteral(OW_SOURCE_DIR "/tests/sync/pg-cluster.sh");
    QStringList started;
    ClusterGuard() = default;
    ClusterGuard(const ClusterGuard&) = delete;
    ClusterGuard& operator=(const ClusterGuard&) = delete;
    ~ClusterGuard()
    {
        for (auto it = started.crbegin(); it != started.crend(); ++it)
            removeServer(script, *it);
    }
};

// The centre: a primary and its streaming standby, kept from run to run
// (each run has databases of its own, dropped after it). After a failover
// the old primary is removed and a new standby of the promoted server is
// made, so that the next run finds a pair again.
class Centre
{
public:
    explicit Centre(const QString& root) : m_root(root)
    {
        servers[0] = newServer({QStringLiteral("start")});
        {
            // After a crash the server syncs its data folder before it
            // recovers: one syncfs instead of an fsync per file.
            auto admin = connect(servers[0].url(QStringLiteral("postgres")));
            for (const char* sql : {"ALTER SYSTEM SET recovery_init_sync_method = 'syncfs'",
                                    "SELECT pg_reload_conf()"})
                if (Status s = admin->exec(QLatin1String(sql)); !s)
                    throw RunError(s.error().fullText().toStdString());
        }
        servers[1] = newServer({QStringLiteral("standby"), QString(), servers[0].dir});
        waitStreaming();
        // Every run's database is a copy of this one, migrated once.
        {
            auto admin = connect(servers[0].url(QStringLiteral("postgres")));
            if (Status s = admin->exec(QStringLiteral("CREATE DATABASE ow_template")); !s)
                throw RunError(s.error().fullText().toStdString());
        }
        auto admin = connect(servers[0].url(QStringLiteral("ow_template")));
        if (auto m = CentralMigrations::apply(*admin); !m)
            throw RunError("migrations: " + m.error().fullText().toStdString());
    }
    Centre(const Centre&) = delete;
    Centre& operator=(const Centre&) = delete;

    Server servers[2];
    int primary = 0; // which of the two takes writes
    bool failedOver = false;
    QString database;         // the run's database, as the counters know it
    QStringList runDatabases; // every database of the run, dropped after it

    Server& current() { return servers[primary]; }
    QString adminUrl() { return current().url(database); }

    // A fresh database for a run, copied from the migrated template.
    void newRun(const QString& name)
    {
        auto admin = connect(current().url(QStringLiteral("postgres")));
        if (Status s =
                admin->exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE ow_template").arg(name));
            !s)
            throw RunError(s.error().fullText().toStdString());
        database = name;
        runDatabases = {name};
    }

    // After a run: its databases dropped, both servers up, a standby streaming.
    void recover()
    {
        if (!current().up)
            start(current());
        {
            auto admin = connect(current().url(QStringLiteral("postgres")));
            for (const QString& db : std::as_const(runDatabases))
                if (Status s = admin->exec(
                        QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db));
                    !s)
                    throw RunError(s.error().fullText().toStdString());
        }
        runDatabases.clear();
        if (failedOver) {
            const int old = 1 - primary;
            removeServer(m_guard.script, servers[old].dir);
            m_guard.started.removeAll(servers[old].dir);
            servers[old] = newServer({QStringLiteral("standby"), QString(), current().dir});
            failedOver = false;
            // The primary first again, as at the start: every run begins
            // alike, and a seed runs again as it ran in any campaign.
            std::swap(servers[0], servers[1]);
            primary = 0;
        } else if (!servers[1 - primary].up) {
            start(servers[1 - primary]);
        }
        waitStreaming();
    }

    // A site's address naming both servers: libpq finds the writable one.
    QString siteUrl(const NewSite& site) const
    {
        auto u = CentralUrl::parse(site.url);
        if (!u)
            throw RunError("bad site URL: " + u.error().fullText().toStdString());
        CentralUrl both = u.value();
        both.hosts = {{servers[0].host, servers[0].port}, {servers[1].host, servers[1].port}};
        both.host = servers[0].host;
        both.port = servers[0].port;
        both.database = database;
        both.options = {{QStringLiteral("target_session_attrs"), QStringLiteral("read-write")},
                        {QStringLiteral("connect_timeout"), QStringLiteral("3")},
                        {QStringLiteral("sslmode"), QStringLiteral("disable")}};
        return both.withLogin(u->user, u->password);
    }

    void pgCtl(Server& s, const QStringList& args) { mustRun(s.pgCtl, args); }

    // pg_ctl stop -m immediate: the server dies without a checkpoint.
    void crash(Server& s)
    {
        pgCtl(s, {QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("immediate"),
                  QStringLiteral("-w")});
        s.up = false;
    }
    void stopFast(Server& s)
    {
        pgCtl(s, {QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("fast"),
                  QStringLiteral("-w")});
        s.up = false;
    }
    void start(Server& s)
    {
        pgCtl(s, {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-t"),
                  QStringLiteral("120"), QStringLiteral("-l"),
                  s.cluster + QStringLiteral("/server.log")});
        s.up = true;
    }

    // The primary dies; the standby is promoted.
    void failOver()
    {
        crash(current());
        primary = 1 - primary;
        pgCtl(current(), {QStringLiteral("promote"), QStringLiteral("-w")});
        failedOver = true;
    }

    void waitStreaming()
    {
        auto admin = connect(current().url(QStringLiteral("postgres")));
        QElapsedTimer t;
        t.start();
        for (;;) {
            QSqlQuery q = admin->query();
            if (q.exec(QStringLiteral(
                    "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) &&
                q.next() && q.value(0).toInt() > 0)
                return;
            if (t.elapsed() > 60000)
                throw RunError("the standby does not stream");
            pause(50);
        }
    }

    // A PostgreSQL client program as the superuser of the current primary.
    void pgTool(const QString& program, const QStringList& args)
    {
        Server& s = current();
        QProcessEnvironment env = childEnvironment();
        env.insert(QStringLiteral("PGPASSWORD"), s.password);
        env.insert(QStringLiteral("PGSSLMODE"), QStringLiteral("disable"));
        mustRun(kPgBin + program,
                QStringList{QStringLiteral("-h"), s.host, QStringLiteral("-p"),
                            QString::number(s.port), QStringLiteral("-U"),
                            QStringLiteral("postgres")} +
                    args,
                env);
    }

private:
    ClusterGuard m_guard; // first: stops the servers last
    QString m_root;
    int m_made = 0;

    // pg-cluster.sh start|standby in a new folder. Durable commits: what the
    // primary answered survives its crash. The standby is asynchronous: a
    // failover may lose a tail, which the counters must send again.
    Server newServer(QStringList args)
    {
        const QString dir = m_root + QStringLiteral("/server%1").arg(m_made++);
        if (args.size() > 1)
            args[1] = dir;
        else
            args << dir;
        QProcessEnvironment env = childEnvironment();
        env.insert(QStringLiteral("PG_DURABLE"), QStringLiteral("1"));
        m_guard.started << dir;
        mustRun(QStringLiteral("bash"), QStringList{m_guard.script} + args, env);
        return readServer(dir);
    }
};

// ---------------------------------------------------------------------------
// Counters: each its own site and data folder, driven by onewindow-admin.

// A valid resident ID number for applicant n (GB 11643 check digit).
QString residentId(int n)
{
    const QString body = QStringLiteral("32058119800101") +
                         QStringLiteral("%1").arg(n % 1000, 3, 10, QLatin1Char('0'));
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char checks[] = "10X98765432";
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += (body.at(i).unicode() - '0') * weights[i];
    return body + QLatin1Char(checks[sum % 11]);
}

// An intake document: an immediate item (completed at the window) or a
// promised one (accepted, then moved along by `case ...`).
QJsonObject intakeDocument(const QString& site, const QString& requestId, int n, bool promised)
{
    QJsonArray materials;
    auto material = [&](const char* id, const char* form) {
        materials.append(QJsonObject{{QStringLiteral("id"), QLatin1String(id)},
                                     {QStringLiteral("state"), QStringLiteral("received")},
                                     {QStringLiteral("form"), QLatin1String(form)}});
    };
    if (promised) {
        material("id-card", "original+copy");
        material("household-register", "copy");
        material("social-security-card", "original");
    } else {
        material("id-card", "original");
    }
    return QJsonObject{
        {QStringLiteral("format"), QStringLiteral("onewindow-intake")},
        {QStringLiteral("requestId"), requestId},
        {QStringLiteral("site"), site},
        {QStringLiteral("siteLevel"), QStringLiteral("city")},
        {QStringLiteral("window"), QStringLiteral("A03")},
        {QStringLiteral("clerk"), QStringLiteral("张敏")},
        {QStringLiteral("channel"), QStringLiteral("counter")},
        {QStringLiteral("applicant"),
         QJsonObject{
             {QStringLiteral("kind"), QStringLiteral("natural")},
             {QStringLiteral("idNumber"), residentId(n)},
             {QStringLiteral("name"), QStringLiteral("申请人%1").arg(n)},
             {QStringLiteral("phone"), QStringLiteral("13812345678")},
             {QStringLiteral("address"), QStringLiteral("江苏省常熟市虞山街道书院街88号")}}},
        {QStringLiteral("items"),
         QJsonArray{promised ? QStringLiteral("RSJ-JF-001") : QStringLiteral("RSJ-GG-004")}},
        {QStringLiteral("materials"), materials},
        {QStringLiteral("delivery"),
         QJsonObject{{QStringLiteral("method"), QStringLiteral("pickup")}}},
        {QStringLiteral("decision"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("accept")}}}};
}

struct CaseView
{
    QString number;
    QString siteCode;
    QString status;
    QString history; // the statuses it went through, in order
};

struct Counter
{
    int index = 0;
    NewSite site;
    QString dataDir;
    int nextApplicant = 0;
    int nextRequest = 0;

    QStringList args(const QStringList& command) const
    {
        return QStringList{QStringLiteral("--data-dir"), dataDir} + command;
    }

    void configure(const QString& url) const
    {
        mustRun(kAdmin,
                args({QStringLiteral("sync"), QStringLiteral("configure"),
                      QStringLiteral("--central"), url, QStringLiteral("--site"), site.code}));
    }

    // A batch of n intakes for `intake --json -`.
    QByteArray batch(Rng& rng, int n, quint64 seed)
    {
        QJsonArray docs;
        for (int i = 0; i < n; ++i)
            docs.append(intakeDocument(
                site.code, QStringLiteral("run%1-c%2-%3").arg(seed).arg(index).arg(++nextRequest),
                index * 300 + (++nextApplicant % 300), rng.chance(60)));
        return QJsonDocument(docs).toJson(QJsonDocument::Compact);
    }

    std::unique_ptr<Database> open() const
    {
        auto db = Database::open(storeFile(dataDir));
        if (!db)
            throw RunError("cannot open the store of counter " + std::to_string(index) + ": " +
                           db.error().fullText().toStdString());
        return std::move(db.value());
    }

    // The counter PC's clock a day off (libfaketime): a batch of intakes by
    // `intake --json -`, then a sync pass, both on that clock.
    int acceptWithClock(Rng& rng, int n, quint64 seed, qint64 offsetSecs)
    {
        QProcessEnvironment env = childEnvironment();
        env.insert(QStringLiteral("LD_PRELOAD"), faketimeLibrary());
        env.insert(QStringLiteral("FAKETIME"),
                   (offsetSecs < 0 ? QStringLiteral("-%1") : QStringLiteral("+%1"))
                       .arg(std::abs(offsetSecs)));
        // Timers (QElapsedTimer, libpq's timeouts) keep the machine's pace.
        env.insert(QStringLiteral("FAKETIME_DONT_FAKE_MONOTONIC"), QStringLiteral("1"));
        Child intake(
            kAdmin, args({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")}),
            env, batch(rng, n, seed));
        const Finished f = intake.wait(120000);
        if (f.exitCode != 0)
            throw RunError("intakes with the clock off failed: " + f.err.trimmed().toStdString());
        Child pass(kAdmin, args({QStringLiteral("sync"), QStringLiteral("--once")}), env);
        (void)pass.wait(120000); // the centre may be offline: the outbox keeps them
        return n;
    }

    // The cases this store holds: id -> view.
    QMap<QString, CaseView> cases() const
    {
        auto db = open();
        QMap<QString, CaseView> out;
        QSqlQuery q = db->query();
        if (!q.exec(QStringLiteral("SELECT c.id, c.case_number, c.site_code, c.status, "
                                   "(SELECT group_concat(to_status, ',') FROM (SELECT to_status "
                                   "FROM case_status_history h WHERE h.case_id = c.id ORDER BY "
                                   "h.id)) FROM intake_case c WHERE c.case_number IS NOT NULL")))
            throw RunError("cannot read the cases of counter " + std::to_string(index));
        while (q.next())
            out.insert(q.value(0).toString(), {q.value(1).toString(), q.value(2).toString(),
                                               q.value(3).toString(), q.value(4).toString()});
        return out;
    }

    // Cases a clerk can move on: number -> status.
    QList<std::pair<QString, QString>> movable() const
    {
        auto db = open();
        QSqlQuery q = db->query();
        QList<std::pair<QString, QString>> out;
        if (!q.exec(QStringLiteral("SELECT case_number, status FROM intake_case WHERE status IN "
                                   "('accepted', 'forwarded', 'approved') ORDER BY case_number")))
            throw RunError("cannot read the cases of counter " + std::to_string(index));
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString()});
        return out;
    }

    int waiting() const
    {
        auto db = open();
        auto n = Outbox(*db).count();
        if (!n)
            throw RunError(n.error().fullText().toStdString());
        return n.value();
    }
    int quarantined() const
    {
        auto db = open();
        auto n = SyncStore(*db).quarantineCount();
        if (!n)
            throw RunError(n.error().fullText().toStdString());
        return n.value();
    }
};

// ---------------------------------------------------------------------------
// One run

enum Fault {
    KillCounter,
    CrashCentre,
    FailOver,
    Restore,
    DoublePush,
    ClockOff,
    CutConnections,
    DayOffline,
    FaultCount
};

const char* faultName(int f)
{
    static const char* names[] = {"kill-9",      "centre-crash", "failover", "restore",
                                  "double-push", "clock-off",    "conn-cut", "offline"};
    return names[f];
}

struct Outcome
{
    quint64 seed = 0;
    QStringList faults;
    int accepted = 0; // cases the counters hold
    int central = 0;  // cases the centre holds
    int lost = 0;
    int duplicated = 0;
    int diverged = 0;
    int wedged = 0;
    QString error; // the run could not be carried out
    QStringList details;
    qint64 ms = 0;
    bool failed() const { return lost || duplicated || diverged || wedged || !error.isEmpty(); }
};

class Run
{
public:
    Run(Centre& centre, quint64 seed, int steps)
        : m_seed(seed), m_rng(seed), m_steps(steps), m_centre(&centre)
    {
        m_out.seed = seed;
    }

    Outcome go()
    {
        QElapsedTimer t;
        t.start();
        try {
            plan();
            setUp();
            say(QStringLiteral("set up in %1 ms").arg(t.elapsed()));
            schedule();
            say(QStringLiteral("schedule done at %1 ms").arg(t.elapsed()));
            settle();
            say(QStringLiteral("settled at %1 ms").arg(t.elapsed()));
            compare();
        } catch (const RunError& e) {
            m_out.error = QString::fromStdString(e.what());
        }
        for (int f = 0; f < FaultCount; ++f)
            if (m_did[f])
                m_out.faults << QLatin1String(faultName(f));
        m_out.ms = t.elapsed();
        return m_out;
    }

private:
    quint64 m_seed;
    Rng m_rng;
    int m_steps;
    Outcome m_out;
    bool m_fault[FaultCount] = {};
    bool m_did[FaultCount] = {}; // the faults that happened
    QTemporaryDir m_root{QDir::tempPath() + QStringLiteral("/ow-fault.XXXXXX")};
    Centre* m_centre;
    std::vector<Counter> m_counters;
    QString m_dump;          // a dump taken mid-run, for the restore
    int m_restoreAfter = -1; // the step after which the centre is restored
    int m_dumpAfter = -1;
    int m_failoverAt = -1;
    int m_offlineFrom = -1;
    int m_offlineSteps = 0;

    void plan()
    {
        // Each fault with even odds, at least two per run.
        int drawn = 0;
        while (drawn < 2) {
            drawn = 0;
            for (int f = 0; f < FaultCount; ++f) {
                m_fault[f] = m_rng.chance(50);
                drawn += m_fault[f];
            }
        }
        if (m_fault[Restore]) {
            m_dumpAfter = m_rng.between(1, m_steps / 2);
            m_restoreAfter = m_rng.between(m_dumpAfter + 1, m_steps - 1);
        }
        if (m_fault[FailOver])
            m_failoverAt = m_rng.between(1, m_steps - 1);
        if (m_fault[DayOffline]) {
            m_offlineSteps = m_rng.between(2, 3);
            m_offlineFrom = m_rng.between(1, m_steps - m_offlineSteps);
        }
    }

    void setUp()
    {
        if (!m_root.isValid())
            throw RunError("cannot make a temporary folder");
        m_centre->newRun(QStringLiteral("run%1").arg(m_seed));
        auto admin = connect(m_centre->adminUrl());
        const int n = m_rng.between(2, 3);
        for (int k = 0; k < n; ++k) {
            auto added = CentralAdmin(*admin).addSite(QStringLiteral("F%1S%2").arg(m_seed).arg(k),
                                                      QStringLiteral("便民服务中心"),
                                                      QStringLiteral("city"));
            if (!added)
                throw RunError("add-site: " + added.error().fullText().toStdString());
            Counter c;
            c.index = k;
            c.site = added.value();
            c.dataDir = m_root.path() + QStringLiteral("/counter%1").arg(k);
            if (!QDir().mkpath(c.dataDir))
                throw RunError("cannot make a data folder");
            c.configure(m_centre->siteUrl(c.site));
            m_counters.push_back(c);
        }
        QStringList drawn;
        for (int f = 0; f < FaultCount; ++f)
            if (m_fault[f])
                drawn << QLatin1String(faultName(f));
        say(QStringLiteral("seed %1: %2 counters, faults drawn %3")
                .arg(m_seed)
                .arg(n)
                .arg(drawn.join(QLatin1Char(','))));
    }

    // What a counter does in a step.
    enum class Act { Intake, Move, Sync, DoubleSync };

    std::unique_ptr<Child> startAct(Counter& c, Act act, QString& what)
    {
        QProcessEnvironment env = childEnvironment();
        switch (act) {
        case Act::Intake: {
            const int n = m_rng.between(1, 4);
            what = QStringLiteral("c%1 intake %2").arg(c.index).arg(n);
            return std::make_unique<Child>(
                kAdmin,
                c.args({QStringLiteral("intake"), QStringLiteral("--json"), QStringLiteral("-")}),
                env, c.batch(m_rng, n, m_seed));
        }
        case Act::Move: {
            // Drawn whatever the store holds: the schedule stays the seed's.
            const quint64 pick = m_rng.next();
            const bool withdraw = m_rng.chance(15);
            const auto cases = c.movable();
            if (cases.isEmpty()) {
                what = QStringLiteral("c%1 nothing to move").arg(c.index);
                return nullptr;
            }
            const auto& [number, status] = cases.at(qsizetype(pick % quint64(cases.size())));
            QStringList cmd{QStringLiteral("case")};
            if (status == QLatin1String("accepted") && withdraw)
                cmd << QStringLiteral("withdraw") << number << QStringLiteral("--reason")
                    << QStringLiteral("申请人撤回");
            else if (status == QLatin1String("accepted"))
                cmd << QStringLiteral("forward") << number << QStringLiteral("--department")
                    << QStringLiteral("市社保中心");
            else if (status == QLatin1String("forwarded"))
                cmd << QStringLiteral("approve") << number;
            else
                cmd << QStringLiteral("complete") << number;
            what = QStringLiteral("c%1 %2 %3").arg(c.index).arg(cmd.at(1), number);
            return std::make_unique<Child>(kAdmin, c.args(cmd), env);
        }
        case Act::Sync:
        case Act::DoubleSync:
            if (m_fault[KillCounter] && m_rng.chance(30)) {
                static const char* points[] = {"before-push", "after-push", "before-page-commit"};
                const char* p = points[m_rng.below(3)];
                env.insert(QStringLiteral("ONEWINDOW_SYNC_KILL_AT"), QLatin1String(p));
                m_did[KillCounter] = true;
                what = QStringLiteral("c%1 sync (dies at %2)").arg(c.index).arg(QLatin1String(p));
            } else {
                what = QStringLiteral("c%1 sync").arg(c.index);
            }
            return std::make_unique<Child>(
                kAdmin, c.args({QStringLiteral("sync"), QStringLiteral("--once")}), env);
        }
        return nullptr;
    }

    void step(int i, bool offline)
    {
        // Each counter: nothing, or one act (a double push: two passes at once).
        std::vector<std::unique_ptr<Child>> children;
        QStringList whats;
        for (Counter& c : m_counters) {
            const int r = m_rng.below(100);
            Act act;
            if (r < 15)
                continue;
            else if (r < 45)
                act = Act::Intake;
            else if (r < 60)
                act = Act::Move;
            else
                act = Act::Sync;
            if (act == Act::Sync && m_fault[DoublePush] && m_rng.chance(40))
                act = Act::DoubleSync;
            QString what;
            if (auto child = startAct(c, act, what))
                children.push_back(std::move(child));
            if (act == Act::DoubleSync) {
                QString second;
                children.push_back(startAct(c, Act::Sync, second));
                what += QStringLiteral(" twice at once");
                m_did[DoublePush] = true;
            }
            whats << what;
        }

        // Faults while they run: after a random time, one of them is
        // killed, the centre crashes, fails over or its connections are cut.
        const int delay = m_rng.between(0, 700);
        const bool kill = m_fault[KillCounter] && m_rng.chance(40) && !children.empty();
        const quint64 pick = m_rng.next();
        const std::size_t victim = children.empty() ? 0 : std::size_t(pick % children.size());
        const bool crash = !offline && m_fault[CrashCentre] && m_rng.chance(15);
        const bool failover = !offline && i == m_failoverAt;
        const bool cut = !offline && m_fault[CutConnections] && m_rng.chance(35);
        say(QStringLiteral("step %1%2: %3")
                .arg(i)
                .arg(offline ? QStringLiteral(" (offline)") : QString(),
                     whats.join(QStringLiteral("; "))));
        if (kill || crash || failover || cut) {
            pause(delay);
            if (kill) {
                children[victim]->kill();
                m_did[KillCounter] = true;
                say(QStringLiteral("  kill -9 of process %1 after %2 ms").arg(victim).arg(delay));
            }
            if (cut) {
                cutConnections();
                m_did[CutConnections] = true;
                say(QStringLiteral("  connections cut after %1 ms").arg(delay));
            }
            if (failover) {
                m_centre->failOver();
                m_did[FailOver] = true;
                say(QStringLiteral("  failover after %1 ms").arg(delay));
            } else if (crash) {
                m_centre->crash(m_centre->current());
                m_did[CrashCentre] = true;
                say(QStringLiteral("  centre stopped -m immediate after %1 ms").arg(delay));
            }
        }
        for (auto& c : children) {
            const Finished f = c->wait(120000);
            if (f.exitCode != 0 && g_verbose)
                say(QStringLiteral("  exit %1: %2").arg(f.exitCode).arg(f.err.trimmed().left(300)));
        }
        if (crash && !failover) {
            m_centre->start(m_centre->current());
            say(QStringLiteral("  centre started again"));
        }
    }

    void cutConnections()
    {
        try {
            auto admin = connect(m_centre->current().url(QStringLiteral("postgres")));
            (void)admin->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM "
                                             "pg_stat_activity WHERE usename LIKE 'ow_site_%'"));
        } catch (const RunError&) {
            // The centre is down: nothing to cut.
        }
    }

    void dump()
    {
        m_dump = m_root.path() + QStringLiteral("/centre.dump");
        auto admin = connect(m_centre->adminUrl());
        CentralAdmin central(*admin);
        if (Status s = central.backupBegin(); !s)
            throw RunError("backup-mark --begin: " + s.error().fullText().toStdString());
        m_centre->pgTool(QStringLiteral("pg_dump"),
                         {QStringLiteral("--format=custom"), QStringLiteral("--file"), m_dump,
                          m_centre->database});
        if (Status s = central.backupDone(); !s)
            throw RunError("backup-mark: " + s.error().fullText().toStdString());
        say(QStringLiteral("  dump taken (backup marked)"));
    }

    void restore()
    {
        const QString name = QStringLiteral("run%1_restored").arg(m_seed);
        m_centre->runDatabases << name;
        m_centre->pgTool(QStringLiteral("createdb"), {name});
        m_centre->pgTool(QStringLiteral("pg_restore"), {QStringLiteral("--dbname"), name, m_dump});
        m_centre->database = name;
        m_did[Restore] = true;
        // The operator says so, most of the time; otherwise the counters
        // must notice by themselves.
        const bool declared = m_rng.chance(75);
        if (declared) {
            auto admin = connect(m_centre->adminUrl());
            if (auto r = CentralAdmin(*admin).declareRestored(QStringLiteral("fault campaign")); !r)
                throw RunError("central restored: " + r.error().fullText().toStdString());
        }
        for (const Counter& c : m_counters)
            c.configure(m_centre->siteUrl(c.site));
        say(QStringLiteral("  restored from the dump into a new database%1")
                .arg(declared ? QStringLiteral(", declared restored") : QString()));
    }

    void schedule()
    {
        bool offline = false;
        for (int i = 0; i < m_steps; ++i) {
            checkInterrupted();
            if (i == m_offlineFrom) {
                m_centre->stopFast(m_centre->current());
                offline = true;
                m_did[DayOffline] = true;
                say(QStringLiteral("the centre goes offline"));
            }
            if (m_fault[ClockOff] && m_rng.chance(25)) {
                Counter& c = m_counters[std::size_t(m_rng.below(int(m_counters.size())))];
                const qint64 off = (m_rng.chance(50) ? 1 : -1) * 86400;
                const int n = c.acceptWithClock(m_rng, m_rng.between(1, 3), m_seed, off);
                m_did[ClockOff] = true;
                say(QStringLiteral("c%1: %2 intakes with the clock %3 a day")
                        .arg(c.index)
                        .arg(n)
                        .arg(off > 0 ? QStringLiteral("ahead") : QStringLiteral("behind")));
            }
            step(i, offline);
            if (offline && i + 1 == m_offlineFrom + m_offlineSteps) {
                m_centre->start(m_centre->current());
                offline = false;
                say(QStringLiteral("the centre is back"));
            }
            if (!offline && i == m_dumpAfter)
                dump();
            if (!offline && i == m_restoreAfter && !m_dump.isEmpty())
                restore();
        }
        if (offline) {
            m_centre->start(m_centre->current());
            say(QStringLiteral("the centre is back"));
        }
    }

    // No more faults: each counter syncs until its outbox is empty, within
    // a bound; one that does not is wedged.
    void settle()
    {
        if (!m_centre->current().up)
            m_centre->start(m_centre->current());
        for (Counter& c : m_counters) {
            QElapsedTimer t;
            t.start();
            QString last;
            for (;;) {
                const Finished f =
                    run(kAdmin, c.args({QStringLiteral("sync"), QStringLiteral("--once")}));
                if (f.exitCode == 0 && c.waiting() == 0)
                    break;
                last = f.err.trimmed();
                if (t.elapsed() > 60000) {
                    ++m_out.wedged;
                    m_out.details << QStringLiteral("counter %1 wedged: %2 waiting; last pass: %3")
                                         .arg(c.index)
                                         .arg(c.waiting())
                                         .arg(last.left(400));
                    break;
                }
                pause(200);
            }
            // One more pass: what the others sent comes down, nothing goes up.
            run(kAdmin, c.args({QStringLiteral("sync"), QStringLiteral("--once")}));
            if (const int q = c.quarantined(); q > 0)
                m_out.details << QStringLiteral("counter %1: %2 operations in quarantine")
                                     .arg(c.index)
                                     .arg(q);
        }
    }

    void compare()
    {
        QMap<QString, CaseView> local; // every counter's cases, by id
        for (const Counter& c : m_counters) {
            const auto mine = c.cases();
            for (auto it = mine.cbegin(); it != mine.cend(); ++it)
                local.insert(it.key(), it.value());
        }
        m_out.accepted = int(local.size());

        auto admin = connect(m_centre->adminUrl());
        QSqlQuery q = admin->query();
        if (!q.exec(QStringLiteral(
                "SELECT c.case_uuid::text, c.case_number, c.site_code, c.status, "
                "(SELECT string_agg(h.to_status, ',' ORDER BY h.status_version) FROM "
                "ow.case_status_history h WHERE h.case_uuid = c.case_uuid) FROM ow.cases c")))
            throw RunError("cannot read the centre's cases");
        QMap<QString, QList<CaseView>> central; // by id
        QMap<QString, int> numbers;             // case number -> rows
        while (q.next()) {
            central[q.value(0).toString()].append({q.value(1).toString(), q.value(2).toString(),
                                                   q.value(3).toString(), q.value(4).toString()});
            ++numbers[q.value(1).toString()];
            ++m_out.central;
        }
        for (auto it = numbers.cbegin(); it != numbers.cend(); ++it)
            if (it.value() > 1) {
                m_out.duplicated += it.value() - 1;
                m_out.details
                    << QStringLiteral("%1 is %2 times at the centre").arg(it.key()).arg(it.value());
            }
        for (auto it = local.cbegin(); it != local.cend(); ++it) {
            const CaseView& mine = it.value();
            const auto found = central.constFind(it.key());
            if (found == central.cend()) {
                ++m_out.lost;
                m_out.details
                    << QStringLiteral("lost: %1 (%2 at the counter)").arg(mine.number, mine.status);
                continue;
            }
            const CaseView& theirs = found->first();
            if (theirs.number != mine.number || theirs.status != mine.status ||
                theirs.siteCode != mine.siteCode) {
                ++m_out.diverged;
                m_out.details << QStringLiteral(
                                     "diverged: %1 %2 at the counter, %3 %4 at the centre")
                                     .arg(mine.number, mine.status, theirs.number, theirs.status);
            } else if (theirs.history != mine.history) {
                // The same status reached twice at the centre: a change applied twice.
                if (theirs.history.count(QLatin1Char(',')) > mine.history.count(QLatin1Char(',')))
                    ++m_out.duplicated;
                else
                    ++m_out.diverged;
                m_out.details << QStringLiteral(
                                     "history of %1: %2 at the counter, %3 at the centre")
                                     .arg(mine.number, mine.history, theirs.history);
            }
        }
        for (auto it = central.cbegin(); it != central.cend(); ++it)
            if (!local.contains(it.key())) {
                ++m_out.diverged;
                m_out.details << QStringLiteral("the centre has %1 (%2), no counter has it")
                                     .arg(it->first().number, it->first().status);
            }
    }
};

void printOutcome(const Outcome& o)
{
    std::printf("run seed=%llu %s faults=%s accepted=%d central=%d lost=%d duplicated=%d "
                "diverged=%d wedged=%d %.1fs\n",
                static_cast<unsigned long long>(o.seed), o.failed() ? "FAILED" : "ok",
                qPrintable(o.faults.join(QLatin1Char(','))), o.accepted, o.central, o.lost,
                o.duplicated, o.diverged, o.wedged, double(o.ms) / 1000.0);
    if (!o.error.isEmpty())
        std::printf("  error: %s\n", qPrintable(o.error));
    for (const QString& d : o.details)
        std::printf("  %s\n", qPrintable(d));
    std::fflush(stdout);
}

int usage()
{
    std::fprintf(stderr,
                 "usage: ow_fault_campaign [--seed S] [--runs N] [--seeds S1,S2,...] [--steps K] "
                 "[--admin PATH] [--verbose]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    g_clock.start();
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGHUP, onSignal);

    quint64 seed = 1;
    int runs = 1;
    QList<quint64> seeds; // --seeds: these, in this order
    int steps = 8;
    QStringList args = app.arguments().mid(1);
    while (!args.isEmpty()) {
        const QString a = args.takeFirst();
        bool ok = true;
        if (a == QLatin1String("--verbose")) {
            g_verbose = true;
            continue;
        }
        if (args.isEmpty())
            return usage();
        const QString v = args.takeFirst();
        if (a == QLatin1String("--seed"))
            seed = v.toULongLong(&ok);
        else if (a == QLatin1String("--runs"))
            runs = v.toInt(&ok);
        else if (a == QLatin1String("--steps"))
            steps = v.toInt(&ok);
        else if (a == QLatin1String("--admin"))
            kAdmin = v;
        else if (a == QLatin1String("--seeds"))
            for (const QString& one : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                seeds << one.toULongLong(&ok);
                if (!ok)
                    break;
            }
        else
            return usage();
        if (!ok || runs < 1 || steps < 4)
            return usage();
    }

    int failedRuns = 0;
    int done = 0;
    int errors = 0;
    Outcome total;
    QStringList failing;
    if (seeds.isEmpty())
        for (int i = 0; i < runs; ++i)
            seeds << seed + quint64(i);
    runs = int(seeds.size());

    try {
        (void)faketimeLibrary(); // the clock fault needs it: say so before any run
    } catch (const RunError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }

    // The servers' folders; the servers go before it (declared after).
    QTemporaryDir root(QDir::tempPath() + QStringLiteral("/ow-fault-centre.XXXXXX"));
    if (!root.isValid()) {
        std::fprintf(stderr, "cannot make a temporary folder\n");
        return 1;
    }
    std::unique_ptr<Centre> centre;
    for (int i = 0; i < runs; ++i) {
        Outcome o;
        o.seed = seeds.at(i);
        try {
            if (!centre)
                centre = std::make_unique<Centre>(root.path());
            o = Run(*centre, o.seed, steps).go();
        } catch (const RunError& e) {
            o.error = QString::fromStdString(e.what());
        } catch (const Interrupted&) {
            std::printf("interrupted during the run of seed %llu; everything it made is removed\n",
                        static_cast<unsigned long long>(o.seed));
            break;
        }
        try {
            if (centre && i + 1 < runs)
                centre->recover();
        } catch (const RunError& e) {
            std::printf("  the centre could not be made ready again (%s): a new one\n", e.what());
            centre.reset();
        } catch (const Interrupted&) {
            printOutcome(o);
            break;
        }
        printOutcome(o);
        ++done;
        total.lost += o.lost;
        total.duplicated += o.duplicated;
        total.diverged += o.diverged;
        total.wedged += o.wedged;
        total.accepted += o.accepted;
        if (!o.error.isEmpty())
            ++errors;
        if (o.failed()) {
            ++failedRuns;
            failing << QString::number(o.seed);
        }
    }
    std::printf("tally: %d runs, %d cases accepted; lost %d, duplicated %d, diverged %d, "
                "wedged %d; runs that could not be carried out %d; failing seeds: %s\n",
                done, total.accepted, total.lost, total.duplicated, total.diverged, total.wedged,
                errors, failing.isEmpty() ? "none" : qPrintable(failing.join(QLatin1Char(' '))));
    return failedRuns == 0 && done == runs ? 0 : 1;
}
