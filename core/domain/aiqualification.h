// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"

#include <QString>
#include <QStringList>

namespace Leads {

// The admin's AI qualification settings and the auto-qualify rule (spec section 3): an
// active lead in New, Contacted or Qualifying whose AI score reaches the threshold moves
// to Qualified, once. A lead the AI already moved is never moved again, whatever agents
// did with it afterwards, and final leads are never touched.
class AiQualification
{
public:
    static constexpr int kDefaultThreshold = 70;

    // Settings keys (the settings table) and their defaults.
    static QString enabledKey() { return QStringLiteral("ai.enabled"); }
    static QString thresholdKey() { return QStringLiteral("ai.threshold"); }
    static QString modelKey() { return QStringLiteral("ai.model"); }
    static QString excludedAttributesKey() { return QStringLiteral("ai.excluded_attributes"); }

    static bool enabledFromSetting(const QString &value);
    static int thresholdFromSetting(const QString &value);
    // Attribute keys left out of the model, stored as a JSON array (older clients wrote a
    // comma-separated list, still read).
    static QStringList excludedFromSetting(const QString &value);

    static bool canAutoQualify(LeadStatus status);
    static bool shouldAutoQualify(LeadStatus status, int aiScore, int threshold, bool alreadyAutoQualified);
};

} // namespace Leads
