// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lead.h"
#include "permissions.h"
#include "result.h"

#include <QMap>
#include <QList>
#include <QStringList>

#include <array>
#include <optional>

namespace Leads {

// The fields a person chooses between when merging two leads.
enum class MergeField { Name, Company, Phone, Email, Source, Campaign, Status, Assignee, FollowUp, ManualScore };
inline constexpr std::array<MergeField, 10> kAllMergeFields = {
    MergeField::Name,     MergeField::Company, MergeField::Phone,    MergeField::Email,
    MergeField::Source,   MergeField::Campaign, MergeField::Status,  MergeField::Assignee,
    MergeField::FollowUp, MergeField::ManualScore,
};

// Which lead each field of the merged lead comes from. The target keeps its id, contact,
// creation date and timeline (the other lead's timeline joins it); unchosen fields keep
// the target's value.
class MergePlan
{
public:
    enum class Side { Target, Other };

    MergePlan() = default;
    MergePlan(QString targetId, QString otherId) : m_targetId(std::move(targetId)), m_otherId(std::move(otherId)) {}

    const QString &targetId() const { return m_targetId; }
    const QString &otherId() const { return m_otherId; }
    Side side(MergeField field) const { return m_choices.value(field, Side::Target); }
    void choose(MergeField field, Side side) { m_choices.insert(field, side); }

    static QString fieldLabel(MergeField field);
    // The field's value as shown side by side ("—" for none).
    static QString displayValue(const Lead &lead, MergeField field);

private:
    QString m_targetId;
    QString m_otherId;
    QMap<MergeField, Side> m_choices;
};

// The lost reason that closes a merged-away lead. Its identity is stable although the
// admin edits lost reasons as a list of labels (renamed, translated, reordered, removed):
// the label is followed through every saved list. A rename (the one label that left the
// list replaced by one new label) keeps the identity under the new label; a removal
// leaves it reserved: no longer offered for closing a lead by hand, still used by merges.
class DuplicateReason
{
public:
    // The built-in label (the default lists of client and server have it).
    static QString defaultLabel();
    // Nothing followed yet: the list's own "Duplicate" (any case), or the built-in label.
    static QString initial(const QStringList &reasons);
    // The label after the list changed from `before` to `now`.
    static QString follow(const QString &label, const QStringList &before, const QStringList &now);
    // The reasons a merge may close a lead with: the list and the reserved label.
    static QStringList allowed(const QStringList &reasons, const QString &label);
};

// The merge rules. Both leads must be active (a closed lead's history is final, and the
// target receives status, assignee and follow-up changes that final leads refuse); the
// merged lead keeps a name and a way to reach the contact; a status taken from the other
// lead is a pipeline move of the target; the other lead is closed as Lost with the
// duplicate reason (DuplicateReason, always available).
class MergeRule
{
public:
    static Outcome check(const Lead &target, const Lead &other, const MergePlan &plan);
    // What the acting user must be allowed on each lead: changing the status of both (the
    // other lead is closed), and on the target whatever the chosen fields change there
    // (assignee, manual score, follow-up), as if edited one by one.
    static QList<Permission> targetPermissions(const Lead &target, const Lead &other, const MergePlan &plan);
    static QList<Permission> otherPermissions();
    // The target as it will be after the merge.
    static Lead compose(const Lead &target, const Lead &other, const MergePlan &plan);
    // Whether the two leads differ in `field` (only those are worth a choice).
    static bool differs(const Lead &target, const Lead &other, MergeField field);

    // The fields taken from the other lead, by stable id ("name", "company", …), and back:
    // how a merge travels to the server (lead.merge "take").
    static QString fieldId(MergeField field);
    static std::optional<MergeField> fieldFromId(const QString &id);
    static QStringList takenFieldIds(const Lead &target, const Lead &other, const MergePlan &plan);
};

} // namespace Leads
