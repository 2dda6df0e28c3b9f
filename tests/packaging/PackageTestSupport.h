#pragma once
// What the packaging tests share: running a program, the packages deb_build
// wrote, a clerk's environment, and the onewindow package on this machine.
#include "TestSupport.h"

#include <QLockFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace ow::test {

inline const QString kAppId = QStringLiteral("org.onewindow.OneWindow");
inline const QString kAdmin = QStringLiteral("/usr/bin/onewindow-admin");
inline const QString kGui = QStringLiteral("/usr/bin/onewindow");
// What postrm prints on remove and purge.
inline const QString kKeptNotice =
    QStringLiteral("the local stores in users' home folders (~/.local/share/OneWindow/onewindow/) "
                   "are kept");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

Run run(const QString& program, const QStringList& args,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

// The one package deb_build wrote into OW_DEB_DIR/`which` ("current", "older").
QString debFile(const QString& which);

// A clerk whose home is `home`: the platform's default data folder, offscreen.
QProcessEnvironment clerkEnvironment(const QString& home);
// The store the programs keep in that clerk's data folder.
QString storeUnder(const QString& home);

// The migrations a store has run, as its schema_version table lists them
// ("001_catalogue.sql", ...), and its tables; read without opening it
// through Database, which would migrate it.
struct StoreSchema
{
    QStringList migrations;
    QStringList tables;
};
StoreSchema schemaOnDisk(const QString& store);

// The onewindow package on this machine: installs and removes it through
// apt-get, and purges it at the end whatever happened. One at a time on the
// whole machine (a lock file), and never over an installation it did not make.
class SystemPackage
{
public:
    SystemPackage();
    ~SystemPackage();
    SystemPackage(const SystemPackage&) = delete;
    SystemPackage& operator=(const SystemPackage&) = delete;

    // "ii 0.1.0-1" (installed), "rc 0.1.0-1" (removed, configuration left) or "".
    static QString state();

    Run apt(const QStringList& args);

private:
    QLockFile m_lock;
};

} // namespace ow::test
