// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkedit.h"

#include "database.h"
#include "domain/permissions.h"
#include "domain/tag.h"
#include "leadservice.h"
#include "leadtags.h"
#include "transaction.h"

#include <QCoreApplication>

namespace Leads {

namespace {
// The columns the staged single changes write: an undo restores exactly these.
QStringList undoColumns(QSqlDatabase db)
{
    static const QStringList written = {
        QStringLiteral("status"),       QStringLiteral("status_rank"),     QStringLiteral("is_final"),
        QStringLiteral("lost_reason"),  QStringLiteral("status_version"),  QStringLiteral("assignee_id"),
        QStringLiteral("follow_up_at"), QStringLiteral("updated_at"),      QStringLiteral("last_activity_at"),
        QStringLiteral("version"),      QStringLiteral("status_changed_at"),
    };
    const QStringList present = ChangeSet::allColumns(db);
    QStringList columns;
    for (const QString &c : written) {
        if (present.contains(c))
            columns.append(c);
    }
    return columns;
}
} // namespace

BulkEdit::BulkEdit(LeadService &service) : m_service(service) {}

Outcome BulkEdit::applyOne(const QString &leadId, const BulkChange &change, const QString &tag, ChangeSet &undo)
{
    switch (change.kind) {
    case BulkChange::Kind::Status:
        return m_service.stageStatus(leadId, change.status, change.lostReason);
    case BulkChange::Kind::Assignee:
        return m_service.stageAssign(leadId, change.assigneeId);
    case BulkChange::Kind::FollowUp:
        return m_service.stageFollowUp(leadId, change.followUpAt);
    case BulkChange::Kind::Tag: {
        // Tagging annotates like a note: allowed on any lead the actor may note on.
        auto current = m_service.lead(leadId);
        if (!current)
            return current.error();
        if (auto access = checkLeadAccess(m_service.permissions(), m_service.actor(), current.value().assigneeId,
                                          Permission::AddNote);
            !access)
            return access;
        auto added = LeadTags::add(m_service.database().connection(), leadId, tag);
        if (!added)
            return added.error();
        if (!added.value())
            return Error(ErrorCode::SameStatus,
                         QCoreApplication::translate("BulkEdit", "The lead already has the tag \"%1\".").arg(tag));
        undo.recordTag(leadId, tag);
        return {};
    }
    }
    return {};
}

Result<BulkSummary> BulkEdit::apply(const QStringList &leadIds, const BulkChange &change, const Progress &progress)
{
    QString tag;
    if (change.kind == BulkChange::Kind::Tag) {
        auto normalized = Tag::normalize(change.tag);
        if (!normalized)
            return normalized.error();
        tag = normalized.value();
    }
    QSqlDatabase db = m_service.database().connection();
    BulkSummary summary;
    summary.total = int(leadIds.size());
    summary.undo = ChangeSet(undoColumns(db));
    for (qsizetype start = 0; start < leadIds.size(); start += m_chunk) {
        const QStringList chunk = leadIds.mid(start, m_chunk);
        Transaction tx(db);
        if (auto begun = tx.begun(); !begun)
            return begun.error();
        ChangeSet &undo = summary.undo;
        if (auto before = undo.before(db, chunk); !before)
            return before.error();
        QStringList changed;
        for (const QString &id : chunk) {
            auto done = applyOne(id, change, tag, undo);
            if (done) {
                changed.append(id);
                continue;
            }
            const Error &e = done.error();
            if (e.code() == ErrorCode::Storage)
                return e;
            undo.forget(id);
            BulkSummary::Refusal &r = summary.refusals[e.codeId()];
            if (r.reason.isEmpty())
                r.reason = e.message();
            ++r.count;
            ++summary.refused;
            if (r.examples.size() < BulkSummary::kMaxExamples) {
                auto l = m_service.lead(id);
                r.examples.append(l ? l.value().name : id);
            }
        }
        if (auto after = undo.after(db); !after)
            return after.error();
        if (auto committed = tx.commit(); !committed)
            return committed.error();
        summary.changed += int(changed.size());
        summary.changedIds += changed;
        const int done = int(qMin<qsizetype>(start + m_chunk, leadIds.size()));
        if (progress && !progress(done, summary.total) && done < summary.total) {
            summary.cancelled = true;
            break;
        }
    }
    m_service.announce(summary.changedIds);
    return summary;
}

Result<QStringList> BulkEdit::undo(const BulkSummary &summary)
{
    auto restored = summary.undo.revert(m_service.database().connection());
    if (!restored)
        return restored;
    m_service.announce(restored.value());
    return restored;
}

} // namespace Leads
