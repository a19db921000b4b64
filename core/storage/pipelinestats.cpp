// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipelinestats.h"

#include "database.h"
#include "leadfilter.h"
#include "domain/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

#include <QScopeGuard>

#include <algorithm>
#include <optional>
#include <thread>

namespace Leads {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kWeekMs = 7 * kDayMs;
constexpr int kConvertedRank = 5; // Status::index(LeadStatus::Converted)
constexpr int kLostRank = 6;      // Status::index(LeadStatus::Lost)

// The filter as a condition on `leads l` with its values to bind in order. The unary +
// keeps SQLite off the single-column indexes of the filtered columns: every aggregate
// walks the leads_pipeline index, which holds all of them, instead of reading table rows
// for a third of the leads.
struct Condition
{
    QString sql;
    QVariantList values;
};

Condition filterCondition(const PipelineStats::Filter &filter)
{
    Condition c;
    auto in = [&c](const QString &column, const QStringList &values) -> QString {
        QStringList marks;
        for (const QString &v : values) {
            marks.append(QStringLiteral("?"));
            c.values.append(v);
        }
        return column + QStringLiteral(" IN (") + marks.join(u',') + u')';
    };
    QStringList parts;
    if (filter.createdFrom.isValid()) {
        parts.append(QStringLiteral("+l.created_at >= ?"));
        c.values.append(filter.createdFrom.toMSecsSinceEpoch());
    }
    if (filter.createdTo.isValid()) {
        parts.append(QStringLiteral("+l.created_at < ?"));
        c.values.append(filter.createdTo.toMSecsSinceEpoch());
    }
    if (!filter.sources.isEmpty())
        parts.append(in(QStringLiteral("+l.source"), filter.sources));
    if (!filter.assignees.isEmpty()) {
        QStringList ids = filter.assignees;
        const bool unassigned = ids.removeAll(LeadFilter::kUnassigned) > 0;
        QStringList either;
        if (!ids.isEmpty())
            either.append(in(QStringLiteral("+l.assignee_id"), ids));
        if (unassigned)
            either.append(QStringLiteral("l.assignee_id IS NULL"));
        parts.append(u'(' + either.join(QStringLiteral(" OR ")) + u')');
    }
    if (!filter.campaigns.isEmpty())
        parts.append(in(QStringLiteral("+l.campaign"), filter.campaigns));
    for (const QString &p : parts)
        c.sql += QStringLiteral(" AND ") + p;
    return c;
}

// Runs one statement with its values; times it into `stats`.
class Runner
{
public:
    Runner(const QSqlDatabase &db, PipelineStats &stats) : m_db(db), m_stats(stats) {}

    Result<QSqlQuery> run(const QString &name, const QString &sql, const QVariantList &values)
    {
        QElapsedTimer timer;
        timer.start();
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql))
            return storageError(q, QStringLiteral("preparing the %1 figures").arg(name));
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            return storageError(q, QStringLiteral("computing the %1 figures").arg(name));
        m_pending = name;
        m_timer = timer;
        return q;
    }
    // Call when the rows of the last run() are read.
    void done() { m_stats.queryTimesMs.append({m_pending, m_timer.elapsed()}); }

private:
    QSqlDatabase m_db;
    PipelineStats &m_stats;
    QString m_pending;
    QElapsedTimer m_timer;
};

} // namespace

std::optional<double> PipelineStats::Agent::conversionRate() const
{
    if (converted + lost == 0)
        return std::nullopt;
    return double(converted) / double(converted + lost);
}

std::optional<double> PipelineStats::conversionRate() const
{
    if (converted + lost == 0)
        return std::nullopt;
    return double(converted) / double(converted + lost);
}

QString PipelineStats::ageBucketLabel(AgeBucket bucket)
{
    switch (bucket) {
    case AgeBucket::Days0To2: return QCoreApplication::translate("PipelineStats", "0–2 d");
    case AgeBucket::Days3To7: return QCoreApplication::translate("PipelineStats", "3–7 d");
    case AgeBucket::Days8To30: return QCoreApplication::translate("PipelineStats", "8–30 d");
    case AgeBucket::Over30Days: return QCoreApplication::translate("PipelineStats", "> 30 d");
    }
    return {};
}

QDateTime PipelineStats::firstWeekStart(const QDateTime &now)
{
    const QDate today = now.toUTC().date();
    const QDate monday = today.addDays(1 - today.dayOfWeek());
    return QDateTime(monday.addDays(-7 * (kWeeks - 1)), QTime(0, 0), Qt::UTC);
}

void PipelineStats::prepareConnection(const QSqlDatabase &db)
{
    // The aggregates seek through the pipeline and status-change indexes (about 150 MB on
    // a million leads); copying each page out of the OS cache costs a third of the time.
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA mmap_size = 2147483648"));
}

