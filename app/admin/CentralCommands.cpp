// `central ...`: the centre's administrator works on the central PostgreSQL
// database. The address comes from --central URL or ONEWINDOW_CENTRAL_URL.
#include "AdminCommand.h"
#include "sync/CentralAdmin.h"
#include "sync/CentralConnection.h"
#include "sync/CentralMigrations.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QSaveFile>
#include <algorithm>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s); // the context lupdate files them under
}

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return e.kind == Error::Kind::Invalid ? 2 : 1;
}

// Opens the central database; prints why not and returns nullptr.
std::unique_ptr<CentralConnection> connectCentral(AdminContext& ctx, QStringList& args)
{
    const QString url = centralUrlFrom(takeOption(args, QStringLiteral("--central")));
    auto c = CentralConnection::open(url);
    if (!c) {
        fail(ctx, c.error());
        return nullptr;
    }
    return std::move(c.value());
}

// The positional arguments a command needs, exactly; prints the usage otherwise.
bool expectArgs(AdminContext& ctx, const QStringList& args, int n, const QString& usage)
{
    if (args.size() == n && !std::any_of(args.begin(), args.end(), [](const QString& a) {
            return a.startsWith(QLatin1String("--"));
        }))
        return true;
    ctx.err << tr("Usage: %1").arg(usage) << Qt::endl;
    return false;
}

QString when(const QDateTime& t)
{
    return t.isValid() ? QLocale::c().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"))
                       : tr("never");
}

const QString initUsage = QStringLiteral("central init [--central URL]");
const QString backupMarkUsage = QStringLiteral("central backup-mark [--begin] [--central URL]");
const QString restoredUsage = QStringLiteral("central restored [--note TEXT] [--central URL]");
const QString migrateUsage = QStringLiteral("central migrate [--central URL]");
const QString addSiteUsage =
    QStringLiteral("central add-site CODE --name NAME [--level city|town|village] [--central URL]");
const QString catalogueUsage = QStringLiteral("central publish-catalogue FILE [--central URL]");
const QString calendarUsage = QStringLiteral("central publish-calendar FILE [--central URL]");
const QString gradeUsage = QStringLiteral(
    "central set-credit-grade CREDIT_CODE A|B|C|blacklist [--note TEXT] [--central URL]");
const QString caseStatusUsage =
    QStringLiteral("central case-status NUMBER STATUS --by WHO [--note TEXT] [--central URL]");
const QString statusUsage = QStringLiteral("central status [--central URL]");
const QString pgbouncerUsage =
    QStringLiteral("central pgbouncer-auth [--userlist FILE] [--central URL]");

int runMigrate(AdminContext& ctx, QStringList args)
{
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 0, migrateUsage))
        return c ? 2 : 1;
    auto applied = CentralAdmin(*c).migrate();
    if (!applied)
        return fail(ctx, applied.error());
    if (applied->isEmpty()) {
        ctx.out << tr("The central database is up to date (schema %1).")
                       .arg(CentralMigrations::knownVersion())
                << Qt::endl;
        return 0;
    }
    QStringList versions;
    for (int v : applied.value())
        versions << QString::number(v);
    ctx.out << tr("The central database is now at schema %1 (applied: %2).")
                   .arg(applied->last())
                   .arg(versions.join(QStringLiteral(", ")))
            << Qt::endl;
    return 0;
}

int runAddSite(AdminContext& ctx, QStringList args)
{
    const QString name = takeOption(args, QStringLiteral("--name"));
    const QString level = takeOption(args, QStringLiteral("--level"), QStringLiteral("town"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 1, addSiteUsage))
        return c ? 2 : 1;
    auto site = CentralAdmin(*c).addSite(args.first(), name, level);
    if (!site)
        return fail(ctx, site.error());
    ctx.out << tr("Site %1 (%2, %3) added.").arg(site->code, name, level) << '\n'
            << tr("Its login is shown only this once; the centre keeps no copy of the "
                  "password. Give it to the site's counters:")
            << '\n'
            << "  role:     " << site->role << '\n'
            << "  password: " << site->password << '\n'
            << "  URL:      " << site->url << Qt::endl;
    return 0;
}

int runPublishCatalogue(AdminContext& ctx, QStringList args)
{
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 1, catalogueUsage))
        return c ? 2 : 1;
    auto r = CentralAdmin(*c).publishCatalogue(args.first());
    if (!r)
        return fail(ctx, r.error());
    ctx.out << tr("Catalogue published: %1 entries added, %2 already published as they are.")
                   .arg(r->added)
                   .arg(r->unchanged)
            << Qt::endl;
    return 0;
}

int runPublishCalendar(AdminContext& ctx, QStringList args)
{
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 1, calendarUsage))
        return c ? 2 : 1;
    auto r = CentralAdmin(*c).publishCalendar(args.first());
    if (!r)
        return fail(ctx, r.error());
    ctx.out << tr("Calendar published: %1 years added, %2 changed, %3 unchanged.")
                   .arg(r->added)
                   .arg(r->updated)
                   .arg(r->unchanged)
            << Qt::endl;
    return 0;
}

