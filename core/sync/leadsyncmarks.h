// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace Leads {

class Database;

// Which leads have local changes the server has not reflected yet, and which have a change
// the server refused (with its reason): read from the outbox in one small query, so a list
// of a million leads can mark its rows without joining the outbox into its own query.
struct LeadSyncMarks
{
    QSet<QString> waiting;               // pending or sent, not yet acknowledged
    QHash<QString, QString> notApplied;  // lead id → the server's reason (latest refusal)

    // A merge names two leads (target and the merged-away one): both are marked.
    static Result<LeadSyncMarks> read(Database &db);
    bool operator==(const LeadSyncMarks &other) const = default;
};

} // namespace Leads
