#pragma once

#include "auth/User.h"
#include "store/Database.h"

#include <QJsonObject>
#include <optional>

namespace ow {

// The only SQL on app_user and auth_policy. Opens no transaction: the
// caller's (AuthService's) covers the change and its audit entry.
class UserRepository
{
public:
    explicit UserRepository(Database& db);

    Result<int> count() const;
    Result<QList<User>> all() const;
    // By login, case-insensitively.
    Result<std::optional<User>> find(const QString& login) const;
    Result<QString> passwordHash(const QString& userId) const;

    Status insert(const User& user, const QString& passwordHash);
    Status setPasswordHash(const QString& userId, const QString& hash, const QDateTime& at);
    Status setActive(const QString& userId, bool active, const QDateTime& at);
    Status setRole(const QString& userId, Role role, const QDateTime& at);
    // The failed sign-ins in a row and the lock; written after each attempt.
    Status setFailures(const QString& userId, int failedAttempts, const QDateTime& lockedUntil,
                       bool lockedUntilUnlock, const QDateTime& at);

    Result<AuthPolicy> policy() const;
    Status setPolicy(const AuthPolicy& policy);

private:
    Database& m_db;
};

// The JSON the audit log records of a user (never the password string).
QJsonObject userToJson(const User& user);
QJsonObject policyToJson(const AuthPolicy& policy);

} // namespace ow
