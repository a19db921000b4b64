// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadrow.h"

#include <QSqlQuery>
#include <QVariant>

namespace Leads {

QDateTime dateTimeFromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Lead leadFromRow(const QSqlQuery &q)
{
    Lead l;
    l.id = q.value(0).toString();
    l.contactId = q.value(1).toString();
    l.name = q.value(2).toString();
    l.company = q.value(3).toString();
    l.phone = q.value(4).toString();
    l.email = q.value(5).toString();
    l.source = q.value(6).toString();
    l.sourceDetail = q.value(7).toString();
    l.campaign = q.value(8).toString();
    l.status = Status::fromId(q.value(9).toString()).value_or(LeadStatus::New);
    l.statusVersion = q.value(10).toInt();
    l.lostReason = q.value(11).toString();
    l.assigneeId = q.value(12).toString();
    l.assigneeName = q.value(13).toString();
    if (!q.value(14).isNull())
        l.qualification.aiScore = q.value(14).toInt();
    if (!q.value(15).isNull())
        l.qualification.manualScore = q.value(15).toInt();
    l.qualification.method = qualificationMethodFromId(q.value(16).toString());
    l.qualification.author = q.value(17).toString();
    l.qualification.at = dateTimeFromMs(q.value(18));
    l.followUpAt = dateTimeFromMs(q.value(19));
    l.createdAt = dateTimeFromMs(q.value(20));
    l.updatedAt = dateTimeFromMs(q.value(21));
    l.lastActivityAt = dateTimeFromMs(q.value(22));
    l.version = q.value(23).toInt();
    return l;
}

} // namespace Leads
