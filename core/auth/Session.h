#pragma once

#include "auth/Permission.h"
#include "auth/User.h"
#include "store/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace ow {

// Who is acting: the user signed in at the GUI, or the machine's operator.
// Core services take a Session and check it with require() before they
// change anything, so a permission holds whatever the screen shows.
//
// Session::system() is the operator of the machine: onewindow-admin runs
// as it (whoever may run programs on the counter's account may open its
// store anyway), and so do the services' overloads without a Session. It
// holds every permission and is recorded as "system" in the audit log.
// A default-constructed Session is no one and holds no permission.
class Session
{
public:
    Session() = default;
    static Session system();
    static Session forUser(const User& user, const QDateTime& startedAt);

    bool isValid() const { return m_system || !m_userId.isEmpty(); }
    bool isSystem() const { return m_system; }

    const QString& userId() const { return m_userId; }
    const QString& login() const { return m_login; }
    const QString& displayName() const { return m_displayName; }
    Role role() const { return m_role; }
    const QString& siteCode() const { return m_siteCode; }
    const QString& window() const { return m_window; }
    const QStringList& items() const { return m_items; }
    const QDateTime& startedAt() const { return m_startedAt; }

    // The name the audit log records: the login, or "system".
    QString actor() const;

    bool may(Permission permission) const;
    // Forbidden, with a sentence naming the user, their role, what they
    // tried and the role it takes, unless the session holds `permission`.
    Status require(Permission permission) const;

    // Whether this clerk may accept the item (its code or its category is
    // in the user's list, or the list is empty).
    bool mayAcceptItem(const QString& code, const QString& category) const;

private:
    bool m_system = false;
    QString m_userId;
    QString m_login;
    QString m_displayName;
    Role m_role = Role::Clerk;
    QString m_siteCode;
    QString m_window;
    QStringList m_items;
    QDateTime m_startedAt;
};

} // namespace ow
