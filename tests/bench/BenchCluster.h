#pragma once

// What the sync benchmarks share: stopping with a message, and the address
// of a cluster started by tests/sync/pg-cluster.sh (its pg.env file).
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <cstdio>
#include <cstdlib>

namespace ow::bench {

[[noreturn]] inline void die(const QString& what)
{
    std::fprintf(stderr, "%s: %s\n",
                 qPrintable(QFileInfo(QCoreApplication::applicationFilePath()).fileName()),
                 qPrintable(what));
    std::exit(1);
}

// postgresql://superuser:password@host:port/db from the cluster's pg.env.
inline QString serverUrl(const QString& envFile, const QString& db)
{
    QFile f(envFile);
    if (!f.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read %1 (run tests/sync/pg-cluster.sh start DIR)").arg(envFile));
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    for (const QString& line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        const QString k = line.section(QLatin1Char('='), 0, 0);
        const QString v = line.section(QLatin1Char('='), 1);
        if (k == QLatin1String("PG_HOST"))
            u.setHost(v);
        else if (k == QLatin1String("PG_PORT"))
            u.setPort(v.toInt());
        else if (k == QLatin1String("PG_SUPERUSER"))
            u.setUserName(v);
        else if (k == QLatin1String("PG_PASSWORD"))
            u.setPassword(v);
    }
    u.setPath(QLatin1Char('/') + db);
    return u.toString(QUrl::FullyEncoded);
}

} // namespace ow::bench
