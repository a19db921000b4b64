// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadstatus.h"

#include <QCoreApplication>

namespace Leads::Status {

QString id(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New: return QStringLiteral("new");
    case LeadStatus::Contacted: return QStringLiteral("contacted");
    case LeadStatus::Qualifying: return QStringLiteral("qualifying");
    case LeadStatus::Qualified: return QStringLiteral("qualified");
    case LeadStatus::FollowUp: return QStringLiteral("follow_up");
    case LeadStatus::Converted: return QStringLiteral("converted");
    case LeadStatus::Lost: return QStringLiteral("lost");
    case LeadStatus::Archived: return QStringLiteral("archived");
    }
    return {};
}

std::optional<LeadStatus> fromId(QStringView text)
{
    for (LeadStatus s : kAllStatuses) {
        if (text == id(s))
            return s;
    }
    return std::nullopt;
}

QString label(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New: return QCoreApplication::translate("LeadStatus", "New");
    case LeadStatus::Contacted: return QCoreApplication::translate("LeadStatus", "Contacted");
    case LeadStatus::Qualifying: return QCoreApplication::translate("LeadStatus", "Qualifying");
    case LeadStatus::Qualified: return QCoreApplication::translate("LeadStatus", "Qualified");
    case LeadStatus::FollowUp: return QCoreApplication::translate("LeadStatus", "Follow-up");
    case LeadStatus::Converted: return QCoreApplication::translate("LeadStatus", "Converted");
    case LeadStatus::Lost: return QCoreApplication::translate("LeadStatus", "Lost");
    case LeadStatus::Archived: return QCoreApplication::translate("LeadStatus", "Archived");
    }
    return {};
}

QString glyph(LeadStatus status)
{
    switch (status) {
    case LeadStatus::New: return QStringLiteral("\u25CF");        // ●
    case LeadStatus::Contacted: return QStringLiteral("\u2706");  // ✆
    case LeadStatus::Qualifying: return QStringLiteral("\u25D4"); // ◔
    case LeadStatus::Qualified: return QStringLiteral("\u2713");  // ✓
    case LeadStatus::FollowUp: return QStringLiteral("\u21BB");   // ↻
    case LeadStatus::Converted: return QStringLiteral("\u2605");  // ★
    case LeadStatus::Lost: return QStringLiteral("\u2715");       // ✕
    case LeadStatus::Archived: return QStringLiteral("\u25A3");   // ▣
    }
    return {};
}

bool isFinal(LeadStatus status)
{
    return status == LeadStatus::Converted || status == LeadStatus::Lost || status == LeadStatus::Archived;
}

} // namespace Leads::Status
