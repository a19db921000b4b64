// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace Leads {

// What the user narrowed the lead list to: search text plus structured filters. Plain
// data, stored in the user's settings between sessions; LeadQuery turns it into SQL.
struct LeadFilter
{
    // A date range either follows the calendar (a preset, resolved against "now" each
    // time it is applied) or is fixed.
    enum class DatePreset { Any, Today, Last7Days, Last30Days, ThisMonth, Custom };
    struct DateRange
    {
        DatePreset preset = DatePreset::Any;
        QDateTime from; // Custom only, inclusive
        QDateTime to;   // Custom only, exclusive
        bool isActive() const { return preset != DatePreset::Any; }
        bool operator==(const DateRange &other) const = default;
    };
    enum class Finality { Any, Active, Final };
    // Follow-ups of active leads: past their time, due later today (local day), or both
    // (what is on someone's plate today).
    enum class FollowUp { Any, Overdue, DueToday, DueOrOverdue };

    // Tokens that stand for people in `assignees` besides plain user ids.
    static inline const QString kUnassigned = QStringLiteral("@unassigned");
    static inline const QString kMe = QStringLiteral("@me");

    QString search;
    QList<LeadStatus> statuses; // empty: any status
    QStringList assignees;      // user ids, kUnassigned, kMe; empty: anyone
    QStringList sources;        // empty: any source
    QStringList campaigns;      // empty: any campaign
    std::optional<int> minScore;
    std::optional<int> maxScore;
    DateRange created;
    DateRange lastActivity;
    Finality finality = Finality::Any;
    FollowUp followUp = FollowUp::Any;
    // Only active leads past their status's maximum age without activity (StaleRules).
    bool stale = false;

    // Whether anything besides the search text narrows the list.
    bool hasFilters() const;
    bool isEmpty() const { return search.trimmed().isEmpty() && !hasFilters(); }
    void clearFilters();

    QVariantMap toVariant() const;
    static LeadFilter fromVariant(const QVariantMap &map);

    // [from, to) in UTC for a range, given the current moment (presets follow local days).
    static std::pair<QDateTime, QDateTime> resolve(const DateRange &range, const QDateTime &now);
    static QString presetLabel(DatePreset preset);
    static QString followUpLabel(FollowUp followUp);
    // [from, to) in UTC of follow-up times that match, given the current moment; an
    // invalid `from` means "since ever".
    static std::pair<QDateTime, QDateTime> followUpWindow(FollowUp followUp, const QDateTime &now);

    bool operator==(const LeadFilter &other) const = default;
};

} // namespace Leads
