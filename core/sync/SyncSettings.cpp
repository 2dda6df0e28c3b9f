#include "sync/SyncSettings.h"

#include "sync/CentralConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QUrl>
#include <QUrlQuery>

namespace ow {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::SyncSettings", s);
}

} // namespace

QString SyncSettings::settingsFile(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("sync.ini"));
}

QString SyncSettings::credentialFile(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("central.credential"));
}

Result<SyncSettings> SyncSettings::load(const QString& dataDir)
{
    SyncSettings s;
    const QString file = settingsFile(dataDir);
    if (!QFileInfo::exists(file))
        return s;
    QSettings ini(file, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return Error::storage(tr("The sync settings %1 cannot be read.").arg(file));
    ini.beginGroup(QStringLiteral("central"));
    s.centralUrl = ini.value(QStringLiteral("url")).toString();
    s.siteCode = ini.value(QStringLiteral("site")).toString();
    s.sslMode = ini.value(QStringLiteral("sslmode")).toString();
    s.sslRootCert = ini.value(QStringLiteral("sslrootcert")).toString();
    s.counterName = ini.value(QStringLiteral("counter_name")).toString();
    s.intervalSeconds = ini.value(QStringLiteral("interval_seconds"), 30).toInt();
    s.keepDays = qBound(1, ini.value(QStringLiteral("keep_days"), 30).toInt(), 3650);
    s.pageKbps = qBound(0, ini.value(QStringLiteral("page_kbps"), 0).toInt(), 10000000);
    ini.endGroup();
    return s;
}

Status SyncSettings::save(const QString& dataDir) const
{
    if (!QDir().mkpath(dataDir))
        return Error::storage(tr("The folder %1 cannot be created.").arg(dataDir));
    const QString file = settingsFile(dataDir);
    QSettings ini(file, QSettings::IniFormat);
    ini.beginGroup(QStringLiteral("central"));
    ini.setValue(QStringLiteral("url"), centralUrl);
    ini.setValue(QStringLiteral("site"), siteCode);
    ini.setValue(QStringLiteral("sslmode"), sslMode);
    ini.setValue(QStringLiteral("sslrootcert"), sslRootCert);
    ini.setValue(QStringLiteral("counter_name"), counterName);
    ini.setValue(QStringLiteral("interval_seconds"), intervalSeconds);
    ini.setValue(QStringLiteral("keep_days"), keepDays);
    ini.setValue(QStringLiteral("page_kbps"), pageKbps);
    ini.endGroup();
    ini.sync();
    if (ini.status() != QSettings::NoError)
        return Error::storage(tr("The sync settings %1 cannot be written.").arg(file));
    return {};
}

Status SyncSettings::saveCredential(const QString& dataDir, const QString& password)
{
    if (!QDir().mkpath(dataDir))
        return Error::storage(tr("The folder %1 cannot be created.").arg(dataDir));
    const QString file = credentialFile(dataDir);
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return Error::storage(
            tr("The credential file %1 cannot be written: %2").arg(file, f.errorString()));
    // The temporary file gets owner-only rights before the secret is in it.
    if (!f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error::storage(tr("The credential file %1 cannot be made private.").arg(file));
    f.write(password.toUtf8());
    f.write("\n");
    if (!f.commit())
        return Error::storage(
            tr("The credential file %1 cannot be written: %2").arg(file, f.errorString()));
    return {};
}

Result<QString> SyncSettings::loadCredential(const QString& dataDir)
{
    const QString file = credentialFile(dataDir);
    QFile f(file);
    if (!f.exists())
        return Error::notFound(tr("There is no credential file %1: run `onewindow-admin sync "
                                  "configure` with the site's address.")
                                   .arg(file));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (f.permissions() & others)
        return Error::forbidden(tr("The credential file %1 can be read by other users; "
                                   "restrict it with chmod 600 %1.")
                                    .arg(file));
    if (!f.open(QIODevice::ReadOnly))
        return Error::storage(
            tr("The credential file %1 cannot be read: %2").arg(file, f.errorString()));
    return QString::fromUtf8(f.readAll()).trimmed();
}

Result<QString> SyncSettings::connectionUrl(const QString& dataDir) const
{
    if (centralUrl.isEmpty())
        return Error::invalid(tr("No central address is set: run `onewindow-admin sync "
                                 "configure --central URL --site CODE`."));
    auto parsed = CentralUrl::parse(centralUrl);
    if (!parsed)
        return parsed.error();
    CentralUrl u = parsed.value();
    if (u.password.isEmpty()) {
        auto password = loadCredential(dataDir);
        if (!password)
            return password.error();
        u.password = password.value();
    }
    auto setOption = [&](const QString& key, const QString& value) {
        if (value.isEmpty())
            return;
        for (auto& [k, v] : u.options)
            if (k == key) {
                v = value;
                return;
            }
        u.options.append({key, value});
    };
    setOption(QStringLiteral("sslmode"), sslMode);
    setOption(QStringLiteral("sslrootcert"), sslRootCert);
    return u.withLogin(u.user, u.password);
}

SyncSetupProblem SyncSettings::setupProblem(const QString& dataDir) const
{
    SyncSetupProblem p;
    p.file = credentialFile(dataDir);
    if (centralUrl.isEmpty()) {
        p.kind = SyncSetupProblem::Kind::NoAddress;
        p.detail = connectionUrl(dataDir).error().fullText();
        return p;
    }
    auto parsed = CentralUrl::parse(centralUrl);
    if (!parsed) {
        p.kind = SyncSetupProblem::Kind::BadAddress;
        p.detail = parsed.error().fullText();
        return p;
    }
    if (!parsed->password.isEmpty())
        return p;
    auto password = loadCredential(dataDir);
    if (password)
        return p;
    p.detail = password.error().fullText();
    switch (password.error().kind) {
    case Error::Kind::NotFound:
        p.kind = SyncSetupProblem::Kind::CredentialMissing;
        break;
    case Error::Kind::Forbidden:
        p.kind = SyncSetupProblem::Kind::CredentialExposed;
        break;
    default:
        p.kind = SyncSetupProblem::Kind::CredentialUnreadable;
        break;
    }
    return p;
}

} // namespace ow
