#include "PackageTestSupport.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <unistd.h>

namespace ow::test {

Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    INFO("starting " << program.toStdString());
    REQUIRE(p.waitForStarted());
    p.closeWriteChannel();
    REQUIRE(p.waitForFinished(240000));
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString debFile(const QString& which)
{
    const QDir dir(QStringLiteral(OW_DEB_DIR "/") + which);
    const QStringList debs = dir.entryList({QStringLiteral("*.deb")}, QDir::Files);
    INFO("packages in " << dir.path().toStdString() << ": "
                        << debs.join(QLatin1Char(' ')).toStdString());
    REQUIRE(debs.size() == 1);
    return dir.absoluteFilePath(debs.first());
}

QProcessEnvironment clerkEnvironment(const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    // The platform's default data folder: ~/.local/share.
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return env;
}

QString storeUnder(const QString& home)
{
    return home + QStringLiteral("/.local/share/OneWindow/onewindow/onewindow.sqlite");
}

StoreSchema schemaOnDisk(const QString& store)
{
    const QString connection = QStringLiteral("package-test-schema");
    StoreSchema s;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(store);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT name FROM schema_version ORDER BY version")))
                while (q.next())
                    s.migrations << q.value(0).toString();
            else
                error = q.lastError().text();
            if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "ORDER BY name")))
                while (q.next())
                    s.tables << q.value(0).toString();
            else
                error = q.lastError().text();
        } else {
            error = db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    INFO(store.toStdString() << ": " << error.toStdString());
    REQUIRE(error.isEmpty());
    return s;
}

SystemPackage::SystemPackage()
    : m_lock(QDir::temp().filePath(QStringLiteral("onewindow-deb-install-test.lock")))
{
    if (geteuid() != 0)
        FAIL("installing the package needs root: run the tests as root (CI does)");
    m_lock.setStaleLockTime(0); // held for minutes; stale only when its process died
    REQUIRE(m_lock.tryLock(10 * 60 * 1000));
    const QString present = state();
    if (!present.isEmpty())
        FAIL("onewindow is already on this machine ("
             << present.toStdString()
             << "); these tests install and purge it: remove it first with "
                "apt-get purge onewindow");
}

SystemPackage::~SystemPackage()
{
    if (!state().isEmpty()) {
        QProcess p;
        p.start(QStringLiteral("dpkg"), {QStringLiteral("--purge"), QStringLiteral("onewindow")});
        p.waitForFinished(120000);
    }
}

QString SystemPackage::state()
{
    QProcess p;
    p.start(QStringLiteral("dpkg-query"),
            {QStringLiteral("--show"), QStringLiteral("--showformat=${db:Status-Abbrev}${Version}"),
             QStringLiteral("onewindow")});
    p.waitForFinished(60000);
    if (p.exitCode() != 0)
        return {};
    const QString s = QString::fromUtf8(p.readAllStandardOutput()).simplified();
    return s.startsWith(QLatin1String("un")) ? QString() : s;
}

Run SystemPackage::apt(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DEBIAN_FRONTEND"), QStringLiteral("noninteractive"));
    QStringList all{QStringLiteral("-y"), QStringLiteral("-o"),
                    QStringLiteral("DPkg::Lock::Timeout=300")};
    return run(QStringLiteral("apt-get"), all + args, env);
}

} // namespace ow::test
