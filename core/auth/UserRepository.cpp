#include "auth/UserRepository.h"

#include "cases/CaseRecord.h"
#include "cases/SqlValue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ow {

namespace {

const char* kColumns = "id, login, display_name, role, site_code, window_code, items, active, "
                       "failed_attempts, locked_until, created_at, updated_at, "
                       "password_changed_at";

const QString kUntilUnlock = QStringLiteral("unlock");

User userFrom(const QSqlQuery& q)
{
    User u;
    u.id = q.value(0).toString();
    u.login = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.role = roleFromString(q.value(3).toString()).value_or(Role::Clerk);
    u.siteCode = q.value(4).toString();
    u.window = q.value(5).toString();
    for (const QJsonValue& v : QJsonDocument::fromJson(q.value(6).toString().toUtf8()).array())
        u.items << v.toString();
    u.active = q.value(7).toInt() != 0;
    u.failedAttempts = q.value(8).toInt();
    const QString locked = q.value(9).toString();
    u.lockedUntilUnlock = locked == kUntilUnlock;
    if (!locked.isEmpty() && !u.lockedUntilUnlock)
        u.lockedUntil = fromStoredTime(locked);
    u.createdAt = fromStoredTime(q.value(10).toString());
    u.updatedAt = fromStoredTime(q.value(11).toString());
    u.passwordChangedAt = fromStoredTime(q.value(12).toString());
    return u;
}

} // namespace

UserRepository::UserRepository(Database& db) : m_db(db) {}

Result<int> UserRepository::count() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM app_user")))
        return m_db.errorFrom(q);
    return q.next() ? q.value(0).toInt() : 0;
}

Result<QList<User>> UserRepository::all() const
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT %1 FROM app_user ORDER BY login").arg(QLatin1String(kColumns)));
    if (Status s = m_db.run(q); !s)
        return s.error();
    QList<User> out;
    while (q.next())
        out.append(userFrom(q));
    return out;
}

Result<std::optional<User>> UserRepository::find(const QString& login) const
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT %1 FROM app_user WHERE login = ?").arg(QLatin1String(kColumns)));
    q.addBindValue(sqlValue(login));
    if (Status s = m_db.run(q); !s)
        return s.error();
    if (!q.next())
        return std::optional<User>();
    return std::optional<User>(userFrom(q));
}

Result<QString> UserRepository::passwordHash(const QString& userId) const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT password_hash FROM app_user WHERE id = ?"));
    q.addBindValue(sqlValue(userId));
    if (Status s = m_db.run(q); !s)
        return s.error();
    return q.next() ? q.value(0).toString() : QString();
}

Status UserRepository::insert(const User& u, const QString& passwordHash)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("INSERT INTO app_user (%1, password_hash) VALUES (?, ?, ?, ?, ?, ?, "
                             "?, ?, ?, ?, ?, ?, ?, ?)")
                  .arg(QLatin1String(kColumns)));
    const QString items = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(u.items)).toJson(QJsonDocument::Compact));
    for (const QVariant& v :
         {sqlValue(u.id), sqlValue(u.login), sqlValue(u.displayName), sqlValue(toString(u.role)),
          sqlValue(u.siteCode), sqlValue(u.window), sqlValue(items), QVariant(u.active ? 1 : 0),
          QVariant(u.failedAttempts), sqlValue(QString()), sqlValue(storedTime(u.createdAt)),
          sqlValue(storedTime(u.updatedAt)), sqlValue(storedTime(u.passwordChangedAt)),
          sqlValue(passwordHash)})
        q.addBindValue(v);
    return m_db.run(q);
}

Status UserRepository::setPasswordHash(const QString& userId, const QString& hash,
                                       const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE app_user SET password_hash = ?, password_changed_at = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(sqlValue(hash));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(userId));
    return m_db.run(q);
}

Status UserRepository::setActive(const QString& userId, bool active, const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE app_user SET active = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(active ? 1 : 0);
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(userId));
    return m_db.run(q);
}

Status UserRepository::setRole(const QString& userId, Role role, const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE app_user SET role = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(sqlValue(toString(role)));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(userId));
    return m_db.run(q);
}

Status UserRepository::setFailures(const QString& userId, int failedAttempts,
                                   const QDateTime& lockedUntil, bool lockedUntilUnlock,
                                   const QDateTime& at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE app_user SET failed_attempts = ?, locked_until = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(failedAttempts);
    q.addBindValue(sqlValue(lockedUntilUnlock ? kUntilUnlock : storedTime(lockedUntil)));
    q.addBindValue(sqlValue(storedTime(at)));
    q.addBindValue(sqlValue(userId));
    return m_db.run(q);
}

Result<AuthPolicy> UserRepository::policy() const
{
    QSqlQuery q = m_db.query();
    if (!q.exec(QStringLiteral("SELECT max_failures, lock_minutes, idle_lock_minutes, "
                               "min_password_length FROM auth_policy WHERE id = 1")))
        return m_db.errorFrom(q);
    AuthPolicy p;
    if (q.next()) {
        p.maxFailures = q.value(0).toInt();
        p.lockMinutes = q.value(1).toInt();
        p.idleLockMinutes = q.value(2).toInt();
        p.minPasswordLength = q.value(3).toInt();
    }
    return p;
}

Status UserRepository::setPolicy(const AuthPolicy& p)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE auth_policy SET max_failures = ?, lock_minutes = ?, "
                             "idle_lock_minutes = ?, min_password_length = ? WHERE id = 1"));
    q.addBindValue(p.maxFailures);
    q.addBindValue(p.lockMinutes);
    q.addBindValue(p.idleLockMinutes);
    q.addBindValue(p.minPasswordLength);
    return m_db.run(q);
}

QJsonObject userToJson(const User& u)
{
    QJsonObject o{{QStringLiteral("id"), u.id},
                  {QStringLiteral("login"), u.login},
                  {QStringLiteral("displayName"), u.displayName},
                  {QStringLiteral("role"), toString(u.role)},
                  {QStringLiteral("site"), u.siteCode},
                  {QStringLiteral("window"), u.window},
                  {QStringLiteral("items"), QJsonArray::fromStringList(u.items)},
                  {QStringLiteral("active"), u.active},
                  {QStringLiteral("failedAttempts"), u.failedAttempts}};
    if (u.lockedUntilUnlock)
        o.insert(QStringLiteral("locked"), QStringLiteral("until unlocked"));
    else if (u.lockedUntil.isValid())
        o.insert(QStringLiteral("locked"), storedTime(u.lockedUntil));
    return o;
}

QJsonObject policyToJson(const AuthPolicy& p)
{
    return {{QStringLiteral("maxFailures"), p.maxFailures},
            {QStringLiteral("lockMinutes"), p.lockMinutes},
            {QStringLiteral("idleLockMinutes"), p.idleLockMinutes},
            {QStringLiteral("minPasswordLength"), p.minPasswordLength}};
}

} // namespace ow
