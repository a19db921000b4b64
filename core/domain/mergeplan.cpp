// SPDX-License-Identifier: GPL-3.0-or-later
#include "mergeplan.h"

#include "pipeline.h"

#include <QCoreApplication>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::MergeRule), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::MergeRule", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}
} // namespace

QString MergePlan::fieldLabel(MergeField field)
{
    switch (field) {
    case MergeField::Name: return tr("Name");
    case MergeField::Company: return tr("Company");
    case MergeField::Phone: return tr("Phone");
    case MergeField::Email: return tr("E-mail");
    case MergeField::Source: return tr("Source");
    case MergeField::Campaign: return tr("Campaign");
    case MergeField::Status: return tr("Status");
    case MergeField::Assignee: return tr("Assignee");
    case MergeField::FollowUp: return tr("Follow-up");
    case MergeField::ManualScore: return tr("Manual score");
    }
    return {};
}

QString MergePlan::displayValue(const Lead &lead, MergeField field)
{
    const QString none = QStringLiteral("—");
    auto orNone = [&none](const QString &s) { return s.isEmpty() ? none : s; };
    switch (field) {
    case MergeField::Name: return orNone(lead.name);
    case MergeField::Company: return orNone(lead.company);
    case MergeField::Phone: return orNone(lead.phone);
    case MergeField::Email: return orNone(lead.email);
    case MergeField::Source: return orNone(Source::label(lead.source));
    case MergeField::Campaign: return orNone(lead.campaign);
    case MergeField::Status: return Status::label(lead.status);
    case MergeField::Assignee: return lead.assigneeId.isEmpty() ? tr("Unassigned") : orNone(lead.assigneeName);
    case MergeField::FollowUp:
        return lead.followUpAt.isValid() ? lead.followUpAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                         : none;
    case MergeField::ManualScore:
        return lead.qualification.manualScore ? QString::number(*lead.qualification.manualScore) : none;
    }
    return none;
}

bool MergeRule::differs(const Lead &a, const Lead &b, MergeField field)
{
    switch (field) {
    case MergeField::Name: return a.name != b.name;
    case MergeField::Company: return a.company != b.company;
    case MergeField::Phone: return a.phone != b.phone;
    case MergeField::Email: return a.email != b.email;
    case MergeField::Source: return a.source != b.source || a.sourceDetail != b.sourceDetail;
    case MergeField::Campaign: return a.campaign != b.campaign;
    case MergeField::Status: return a.status != b.status;
    case MergeField::Assignee: return a.assigneeId != b.assigneeId;
    case MergeField::FollowUp: return a.followUpAt != b.followUpAt;
    // A missing manual score cannot replace one: there is nothing to take.
    case MergeField::ManualScore:
        return b.qualification.manualScore && a.qualification.manualScore != b.qualification.manualScore;
    }
    return false;
}

Lead MergeRule::compose(const Lead &target, const Lead &other, const MergePlan &plan)
{
    Lead out = target;
    auto take = [&](MergeField f) { return plan.side(f) == MergePlan::Side::Other && differs(target, other, f); };
    if (take(MergeField::Name))
        out.name = other.name;
    if (take(MergeField::Company))
        out.company = other.company;
    if (take(MergeField::Phone))
        out.phone = other.phone;
    if (take(MergeField::Email))
        out.email = other.email;
    if (take(MergeField::Source)) {
        out.source = other.source;
        out.sourceDetail = other.sourceDetail;
    }
    if (take(MergeField::Campaign))
        out.campaign = other.campaign;
    if (take(MergeField::Status))
        out.status = other.status;
    if (take(MergeField::Assignee)) {
        out.assigneeId = other.assigneeId;
        out.assigneeName = other.assigneeName;
    }
    if (take(MergeField::FollowUp))
        out.followUpAt = other.followUpAt;
    if (take(MergeField::ManualScore))
        out.qualification.manualScore = other.qualification.manualScore;
    if (other.lastActivityAt > out.lastActivityAt)
        out.lastActivityAt = other.lastActivityAt;
    return out;
}

QString DuplicateReason::defaultLabel()
{
    // Stored data, like the other default reasons: not translated here.
    return QStringLiteral("Duplicate");
}

QString DuplicateReason::initial(const QStringList &reasons)
{
    for (const QString &r : reasons) {
        if (r.compare(defaultLabel(), Qt::CaseInsensitive) == 0)
            return r;
    }
    return defaultLabel();
}

