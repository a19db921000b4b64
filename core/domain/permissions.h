// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QJsonObject>
#include <QString>

#include <array>
#include <bitset>
#include <optional>

namespace Leads {

enum class Role { Agent, Manager, Admin };
inline constexpr std::array<Role, 3> kAllRoles = {Role::Agent, Role::Manager, Role::Admin};

enum class Permission {
    ViewAllLeads,     // see every lead, not only one's own
    ViewUnassigned,   // see and work the unassigned pool
    CreateLead,
    ChangeStatus,
    Assign,
    Qualify,
    AddNote,
    SetFollowUp,
    Import,
    Export,
    ManageSettings,   // lost reasons, AI threshold, source rules, assignment rule
    ManageUsers,
    ManagePermissions,
};
inline constexpr int kPermissionCount = 13;

QString roleId(Role role);
std::optional<Role> roleFromId(QStringView id);
QString roleLabel(Role role);
QString permissionId(Permission permission);
std::optional<Permission> permissionFromId(QStringView id);
QString permissionLabel(Permission permission);

// Which role may do what. Starts from the product defaults; an admin may change it, except
// that admins always keep ManagePermissions so nobody can lock the team out.
class PermissionMatrix
{
public:
    static PermissionMatrix defaults();

    bool allows(Role role, Permission permission) const;
    void set(Role role, Permission permission, bool allowed);
    Outcome require(Role role, Permission permission) const;

    QJsonObject toJson() const;
    static Result<PermissionMatrix> fromJson(const QJsonObject &json);

    bool operator==(const PermissionMatrix &other) const = default;

private:
    std::array<std::bitset<kPermissionCount>, 3> m_grants{};
};

// Who is acting: the signed-in user (or the local owner in standalone mode).
struct Actor
{
    QString userId;
    QString displayName;
    Role role = Role::Admin;
};

// May `actor` do `permission` on a lead assigned to `assigneeId` (empty = unassigned)?
// Agents act on their own leads, and on unassigned ones when the matrix lets them.
Outcome checkLeadAccess(const PermissionMatrix &matrix, const Actor &actor,
                        const QString &assigneeId, Permission permission);
// May `actor` see a lead assigned to `assigneeId` at all?
bool canSeeLead(const PermissionMatrix &matrix, const Actor &actor, const QString &assigneeId);

} // namespace Leads
