// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"

class QSqlQuery;
class QVariant;

namespace Leads {

// Reads a Lead from the current row of a query whose first 24 columns are, in order:
// id, contact_id, name, company, phone, email, source, source_detail, campaign, status,
// status version, lost_reason, assignee_id, assignee display name, ai_score, manual_score,
// qualification_method, qualified_by, qualified_at, follow_up_at, created_at, updated_at,
// last_activity_at, version. The client and the server schemas name a few of these
// differently (status_version / status_v); both select them in this order.
Lead leadFromRow(const QSqlQuery &query);

// A stored millisecond timestamp (UTC) as a date-time; NULL gives an invalid one.
QDateTime dateTimeFromMs(const QVariant &value);

} // namespace Leads
