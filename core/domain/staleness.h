// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"

#include <QDateTime>
#include <QJsonObject>

#include <array>
#include <optional>

namespace Leads {

// How long a lead may sit in each active status without any activity before it counts
// as stale (an admin's team setting). Hours; none set for a status means never stale.
class StaleRules
{
public:
    // The key in the settings table (and the field of the server's team settings).
    static QString settingKey() { return QStringLiteral("staleRules"); }

    std::optional<int> maxAgeHours(LeadStatus status) const;
    // Hours <= 0 or a final status clear the limit.
    void setMaxAgeHours(LeadStatus status, std::optional<int> hours);
    bool isEmpty() const;

    // {"contacted": 72, …}; unknown keys and non-positive values are ignored on read.
    QJsonObject toJson() const;
    static StaleRules fromJson(const QJsonObject &json);
    QString toSetting() const;
    static StaleRules fromSetting(const QString &json);

    bool operator==(const StaleRules &other) const = default;

private:
    std::array<int, kAllStatuses.size()> m_hours{}; // 0: no limit
};

// The stale rule: an active lead is stale when its status has a limit and the time since
// its last activity is longer than that limit.
struct Staleness
{
    bool stale = false;
    qint64 ageSecs = 0;   // since the last activity (0 when unknown)
    qint64 limitSecs = 0; // the status's limit (0: none)

    static Staleness evaluate(LeadStatus status, const QDateTime &lastActivity, const StaleRules &rules,
                              const QDateTime &now);
    // Leads in `status` whose last activity is before this moment are stale; invalid when
    // the status cannot be stale.
    static QDateTime cutoff(LeadStatus status, const StaleRules &rules, const QDateTime &now);
    // "3 d", "5 h", "12 min": a short age for tables and cards.
    static QString shortAge(qint64 secs);
};

// "Since reply, no response": how long a lead has waited since its last inbound message
// (a broadcast reply or chat message) with no outbound message after it. Empty when
// nothing inbound is waiting.
struct AwaitingReply
{
    static std::optional<qint64> waitingSecs(const QDateTime &lastInbound, const QDateTime &lastOutbound,
                                             const QDateTime &now);
};

} // namespace Leads
