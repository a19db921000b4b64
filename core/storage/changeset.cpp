// SPDX-License-Identifier: GPL-3.0-or-later
#include "changeset.h"

#include "database.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ChangeSet), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ChangeSet", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// Many ids bound as ONE value (a JSON array read with json_each): no SQL built from ids.
QString idArray(const QStringList &ids)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

Result<qint64> scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return storageError(q, tr("reading the undo information"));
    return q.value(0).toLongLong();
}
} // namespace

QStringList ChangeSet::allColumns(QSqlDatabase db)
{
    QStringList columns;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA table_info(leads)"))) {
        while (q.next()) {
            const QString name = q.value(1).toString();
            if (name != QLatin1String("lead_no") && name != QLatin1String("id"))
                columns.append(name);
        }
    }
    return columns;
}

ChangeSet::ChangeSet(QStringList columns) : m_columns(std::move(columns)) {}

Outcome ChangeSet::before(QSqlDatabase db, const QStringList &leadIds)
{
    if (m_columns.isEmpty())
        m_columns = allColumns(db);
    if (!m_columns.contains(QLatin1String("version")))
        m_columns.append(QStringLiteral("version"));
    auto interactions = scalar(db, QStringLiteral("SELECT COALESCE(MAX(interaction_no), 0) FROM interactions"));
    if (!interactions)
        return interactions.error();
    auto outbox = scalar(db, QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM outbox"));
    if (!outbox)
        return outbox.error();
    m_interactionMark = interactions.value();
    m_outboxMark = outbox.value();

    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Column names come from the schema (allColumns or the caller's constants), never from users.
    q.prepare(QStringLiteral("SELECT id, %1 FROM leads WHERE id IN (SELECT value FROM json_each(?))")
                  .arg(m_columns.join(QStringLiteral(", "))));
    q.addBindValue(idArray(leadIds));
    if (!q.exec())
        return storageError(q, tr("remembering the leads for undo"));
    m_pending.clear();
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (m_rows.contains(id))
            continue; // the first state is the one to restore
        QVariantList row;
        row.reserve(m_columns.size());
        for (int i = 0; i < m_columns.size(); ++i)
            row.append(q.value(i + 1));
        m_rows.insert(id, row);
        m_pending.append(id);
    }
    return {};
}

Outcome ChangeSet::after(QSqlDatabase db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM interactions WHERE interaction_no > ? ORDER BY interaction_no"));
    q.addBindValue(m_interactionMark);
    if (!q.exec())
        return storageError(q, tr("remembering the change for undo"));
    while (q.next())
        m_createdInteractions.append(q.value(0).toString());
    q.prepare(QStringLiteral("SELECT mutation_id FROM outbox WHERE seq > ? ORDER BY seq"));
    q.addBindValue(m_outboxMark);
    if (!q.exec())
        return storageError(q, tr("remembering the change for undo"));
    while (q.next())
        m_mutations.append(q.value(0).toString());
    QStringList kept;
    for (const QString &id : std::as_const(m_pending)) {
        if (m_rows.contains(id))
            kept.append(id);
    }
    q.prepare(QStringLiteral("SELECT id, version FROM leads WHERE id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(idArray(kept));
    if (!q.exec())
        return storageError(q, tr("remembering the change for undo"));
    while (q.next())
        m_versionsAfter.insert(q.value(0).toString(), q.value(1).toLongLong());
    m_pending.clear();
    return {};
}

void ChangeSet::recordMoved(const QStringList &interactionIds, const QString &fromLeadId)
{
    for (const QString &id : interactionIds)
        m_moved.append({id, fromLeadId});
}

void ChangeSet::recordTag(const QString &leadId, const QString &tag)
{
    m_tags.append({leadId, tag});
}

void ChangeSet::forget(const QString &leadId)
{
    m_rows.remove(leadId);
    m_versionsAfter.remove(leadId);
}

Result<QStringList> ChangeSet::revert(QSqlDatabase db) const
{
    Transaction tx(db);
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    QSqlQuery q(db);
    if (!m_mutations.isEmpty()) {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE mutation_id IN (SELECT value FROM json_each(?)) "
                                 "AND (state <> 'pending' OR mid IS NOT NULL)"));
        q.addBindValue(idArray(m_mutations));
        if (!q.exec() || !q.next())
            return storageError(q, tr("checking what was synced"));
        if (q.value(0).toInt() > 0)
            return Error(ErrorCode::Conflict,
                         tr("The change has already been sent to the server, so it can no longer be undone here."));
        // The server may have acknowledged (and so deleted) some of them meanwhile.
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE mutation_id IN (SELECT value FROM json_each(?))"));
        q.addBindValue(idArray(m_mutations));
        if (!q.exec() || !q.next())
            return storageError(q, tr("checking what was synced"));
        if (q.value(0).toInt() != m_mutations.size())
            return Error(ErrorCode::Conflict,
                         tr("The change has already been sent to the server, so it can no longer be undone here."));
    }
    const QStringList ids = m_rows.keys();
    q.prepare(QStringLiteral("SELECT l.id, l.version, l.name FROM leads l WHERE l.id IN (SELECT value FROM json_each(?))"));
    q.addBindValue(idArray(ids));
    if (!q.exec())
        return storageError(q, tr("checking the leads"));
    int found = 0;
    while (q.next()) {
        ++found;
        if (q.value(1).toLongLong() != m_versionsAfter.value(q.value(0).toString(), -1))
            return Error(ErrorCode::Conflict,
                         tr("\"%1\" changed again since; undo the later change first.").arg(q.value(2).toString()));
    }
    if (found != ids.size())
        return Error(ErrorCode::NotFound, tr("A lead of this change no longer exists."));

    if (!m_mutations.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM outbox WHERE mutation_id IN (SELECT value FROM json_each(?))"));
        q.addBindValue(idArray(m_mutations));
        if (!q.exec())
            return storageError(q, tr("undoing"));
    }
    if (!m_createdInteractions.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM interactions WHERE id IN (SELECT value FROM json_each(?))"));
        q.addBindValue(idArray(m_createdInteractions));
        if (!q.exec())
            return storageError(q, tr("undoing"));
    }
    if (!m_moved.isEmpty()) {
        q.prepare(QStringLiteral("UPDATE interactions SET lead_id = ? WHERE id = ?"));
        for (const auto &[interaction, lead] : m_moved) {
            q.addBindValue(lead);
            q.addBindValue(interaction);
            if (!q.exec())
                return storageError(q, tr("undoing"));
        }
    }
    if (!m_tags.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM lead_tags WHERE lead_id = ? AND tag = ?"));
        for (const auto &[lead, tag] : m_tags) {
            q.addBindValue(lead);
            q.addBindValue(tag);
            if (!q.exec())
                return storageError(q, tr("undoing"));
        }
    }
    QStringList sets;
    for (const QString &c : m_columns)
        sets.append(c + QStringLiteral(" = ?"));
    q.prepare(QStringLiteral("UPDATE leads SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))));
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        for (const QVariant &v : it.value())
            q.addBindValue(v);
        q.addBindValue(it.key());
        if (!q.exec())
            return storageError(q, tr("undoing"));
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return ids;
}

} // namespace Leads
