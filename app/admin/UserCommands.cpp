// `user add|list|passwd|disable|enable|unlock|policy`: the users of this
// counter's store. onewindow-admin runs as the machine's operator
// (Session::system(), "system" in the audit log): whoever may run programs
// on the counter's account may open its store anyway. Passwords are read
// from a prompt without echo, or one line of standard input; never from
// the command line. Exit 0 on success, 1 on a refusal, 2 on a usage error.
#include "AdminCommand.h"
#include "PasswordInput.h"
#include "auth/AuthService.h"
#include "auth/UserRepository.h"
#include "cases/CaseRecord.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace ow::admin {

namespace {

QString tr(const char* s)
{
    return QCoreApplication::translate("ow::admin", s);
}

int fail(AdminContext& ctx, const Error& e)
{
    ctx.err << e.fullText() << Qt::endl;
    return 1;
}

int usage(AdminContext& ctx, const QString& text)
{
    ctx.err << tr("Usage: %1").arg(text) << Qt::endl;
    return 2;
}

const QString addUsage = QStringLiteral(
    "user add LOGIN --name NAME --role clerk|supervisor|administrator [--site CODE] "
    "[--window W] [--items CODE,CATEGORY,...]   (password: prompt or one line of stdin)");
const QString listUsage = QStringLiteral("user list [--json]");
const QString passwdUsage = QStringLiteral("user passwd LOGIN   (password: prompt or stdin)");
const QString disableUsage = QStringLiteral("user disable LOGIN");
const QString enableUsage = QStringLiteral("user enable LOGIN");
const QString unlockUsage = QStringLiteral("user unlock LOGIN");
const QString policyUsage =
    QStringLiteral("user policy [--max-failures N] [--lock-minutes M (0: until unlocked)] "
                   "[--idle-lock-minutes M (0: never)] [--min-password-length N]");

QString state(const User& u, const QDateTime& now)
{
    if (!u.active)
        return tr("disabled");
    if (u.lockedUntilUnlock)
        return tr("locked until unlocked");
    if (u.lockedAt(now))
        return tr("locked until %1")
            .arg(u.lockedUntil.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return tr("active");
}

int addUser(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    NewUser u;
    u.displayName = takeOption(args, QStringLiteral("--name"));
    const QString role = takeOption(args, QStringLiteral("--role"));
    u.siteCode = takeOption(args, QStringLiteral("--site"));
    u.window = takeOption(args, QStringLiteral("--window"));
    u.items =
        takeOption(args, QStringLiteral("--items")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (args.size() != 1 || role.isEmpty())
        return usage(ctx, addUsage);
    u.login = args.first();
    const auto r = roleFromString(role);
    if (!r) {
        ctx.err << tr("--role: \"%1\" is not a role; the roles are clerk, supervisor and "
                      "administrator.")
                       .arg(role)
                << Qt::endl;
        return 2;
    }
    u.role = *r;
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto password = readPassword(ctx.err, tr("Password for %1").arg(u.login), true);
    if (!password)
        return fail(ctx, password.error());
    AuthService auth(*db);
    auto added = auth.addUser(Session::system(), u, *password);
    if (!added)
        return fail(ctx, added.error());
    ctx.out
        << tr("Added %1 (%2), %3.").arg(added->login, added->displayName, displayName(added->role))
        << Qt::endl;
    return 0;
}

int listUsers(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    const bool asJson = takeFlag(args, QStringLiteral("--json"));
    if (!args.isEmpty())
        return usage(ctx, listUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    auto users = AuthService(*db).users(Session::system());
    if (!users)
        return fail(ctx, users.error());
    const QDateTime now = QDateTime::currentDateTime();
    if (asJson) {
        QJsonArray a;
        for (const User& u : *users) {
            QJsonObject o = userToJson(u);
            o.insert(QStringLiteral("state"), state(u, now));
            a.append(o);
        }
        ctx.out << QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented));
        return 0;
    }
    for (const User& u : *users)
        ctx.out << u.login << '\t' << u.displayName << '\t' << toString(u.role) << '\t'
                << u.siteCode << '\t' << u.window << '\t' << state(u, now) << '\n';
    ctx.out.flush();
    return 0;
}

int passwd(AdminContext& ctx, const QStringList& args)
{
    if (args.size() != 1)
        return usage(ctx, passwdUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    AuthService auth(*db);
    // Refuse an unknown login before asking for a password.
    if (auto u = auth.user(Session::system(), args.first()); !u)
        return fail(ctx, u.error());
    auto password = readPassword(ctx.err, tr("New password for %1").arg(args.first()), true);
    if (!password)
        return fail(ctx, password.error());
    if (Status s = auth.setPassword(Session::system(), args.first(), *password); !s)
        return fail(ctx, s.error());
    ctx.out << tr("The password of %1 was changed.").arg(args.first()) << Qt::endl;
    return 0;
}

int setActive(AdminContext& ctx, const QStringList& args, bool active)
{
    if (args.size() != 1)
        return usage(ctx, active ? enableUsage : disableUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    if (Status s = AuthService(*db).setActive(Session::system(), args.first(), active); !s)
        return fail(ctx, s.error());
    ctx.out << (active ? tr("%1 may sign in again.") : tr("%1 is disabled and cannot sign in."))
                   .arg(args.first())
            << Qt::endl;
    return 0;
}

int unlock(AdminContext& ctx, const QStringList& args)
{
    if (args.size() != 1)
        return usage(ctx, unlockUsage);
    Database* db = ctx.store();
    if (!db)
        return 1;
    if (Status s = AuthService(*db).unlock(Session::system(), args.first()); !s)
        return fail(ctx, s.error());
    ctx.out << tr("%1 is unlocked.").arg(args.first()) << Qt::endl;
    return 0;
}

int policy(AdminContext& ctx, const QStringList& arguments)
{
    QStringList args = arguments;
    Database* db = ctx.store();
    if (!db)
        return 1;
    AuthService auth(*db);
    auto current = auth.policy();
    if (!current)
        return fail(ctx, current.error());
    AuthPolicy p = *current;
    bool changed = false;
    struct Option
    {
        const char* name;
        int* value;
    };
    for (const Option& o :
         {Option{"--max-failures", &p.maxFailures}, Option{"--lock-minutes", &p.lockMinutes},
          Option{"--idle-lock-minutes", &p.idleLockMinutes},
          Option{"--min-password-length", &p.minPasswordLength}}) {
        const QString v = takeOption(args, QString::fromLatin1(o.name));
        if (v.isEmpty())
            continue;
        bool ok = false;
        *o.value = v.toInt(&ok);
        if (!ok) {
            ctx.err << tr("%1: \"%2\" is not a whole number.").arg(QString::fromLatin1(o.name), v)
                    << Qt::endl;
            return 2;
        }
        changed = true;
    }
    if (!args.isEmpty())
        return usage(ctx, policyUsage);
    if (changed)
        if (Status s = auth.setPolicy(Session::system(), p); !s)
            return fail(ctx, s.error());
    ctx.out << tr("Sign-in policy: the account locks after %1 failed sign-ins in a row for %2 "
                  "minutes (0: until a supervisor unlocks it); the screen locks after %3 idle "
                  "minutes (0: never); passwords have at least %4 characters.")
                   .arg(p.maxFailures)
                   .arg(p.lockMinutes)
                   .arg(p.idleLockMinutes)
                   .arg(p.minPasswordLength)
            << Qt::endl;
    return 0;
}

const bool registered =
    registerCommand({QStringLiteral("user add"), addUsage, &addUser}) &&
    registerCommand({QStringLiteral("user list"), listUsage, &listUsers}) &&
    registerCommand({QStringLiteral("user passwd"), passwdUsage, &passwd}) &&
    registerCommand(
        {QStringLiteral("user disable"), disableUsage,
         [](AdminContext& c, const QStringList& a) { return setActive(c, a, false); }}) &&
    registerCommand(
        {QStringLiteral("user enable"), enableUsage,
         [](AdminContext& c, const QStringList& a) { return setActive(c, a, true); }}) &&
    registerCommand({QStringLiteral("user unlock"), unlockUsage, &unlock}) &&
    registerCommand({QStringLiteral("user policy"), policyUsage, &policy});

} // namespace

} // namespace ow::admin
