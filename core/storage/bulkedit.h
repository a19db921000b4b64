// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "changeset.h"
#include "domain/leadstatus.h"
#include "domain/result.h"

#include <QDateTime>
#include <QMap>
#include <QStringList>

#include <functional>

namespace Leads {

class LeadService;

// One change applied to many leads.
struct BulkChange
{
    enum class Kind { Status, Assignee, FollowUp, Tag };
    Kind kind = Kind::Status;
    LeadStatus status = LeadStatus::Contacted;
    QString lostReason;  // for Lost
    QString assigneeId;  // empty: unassign
    QDateTime followUpAt; // invalid: clear
    QString tag;
};

// What a bulk edit did: how many leads changed, which were refused and why (a few lead
// names per reason), and the one undo step for all of them.
struct BulkSummary
{
    struct Refusal
    {
        QString reason; // the first message of this kind, as the rules worded it
        int count = 0;
        QStringList examples; // up to kMaxExamples lead names
    };
    static constexpr int kMaxExamples = 3;

    int total = 0;
    int changed = 0;
    int refused = 0;
    bool cancelled = false;
    QStringList changedIds;
    QMap<QString, Refusal> refusals; // by error code id
    ChangeSet undo;
};

// Applies a BulkChange lead by lead through the same rules and writes as single changes
// (LeadService's staged calls), a chunk of leads per transaction so that the database
// stays responsive and Cancel takes effect between chunks (done chunks stay done and are
// in the undo step). Refusals are counted, not errors; a storage error stops the edit.
class BulkEdit
{
public:
    // Called after each chunk with the leads done so far; return false to cancel.
    using Progress = std::function<bool(int done, int total)>;

    explicit BulkEdit(LeadService &service);
    void setChunkSize(int leads) { m_chunk = qMax(1, leads); }

    Result<BulkSummary> apply(const QStringList &leadIds, const BulkChange &change, const Progress &progress = {});
    // Restores every changed lead (one undo step); the leads restored.
    Result<QStringList> undo(const BulkSummary &summary);

private:
    Outcome applyOne(const QString &leadId, const BulkChange &change, const QString &tag, ChangeSet &undo);

    LeadService &m_service;
    int m_chunk = 500;
};

} // namespace Leads
