// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

namespace Leads {

// What one user action (a merge, a bulk edit, a triage key) changed in the local database,
// kept so that one undo restores it exactly: each lead's columns before, the timeline
// entries and outbox mutations the action wrote, the timeline entries it moved between
// leads and the tags it added. An undo refuses when a lead changed again since (its
// version moved on) or when the action's mutations have already gone to the server.
class ChangeSet
{
public:
    // Every column of a lead row (merges), or only the ones an action writes (bulk edits:
    // less memory for 100,000 leads).
    static QStringList allColumns(QSqlDatabase db);
    explicit ChangeSet(QStringList columns = {});

    // Inside the caller's write transaction, before the change: the rows as they are and
    // where the timeline and outbox end. May be called once per chunk.
    Outcome before(QSqlDatabase db, const QStringList &leadIds);
    // Same transaction, after the change: what it wrote.
    Outcome after(QSqlDatabase db);
    void recordMoved(const QStringList &interactionIds, const QString &fromLeadId);
    void recordTag(const QString &leadId, const QString &tag);
    // A lead captured by before() that the action left alone (refused): not restored.
    void forget(const QString &leadId);

    bool isEmpty() const { return m_rows.isEmpty(); }
    QStringList leadIds() const { return m_rows.keys(); }
    int createdEntries() const { return int(m_createdInteractions.size()); }
    const QStringList &mutations() const { return m_mutations; }

    // Restores everything in ONE transaction and returns the leads restored.
    Result<QStringList> revert(QSqlDatabase db) const;

private:
    QStringList m_columns;
    QHash<QString, QVariantList> m_rows;
    QHash<QString, qint64> m_versionsAfter;
    QStringList m_pending; // captured by the last before(), versions read by after()
    qint64 m_interactionMark = 0;
    qint64 m_outboxMark = 0;
    QStringList m_createdInteractions;
    QStringList m_mutations;
    QList<QPair<QString, QString>> m_moved; // interaction id, lead it came from
    QList<QPair<QString, QString>> m_tags;  // lead id, tag added
};

} // namespace Leads
