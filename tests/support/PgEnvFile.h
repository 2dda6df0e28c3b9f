#pragma once
// The pg.env file tests/sync/pg-cluster.sh writes for each server it starts:
// KEY=VALUE lines. Read by the sync tests (PgServer::fromFile) and the fault
// campaign, which decide themselves what an unreadable file means.

#include <QFile>
#include <QString>
#include <QStringList>
#include <optional>

namespace ow::test {

struct PgEnvFile
{
    QString host;
    int port = 0;
    QString superuser;
    QString password;
    QString pgCtl;
    QString sslRootCert;
    QString cluster;
    QString slot; // a standby's replication slot at its primary

    bool complete() const { return !host.isEmpty() && port > 0 && !superuser.isEmpty(); }

    // std::nullopt when the file cannot be read.
    static std::optional<PgEnvFile> read(const QString& file)
    {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        PgEnvFile s;
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            const QString key = line.section(QLatin1Char('='), 0, 0);
            const QString value = line.section(QLatin1Char('='), 1);
            if (key == QLatin1String("PG_HOST"))
                s.host = value;
            else if (key == QLatin1String("PG_PORT"))
                s.port = value.toInt();
            else if (key == QLatin1String("PG_SUPERUSER"))
                s.superuser = value;
            else if (key == QLatin1String("PG_PASSWORD"))
                s.password = value;
            else if (key == QLatin1String("PG_CTL"))
                s.pgCtl = value;
            else if (key == QLatin1String("PG_SSL_ROOT_CERT"))
                s.sslRootCert = value;
            else if (key == QLatin1String("PG_CLUSTER"))
                s.cluster = value;
            else if (key == QLatin1String("PG_SLOT"))
                s.slot = value;
        }
        return s;
    }
};

} // namespace ow::test
