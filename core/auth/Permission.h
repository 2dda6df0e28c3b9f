#pragma once

#include <QString>
#include <optional>

namespace ow {

// What a user is at this counter. Each role may do everything the roles
// before it may: a supervisor is also a clerk, an administrator also a
// supervisor.
enum class Role {
    Clerk,         // 受理员: intake at the window, printing
    Supervisor,    // 审核员: overrides, sampling, unlocking accounts, the audit log
    Administrator, // 管理员: users, the catalogue, settings
};

QString toString(Role role);                          // "clerk", "supervisor", "administrator"
std::optional<Role> roleFromString(const QString& s); // the same names
QString displayName(Role role);                       // translated: 受理员, 审核员, 管理员

// What a core service checks before it acts (Session::require).
enum class Permission {
    AcceptIntake,        // accept, ask for corrections, refuse; print the notices
    HandleCase,          // forward, record the department's result, complete, hand over, withdraw
    ApproveAtWindow,     // approve or refuse at the window (also needs the item's authority)
    SpecialProcedure,    // stop the legal clock for a special procedure, 特别程序 (supervisor)
    OverrideCreditCheck, // let a credit code or grade past its check (supervisor)
    RunSampling,         // draw cases for audit and record findings (supervisor)
    UnlockUser,          // unlock an account locked after failed sign-ins (supervisor)
    ViewAudit,           // read and verify the audit log (supervisor)
    ManageUsers,         // add users, set passwords, disable, set the policy (administrator)
    ImportCatalogue,     // import the catalogue (administrator)
    ConfigureCounter,    // site, window, sync and other settings (administrator)
};

// The least role that holds `permission`.
Role minimumRole(Permission permission);
bool roleHas(Role role, Permission permission);
// Translated, as a verb phrase: "import the catalogue".
QString describe(Permission permission);

} // namespace ow
