#pragma once

#include "auth/Session.h"
#include "auth/User.h"
#include "store/Clock.h"
#include "store/Database.h"

namespace ow {

// A user to add.
struct NewUser
{
    QString login;
    QString displayName;
    Role role = Role::Clerk;
    QString siteCode;
    QString window;
    QStringList items; // item codes or categories a clerk may accept; empty: all
};

// Users, passwords, sign-in with lock-out, and the policy, for the GUI and
// the CLI. Every change is checked against the acting Session and written
// with its audit entry in one Transaction. Passwords are hashed with
// Argon2id (PasswordHash) and never stored or logged.
class AuthService
{
public:
    explicit AuthService(Database& db, const Clock& clock = Clock::system());

    // No user yet: the first start creates the administrator.
    Result<bool> hasUsers() const;
    Result<AuthPolicy> policy() const;
    Status setPolicy(const Session& by, const AuthPolicy& policy); // administrator

    // The first administrator, only while the store has no user at all.
    Result<User> createFirstAdministrator(const NewUser& user, const QString& password);
    Result<User> addUser(const Session& by, const NewUser& user, const QString& password);
    Result<QList<User>> users(const Session& by) const; // supervisor
    Result<User> user(const Session& by, const QString& login) const;
    Status setPassword(const Session& by, const QString& login, const QString& password);
    Status setActive(const Session& by, const QString& login, bool active);
    // Gives the user another role; an administrator cannot change their own.
    Status setRole(const Session& by, const QString& login, Role role);
    // Lifts a lock-out and clears the failed sign-ins (supervisor).
    Status unlock(const Session& by, const QString& login);

    // Checks the password. A wrong one counts; after the policy's number of
    // failures in a row the account locks (for the policy's minutes, or
    // until a supervisor unlocks it). The error says how many attempts are
    // left, or until when the account is locked.
    Result<Session> signIn(const QString& login, const QString& password);
    // The locked screen: the same user's password again (failures count).
    Result<Session> resume(const Session& session, const QString& password);

    // Why `password` is not acceptable for `login`, or empty.
    QString passwordProblem(const QString& login, const QString& password,
                            const AuthPolicy& policy) const;

private:
    Result<Session> authenticate(const QString& login, const QString& password,
                                 const QString& action);
    Result<User> insertUser(const Session& by, const NewUser& user, const QString& password,
                            bool onlyIfEmpty);
    Result<User> findOrFail(const QString& login) const;
    QString lockedMessage(const User& user) const;

    Database& m_db;
    const Clock& m_clock;
};

} // namespace ow