namespace {

// Aging: days since each active lead entered its current status, one range scan of the
// stage-age index.
Outcome computeAging(const QSqlDatabase &db, const Condition &where, qint64 nowMs, PipelineStats &stats)
{
    Runner runner(db, stats);
    QVariantList values{nowMs, kDayMs};
    values += where.values;
    auto q = runner.run(
        QStringLiteral("aging"),
        QStringLiteral("SELECT CASE WHEN days <= 2 THEN 0 WHEN days <= 7 THEN 1 WHEN days <= 30 THEN 2 ELSE 3 END, "
                       "COUNT(*) FROM (SELECT (? - COALESCE(l.status_changed_at, l.created_at)) / ? AS days "
                       "FROM leads l WHERE l.is_final = 0")
            + where.sql + QStringLiteral(") GROUP BY 1"),
        values);
    if (!q)
        return q.error();
    while (q.value().next()) {
        const int bucket = q.value().value(0).toInt();
        if (bucket >= 0 && bucket < PipelineStats::kAgeBuckets)
            stats.aging[size_t(bucket)] += q.value().value(1).toLongLong();
    }
    runner.done();
    return {};
}

} // namespace

Result<PipelineStats> PipelineStats::compute(const QSqlDatabase &db, const Filter &filter, const Clock &clock)
{
    PipelineStats stats;
    Runner runner(db, stats);
    const Condition where = filterCondition(filter);
    const qint64 nowMs = clock.now().toMSecsSinceEpoch();
    const qint64 weeksFrom = firstWeekStart(clock.now()).toMSecsSinceEpoch();
    const qint64 weeksTo = weeksFrom + kWeeks * kWeekMs;

    // The aging scan is the longest query; on a database file it runs on a second
    // connection in parallel with the others (WAL lets readers share the file), which
    // halves the wall time on two cores. In-memory databases cannot be shared: inline.
    PipelineStats agingStats;
    std::optional<Error> agingError;
    std::thread aging;
    const QString path = db.databaseName();
    if (!path.isEmpty() && path != u":memory:" && !path.startsWith(u"file::memory:")) {
        aging = std::thread([&] {
            auto reader = Database::open(path, Database::Mode::ReadOnly);
            Outcome done = reader ? Outcome() : Outcome(reader.error());
            if (reader) {
                prepareConnection(reader.value()->connection());
                done = computeAging(reader.value()->connection(), where, nowMs, agingStats);
            }
            if (!done)
                agingError = done.error();
        });
    } else if (auto done = computeAging(db, where, nowMs, agingStats); !done) {
        return done.error();
    }
    auto joinAging = qScopeGuard([&] {
        if (aging.joinable())
            aging.join();
    });

    // Statuses, and per agent: one walk over the index in its own order (is_final,
    // status_rank, assignee_id), so the grouping needs no sort.
    {
        QVariantList values{nowMs};
        values += where.values;
        auto q = runner.run(QStringLiteral("status and agent"),
                            QStringLiteral("SELECT g.status_rank, g.assignee_id, u.display_name, g.n, g.overdue FROM "
                                           "(SELECT l.status_rank, l.assignee_id, COUNT(*) AS n, "
                                           "SUM(l.follow_up_at < ?) AS overdue FROM leads l WHERE 1")
                                + where.sql
                                + QStringLiteral(" GROUP BY l.is_final, l.status_rank, l.assignee_id) g "
                                                 "LEFT JOIN users u ON u.id = g.assignee_id"),
                            values);
        if (!q)
            return q.error();
        QHash<QString, qsizetype> agentRow;
        while (q.value().next()) {
            const int rank = q.value().value(0).toInt();
            if (rank < 0 || rank >= int(stats.perStatus.size()))
                continue;
            const QString agentId = q.value().value(1).toString();
            const qint64 n = q.value().value(3).toLongLong();
            const bool final = Status::isFinal(kAllStatuses[size_t(rank)]);
            const qint64 overdue = final ? 0 : q.value().value(4).toLongLong();
            stats.perStatus[size_t(rank)] += n;
            auto row = agentRow.constFind(agentId);
            if (row == agentRow.constEnd()) {
                Agent a;
                a.id = agentId;
                a.name = agentId.isEmpty() ? QString() : q.value().value(2).toString();
                if (!agentId.isEmpty() && a.name.isEmpty())
                    a.name = agentId; // a user the local database has not heard of yet
                stats.agents.append(a);
                row = agentRow.insert(agentId, stats.agents.size() - 1);
            }
            Agent &agent = stats.agents[*row];
            agent.total += n;
            agent.active += final ? 0 : n;
            agent.overdue += overdue;
            agent.converted += rank == kConvertedRank ? n : 0;
            agent.lost += rank == kLostRank ? n : 0;
        }
        runner.done();
        for (LeadStatus s : kAllStatuses) {
            const qint64 n = stats.count(s);
            stats.total += n;
            stats.active += Status::isFinal(s) ? 0 : n;
        }
        stats.converted = stats.count(LeadStatus::Converted);
        stats.lost = stats.count(LeadStatus::Lost);
        for (const Agent &a : std::as_const(stats.agents))
            stats.overdue += a.overdue;
        std::sort(stats.agents.begin(), stats.agents.end(), [](const Agent &a, const Agent &b) {
            if (a.id.isEmpty() != b.id.isEmpty())
                return b.id.isEmpty();
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
    }

    {
        auto q = runner.run(QStringLiteral("lost reasons"),
                            QStringLiteral("SELECT COALESCE(l.lost_reason, ''), COUNT(*) FROM leads l "
                                           "WHERE l.is_final = 1 AND l.status_rank = %1")
                                    .arg(kLostRank)
                                + where.sql + QStringLiteral(" GROUP BY 1"),
                            where.values);
        if (!q)
            return q.error();
        QHash<QString, qint64> merged; // NULL and '' both mean "no reason"
        while (q.value().next())
            merged[q.value().value(0).toString()] += q.value().value(1).toLongLong();
        runner.done();
        for (auto it = merged.constBegin(); it != merged.constEnd(); ++it)
            stats.lostReasons.append({it.key(), it.value()});
        std::sort(stats.lostReasons.begin(), stats.lostReasons.end(), [](const LostReason &a, const LostReason &b) {
            return a.count != b.count ? a.count > b.count : a.reason < b.reason;
        });
    }

    // Converted leads: a final lead never changes status again, so the time it entered its
    // status (status_changed_at, kept by a trigger) is the move to Converted; one seek into
    // the stage-age index, no timeline read.
    {
        QVariantList values = where.values;
        values += QVariantList{weeksFrom, kWeekMs, weeksFrom, weeksTo};
        auto q = runner.run(
            QStringLiteral("time to convert"),
            QStringLiteral("WITH c AS MATERIALIZED (SELECT COALESCE(l.status_changed_at, l.created_at) AS at, "
                           "l.status_changed_at - l.created_at AS d FROM leads l "
                           "WHERE l.is_final = 1 AND l.status_rank = %1")
                    .arg(kConvertedRank)
                + where.sql
                + QStringLiteral(") "
                                 "SELECT -1, COUNT(d), AVG(d) FROM c "
                                 "UNION ALL SELECT -2, COUNT(*), AVG(d) FROM (SELECT d FROM c WHERE d IS NOT NULL "
                                 "ORDER BY d LIMIT 2 - (SELECT COUNT(d) FROM c) % 2 "
                                 "OFFSET ((SELECT COUNT(d) FROM c) - 1) / 2) "
                                 "UNION ALL SELECT (at - ?) / ?, COUNT(*), NULL FROM c "
                                 "WHERE at >= ? AND at < ? GROUP BY 1"),
            values);
        if (!q)
            return q.error();
        std::array<qint64, kWeeks> convertedPerWeek{};
        while (q.value().next()) {
            const int tag = q.value().value(0).toInt();
            const qint64 n = q.value().value(1).toLongLong();
            const QVariant avg = q.value().value(2);
            if (tag == -1) {
                stats.timedConversions = n;
                if (n > 0)
                    stats.meanTimeToConvertMs = avg.toDouble();
            } else if (tag == -2) {
                if (n > 0)
                    stats.medianTimeToConvertMs = qRound64(avg.toDouble());
            } else if (tag >= 0 && tag < kWeeks) {
                convertedPerWeek[size_t(tag)] = n;
            }
        }
        runner.done();
        const QDate first = QDateTime::fromMSecsSinceEpoch(weeksFrom, Qt::UTC).date();
        for (int w = 0; w < kWeeks; ++w)
            stats.weeks.append({first.addDays(7 * w), 0, convertedPerWeek[size_t(w)]});
    }

    {
        // Only dates narrow it: one count per week over a range of the creation index,
        // which holds all it needs and needs no sort. Anything else: one walk over the
        // pipeline index, where the creation index would read a table row per lead.
        const bool onlyDates = filter.sources.isEmpty() && filter.assignees.isEmpty() && filter.campaigns.isEmpty();
        QString sql;
        QVariantList values;
        if (onlyDates) {
            QStringList weeks;
            for (int w = 0; w < kWeeks; ++w) {
                weeks.append(QStringLiteral("SELECT %1, COUNT(*) FROM leads l WHERE l.created_at >= ? AND l.created_at < ?")
                                 .arg(w)
                             + where.sql);
                values += QVariantList{weeksFrom + w * kWeekMs, weeksFrom + (w + 1) * kWeekMs};
                values += where.values;
            }
            sql = weeks.join(QStringLiteral(" UNION ALL "));
        } else {
            sql = QStringLiteral("SELECT (l.created_at - ?) / ?, COUNT(*) FROM leads l "
                                 "WHERE +l.created_at >= ? AND +l.created_at < ?")
                  + where.sql + QStringLiteral(" GROUP BY 1");
            values = QVariantList{weeksFrom, kWeekMs, weeksFrom, weeksTo} + where.values;
        }
        auto q = runner.run(QStringLiteral("created per week"), sql, values);
        if (!q)
            return q.error();
        while (q.value().next()) {
            const int w = q.value().value(0).toInt();
            if (w >= 0 && w < kWeeks)
                stats.weeks[w].created = q.value().value(1).toLongLong();
        }
        runner.done();
    }

    if (aging.joinable())
        aging.join();
    if (agingError)
        return *agingError;
    stats.aging = agingStats.aging;
    stats.queryTimesMs += agingStats.queryTimesMs;
    return stats;
}

} // namespace Leads
