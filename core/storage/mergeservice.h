// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changeset.h"
#include "domain/lead.h"
#include "domain/mergeplan.h"
#include "domain/result.h"

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
// merge is a note on both timelines, and the other lead is closed as Lost ("Duplicate").
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
    // Restores both leads, their timelines and tags exactly, while the merge has not been
    // sent to the server and neither lead changed since.
    Outcome unmerge(const MergeRecord &record);

private:
    LeadService &m_service;
};

} // namespace Leads
