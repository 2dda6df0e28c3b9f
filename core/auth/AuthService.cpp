#include "auth/AuthService.h"

#include "audit/AuditLog.h"
#include "auth/PasswordHash.h"
#include "auth/UserRepository.h"
#include "cases/CaseRecord.h"
#include "store/Uuid.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace ow {

namespace {

QString tr(const char* s, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ow::AuthService", s, disambiguation, n);
}

Error invalidField(const QString& field, const QString& message)
{
    return Error::invalid(message, {{field, field, message}});
}

// A hash to verify against when the login is unknown, so that an unknown
// login takes as long to refuse as a wrong password.
const QString& decoyHash()
{
    static const QString h = PasswordHash::hash(QStringLiteral("decoy")).value();
    return h;
}

// A time as the counter's clock shows it.
QString shownTime(const QDateTime& t, const Clock& clock)
{
    return t.toOffsetFromUtc(clock.now().offsetFromUtc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

AuthService::AuthService(Database& db, const Clock& clock) : m_db(db), m_clock(clock) {}

Result<bool> AuthService::hasUsers() const
{
    auto n = UserRepository(m_db).count();
    if (!n)
        return n.error();
    return *n > 0;
}

Result<AuthPolicy> AuthService::policy() const
{
    return UserRepository(m_db).policy();
}

Status AuthService::setPolicy(const Session& by, const AuthPolicy& p)
{
    if (Status s = by.require(Permission::ManageUsers); !s)
        return s;
    QList<Problem> problems;
    if (p.maxFailures < 1 || p.maxFailures > 100)
        problems.append({QStringLiteral("maxFailures"), QStringLiteral("maxFailures"),
                         tr("The number of failed sign-ins before a lock-out is 1 to 100.")});
    if (p.lockMinutes < 0 || p.lockMinutes > 10080)
        problems.append({QStringLiteral("lockMinutes"), QStringLiteral("lockMinutes"),
                         tr("A lock-out lasts 0 (until unlocked) to 10080 minutes.")});
    if (p.idleLockMinutes < 0 || p.idleLockMinutes > 1440)
        problems.append({QStringLiteral("idleLockMinutes"), QStringLiteral("idleLockMinutes"),
                         tr("The screen locks after 0 (never) to 1440 idle minutes.")});
    if (p.minPasswordLength < 6 || p.minPasswordLength > 128)
        problems.append({QStringLiteral("minPasswordLength"), QStringLiteral("minPasswordLength"),
                         tr("The shortest password allowed is 6 to 128 characters.")});
    if (!problems.isEmpty())
        return Error::invalid(tr("The sign-in policy was not changed."), problems);
    UserRepository users(m_db);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto before = users.policy();
    if (!before)
        return before.error();
    if (Status s = users.setPolicy(p); !s)
        return s;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(by, {QStringLiteral("auth.policy"), QString(), policyToJson(*before),
                                  policyToJson(p)});
        !a)
        return a.error();
    return tx.commit();
}

QString AuthService::passwordProblem(const QString& login, const QString& password,
                                     const AuthPolicy& policy) const
{
    if (password.size() < policy.minPasswordLength)
        return tr("The password needs at least %n character(s).", nullptr,
                  policy.minPasswordLength);
    if (password.size() > 1024)
        return tr("The password is longer than 1024 characters.");
    if (password.compare(login, Qt::CaseInsensitive) == 0)
        return tr("The password may not be the login.");
    return {};
}

Result<User> AuthService::createFirstAdministrator(const NewUser& user, const QString& password)
{
    NewUser admin = user;
    admin.role = Role::Administrator;
    return insertUser(Session(), admin, password, true);
}

Result<User> AuthService::addUser(const Session& by, const NewUser& user, const QString& password)
{
    if (Status s = by.require(Permission::ManageUsers); !s)
        return s.error();
    return insertUser(by, user, password, false);
}

Result<User> AuthService::insertUser(const Session& by, const NewUser& nu, const QString& password,
                                     bool onlyIfEmpty)
{
    static const QRegularExpression loginPattern(QStringLiteral("^[A-Za-z0-9._@-]{1,64}$"));
    QList<Problem> problems;
    const QString login = nu.login.trimmed();
    if (login.isEmpty())
        problems.append(
            {QStringLiteral("login"), QStringLiteral("login"), tr("The login is empty.")});
    else if (!loginPattern.match(login).hasMatch())
        problems.append({QStringLiteral("login"), QStringLiteral("login"),
                         tr("The login \"%1\" may hold only letters, digits and . _ @ - "
                            "(at most 64).")
                             .arg(login)});
    else if (login.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0)
        problems.append({QStringLiteral("login"), QStringLiteral("login"),
                         tr("The login \"system\" is reserved for the machine's operator.")});
    if (nu.displayName.trimmed().isEmpty())
        problems.append(
            {QStringLiteral("name"), QStringLiteral("name"), tr("The user's name is empty.")});
    else if (nu.displayName.trimmed().size() > 100)
        problems.append({QStringLiteral("name"), QStringLiteral("name"),
                         tr("The user's name is longer than 100 characters.")});
    auto pol = policy();
    if (!pol)
        return pol.error();
    if (const QString why = passwordProblem(login, password, *pol); !why.isEmpty())
        problems.append({QStringLiteral("password"), QStringLiteral("password"), why});
    if (!problems.isEmpty())
        return Error::invalid(tr("The user was not added."), problems);

    auto hashed = PasswordHash::hash(password);
    if (!hashed)
        return hashed.error();
    UserRepository users(m_db);
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (onlyIfEmpty) {
        auto n = users.count();
        if (!n)
            return n.error();
        if (*n > 0)
            return Error::conflict(tr("This store has users already: the first administrator "
                                      "can be created only on a store without any."));
    }
    auto existing = users.find(login);
    if (!existing)
        return existing.error();
    if (existing->has_value())
        return Error::conflict(
            tr("The login %1 is taken (by %2).").arg(login, (*existing)->displayName));
    const QDateTime now = m_clock.now();
    User u;
    u.id = newUuidV7();
    u.login = login;
    u.displayName = nu.displayName.trimmed();
    u.role = nu.role;
    u.siteCode = nu.siteCode.trimmed();
    u.window = nu.window.trimmed();
    for (const QString& i : nu.items)
        if (!i.trimmed().isEmpty())
            u.items << i.trimmed();
    u.createdAt = u.updatedAt = u.passwordChangedAt = now;
    if (Status s = users.insert(u, *hashed); !s)
        return s.error();
    const Session actor = onlyIfEmpty ? Session::forUser(u, now) : by;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(actor, {onlyIfEmpty ? QStringLiteral("user.add-first-administrator")
                                                 : QStringLiteral("user.add"),
                                     u.login, QJsonValue::Null, userToJson(u)});
        !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return u;
}

Result<User> AuthService::findOrFail(const QString& login) const
{
    auto found = UserRepository(m_db).find(login.trimmed());
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error::notFound(tr("There is no user %1.").arg(login.trimmed()));
    return **found;
}

Result<QList<User>> AuthService::users(const Session& by) const
{
    if (Status s = by.require(Permission::UnlockUser); !s)
        return s.error();
    return UserRepository(m_db).all();
}

Result<User> AuthService::user(const Session& by, const QString& login) const
{
    if (Status s = by.require(Permission::UnlockUser); !s)
        return s.error();
    return findOrFail(login);
}

Status AuthService::setPassword(const Session& by, const QString& login, const QString& password)
{
    if (Status s = by.require(Permission::ManageUsers); !s)
        return s;
    auto u = findOrFail(login);
    if (!u)
        return u.error();
    auto pol = policy();
    if (!pol)
        return pol.error();
    if (const QString why = passwordProblem(u->login, password, *pol); !why.isEmpty())
        return invalidField(QStringLiteral("password"), why);
    auto hashed = PasswordHash::hash(password);
    if (!hashed)
        return hashed.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    const QDateTime now = m_clock.now();
    if (Status s = UserRepository(m_db).setPasswordHash(u->id, *hashed, now); !s)
        return s;
    // The password itself is never logged: only that it changed.
    if (auto a =
            AuditLog(m_db, m_clock)
                .append(by, {QStringLiteral("user.password"), u->login, QJsonValue::Null,
                             QJsonObject{{QStringLiteral("passwordChangedAt"), storedTime(now)}}});
        !a)
        return a.error();
    return tx.commit();
}

Status AuthService::setActive(const Session& by, const QString& login, bool active)
{
    if (Status s = by.require(Permission::ManageUsers); !s)
        return s;
    auto u = findOrFail(login);
    if (!u)
        return u.error();
    if (!active && by.userId() == u->id)
        return Error::forbidden(tr("You cannot disable your own account."));
    if (u->active == active)
        return {};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    User after = *u;
    after.active = active;
    if (Status s = UserRepository(m_db).setActive(u->id, active, m_clock.now()); !s)
        return s;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(by, {active ? QStringLiteral("user.enable")
                                         : QStringLiteral("user.disable"),
                                  u->login, userToJson(*u), userToJson(after)});
        !a)
        return a.error();
    return tx.commit();
}

Status AuthService::setRole(const Session& by, const QString& login, Role role)
{
    if (Status s = by.require(Permission::ManageUsers); !s)
        return s;
    auto u = findOrFail(login);
    if (!u)
        return u.error();
    if (by.userId() == u->id && role != u->role)
        return Error::forbidden(tr("You cannot change your own role."));
    if (u->role == role)
        return {};
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    User after = *u;
    after.role = role;
    if (Status s = UserRepository(m_db).setRole(u->id, role, m_clock.now()); !s)
        return s;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(by, {QStringLiteral("user.role"), u->login, userToJson(*u),
                                  userToJson(after)});
        !a)
        return a.error();
    return tx.commit();
}

