// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lead.h"
#include "result.h"

#include <QMap>
#include <QList>
#include <QStringList>

#include <array>

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

// The merge rules. Both leads must be active (a closed lead's history is final, and the
// target receives status, assignee and follow-up changes that final leads refuse); the
// merged lead keeps a name and a way to reach the contact; a status taken from the other
// lead is a pipeline move of the target; the other lead is closed as Lost with the reason
// "Duplicate", which the admin's list of lost reasons must offer.
class MergeRule
{
public:
    static Outcome check(const Lead &target, const Lead &other, const MergePlan &plan,
                         const QStringList &lostReasons);
    // The target as it will be after the merge.
    static Lead compose(const Lead &target, const Lead &other, const MergePlan &plan);
    // The lost-reason label that closes the merged-away lead, as listed ("Duplicate").
    static QString duplicateReason(const QStringList &lostReasons);
    // Whether the two leads differ in `field` (only those are worth a choice).
    static bool differs(const Lead &target, const Lead &other, MergeField field);
};

} // namespace Leads
