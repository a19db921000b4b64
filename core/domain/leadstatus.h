// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <array>
#include <optional>

namespace Leads {

// The eight pipeline stages of the product spec, in pipeline order.
enum class LeadStatus { New, Contacted, Qualifying, Qualified, FollowUp, Converted, Lost, Archived };

inline constexpr std::array<LeadStatus, 8> kAllStatuses = {
    LeadStatus::New,       LeadStatus::Contacted, LeadStatus::Qualifying, LeadStatus::Qualified,
    LeadStatus::FollowUp,  LeadStatus::Converted, LeadStatus::Lost,       LeadStatus::Archived,
};

namespace Status {
// Stable id stored in databases and sent over the wire ("new", "follow_up", …).
QString id(LeadStatus status);
std::optional<LeadStatus> fromId(QStringView id);
// Translated label for people ("Follow-up").
QString label(LeadStatus status);
// A glyph that tells the status apart without colour (DejaVu Sans has all of them).
QString glyph(LeadStatus status);
bool isFinal(LeadStatus status);
inline int index(LeadStatus status) { return static_cast<int>(status); }
} // namespace Status

} // namespace Leads
