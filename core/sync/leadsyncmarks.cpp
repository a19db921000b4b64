// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadsyncmarks.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace Leads {

Result<LeadSyncMarks> LeadSyncMarks::read(Database &db)
{
    LeadSyncMarks marks;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    // The outbox is the queue of this client's own changes: small next to the leads table.
    if (!q.exec(QStringLiteral("SELECT COALESCE(lead_id, ''), COALESCE(json_extract(payload, '$.otherId'), ''), "
                               "state, COALESCE(error_message, '') FROM outbox "
                               "WHERE state IN ('pending', 'sent', 'rejected') ORDER BY seq")))
        return storageError(q, QCoreApplication::translate("LeadSyncMarks", "reading what waits to sync"));
    while (q.next()) {
        const QString state = q.value(2).toString();
        for (int c = 0; c < 2; ++c) {
            const QString id = q.value(c).toString();
            if (id.isEmpty())
                continue;
            if (state == QLatin1String("rejected"))
                marks.notApplied.insert(id, q.value(3).toString());
            else
                marks.waiting.insert(id);
        }
    }
    return marks;
}

} // namespace Leads
