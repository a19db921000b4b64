// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Leads {

// Who gets a new lead that arrives without an assignee (captured from a broadcast reply,
// a chat or an integration), as an admin configured it. The server applies it; the rule
// is plain data so the settings dialog can edit it and the server can store it as JSON.
struct AssignmentRule
{
    enum class Mode {
        Manual,      // nobody: the lead waits in the unassigned queue
        RoundRobin,  // the chosen agents in turn
        LeastLoaded, // the chosen agent with the fewest active leads (ties: list order)
    };
    Mode mode = Mode::Manual;
    QStringList agents; // user ids, in the admin's order

    QJsonObject toJson() const;
    // Rejects unknown modes, a rotating rule without agents and repeated agents, with a
    // sentence for the admin.
    static Result<AssignmentRule> fromJson(const QJsonObject &json);
    static QString modeId(Mode mode);
    static QString modeLabel(Mode mode);

    bool operator==(const AssignmentRule &other) const = default;

    struct Pick
    {
        QString assigneeId;  // empty: leave unassigned
        int nextCursor = 0;  // what to store for the next round-robin pick
    };
    // The assignee for the next new lead. `eligible` are the agents who may take leads
    // now (active accounts); `loads` their active leads; `cursor` the stored round-robin
    // position. Agents of the rule who are not eligible are passed over.
    Pick pick(const QStringList &eligible, const QHash<QString, int> &loads, int cursor) const;
};

} // namespace Leads
