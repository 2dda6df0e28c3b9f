#pragma once

#include "auth/Permission.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace ow {

// A person who signs in at this counter (table app_user). The password is
// never kept, only its Argon2id string.
struct User
{
    QString id; // UUIDv7
    QString login;
    QString displayName;
    Role role = Role::Clerk;
    QString siteCode;
    QString window;
    // Item codes or categories a clerk may accept; empty: every item.
    QStringList items;
    bool active = true;
    int failedAttempts = 0;
    // Invalid: not locked by time. lockedUntilUnlock: until a supervisor unlocks.
    QDateTime lockedUntil;
    bool lockedUntilUnlock = false;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime passwordChangedAt;

    bool lockedAt(const QDateTime& now) const
    {
        return lockedUntilUnlock || (lockedUntil.isValid() && now < lockedUntil);
    }
};

// How sign-in behaves on this counter (table auth_policy).
struct AuthPolicy
{
    int maxFailures = 5;      // failed sign-ins in a row before the account locks
    int lockMinutes = 15;     // 0: locked until a supervisor unlocks it
    int idleLockMinutes = 10; // 0: the screen never locks by itself
    int minPasswordLength = 8;
};

} // namespace ow
