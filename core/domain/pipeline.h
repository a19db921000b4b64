// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"
#include "result.h"

#include <QList>
#include <QStringList>

namespace Leads {

// The status pipeline rules: which moves are allowed, what a move to Lost needs, and
// what a final lead refuses. Pure functions, called by the client and the server alike.
class Pipeline
{
public:
    // From an active status a lead may go to any other status; final statuses refuse all.
    // A move to Lost needs a reason from `lostReasons` (the admin-configured list).
    static Outcome checkMove(LeadStatus from, LeadStatus to, const QString &lostReason = {},
                             const QStringList &lostReasons = {});
    // The moves the UI may offer for a lead in `from` (empty for a final lead).
    static QList<LeadStatus> allowedMoves(LeadStatus from);
    static bool isMoveAllowed(LeadStatus from, LeadStatus to);

    // Final leads cannot be assigned, and their qualification is frozen.
    static Outcome checkAssign(LeadStatus current);
    static Outcome checkQualificationChange(LeadStatus current);
    // Notes stay possible on a final lead (history), follow-ups do not.
    static Outcome checkFollowUp(LeadStatus current);
};

} // namespace Leads
