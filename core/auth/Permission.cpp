#include "auth/Permission.h"

#include <QCoreApplication>

namespace ow {

namespace {

// lupdate files tr() in free functions under the context "ow".
QString tr(const char* s)
{
    return QCoreApplication::translate("ow", s);
}

} // namespace

QString toString(Role role)
{
    switch (role) {
    case Role::Clerk:
        return QStringLiteral("clerk");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Administrator:
        return QStringLiteral("administrator");
    }
    return {};
}

std::optional<Role> roleFromString(const QString& s)
{
    for (Role r : {Role::Clerk, Role::Supervisor, Role::Administrator})
        if (toString(r) == s)
            return r;
    return std::nullopt;
}

QString displayName(Role role)
{
    switch (role) {
    case Role::Clerk:
        return tr("clerk");
    case Role::Supervisor:
        return tr("supervisor");
    case Role::Administrator:
        return tr("administrator");
    }
    return {};
}

Role minimumRole(Permission permission)
{
    switch (permission) {
    case Permission::AcceptIntake:
    case Permission::HandleCase:
    case Permission::ApproveAtWindow:
        return Role::Clerk;
    case Permission::SpecialProcedure:
    case Permission::OverrideCreditCheck:
    case Permission::RunSampling:
    case Permission::UnlockUser:
    case Permission::ViewAudit:
        return Role::Supervisor;
    case Permission::ManageUsers:
    case Permission::ImportCatalogue:
    case Permission::ConfigureCounter:
        return Role::Administrator;
    }
    return Role::Administrator;
}

bool roleHas(Role role, Permission permission)
{
    return int(role) >= int(minimumRole(permission));
}

QString describe(Permission permission)
{
    switch (permission) {
    case Permission::AcceptIntake:
        return tr("take intake decisions");
    case Permission::HandleCase:
        return tr("move a case along its life");
    case Permission::ApproveAtWindow:
        return tr("approve or refuse at the window");
    case Permission::SpecialProcedure:
        return tr("stop the legal clock for a special procedure");
    case Permission::OverrideCreditCheck:
        return tr("override a credit check");
    case Permission::RunSampling:
        return tr("sample cases for audit");
    case Permission::UnlockUser:
        return tr("unlock a user");
    case Permission::ViewAudit:
        return tr("read the audit log");
    case Permission::ManageUsers:
        return tr("manage users");
    case Permission::ImportCatalogue:
        return tr("import the catalogue");
    case Permission::ConfigureCounter:
        return tr("change the counter's settings");
    }
    return {};
}

} // namespace ow