int runSetCreditGrade(AdminContext& ctx, QStringList args)
{
    const QString note = takeOption(args, QStringLiteral("--note"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 2, gradeUsage))
        return c ? 2 : 1;
    auto r = CentralAdmin(*c).setCreditGrade(args[0], args[1], note);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << (r->unchanged ? tr("The credit grade of %1 was already %2.")
                             : tr("The credit grade of %1 is now %2."))
                   .arg(args[0].toUpper(), args[1])
            << Qt::endl;
    return 0;
}

int runCaseStatus(AdminContext& ctx, QStringList args)
{
    const QString by = takeOption(args, QStringLiteral("--by"));
    const QString note = takeOption(args, QStringLiteral("--note"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 2, caseStatusUsage))
        return c ? 2 : 1;
    auto r = CentralAdmin(*c).recordCaseStatus(args[0], args[1], by, note);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << tr("Case %1 is now %2 (status version %3), decided by %4.")
                   .arg(r->caseNumber, r->status)
                   .arg(r->statusVersion)
                   .arg(by)
            << Qt::endl;
    return 0;
}

int runBackupMark(AdminContext& ctx, QStringList args)
{
    const bool begin = takeFlag(args, QStringLiteral("--begin"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 0, backupMarkUsage))
        return c ? 2 : 1;
    CentralAdmin admin(*c);
    if (Status s = begin ? admin.backupBegin() : admin.backupDone(); !s)
        return fail(ctx, s.error());
    ctx.out << (begin ? tr("Backup begun: it will hold everything the centre finished before "
                           "now. Run `central backup-mark` once it succeeded.")
                      : tr("Backup marked as done: the counters forget what it holds at their "
                           "next sync."))
            << Qt::endl;
    return 0;
}

int runRestored(AdminContext& ctx, QStringList args)
{
    const QString note = takeOption(args, QStringLiteral("--note"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 0, restoredUsage))
        return c ? 2 : 1;
    auto r = CentralAdmin(*c).declareRestored(note);
    if (!r)
        return fail(ctx, r.error());
    ctx.out << tr("The centre now counts as restored: %1 changes dropped from the log. At their "
                  "next connection the counters send again what the backup lacks and take a "
                  "fresh copy of the centre's data; `central status` lists what they sent.")
                   .arg(*r)
            << Qt::endl;
    return 0;
}

QString eventText(const CentreEvent& e)
{
    if (e.kind == QLatin1String("restored"))
        return tr("declared restored from a backup (%1 changes dropped from the log)").arg(e.count);
    if (e.kind == QLatin1String("moved"))
        return tr("found on another server (%1): restored there, %2 changes dropped from the log")
            .arg(e.note)
            .arg(e.count);
    if (e.kind == QLatin1String("backup_begun"))
        return tr("backup %1 begun").arg(e.note);
    if (e.kind == QLatin1String("backup_done"))
        return tr("backup %1 done").arg(e.note);
    if (e.kind == QLatin1String("resent"))
        return tr("site %1, counter %2 sent again %3 operations the centre had lost")
            .arg(e.siteCode, e.counterId)
            .arg(e.count);
    return e.kind;
}

int runStatus(AdminContext& ctx, QStringList args)
{
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 0, statusUsage))
        return c ? 2 : 1;
    auto s = CentralAdmin(*c).status();
    if (!s)
        return fail(ctx, s.error());
    ctx.out << tr("Central database %1: schema %2, %3 sites, %4 changes in the log.")
                   .arg(c->url().display())
                   .arg(s->schemaVersion)
                   .arg(s->sites.size())
                   .arg(s->changeLogRows)
            << '\n';
    if (s->history.known) {
        const CentreHistory& h = s->history;
        ctx.out << tr("Identity: system %1, timeline %2, epoch %3 (since %4, %5).")
                       .arg(h.systemIdentifier)
                       .arg(h.timeline)
                       .arg(h.epoch, when(h.epochChangedAt), h.epochReason)
                << '\n'
                << (h.backupDoneAt.isValid()
                        ? tr("Last backup: begun %1, done %2.")
                              .arg(when(h.backupBegunAt), when(h.backupDoneAt))
                        : tr("Last backup: none marked done; the counters keep what they sent."))
                << '\n';
        if (h.pendingBackupBegunAt.isValid())
            ctx.out
                << tr("A backup begun %1 is not yet marked done.").arg(when(h.pendingBackupBegunAt))
                << '\n';
        if (!h.heldBy.isEmpty()) {
            ctx.out << tr("The backup done %1 is held back: the counters keep what it holds "
                          "until every standby has it. Waiting for:")
                           .arg(when(h.heldBackupDoneAt))
                    << '\n';
            for (const StandbyBehind& b : h.heldBy)
                ctx.out << "  "
                        << (b.flushedTo.isEmpty()
                                ? tr("standby %1 (replication slot): never connected").arg(b.slot)
                            : b.connected
                                ? tr("standby %1 (replication slot): connected, %2 bytes of WAL "
                                     "behind the mark")
                                      .arg(b.slot)
                                      .arg(b.bytesBehind)
                                : tr("standby %1 (replication slot): not connected, %2 bytes of "
                                     "WAL behind the mark")
                                      .arg(b.slot)
                                      .arg(b.bytesBehind))
                        << '\n';
            ctx.out << tr("A standby that is gone for good: drop its slot "
                          "(SELECT pg_drop_replication_slot('NAME')).")
                    << '\n';
        }
        if (h.standbysWithoutSlot > 0)
            ctx.out << QCoreApplication::translate(
                           "ow::admin",
                           "%n standby(s) stream without a replication slot: the centre cannot "
                           "tell what they have and does not wait for them before the counters "
                           "forget a backup's operations.",
                           nullptr, h.standbysWithoutSlot)
                    << '\n';
        for (const CentreEvent& e : h.events)
            ctx.out << "  " << when(e.at) << "  " << eventText(e) << '\n';
    }
    for (const SiteStatus& site : s->sites)
        ctx.out << tr("%1  %2 (%3): last contact %4, %5 counters, %6 cases, %7 changes not yet "
                      "acknowledged, %8 operations waiting at the counters, %9 in quarantine")
                       .arg(site.code, site.name, site.level, when(site.lastContact))
                       .arg(site.counters)
                       .arg(site.cases)
                       .arg(site.waitingChanges)
                       .arg(site.outboxPending)
                       .arg(site.openQuarantine)
                << '\n';
    ctx.out.flush();
    return 0;
}

