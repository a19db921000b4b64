// SPDX-License-Identifier: GPL-3.0-or-later
#include "mergeservice.h"

#include "database.h"
#include "ids.h"
#include "leadservice.h"
#include "domain/clock.h"
#include "domain/pipeline.h"
#include "leadtags.h"
#include "searchindex.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::MergeService), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::MergeService", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// The label followed through the admin's edits, in the local settings table.
constexpr auto kDuplicateReasonKey = "merge.duplicate_reason";
// What a refused merge needs to give back, per outbox mutation: settings key prefix.
constexpr auto kUndoKeyPrefix = "merge.undo.";

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

// The other lead's move to Lost, written here rather than through LeadService::stageStatus:
// the duplicate reason may be reserved (removed from the list the admin offers by hand),
// which only a merge may use. Same row, timeline entry and status version as a move.
Outcome MergeService::closeAsDuplicate(QSqlDatabase db, const Lead &other, const QString &reason)
{
    const qint64 now = m_service.clock().now().toMSecsSinceEpoch();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, is_final = 1, lost_reason = ?, "
                             "status_version = status_version + 1, version = version + 1, updated_at = ?, "
                             "last_activity_at = ? WHERE id = ? AND status_version = ?"));
    q.addBindValue(Status::id(LeadStatus::Lost));
    q.addBindValue(Status::index(LeadStatus::Lost));
    q.addBindValue(reason);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(other.id);
    q.addBindValue(other.statusVersion);
    if (!q.exec())
        return storageError(q, tr("closing the merged lead"));
    if (q.numRowsAffected() != 1)
        return Error(ErrorCode::Conflict, tr("The lead changed while you were editing it; try again."));
    const QJsonObject data{{QStringLiteral("from"), Status::id(other.status)},
                           {QStringLiteral("to"), Status::id(LeadStatus::Lost)},
                           {QStringLiteral("reason"), reason}};
    q.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, body, "
                             "data) VALUES (?, ?, ?, ?, ?, ?, '', ?)"));
    q.addBindValue(newId());
    q.addBindValue(other.id);
    q.addBindValue(interactionKindId(InteractionKind::StatusChange));
    q.addBindValue(now);
    q.addBindValue(m_service.actor().userId.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                       : QVariant(m_service.actor().userId));
    q.addBindValue(m_service.actor().displayName.isNull() ? QStringLiteral("") : m_service.actor().displayName);
    q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return storageError(q, tr("closing the merged lead"));
    return {};
}

Result<QString> MergeService::queue(QSqlDatabase db, const QString &type, const QString &leadId, const QJsonObject &payload)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO outbox (mutation_id, type, lead_id, payload, created_at) VALUES (?, ?, ?, ?, ?)"));
    const QString id = newId();
    q.addBindValue(id);
    q.addBindValue(type);
    q.addBindValue(leadId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(m_service.clock().now().toMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("queueing the merge for sync"));
    return id;
}

