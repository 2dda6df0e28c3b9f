// `sync ...`: this counter's exchange with the centre, headless.
#include "AdminCommand.h"
#include "sync/CentralConnection.h"
#include "sync/PgSyncGateway.h"
#include "sync/SyncEngine.h"
#include "sync/SyncSettings.h"
#include "sync/SyncStore.h"
#include "sync/SyncWorker.h"

#include <QCoreApplication>
#include <QLocale>
#include <csignal>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return e.kind == Error::Kind::Invalid ? 2 : 1;
}

QString when(const QDateTime& t)
{
    return t.isValid() ? QLocale::c().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"))
                       : tr("never");
}

const QString syncUsage = QStringLiteral("sync [--once] [--central URL] [--site CODE]");
const QString configureUsage =
    QStringLiteral("sync configure --central URL --site CODE [--sslmode MODE] [--sslrootcert FILE] "
                   "[--name COUNTER] [--keep-days N] [--page-kbps KB]");
const QString statusUsage = QStringLiteral("sync status");

// A test may make a pass die at a fault point (SIGKILL, nothing cleaned up):
// ONEWINDOW_SYNC_KILL_AT=before-push | after-push | before-page-commit.
std::function<Status(SyncFaultPoint)> killHook()
{
    const QString at = qEnvironmentVariable("ONEWINDOW_SYNC_KILL_AT");
    if (at.isEmpty())
        return {};
    return [at](SyncFaultPoint p) -> Status {
        if ((p == SyncFaultPoint::BeforePush && at == QLatin1String("before-push")) ||
            (p == SyncFaultPoint::AfterPush && at == QLatin1String("after-push")) ||
            (p == SyncFaultPoint::BeforePageCommit && at == QLatin1String("before-page-commit")))
            std::raise(SIGKILL);
        return {};
    };
}

// ONEWINDOW_SYNC_KILL_AT=mid-page:N: the process dies once N bytes of a
// page are stored at the centre (a test's kill -9 in the middle of a page).
std::function<Status(const QString&, qint64)> pageKillHook()
{
    const QString at = qEnvironmentVariable("ONEWINDOW_SYNC_KILL_AT");
    if (!at.startsWith(QLatin1String("mid-page:")))
        return {};
    const qint64 bytes = at.mid(9).toLongLong();
    return [bytes](const QString&, qint64 sent) -> Status {
        if (sent >= bytes)
            std::raise(SIGKILL);
        return {};
    };
}

int runConfigure(AdminContext& ctx, QStringList args)
{
    SyncSettings s;
    auto loaded = SyncSettings::load(ctx.dataDir());
    if (loaded)
        s = loaded.value();
    const QString url = takeOption(args, QStringLiteral("--central"));
    const QString site = takeOption(args, QStringLiteral("--site"), s.siteCode);
    s.sslMode = takeOption(args, QStringLiteral("--sslmode"), s.sslMode);
    s.sslRootCert = takeOption(args, QStringLiteral("--sslrootcert"), s.sslRootCert);
    s.counterName = takeOption(args, QStringLiteral("--name"), s.counterName);
    const QString keep = takeOption(args, QStringLiteral("--keep-days"));
    const QString pageKbps = takeOption(args, QStringLiteral("--page-kbps"));
    if (!pageKbps.isEmpty()) {
        bool ok = false;
        const int kbps = pageKbps.toInt(&ok);
        if (!ok || kbps < 0 || kbps > 10000000) {
            ctx.err << tr("--page-kbps must be KB a second from 0 (no cap) to 10000000, not %1.")
                           .arg(pageKbps)
                    << Qt::endl;
            return 2;
        }
        s.pageKbps = kbps;
    }
    if (!keep.isEmpty()) {
        bool ok = false;
        const int days = keep.toInt(&ok);
        if (!ok || days < 1 || days > 3650) {
            ctx.err << tr("--keep-days must be a number of days from 1 to 3650, not %1.").arg(keep)
                    << Qt::endl;
            return 2;
        }
        s.keepDays = days;
    }
    if (!args.isEmpty() || (url.isEmpty() && s.centralUrl.isEmpty()) || site.isEmpty()) {
        ctx.err << tr("Usage: %1").arg(configureUsage) << Qt::endl;
        return 2;
    }
    static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                   QStringLiteral("prefer"),    QStringLiteral("require"),
                                   QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    if (!s.sslMode.isEmpty() && !modes.contains(s.sslMode)) {
        ctx.err << tr("--sslmode must be one of %1.").arg(modes.join(QStringLiteral(", ")))
                << Qt::endl;
        return 2;
    }
    s.siteCode = site;
    if (!url.isEmpty()) {
        auto parsed = CentralUrl::parse(url);
        if (!parsed)
            return fail(ctx, parsed.error());
        // The password goes to the credential file only.
        if (!parsed->password.isEmpty())
            if (Status st = SyncSettings::saveCredential(ctx.dataDir(), parsed->password); !st)
                return fail(ctx, st.error());
        s.centralUrl = parsed->display();
    }
    if (Status st = s.save(ctx.dataDir()); !st)
        return fail(ctx, st.error());
    ctx.out << tr("Sync settings saved: centre %1, site %2.").arg(s.centralUrl, s.siteCode)
            << Qt::endl;
    return 0;
}