// PgBouncer's auth_file with `line` in place of the role's line, if any;
// every other line kept. Written whole or not at all, readable by its owner only.
Status writeUserlist(const QString& path, const QString& role, const QString& line)
{
    QStringList lines;
    QFile old(path);
    if (old.exists()) {
        if (!old.open(QIODevice::ReadOnly))
            return Error::storage(tr("Cannot read %1: %2").arg(path, old.errorString()));
        const QString mine = QLatin1Char('"') + role + QLatin1Char('"');
        for (const QString& l : QString::fromUtf8(old.readAll()).split(QLatin1Char('\n')))
            if (!l.trimmed().isEmpty() && !l.trimmed().startsWith(mine))
                lines << l;
    }
    lines << line;
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) ||
        !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        f.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8()) < 0 || !f.commit())
        return Error::storage(tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

int runPgBouncerAuth(AdminContext& ctx, QStringList args)
{
    const QString userlist = takeOption(args, QStringLiteral("--userlist"));
    auto c = connectCentral(ctx, args);
    if (!c || !expectArgs(ctx, args, 0, pgbouncerUsage))
        return c ? 2 : 1;
    auto login = CentralAdmin(*c).setUpPgBouncer();
    if (!login)
        return fail(ctx, login.error());
    ctx.out << tr("PgBouncer's login %1 is set up in %2: it may look up the password of a login "
                  "that may connect to this database, and do nothing else.")
                   .arg(login->role, c->url().database)
            << '\n';
    if (userlist.isEmpty()) {
        ctx.out << tr("Its password is shown only this once; put this line in PgBouncer's "
                      "auth_file:")
                << '\n'
                << "  " << login->userlistLine() << '\n';
    } else {
        if (Status s = writeUserlist(userlist, login->role, login->userlistLine()); !s) {
            ctx.err << tr("The login has a new password that is now nowhere: run this again.")
                    << '\n';
            return fail(ctx, s.error());
        }
        ctx.out
            << tr("Its password is in %1 (PgBouncer's auth_file), and nowhere else.").arg(userlist)
            << '\n';
    }
    ctx.out << tr("In pgbouncer.ini:") << '\n'
            << "  auth_user = " << login->role << '\n'
            << "  auth_query = " << login->authQuery << Qt::endl;
    return 0;
}

[[maybe_unused]] const bool registered = [] {
    registerCommand({QStringLiteral("central init"), initUsage, runMigrate});
    registerCommand({QStringLiteral("central migrate"), migrateUsage, runMigrate});
    registerCommand({QStringLiteral("central add-site"), addSiteUsage, runAddSite});
    registerCommand(
        {QStringLiteral("central publish-catalogue"), catalogueUsage, runPublishCatalogue});
    registerCommand(
        {QStringLiteral("central publish-calendar"), calendarUsage, runPublishCalendar});
    registerCommand({QStringLiteral("central set-credit-grade"), gradeUsage, runSetCreditGrade});
    registerCommand({QStringLiteral("central case-status"), caseStatusUsage, runCaseStatus});
    registerCommand({QStringLiteral("central status"), statusUsage, runStatus});
    registerCommand({QStringLiteral("central backup-mark"), backupMarkUsage, runBackupMark});
    registerCommand({QStringLiteral("central restored"), restoredUsage, runRestored});
    registerCommand({QStringLiteral("central pgbouncer-auth"), pgbouncerUsage, runPgBouncerAuth});
    return true;
}();

} // namespace

} // namespace ow::admin
