// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipeline.h"

#include <QCoreApplication>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::Pipeline), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::Pipeline", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

Error finalRefusal(LeadStatus current, const char *what)
{
    return Error(ErrorCode::FinalState, tr("This lead is %1 and can no longer %2.")
                                            .arg(Status::label(current), tr(what)));
}
} // namespace

Outcome Pipeline::checkMove(LeadStatus from, LeadStatus to, const QString &lostReason,
                            const QStringList &lostReasons)
{
    if (Status::isFinal(from))
        return finalRefusal(from, "change status");
    if (from == to)
        return Error(ErrorCode::SameStatus,
                     tr("This lead is already %1.").arg(Status::label(to)));
    if (to == LeadStatus::Lost) {
        const QString reason = lostReason.trimmed();
        if (reason.isEmpty())
            return Error(ErrorCode::LostReasonRequired,
                         tr("Choose a lost reason before marking this lead as Lost."));
        if (!lostReasons.contains(reason))
            return Error(ErrorCode::UnknownLostReason,
                         tr("\"%1\" is not one of the configured lost reasons.").arg(reason));
    }
    return {};
}

QList<LeadStatus> Pipeline::allowedMoves(LeadStatus from)
{
    QList<LeadStatus> moves;
    for (LeadStatus to : kAllStatuses) {
        if (isMoveAllowed(from, to))
            moves.append(to);
    }
    return moves;
}

bool Pipeline::isMoveAllowed(LeadStatus from, LeadStatus to)
{
    return !Status::isFinal(from) && from != to;
}

Outcome Pipeline::checkAssign(LeadStatus current)
{
    if (Status::isFinal(current))
        return finalRefusal(current, "be assigned");
    return {};
}

Outcome Pipeline::checkQualificationChange(LeadStatus current)
{
    if (Status::isFinal(current))
        return finalRefusal(current, "change its qualification");
    return {};
}

Outcome Pipeline::checkFollowUp(LeadStatus current)
{
    if (Status::isFinal(current))
        return finalRefusal(current, "get a follow-up");
    return {};
}

} // namespace Leads
