// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changeset.h"
#include "domain/lead.h"
#include "domain/mergeplan.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace Leads {

class LeadService;

// What a merge did, with all that is needed to undo it exactly.
struct MergeRecord
{
    QString targetId;
    QString otherId;
    QString targetName;
    QString otherName;
    int movedEntries = 0;
    ChangeSet changes;
};

// Merges one lead into another (MergeRule) in ONE transaction through LeadService: the
// target takes the chosen fields, the other lead's timeline moves to the target, the
// merge is a note on both timelines, and the other lead is closed as Lost with the
// duplicate reason (DuplicateReason: renamed or removed by the admin, it still works).
//
// Sync: the server has no merge mutation, so the merge goes out as the mutations it
// already knows (status, assignee, manual score and follow-up of the target; the notes;
// the other lead's move to Lost). Name, company, phone, e-mail, source and campaign taken
// from the other lead, the moved timeline entries and tags stay in this workspace.
class MergeService
{
public:
    explicit MergeService(LeadService &service);

    Result<MergeRecord> merge(const MergePlan &plan);
    // The lost reason a merge closes the other lead with (DuplicateReason, followed
    // through the admin's edits of the list).
    static QString duplicateReason(const LeadService &service);
    // Inside the transaction that saves a new list of lost reasons: follows the duplicate
    // reason from `before` to `now` (a rename keeps it, a removal reserves it).
    static Outcome followLostReasons(LeadService &service, const QStringList &before, const QStringList &now);
    // Restores both leads, their timelines and tags exactly, while the merge has not been
    // sent to the server and neither lead changed since.
    Outcome unmerge(const MergeRecord &record);

private:
    Outcome closeAsDuplicate(QSqlDatabase db, const Lead &other, const QString &reason);
    Outcome queue(QSqlDatabase db, const QString &type, const QString &leadId, const QJsonObject &payload);

    LeadService &m_service;
};

} // namespace Leads
