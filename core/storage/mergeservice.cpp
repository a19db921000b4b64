// SPDX-License-Identifier: GPL-3.0-or-later
#include "mergeservice.h"

#include "database.h"
#include "leadservice.h"
#include "leadtags.h"
#include "searchindex.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace Leads {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MergeService", text);
}

QString contactLine(const Lead &l)
{
    QStringList parts;
    if (!l.phone.isEmpty())
        parts.append(l.phone);
    if (!l.email.isEmpty())
        parts.append(l.email);
    return parts.join(QStringLiteral(", "));
}
} // namespace

MergeService::MergeService(LeadService &service) : m_service(service) {}

Result<MergeRecord> MergeService::merge(const MergePlan &plan)
{
    QSqlDatabase db = m_service.database().connection();
    Transaction tx(db);
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    auto targetRead = m_service.lead(plan.targetId());
    if (!targetRead)
        return targetRead.error();
    auto otherRead = m_service.lead(plan.otherId());
    if (!otherRead)
        return otherRead.error();
    const Lead target = targetRead.value();
    const Lead other = otherRead.value();
    const PermissionMatrix matrix = m_service.permissions();
    for (const Lead *l : {&target, &other}) {
        if (auto access = checkLeadAccess(matrix, m_service.actor(), l->assigneeId, Permission::ChangeStatus); !access)
            return access.error();
    }
    const QStringList reasons = m_service.lostReasons();
    if (auto ok = MergeRule::check(target, other, plan, reasons); !ok)
        return ok.error();
    const Lead merged = MergeRule::compose(target, other, plan);

    MergeRecord record;
    record.targetId = target.id;
    record.otherId = other.id;
    record.targetName = target.name;
    record.otherName = other.name;
    record.changes = ChangeSet(ChangeSet::allColumns(db));
    if (auto before = record.changes.before(db, {target.id, other.id}); !before)
        return before.error();

    // Fields without a server mutation: written on the row only.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE leads SET name = ?, company = ?, phone = ?, email = ?, search_phone = ?, "
                             "source = ?, source_detail = ?, campaign = ?, "
                             "last_activity_at = MAX(last_activity_at, ?), version = version + 1 WHERE id = ?"));
    q.addBindValue(merged.name);
    q.addBindValue(sqlText(merged.company));
    q.addBindValue(sqlText(merged.phone));
    q.addBindValue(sqlText(merged.email));
    q.addBindValue(sqlText(SearchIndex::phoneTokens(merged.phone)));
    q.addBindValue(merged.source);
    q.addBindValue(sqlText(merged.sourceDetail));
    q.addBindValue(sqlText(merged.campaign));
    q.addBindValue(other.lastActivityAt.toMSecsSinceEpoch());
    q.addBindValue(target.id);
    if (!q.exec())
        return storageError(q, tr("merging the leads"));

    if (merged.status != target.status) {
        if (auto s = m_service.stageStatus(target.id, merged.status); !s)
            return s.error();
    }
    if (merged.assigneeId != target.assigneeId) {
        if (auto s = m_service.stageAssign(target.id, merged.assigneeId); !s)
            return s.error();
    }
    if (merged.followUpAt != target.followUpAt) {
        if (auto s = m_service.stageFollowUp(target.id, merged.followUpAt); !s)
            return s.error();
    }
    if (merged.qualification.manualScore != target.qualification.manualScore && merged.qualification.manualScore) {
        if (auto s = m_service.stageManualScore(target.id, *merged.qualification.manualScore); !s)
            return s.error();
    }

    // The other lead's timeline joins the target's.
    QStringList moved;
    q.prepare(QStringLiteral("SELECT id FROM interactions WHERE lead_id = ?"));
    q.addBindValue(other.id);
    if (!q.exec())
        return storageError(q, tr("merging the timelines"));
    while (q.next())
        moved.append(q.value(0).toString());
    q.prepare(QStringLiteral("UPDATE interactions SET lead_id = ? WHERE lead_id = ?"));
    q.addBindValue(target.id);
    q.addBindValue(other.id);
    if (!q.exec())
        return storageError(q, tr("merging the timelines"));
    record.changes.recordMoved(moved, other.id);
    record.movedEntries = int(moved.size());

    for (const QString &tag : LeadTags::of(db, other.id)) {
        auto added = LeadTags::add(db, target.id, tag);
        if (!added)
            return added.error();
        if (added.value())
            record.changes.recordTag(target.id, tag);
    }

    const QString otherContact = contactLine(other);
    const QString note = otherContact.isEmpty()
                             ? QCoreApplication::translate("MergeService", "Merged \"%1\" into this lead (%n timeline entries).",
                                                           nullptr, int(moved.size()))
                                   .arg(other.name)
                             : QCoreApplication::translate("MergeService", "Merged \"%1\" (%2) into this lead (%n timeline entries).",
                                                           nullptr, int(moved.size()))
                                   .arg(other.name, otherContact);
    if (auto s = m_service.stageNote(target.id, note); !s)
        return s.error();
    if (auto s = m_service.stageNote(other.id, tr("Merged into \"%1\".").arg(merged.name)); !s)
        return s.error();
    if (auto s = m_service.stageStatus(other.id, LeadStatus::Lost, MergeRule::duplicateReason(reasons)); !s)
        return s.error();

    if (auto after = record.changes.after(db); !after)
        return after.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    m_service.announce({target.id, other.id});
    return record;
}

Outcome MergeService::unmerge(const MergeRecord &record)
{
    auto restored = record.changes.revert(m_service.database().connection());
    if (!restored)
        return restored.error();
    m_service.announce(restored.value());
    return {};
}

} // namespace Leads
