#include "auth/Session.h"

#include <QCoreApplication>

namespace ow {

Session Session::system()
{
    Session s;
    s.m_system = true;
    s.m_login = QStringLiteral("system");
    s.m_displayName = QCoreApplication::translate("ow::Session", "system operator");
    s.m_role = Role::Administrator;
    return s;
}

Session Session::forUser(const User& user, const QDateTime& startedAt)
{
    Session s;
    s.m_userId = user.id;
    s.m_login = user.login;
    s.m_displayName = user.displayName;
    s.m_role = user.role;
    s.m_siteCode = user.siteCode;
    s.m_window = user.window;
    s.m_items = user.items;
    s.m_startedAt = startedAt;
    return s;
}

QString Session::actor() const
{
    return m_system ? QStringLiteral("system") : m_login;
}

bool Session::may(Permission permission) const
{
    if (m_system)
        return true;
    return isValid() && roleHas(m_role, permission);
}

Status Session::require(Permission permission) const
{
    if (may(permission))
        return {};
    if (!isValid())
        return Error::forbidden(
            QCoreApplication::translate("ow::Session", "No one is signed in: sign in to %1.")
                .arg(describe(permission)));
    return Error::forbidden(
        QCoreApplication::translate("ow::Session", "%1 (%2, %3) may not %4: that takes the "
                                                   "%5 role.")
            .arg(m_displayName, m_login, ow::displayName(m_role), describe(permission),
                 ow::displayName(minimumRole(permission))));
}

bool Session::mayAcceptItem(const QString& code, const QString& category) const
{
    if (m_system || m_items.isEmpty() || m_role != Role::Clerk)
        return true;
    return m_items.contains(code) || (!category.isEmpty() && m_items.contains(category));
}

} // namespace ow