Status AuthService::unlock(const Session& by, const QString& login)
{
    if (Status s = by.require(Permission::UnlockUser); !s)
        return s;
    auto u = findOrFail(login);
    if (!u)
        return u.error();
    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    User after = *u;
    after.failedAttempts = 0;
    after.lockedUntil = {};
    after.lockedUntilUnlock = false;
    if (Status s = UserRepository(m_db).setFailures(u->id, 0, {}, false, m_clock.now()); !s)
        return s;
    if (auto a = AuditLog(m_db, m_clock)
                     .append(by, {QStringLiteral("user.unlock"), u->login, userToJson(*u),
                                  userToJson(after)});
        !a)
        return a.error();
    return tx.commit();
}

QString AuthService::lockedMessage(const User& u) const
{
    if (u.lockedUntilUnlock)
        return tr("The account %1 is locked after too many failed sign-ins. A supervisor must "
                  "unlock it.")
            .arg(u.login);
    return tr("The account %1 is locked after too many failed sign-ins until %2, or until a "
              "supervisor unlocks it.")
        .arg(u.login, shownTime(u.lockedUntil, m_clock));
}

Result<Session> AuthService::signIn(const QString& login, const QString& password)
{
    return authenticate(login, password, QStringLiteral("auth.sign-in"));
}

