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
// Sync: the merge goes out as ONE mutation, lead.merge (the target, the other lead, the
// fields taken from it, both status versions and the two notes); the server applies it
// through the same MergeRule, atomically. Tags stay in this workspace (the server has
// none). A merge the server refuses is listed as Not applied, and restoreRefused() puts
// the other lead and its timeline back (the target comes back with the server's value).
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
    // Inside SyncStore's transaction recording a refused lead.merge (its outbox mutation
    // id): the other lead's status and the timeline entries that moved go back to it.
    // Returns the other lead's id (empty when nothing was kept to restore).
    static Result<QString> restoreRefused(QSqlDatabase db, const QString &mutationId);
    // Restores both leads, their timelines and tags exactly, while the merge has not been
    // sent to the server and neither lead changed since (once sent, it refuses and says so).
    Outcome unmerge(const MergeRecord &record);

private:
    Outcome closeAsDuplicate(QSqlDatabase db, const Lead &other, const QString &reason);
    Result<QString> queue(QSqlDatabase db, const QString &type, const QString &leadId, const QJsonObject &payload);

    LeadService &m_service;
};

} // namespace Leads
