// SPDX-License-Identifier: GPL-3.0-or-later
#include "permissions.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Leads {

namespace {
constexpr std::array<Permission, kPermissionCount> kAllPermissions = {
    Permission::ViewAllLeads, Permission::ViewUnassigned, Permission::CreateLead,
    Permission::ChangeStatus, Permission::Assign,         Permission::Qualify,
    Permission::AddNote,      Permission::SetFollowUp,    Permission::Import,
    Permission::Export,       Permission::ManageSettings, Permission::ManageUsers,
    Permission::ManagePermissions,
};

// lupdate files these calls under the class whose member makes them (Leads::Permissions), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::Permissions", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}
} // namespace

QString roleId(Role role)
{
    switch (role) {
    case Role::Agent: return QStringLiteral("agent");
    case Role::Manager: return QStringLiteral("manager");
    case Role::Admin: return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromId(QStringView id)
{
    for (Role r : kAllRoles) {
        if (id == roleId(r))
            return r;
    }
    return std::nullopt;
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Agent: return tr("Agent");
    case Role::Manager: return tr("Manager");
    case Role::Admin: return tr("Admin");
    }
    return {};
}

QString permissionId(Permission p)
{
    switch (p) {
    case Permission::ViewAllLeads: return QStringLiteral("view_all_leads");
    case Permission::ViewUnassigned: return QStringLiteral("view_unassigned");
    case Permission::CreateLead: return QStringLiteral("create_lead");
    case Permission::ChangeStatus: return QStringLiteral("change_status");
    case Permission::Assign: return QStringLiteral("assign");
    case Permission::Qualify: return QStringLiteral("qualify");
    case Permission::AddNote: return QStringLiteral("add_note");
    case Permission::SetFollowUp: return QStringLiteral("set_follow_up");
    case Permission::Import: return QStringLiteral("import");
    case Permission::Export: return QStringLiteral("export");
    case Permission::ManageSettings: return QStringLiteral("manage_settings");
    case Permission::ManageUsers: return QStringLiteral("manage_users");
    case Permission::ManagePermissions: return QStringLiteral("manage_permissions");
    }
    return {};
}

std::optional<Permission> permissionFromId(QStringView id)
{
    for (Permission p : kAllPermissions) {
        if (id == permissionId(p))
            return p;
    }
    return std::nullopt;
}

QString permissionLabel(Permission p)
{
    switch (p) {
    case Permission::ViewAllLeads: return tr("view all leads");
    case Permission::ViewUnassigned: return tr("view unassigned leads");
    case Permission::CreateLead: return tr("create leads");
    case Permission::ChangeStatus: return tr("change lead status");
    case Permission::Assign: return tr("assign leads");
    case Permission::Qualify: return tr("score leads");
    case Permission::AddNote: return tr("add notes");
    case Permission::SetFollowUp: return tr("set follow-ups");
    case Permission::Import: return tr("import leads");
    case Permission::Export: return tr("export leads");
    case Permission::ManageSettings: return tr("manage lead settings");
    case Permission::ManageUsers: return tr("manage users");
    case Permission::ManagePermissions: return tr("manage permissions");
    }
    return {};
}

PermissionMatrix PermissionMatrix::defaults()
{
    PermissionMatrix m;
    const Permission agent[] = {Permission::ViewUnassigned, Permission::CreateLead,
                                Permission::ChangeStatus,   Permission::Qualify,
                                Permission::AddNote,        Permission::SetFollowUp};
    for (Permission p : agent)
        m.set(Role::Agent, p, true);
    for (Permission p : agent)
        m.set(Role::Manager, p, true);
    m.set(Role::Manager, Permission::ViewAllLeads, true);
    m.set(Role::Manager, Permission::Assign, true);
    m.set(Role::Manager, Permission::Export, true);
    for (Permission p : kAllPermissions)
        m.set(Role::Admin, p, true);
    return m;
}

bool PermissionMatrix::allows(Role role, Permission permission) const
{
    return m_grants[static_cast<size_t>(role)].test(static_cast<size_t>(permission));
}

void PermissionMatrix::set(Role role, Permission permission, bool allowed)
{
    if (role == Role::Admin && permission == Permission::ManagePermissions)
        allowed = true; // the team can never lock itself out of its own settings
    m_grants[static_cast<size_t>(role)].set(static_cast<size_t>(permission), allowed);
}

Outcome PermissionMatrix::require(Role role, Permission permission) const
{
    if (allows(role, permission))
        return {};
    return Error(ErrorCode::PermissionDenied,
                 tr("Your role (%1) may not %2.").arg(roleLabel(role), permissionLabel(permission)),
                 permissionId(permission));
}

QJsonObject PermissionMatrix::toJson() const
{
    QJsonObject json;
    for (Role r : kAllRoles) {
        QJsonArray granted;
        for (Permission p : kAllPermissions) {
            if (allows(r, p))
                granted.append(permissionId(p));
        }
        json.insert(roleId(r), granted);
    }
    return json;
}

Result<PermissionMatrix> PermissionMatrix::fromJson(const QJsonObject &json)
{
    PermissionMatrix m;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const auto role = roleFromId(it.key());
        if (!role)
            return Error(ErrorCode::InvalidInput, tr("Unknown role \"%1\".").arg(it.key()));
        if (!it.value().isArray())
            return Error(ErrorCode::InvalidInput,
                         tr("The permissions of role \"%1\" must be a list.").arg(it.key()));
        const QJsonArray granted = it.value().toArray();
        for (const QJsonValue &v : granted) {
            const auto permission = permissionFromId(v.toString());
            if (!permission)
                return Error(ErrorCode::InvalidInput,
                             tr("Unknown permission \"%1\".").arg(v.toString()));
            m.set(*role, *permission, true);
        }
    }
    m.set(Role::Admin, Permission::ManagePermissions, true);
    return m;
}

bool canSeeLead(const PermissionMatrix &matrix, const Actor &actor, const QString &assigneeId)
{
    if (matrix.allows(actor.role, Permission::ViewAllLeads))
        return true;
    if (assigneeId.isEmpty())
        return matrix.allows(actor.role, Permission::ViewUnassigned);
    return assigneeId == actor.userId;
}

Outcome checkLeadAccess(const PermissionMatrix &matrix, const Actor &actor,
                        const QString &assigneeId, Permission permission)
{
    if (auto allowed = matrix.require(actor.role, permission); !allowed)
        return allowed;
    if (!canSeeLead(matrix, actor, assigneeId))
        return Error(ErrorCode::OutOfScope,
                     tr("This lead is assigned to someone else; you can only work your own leads."));
    return {};
}

} // namespace Leads
