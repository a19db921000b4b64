// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"
#include "domain/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

class QSqlDatabase;

namespace Leads {

class Clock;

// The figures of the pipeline dashboard for a set of leads, each computed by SQLite with
// aggregates over indexes (never by reading leads into memory), so a million leads take
// well under a second.
class PipelineStats
{
public:
    // Which leads count. Every list empty: all of them.
    struct Filter
    {
        QDateTime createdFrom; // inclusive; invalid: since ever
        QDateTime createdTo;   // exclusive; invalid: until now and later
        QStringList sources;
        QStringList assignees; // user ids, or LeadFilter::kUnassigned
        QStringList campaigns;
        bool operator==(const Filter &other) const = default;
    };

    struct LostReason
    {
        QString reason; // empty: none was recorded
        qint64 count = 0;
    };

    struct Agent
    {
        QString id;   // empty: unassigned leads
        QString name; // display name, empty for unassigned leads
        qint64 total = 0;
        qint64 active = 0;
        qint64 overdue = 0; // active leads whose follow-up time has passed
        qint64 converted = 0;
        qint64 lost = 0;
        std::optional<double> conversionRate() const;
    };

    // Days a still active lead has been in its current status, since its last status
    // change (or its creation when it never moved).
    enum class AgeBucket { Days0To2, Days3To7, Days8To30, Over30Days };
    static constexpr int kAgeBuckets = 4;
    static QString ageBucketLabel(AgeBucket bucket);

    struct Week
    {
        QDate start; // Monday (UTC)
        qint64 created = 0;
        qint64 converted = 0; // leads whose move to Converted happened that week
    };
    static constexpr int kWeeks = 12;

    std::array<qint64, 8> perStatus{}; // indexed by Status::index
    qint64 total = 0;
    qint64 active = 0;
    qint64 converted = 0;
    qint64 lost = 0;
    qint64 overdue = 0;
    // Converted leads that have a recorded move to Converted (the rest were created or
    // imported as converted and have no time to convert).
    qint64 timedConversions = 0;
    std::optional<qint64> medianTimeToConvertMs;
    std::optional<double> meanTimeToConvertMs;
    QList<LostReason> lostReasons; // most frequent first
    QList<Agent> agents;           // by name, unassigned last
    std::array<qint64, kAgeBuckets> aging{};
    QList<Week> weeks; // oldest first, the current (partial) week last

    // Time each query took, in the order they ran (for the benchmark and the log).
    QList<QPair<QString, qint64>> queryTimesMs;

    qint64 count(LeadStatus status) const { return perStatus[size_t(Status::index(status))]; }
    // converted / (converted + lost); none when nothing has been closed yet.
    std::optional<double> conversionRate() const;

    static Result<PipelineStats> compute(const QSqlDatabase &db, const Filter &filter, const Clock &clock);
    // Tunes a connection that computes the figures repeatedly (the dashboard's own
    // read-only one): index pages are then read through a memory map, not copied.
    static void prepareConnection(const QSqlDatabase &db);
    // The Monday 00:00 UTC that starts the oldest of the weekly series ending with the
    // week of `now`.
    static QDateTime firstWeekStart(const QDateTime &now);
};

} // namespace Leads
