// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadtags.h"

#include "database.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace Leads {

QStringList LeadTags::of(QSqlDatabase db, const QString &leadId)
{
    QStringList tags;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT tag FROM lead_tags WHERE lead_id = ? ORDER BY tag COLLATE NOCASE"));
    q.addBindValue(leadId);
    if (q.exec()) {
        while (q.next())
            tags.append(q.value(0).toString());
    }
    return tags;
}

Result<bool> LeadTags::add(QSqlDatabase db, const QString &leadId, const QString &tag)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO lead_tags (lead_id, tag) VALUES (?, ?)"));
    q.addBindValue(leadId);
    q.addBindValue(tag);
    if (!q.exec())
        return storageError(q, QCoreApplication::translate("LeadTags", "adding a tag"));
    return q.numRowsAffected() == 1;
}

} // namespace Leads