QString DuplicateReason::follow(const QString &label, const QStringList &before, const QStringList &now)
{
    if (label.isEmpty())
        return initial(now);
    if (now.contains(label))
        return label;
    QStringList removed;
    for (const QString &r : before) {
        if (!now.contains(r))
            removed.append(r);
    }
    QStringList added;
    for (const QString &r : now) {
        if (!before.contains(r))
            added.append(r);
    }
    // One label out, one in: a rename (or a translation) of the duplicate reason.
    if (removed == QStringList{label} && added.size() == 1)
        return added.constFirst();
    // Only the case changed: the same reason.
    for (const QString &r : added) {
        if (r.compare(label, Qt::CaseInsensitive) == 0)
            return r;
    }
    return label; // removed: reserved for merges
}

QStringList DuplicateReason::allowed(const QStringList &reasons, const QString &label)
{
    QStringList out = reasons;
    if (!label.isEmpty() && !out.contains(label))
        out.append(label);
    return out;
}

QString MergeRule::fieldId(MergeField field)
{
    switch (field) {
    case MergeField::Name: return QStringLiteral("name");
    case MergeField::Company: return QStringLiteral("company");
    case MergeField::Phone: return QStringLiteral("phone");
    case MergeField::Email: return QStringLiteral("email");
    case MergeField::Source: return QStringLiteral("source");
    case MergeField::Campaign: return QStringLiteral("campaign");
    case MergeField::Status: return QStringLiteral("status");
    case MergeField::Assignee: return QStringLiteral("assignee");
    case MergeField::FollowUp: return QStringLiteral("followUp");
    case MergeField::ManualScore: return QStringLiteral("manualScore");
    }
    return {};
}

std::optional<MergeField> MergeRule::fieldFromId(const QString &id)
{
    for (MergeField f : kAllMergeFields) {
        if (fieldId(f) == id)
            return f;
    }
    return std::nullopt;
}

QStringList MergeRule::takenFieldIds(const Lead &target, const Lead &other, const MergePlan &plan)
{
    QStringList ids;
    for (MergeField f : kAllMergeFields) {
        if (plan.side(f) == MergePlan::Side::Other && differs(target, other, f))
            ids.append(fieldId(f));
    }
    return ids;
}

QList<Permission> MergeRule::targetPermissions(const Lead &target, const Lead &other, const MergePlan &plan)
{
    QList<Permission> needed{Permission::ChangeStatus};
    const Lead merged = compose(target, other, plan);
    if (merged.assigneeId != target.assigneeId)
        needed.append(Permission::Assign);
    if (merged.qualification.manualScore != target.qualification.manualScore)
        needed.append(Permission::Qualify);
    if (merged.followUpAt != target.followUpAt)
        needed.append(Permission::SetFollowUp);
    return needed;
}

QList<Permission> MergeRule::otherPermissions()
{
    return {Permission::ChangeStatus};
}

Outcome MergeRule::check(const Lead &target, const Lead &other, const MergePlan &plan)
{
    if (target.id == other.id)
        return Error(ErrorCode::InvalidInput, tr("A lead cannot be merged with itself."));
    if (plan.targetId() != target.id || plan.otherId() != other.id)
        return Error(ErrorCode::InvalidInput, tr("The merge plan is for other leads."));
    if (target.isFinal())
        return Error(ErrorCode::FinalState,
                     tr("\"%1\" is closed (%2): merge into an active lead.").arg(target.name, Status::label(target.status)));
    if (other.isFinal())
        return Error(ErrorCode::FinalState,
                     tr("\"%1\" is closed (%2); closed leads keep their history and are not merged.")
                         .arg(other.name, Status::label(other.status)));
    const Lead merged = compose(target, other, plan);
    if (merged.name.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("The merged lead needs a name."));
    if (merged.phone.isEmpty() && merged.email.isEmpty())
        return Error(ErrorCode::InvalidInput,
                     tr("Keep a phone number or an e-mail address so the contact can be reached."));
    if (merged.status != target.status) {
        if (auto move = Pipeline::checkMove(target.status, merged.status); !move)
            return move;
    }
    if (merged.followUpAt.isValid() && merged.followUpAt != target.followUpAt) {
        if (auto rule = Pipeline::checkFollowUp(merged.status); !rule)
            return rule;
    }
    return {};
}

} // namespace Leads