Result<Session> AuthService::resume(const Session& session, const QString& password)
{
    if (session.isSystem() || session.userId().isEmpty())
        return Error::invalid(tr("Only a signed-in user can resume a locked screen."));
    auto s = authenticate(session.login(), password, QStringLiteral("auth.resume"));
    if (!s)
        return s;
    if (s->userId() != session.userId())
        return Error::forbidden(tr("The account changed while the screen was locked."));
    return s;
}

Result<Session> AuthService::authenticate(const QString& login, const QString& password,
                                          const QString& action)
{
    const QString wrong = tr("Unknown login or wrong password.");
    UserRepository users(m_db);
    auto found = users.find(login.trimmed());
    if (!found)
        return found.error();
    if (!found->has_value()) {
        (void)PasswordHash::verify(decoyHash(), password);
        return Error::forbidden(wrong);
    }
    const User& u = **found;
    const QDateTime now = m_clock.now();
    if (!u.active)
        return Error::forbidden(
            tr("The account %1 is disabled. An administrator can enable it.").arg(u.login));
    if (u.lockedAt(now))
        return Error::forbidden(lockedMessage(u));
    auto stored = users.passwordHash(u.id);
    if (!stored)
        return stored.error();
    // Argon2id takes a while: checked before the write transaction opens.
    const bool matches = PasswordHash::verify(*stored, password);
    auto pol = policy();
    if (!pol)
        return pol.error();

    Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    auto fresh = users.find(u.login);
    if (!fresh)
        return fresh.error();
    if (!fresh->has_value())
        return Error::forbidden(wrong);
    User cur = **fresh;
    const Session as = Session::forUser(cur, now);
    AuditLog audit(m_db, m_clock);
    if (!matches) {
        // A lock that ran out gives a fresh set of attempts.
        const bool expired = cur.lockedUntil.isValid() && now >= cur.lockedUntil;
        const int attempts = (expired ? 0 : cur.failedAttempts) + 1;
        User after = cur;
        after.failedAttempts = attempts;
        after.lockedUntil = {};
        QString message;
        QString event = QStringLiteral("auth.sign-in-failed");
        if (attempts >= pol->maxFailures) {
            if (pol->lockMinutes > 0)
                after.lockedUntil = now.addSecs(qint64(pol->lockMinutes) * 60);
            else
                after.lockedUntilUnlock = true;
            event = QStringLiteral("auth.locked");
            message = tr("Wrong password for %1.").arg(cur.login) + QLatin1Char(' ') +
                      lockedMessage(after);
        } else {
            const int left = pol->maxFailures - attempts;
            message = tr("Wrong password for %1.").arg(cur.login) + QLatin1Char(' ') +
                      tr("%n attempt(s) left before the account locks.", nullptr, left);
        }
        if (Status s = users.setFailures(cur.id, after.failedAttempts, after.lockedUntil,
                                         after.lockedUntilUnlock, now);
            !s)
            return s.error();
        if (auto a = audit.append(
                as, {event, cur.login,
                     QJsonObject{{QStringLiteral("failedAttempts"), cur.failedAttempts}},
                     userToJson(after)});
            !a)
            return a.error();
        if (Status s = tx.commit(); !s)
            return s.error();
        return Error::forbidden(message);
    }
    if (cur.failedAttempts != 0 || cur.lockedUntil.isValid())
        if (Status s = users.setFailures(cur.id, 0, {}, false, now); !s)
            return s.error();
    if (PasswordHash::needsRehash(*stored))
        if (auto rehashed = PasswordHash::hash(password); rehashed)
            if (Status s = users.setPasswordHash(cur.id, *rehashed, cur.passwordChangedAt); !s)
                return s.error();
    if (auto a = audit.append(as, {action, cur.login, QJsonValue::Null, QJsonValue::Null}); !a)
        return a.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return as;
}

} // namespace ow