Result<QString> MergeService::restoreRefused(QSqlDatabase db, const QString &mutationId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(QString(QLatin1String(kUndoKeyPrefix) + mutationId));
    if (!q.exec())
        return storageError(q, tr("restoring a refused merge"));
    if (!q.next())
        return QString();
    const QJsonObject undo = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    q.finish();
    const QString otherId = undo.value(QStringLiteral("otherId")).toString();
    const QString targetId = undo.value(QStringLiteral("targetId")).toString();
    const auto status = Status::fromId(undo.value(QStringLiteral("status")).toString());
    if (otherId.isEmpty() || !status)
        return QString();
    // Only while the row is still the one the merge closed (a pull may have brought a newer one).
    q.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, is_final = ?, lost_reason = ?, "
                             "status_version = ? WHERE id = ? AND status = 'lost' AND status_version = ?"));
    q.addBindValue(Status::id(*status));
    q.addBindValue(Status::index(*status));
    q.addBindValue(Status::isFinal(*status) ? 1 : 0);
    const QString lostReason = undo.value(QStringLiteral("lostReason")).toString();
    q.addBindValue(lostReason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(lostReason));
    q.addBindValue(undo.value(QStringLiteral("statusVersion")).toInteger());
    q.addBindValue(otherId);
    q.addBindValue(undo.value(QStringLiteral("statusVersion")).toInteger() + 1);
    if (!q.exec())
        return storageError(q, tr("restoring a refused merge"));
    q.prepare(QStringLiteral("UPDATE interactions SET lead_id = ? WHERE lead_id = ? AND id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(otherId);
    q.addBindValue(targetId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(undo.value(QStringLiteral("moved")).toArray()).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return storageError(q, tr("restoring a refused merge"));
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(QString(QLatin1String(kUndoKeyPrefix) + mutationId));
    if (!q.exec())
        return storageError(q, tr("restoring a refused merge"));
    return otherId;
}

MergeService::MergeService(LeadService &service) : m_service(service) {}

QString MergeService::duplicateReason(const LeadService &service)
{
    const QString followed = service.setting(QLatin1String(kDuplicateReasonKey));
    return followed.isEmpty() ? DuplicateReason::initial(service.lostReasons()) : followed;
}

Outcome MergeService::followLostReasons(LeadService &service, const QStringList &before, const QStringList &now)
{
    QString label = service.setting(QLatin1String(kDuplicateReasonKey));
    if (label.isEmpty())
        label = DuplicateReason::initial(before);
    return service.setSetting(QLatin1String(kDuplicateReasonKey), DuplicateReason::follow(label, before, now));
}

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
    for (Permission p : MergeRule::targetPermissions(target, other, plan)) {
        if (auto access = checkLeadAccess(matrix, m_service.actor(), target.assigneeId, p); !access)
            return access.error();
    }
    for (Permission p : MergeRule::otherPermissions()) {
        if (auto access = checkLeadAccess(matrix, m_service.actor(), other.assigneeId, p); !access)
            return access.error();
    }
    if (auto ok = MergeRule::check(target, other, plan); !ok)
        return ok.error();
    const QString reason = duplicateReason(m_service);
    if (auto move = Pipeline::checkMove(other.status, LeadStatus::Lost, reason,
                                        DuplicateReason::allowed(m_service.lostReasons(), reason));
        !move)
        return move.error();
    const Lead merged = MergeRule::compose(target, other, plan);

    MergeRecord record;
    record.targetId = target.id;
    record.otherId = other.id;
    record.targetName = target.name;
    record.otherName = other.name;
    record.changes = ChangeSet(ChangeSet::allColumns(db));
    if (auto before = record.changes.before(db, {target.id, other.id}); !before)
        return before.error();
    // The staged changes below queue their usual mutations; they are replaced by one
    // lead.merge at the end, so the server applies the merge whole or not at all.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM outbox")) || !q.next())
        return storageError(q, tr("merging the leads"));
    const qint64 outboxMark = q.value(0).toLongLong();
    q.finish();

    // The fields that have no mutation of their own.
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
    const QString otherNote = tr("Merged into \"%1\".").arg(merged.name);
    if (auto s = m_service.stageNote(other.id, otherNote); !s)
        return s.error();
    if (auto s = closeAsDuplicate(db, other, reason); !s)
        return s.error();

    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq > ?"));
    q.addBindValue(outboxMark);
    if (!q.exec())
        return storageError(q, tr("queueing the merge for sync"));
    const QJsonObject payload{{QStringLiteral("leadId"), target.id},
                              {QStringLiteral("otherId"), other.id},
                              {QStringLiteral("take"), QJsonArray::fromStringList(MergeRule::takenFieldIds(target, other, plan))},
                              {QStringLiteral("baseVersion"), target.statusVersion},
                              {QStringLiteral("otherBaseVersion"), other.statusVersion},
                              {QStringLiteral("targetNote"), note},
                              {QStringLiteral("otherNote"), otherNote}};
    auto queued = queue(db, QStringLiteral("lead.merge"), target.id, payload);
    if (!queued)
        return queued.error();
    // Kept for a refusal (restoreRefused); forgotten with the mutation.
    const QJsonObject undo{{QStringLiteral("targetId"), target.id},
                           {QStringLiteral("otherId"), other.id},
                           {QStringLiteral("status"), Status::id(other.status)},
                           {QStringLiteral("statusVersion"), other.statusVersion},
                           {QStringLiteral("lostReason"), other.lostReason},
                           {QStringLiteral("moved"), QJsonArray::fromStringList(moved)}};
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key LIKE 'merge.undo.%' AND substr(key, 12) NOT IN "
                             "(SELECT mutation_id FROM outbox)"));
    if (!q.exec())
        return storageError(q, tr("queueing the merge for sync"));
    if (auto kept = m_service.setSetting(QLatin1String(kUndoKeyPrefix) + queued.value(),
                                         QString::fromUtf8(QJsonDocument(undo).toJson(QJsonDocument::Compact)));
        !kept)
        return kept.error();

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