void printReport(AdminContext& ctx, const SyncPassReport& r, Database& db)
{
    auto pending = Outbox(db).count();
    auto quarantined = SyncStore(db).quarantineCount();
    ctx.out << tr("Sent %1 operations: %2 applied, %3 already there, %4 refused.")
                   .arg(r.sent)
                   .arg(r.applied)
                   .arg(r.duplicates)
                   .arg(r.quarantined)
            << '\n'
            << tr("Received %1 changes%2; %3 cases moved by the back office.")
                   .arg(r.changes)
                   .arg(r.snapshot ? tr(" (full download)") : QString())
                   .arg(r.caseStatusChanges)
            << '\n'
            << tr("Waiting: %1; in quarantine: %2.")
                   .arg(pending ? pending.value() : -1)
                   .arg(quarantined ? quarantined.value() : -1)
            << Qt::endl;
    if (r.pagesSent > 0 || r.casePageLists > 0)
        ctx.out << tr("Pages sent: %1 (%2 KB); page lists of %3 cases.")
                       .arg(r.pagesSent)
                       .arg((r.pageBytes + 1023) / 1024)
                       .arg(r.casePageLists)
                << Qt::endl;
    if (!r.centreEvent.isEmpty())
        ctx.out << r.centreEvent << Qt::endl;
}

int runSync(AdminContext& ctx, QStringList args)
{
    const bool once = takeFlag(args, QStringLiteral("--once"));
    const QString givenUrl = takeOption(args, QStringLiteral("--central"));
    const QString givenSite = takeOption(args, QStringLiteral("--site"));
    if (!args.isEmpty()) {
        ctx.err << tr("Usage: %1").arg(syncUsage) << Qt::endl;
        return 2;
    }
    auto settings = SyncSettings::load(ctx.dataDir());
    if (!settings)
        return fail(ctx, settings.error());
    SyncSettings s = settings.value();
    if (!givenSite.isEmpty())
        s.siteCode = givenSite;
    QString url = centralUrlFrom(givenUrl);
    if (url.isEmpty()) {
        auto u = s.connectionUrl(ctx.dataDir());
        if (!u)
            return fail(ctx, u.error());
        url = u.value();
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    if (once) {
        PgSyncGateway gateway(url);
        SyncEngine engine(*db, gateway, s.siteCode);
        engine.setCounterName(s.counterName);
        engine.setKeepDays(s.keepDays);
        engine.setPageBytesPerSecond(qint64(s.pageKbps) * 1024);
        engine.setFaultHook(killHook());
        if (auto hook = pageKillHook())
            engine.setPageChunkHook(hook);
        engine.setProgress([&](const QString& section, int rows) {
            ctx.out << tr("Full download: %1, %2 rows").arg(section).arg(rows) << Qt::endl;
        });
        auto r = engine.runOnce();
        if (!r) {
            (void)SyncStore(*db).recordError(r.error().fullText(), QDateTime::currentDateTime());
            return fail(ctx, r.error());
        }
        printReport(ctx, r.value(), *db);
        return 0;
    }
    SyncWorkerOptions o;
    o.storePath = db->path();
    o.url = url;
    o.siteCode = s.siteCode;
    o.counterName = s.counterName;
    o.intervalMs = qMax(1, s.intervalSeconds) * 1000;
    o.keepDays = s.keepDays;
    o.pageKbps = s.pageKbps;
    SyncWorker worker(o);
    QObject::connect(&worker, &SyncWorker::statusChanged, [&](const SyncStatus& st) {
        if (st.state == SyncStatus::State::Syncing)
            return;
        ctx.out
            << QLocale::c().toString(QDateTime::currentDateTime(), QStringLiteral("HH:mm:ss"))
            << ' '
            << (st.lastError.isEmpty()
                    ? tr("in sync; waiting %1, quarantine %2").arg(st.pending).arg(st.quarantined)
                    : st.lastError)
            << Qt::endl;
    });
    worker.start();
    return QCoreApplication::exec();
}

int runStatus(AdminContext& ctx, QStringList args)
{
    if (!args.isEmpty()) {
        ctx.err << tr("Usage: %1").arg(statusUsage) << Qt::endl;
        return 2;
    }
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto st = SyncWorker::readStatus(*db, QDateTime::currentDateTime());
    if (!st)
        return fail(ctx, st.error());
    ctx.out << tr("Waiting to be sent: %1 (under an hour %2, under a day %3, older %4)")
                   .arg(st->pending)
                   .arg(st->pendingUnderHour)
                   .arg(st->pendingUnderDay)
                   .arg(st->pendingOlder)
            << '\n'
            << tr("Last success: %1").arg(when(st->lastSuccess)) << '\n'
            << tr("Pages waiting for the centre: %1 (%2 KB, oldest %3)")
                   .arg(st->pagesWaiting)
                   .arg((st->pagesWaitingBytes + 1023) / 1024)
                   .arg(when(st->pagesOldest))
            << '\n';
    if (!st->lastError.isEmpty())
        ctx.out << tr("Last error: %1").arg(st->lastError) << '\n';
    ctx.out << tr("Kept for a restore of the centre: %1 (oldest %2)")
                   .arg(st->kept)
                   .arg(when(st->keptOldest))
            << '\n';
    if (!st->centreEvent.isEmpty())
        ctx.out << tr("The centre, %1: %2").arg(when(st->centreEventAt), st->centreEvent) << '\n';
    auto q = SyncStore(*db).quarantined();
    if (!q)
        return fail(ctx, q.error());
    ctx.out << tr("In quarantine: %1").arg(q->size()) << '\n';
    for (const QuarantineEntry& e : q.value())
        ctx.out << "  " << e.entity << ' ' << e.entityId << ": " << e.reason << " — " << e.message
                << '\n';
    ctx.out.flush();
    return 0;
}

const bool registered = [] {
    registerCommand({QStringLiteral("sync configure"), configureUsage, runConfigure});
    registerCommand({QStringLiteral("sync status"), statusUsage, runStatus});
    registerCommand({QStringLiteral("sync"), syncUsage, runSync});
    return true;
}();

} // namespace

} // namespace ow::admin
