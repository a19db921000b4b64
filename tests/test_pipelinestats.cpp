// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/migrations.h"
#include "storage/pipelinestats.h"
#include "storage/sampledata.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <algorithm>
#include <map>

using namespace Leads;

namespace {

constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

struct HandLead
{
    const char *id;
    LeadStatus status;
    const char *assignee; // nullptr: unassigned
    const char *source;
    const char *campaign;
    double createdDaysAgo;
    std::optional<double> followUpDaysAgo; // negative: in the future
    const char *lostReason;
    // (days ago, new status) of each recorded move
    QList<QPair<double, LeadStatus>> moves;
};

void exec(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    REQUIRE(q.prepare(sql));
    for (const QVariant &v : values)
        q.addBindValue(v);
    INFO(sql.toStdString());
    REQUIRE(q.exec());
}

// Twelve leads small enough to work every figure out by hand (see the expectations).
void buildHandDatabase(Database &db, const QDateTime &now)
{
    const qint64 n = now.toMSecsSinceEpoch();
    auto at = [n](double daysAgo) { return n - qint64(daysAgo * double(kDay)); };
    QSqlQuery q(db.connection());
    exec(q, QStringLiteral("INSERT INTO users (id, username, display_name, role, created_at) VALUES "
                           "('u-a', 'ana', 'Ana Agent', 'agent', 0), ('u-b', 'ben', 'Ben Agent', 'agent', 0)"),
         {});
    using S = LeadStatus;
    const QList<HandLead> leads = {
        {"L1", S::New, "u-a", "broadcast", "Spring", 1, 1.0 / 24, nullptr, {}},
        {"L2", S::Contacted, "u-a", "chat", "", 10, -1, nullptr, {{5, S::Contacted}}},
        {"L3", S::Qualified, "u-b", "broadcast", "Spring", 40, 2, nullptr, {{35, S::Contacted}, {31, S::Qualified}}},
        {"L4", S::Converted, "u-a", "broadcast", "Fall", 20, 5, nullptr, {{18, S::Qualified}, {10, S::Converted}}},
        {"L5", S::Converted, "u-b", "chat", "", 60, std::nullopt, nullptr, {{56, S::Converted}}},
        {"L6", S::Converted, "u-b", "import", "", 100, std::nullopt, nullptr, {}},
        {"L7", S::Lost, "u-a", "broadcast", "Spring", 15, std::nullopt, "No budget", {{14, S::Lost}}},
        {"L8", S::Lost, nullptr, "chat", "", 3, std::nullopt, "No budget", {{2, S::Lost}}},
        {"L9", S::Lost, "u-b", "manual", "", 50, std::nullopt, "Chose a competitor", {{45, S::Lost}}},
        {"L10", S::Archived, "u-b", "manual", "", 8, std::nullopt, nullptr, {{7, S::Archived}}},
        {"L11", S::New, nullptr, "broadcast", "Fall", 2.5, std::nullopt, nullptr, {}},
        {"L12", S::Qualifying, "u-a", "chat", "", 12, std::nullopt, nullptr, {{8, S::Qualifying}}},
        {"L13", S::Converted, "u-a", "broadcast", "Fall", 30, std::nullopt, nullptr, {{29, S::Contacted}, {5, S::Converted}}},
    };
    int interaction = 0;
    for (const HandLead &l : leads) {
        const QString id = QString::fromLatin1(l.id);
        exec(q, QStringLiteral("INSERT INTO contacts (id, display_name, created_at) VALUES (?, ?, ?)"),
             {QString(u"c-" + id), id, at(l.createdDaysAgo)});
        exec(q,
             QStringLiteral("INSERT INTO leads (id, contact_id, name, source, campaign, status, status_rank, is_final, "
                            "lost_reason, assignee_id, follow_up_at, created_at, updated_at, last_activity_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
             {id, QString(u"c-" + id), id, QString::fromLatin1(l.source), QString::fromLatin1(l.campaign), Status::id(l.status),
              Status::index(l.status), Status::isFinal(l.status) ? 1 : 0,
              l.lostReason ? QVariant(QString::fromUtf8(l.lostReason)) : QVariant(QMetaType(QMetaType::QString)),
              l.assignee ? QVariant(QString::fromLatin1(l.assignee)) : QVariant(QMetaType(QMetaType::QString)),
              l.followUpDaysAgo ? QVariant(at(*l.followUpDaysAgo)) : QVariant(QMetaType(QMetaType::LongLong)),
              at(l.createdDaysAgo), at(l.createdDaysAgo), at(l.createdDaysAgo)});
        exec(q,
             QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, data) VALUES (?, ?, 'created', ?, '{}')"),
             {QStringLiteral("i%1").arg(++interaction), id, at(l.createdDaysAgo)});
        // A chat message after the last move: the timeline's latest entry is not a move.
        exec(q,
             QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, data) VALUES (?, ?, 'chat_in', ?, '{}')"),
             {QStringLiteral("i%1").arg(++interaction), id, n - kHour / 2});
        LeadStatus from = LeadStatus::New;
        for (const auto &[daysAgo, to] : l.moves) {
            const QString data = QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("from"), Status::id(from)}, {QStringLiteral("to"), Status::id(to)}})
                    .toJson(QJsonDocument::Compact));
            exec(q,
                 QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, data) "
                                "VALUES (?, ?, 'status_change', ?, ?)"),
                 {QStringLiteral("i%1").arg(++interaction), id, at(daysAgo), data});
            from = to;
        }
    }
}

std::array<qint64, 8> statusCounts(std::initializer_list<std::pair<LeadStatus, qint64>> counts)
{
    std::array<qint64, 8> a{};
    for (const auto &[s, n] : counts)
        a[size_t(Status::index(s))] = n;
    return a;
}

PipelineStats computeOrFail(Database &db, const PipelineStats::Filter &filter, const Clock &clock)
{
    auto stats = PipelineStats::compute(db.connection(), filter, clock);
    if (!stats)
        FAIL(stats.error().message().toStdString());
    return stats.value();
}

} // namespace

TEST_CASE("Pipeline figures of a hand-built database", "[pipelinestats]")
{
    auto db = LeadsTest::memoryDatabase();
    const QDateTime now = LeadsTest::fixedNow(); // Monday 2026-03-02 09:30 UTC
    buildHandDatabase(*db, now);
    FixedClock clock(now);

    SECTION("all leads")
    {
        const PipelineStats s = computeOrFail(*db, {}, clock);
        using S = LeadStatus;
        CHECK(s.perStatus
              == statusCounts({{S::New, 2}, {S::Contacted, 1}, {S::Qualifying, 1}, {S::Qualified, 1}, {S::Converted, 4},
                               {S::Lost, 3}, {S::Archived, 1}}));
        CHECK(s.total == 13);
        CHECK(s.active == 5);
        CHECK(s.converted == 4);
        CHECK(s.lost == 3);
        REQUIRE(s.conversionRate());
        CHECK(*s.conversionRate() == Approx(4.0 / 7.0));
        // L1 (an hour ago) and L3 (two days ago); L4's passed follow-up is on a final lead.
        CHECK(s.overdue == 2);

        // L4 took 10 days, L5 4 days, L13 25 days; L6 was created converted (no move).
        CHECK(s.timedConversions == 3);
        REQUIRE(s.medianTimeToConvertMs);
        CHECK(*s.medianTimeToConvertMs == 10 * kDay);
        REQUIRE(s.meanTimeToConvertMs);
        CHECK(*s.meanTimeToConvertMs == Approx(13.0 * double(kDay)));

        REQUIRE(s.lostReasons.size() == 2);
        CHECK(s.lostReasons[0].reason == u"No budget");
        CHECK(s.lostReasons[0].count == 2);
        CHECK(s.lostReasons[1].reason == u"Chose a competitor");
        CHECK(s.lostReasons[1].count == 1);

        REQUIRE(s.agents.size() == 3);
        const PipelineStats::Agent &ana = s.agents[0];
        CHECK(ana.id == u"u-a");
        CHECK(ana.name == u"Ana Agent");
        CHECK(ana.total == 6);
        CHECK(ana.active == 3);
        CHECK(ana.overdue == 1);
        CHECK(ana.converted == 2);
        CHECK(ana.lost == 1);
        CHECK(*ana.conversionRate() == Approx(2.0 / 3.0));
        const PipelineStats::Agent &ben = s.agents[1];
        CHECK(ben.name == u"Ben Agent");
        CHECK(ben.total == 5);
        CHECK(ben.active == 1);
        CHECK(ben.overdue == 1);
        CHECK(ben.converted == 2);
        CHECK(ben.lost == 1);
        const PipelineStats::Agent &nobody = s.agents[2];
        CHECK(nobody.id.isEmpty());
        CHECK(nobody.total == 2);
        CHECK(nobody.active == 1);
        CHECK(nobody.overdue == 0);
        CHECK(nobody.converted == 0);
        CHECK(nobody.lost == 1);
        CHECK(*nobody.conversionRate() == 0.0);

        // Active: L1 1 day (created), L11 2.5 days (created), L2 5 days, L12 8 days, L3 31
        // days since their last move (the later chat message does not count).
        CHECK(s.aging == std::array<qint64, 4>{2, 1, 1, 1});

        REQUIRE(s.weeks.size() == PipelineStats::kWeeks);
        CHECK(s.weeks.front().start == QDate(2025, 12, 15));
        CHECK(s.weeks.back().start == QDate(2026, 3, 2));
        QList<qint64> created, converted;
        for (const auto &w : s.weeks) {
            created.append(w.created);
            converted.append(w.converted);
        }
        // Weeks start 12-15, 12-22, 12-29, 01-05, 01-12, 01-19, 01-26, 02-02, 02-09, 02-16,
        // 02-23, 03-02. L6 (100 days ago) is older than the series.
        CHECK(created == QList<qint64>{0, 0, 1, 1, 0, 1, 1, 0, 2, 3, 3, 0});
        // L5 on 01-05, L4 on 02-20, L13 on 02-25.
        CHECK(converted == QList<qint64>{0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0});
        CHECK(s.queryTimesMs.size() == 5);
    }

    SECTION("filtered by source")
    {
        PipelineStats::Filter f;
        f.sources = {QStringLiteral("broadcast")}; // L1, L3, L4, L7, L11, L13
        const PipelineStats s = computeOrFail(*db, f, clock);
        using S = LeadStatus;
        CHECK(s.perStatus == statusCounts({{S::New, 2}, {S::Qualified, 1}, {S::Converted, 2}, {S::Lost, 1}}));
        CHECK(*s.conversionRate() == Approx(2.0 / 3.0));
        CHECK(*s.medianTimeToConvertMs == qRound64(17.5 * double(kDay)));
        CHECK(s.overdue == 2);
        CHECK(s.aging == std::array<qint64, 4>{2, 0, 0, 1});
    }

    SECTION("filtered by agent, the unassigned and campaign")
    {
        PipelineStats::Filter f;
        f.assignees = {LeadFilter::kUnassigned, QStringLiteral("u-b")};
        f.campaigns = {QStringLiteral("Fall"), QStringLiteral("Spring")}; // L3 (u-b), L11 (nobody)
        const PipelineStats s = computeOrFail(*db, f, clock);
        CHECK(s.total == 2);
        CHECK(s.count(LeadStatus::Qualified) == 1);
        CHECK(s.count(LeadStatus::New) == 1);
        CHECK_FALSE(s.conversionRate());
        CHECK_FALSE(s.medianTimeToConvertMs);
        CHECK_FALSE(s.meanTimeToConvertMs);
        CHECK(s.lostReasons.isEmpty());
        REQUIRE(s.agents.size() == 2);
        CHECK(s.agents[0].name == u"Ben Agent");
        CHECK(s.agents[1].id.isEmpty());
    }

    SECTION("filtered by creation date")
    {
        PipelineStats::Filter f;
        f.createdFrom = now.addDays(-16);
        f.createdTo = now.addDays(-2); // L2, L7, L8, L10, L11 (2.5 days), L12; not L1
        const PipelineStats s = computeOrFail(*db, f, clock);
        CHECK(s.total == 6);
        CHECK(s.lost == 2);
        CHECK(s.count(LeadStatus::Archived) == 1);
        CHECK(s.lostReasons.size() == 1);
        CHECK(s.lostReasons[0].count == 2);
        CHECK(s.aging == std::array<qint64, 4>{1, 1, 1, 0});
    }

    SECTION("an empty database")
    {
        auto empty = LeadsTest::memoryDatabase();
        const PipelineStats s = computeOrFail(*empty, {}, clock);
        CHECK(s.total == 0);
        CHECK(s.agents.isEmpty());
        CHECK_FALSE(s.conversionRate());
        CHECK(s.weeks.size() == PipelineStats::kWeeks);
    }
}

namespace {

// The same figures the plain way: every lead and every status change read into memory.
struct Expected
{
    std::array<qint64, 8> perStatus{};
    qint64 overdue = 0;
    QList<qint64> durations;
    std::map<QString, qint64> lost;
    std::map<QString, std::array<qint64, 5>> agents; // total, active, overdue, converted, lost
    std::array<qint64, 4> aging{};
    std::array<qint64, PipelineStats::kWeeks> created{}, converted{};
};

Expected expectedFor(Database &db, const PipelineStats::Filter &f, const QDateTime &now)
{
    Expected e;
    QSqlQuery q(db.connection());
    QHash<QString, qint64> lastMove;
    REQUIRE(q.exec(QStringLiteral("SELECT lead_id, occurred_at, data FROM interactions WHERE kind = 'status_change'")));
    while (q.next()) {
        qint64 &t = lastMove[q.value(0).toString()];
        t = std::max(t, q.value(1).toLongLong());
    }
    REQUIRE(q.exec(QStringLiteral("SELECT id, status, assignee_id, source, campaign, created_at, follow_up_at, "
                                  "lost_reason FROM leads")));
    const qint64 n = now.toMSecsSinceEpoch();
    const qint64 weeksFrom = PipelineStats::firstWeekStart(now).toMSecsSinceEpoch();
    auto week = [weeksFrom](qint64 t) { return t < weeksFrom ? -1 : int((t - weeksFrom) / (7 * kDay)); };
    while (q.next()) {
        const QString id = q.value(0).toString();
        const LeadStatus status = *Status::fromId(q.value(1).toString());
        const QString assignee = q.value(2).toString();
        const qint64 created = q.value(5).toLongLong();
        if (f.createdFrom.isValid() && created < f.createdFrom.toMSecsSinceEpoch())
            continue;
        if (f.createdTo.isValid() && created >= f.createdTo.toMSecsSinceEpoch())
            continue;
        if (!f.sources.isEmpty() && !f.sources.contains(q.value(3).toString()))
            continue;
        if (!f.campaigns.isEmpty() && !f.campaigns.contains(q.value(4).toString()))
            continue;
        if (!f.assignees.isEmpty()
            && !f.assignees.contains(assignee.isEmpty() ? LeadFilter::kUnassigned : assignee))
            continue;
        const bool final = Status::isFinal(status);
        const bool overdue = !final && !q.value(6).isNull() && q.value(6).toLongLong() < n;
        ++e.perStatus[size_t(Status::index(status))];
        e.overdue += overdue;
        auto &agent = e.agents[assignee];
        ++agent[0];
        agent[1] += !final;
        agent[2] += overdue;
        agent[3] += status == LeadStatus::Converted;
        agent[4] += status == LeadStatus::Lost;
        if (status == LeadStatus::Lost)
            ++e.lost[q.value(7).toString()];
        const auto move = lastMove.constFind(id);
        if (status == LeadStatus::Converted) {
            const qint64 at = move != lastMove.constEnd() ? *move : created;
            if (move != lastMove.constEnd())
                e.durations.append(*move - created);
            if (const int w = week(at); w >= 0 && w < PipelineStats::kWeeks)
                ++e.converted[size_t(w)];
        }
        if (const int w = week(created); w >= 0 && w < PipelineStats::kWeeks)
            ++e.created[size_t(w)];
        if (!final) {
            const qint64 since = move != lastMove.constEnd() ? *move : created;
            const qint64 days = (n - since) / kDay;
            ++e.aging[days <= 2 ? 0 : days <= 7 ? 1 : days <= 30 ? 2 : 3];
        }
    }
    std::sort(e.durations.begin(), e.durations.end());
    return e;
}

void compareWithExpected(Database &db, const PipelineStats::Filter &f, const QDateTime &now)
{
    FixedClock clock(now);
    const PipelineStats s = computeOrFail(db, f, clock);
    const Expected e = expectedFor(db, f, now);
    CHECK(s.perStatus == e.perStatus);
    CHECK(s.overdue == e.overdue);
    CHECK(s.aging == e.aging);
    REQUIRE(s.timedConversions == e.durations.size());
    if (!e.durations.isEmpty()) {
        const qsizetype m = e.durations.size();
        const double median = m % 2 ? double(e.durations[m / 2])
                                    : (double(e.durations[m / 2 - 1]) + double(e.durations[m / 2])) / 2.0;
        CHECK(*s.medianTimeToConvertMs == qRound64(median));
        double sum = 0;
        for (qint64 d : e.durations)
            sum += double(d);
        CHECK(*s.meanTimeToConvertMs == Approx(sum / double(m)));
    }
    std::map<QString, qint64> lost;
    for (const auto &r : s.lostReasons)
        lost[r.reason] = r.count;
    CHECK(lost == e.lost);
    REQUIRE(s.agents.size() == qsizetype(e.agents.size()));
    for (const auto &a : s.agents) {
        INFO("agent " << a.id.toStdString());
        const auto &x = e.agents.at(a.id);
        CHECK(std::array<qint64, 5>{a.total, a.active, a.overdue, a.converted, a.lost} == x);
    }
    for (int w = 0; w < PipelineStats::kWeeks; ++w) {
        INFO("week " << w);
        CHECK(s.weeks[w].created == e.created[size_t(w)]);
        CHECK(s.weeks[w].converted == e.converted[size_t(w)]);
    }
}

} // namespace

TEST_CASE("Pipeline figures of sample data match a plain computation", "[pipelinestats]")
{
    auto db = LeadsTest::memoryDatabase();
    const QDateTime now = LeadsTest::fixedNow();
    SampleData::Options options;
    options.leads = 4000;
    options.now = now;
    REQUIRE(SampleData::generate(*db, options));
    // Later than the seed's moment, so some follow-ups have passed and leads have aged.
    const QDateTime later = now.addDays(9).addSecs(3 * 3600);

    SECTION("all leads")
    {
        compareWithExpected(*db, {}, now);
        compareWithExpected(*db, {}, later);
    }
    SECTION("narrowed")
    {
        PipelineStats::Filter f;
        f.createdFrom = now.addDays(-45);
        f.createdTo = now.addDays(-3);
        f.sources = {QStringLiteral("broadcast"), QStringLiteral("chat")};
        compareWithExpected(*db, f, later);
        PipelineStats::Filter g;
        g.assignees = {QStringLiteral("u-sam"), LeadFilter::kUnassigned};
        g.campaigns = {QStringLiteral("Black Friday"), QStringLiteral("Spring promo")};
        compareWithExpected(*db, g, now);
    }
    SECTION("the seeded data exercises every figure")
    {
        FixedClock clock(now);
        const PipelineStats s = computeOrFail(*db, {}, clock);
        CHECK(s.total == 4000);
        CHECK(s.timedConversions > 100);
        CHECK(s.overdue > 0);
        for (qint64 bucket : s.aging)
            CHECK(bucket > 0);
        CHECK(s.lostReasons.size() >= 5);
    }
}

TEST_CASE("Pipeline figures of a database file, aging read on a second connection, match a plain computation",
          "[pipelinestats]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto db = Database::open(dir.filePath(QStringLiteral("pipeline.sqlite")));
    REQUIRE(db);
    const QDateTime now = LeadsTest::fixedNow();
    SampleData::Options options;
    options.leads = 1500;
    options.now = now;
    REQUIRE(SampleData::generate(*db.value(), options));
    compareWithExpected(*db.value(), {}, now.addDays(3));
    PipelineStats::Filter narrowed;
    narrowed.sources = {QStringLiteral("chat")};
    compareWithExpected(*db.value(), narrowed, now.addDays(3));
}

TEST_CASE("Schema 4 backfills when each lead entered its status, and keeps it current", "[pipelinestats][migrations]")
{
    const QDateTime now = LeadsTest::fixedNow();
    auto db = LeadsTest::memoryDatabase();
    const QSqlDatabase conn = db->connection();
    auto mismatches = [&conn] {
        QSqlQuery q(conn);
        REQUIRE(q.exec(QStringLiteral(
            "SELECT COUNT(*) FROM leads l WHERE l.status_changed_at IS NOT (SELECT MAX(i.occurred_at) "
            "FROM interactions i WHERE i.lead_id = l.id AND i.kind = 'status_change')")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    SampleData::Options options;
    options.leads = 400;
    options.now = now;
    REQUIRE(SampleData::generate(*db, options));
    // The seed's status changes reached the column through the trigger.
    CHECK(mismatches() == 0);

    // Back to what a schema-3 file has (no column, trigger or index), then the upgrade step.
    QSqlQuery q(conn);
    for (const char *sql : {"DROP TRIGGER interactions_status_changed", "DROP INDEX leads_stage_age",
                            "ALTER TABLE leads DROP COLUMN status_changed_at"})
        REQUIRE(q.exec(QString::fromLatin1(sql)));
    const QStringList upgrade = Migrations::statements(4);
    REQUIRE_FALSE(upgrade.isEmpty());
    for (const QString &sql : upgrade) {
        INFO(sql.toStdString());
        REQUIRE(q.exec(sql));
    }
    CHECK(mismatches() == 0);
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE status_changed_at IS NOT NULL")));
    REQUIRE(q.next());
    CHECK(q.value(0).toLongLong() > 100); // the backfill did something

    // A later move, and an older one arriving late (sync delivers out of order).
    REQUIRE(q.exec(QStringLiteral("SELECT id FROM leads WHERE is_final = 0 LIMIT 1")));
    REQUIRE(q.next());
    const QString leadId = q.value(0).toString();
    const qint64 later = now.toMSecsSinceEpoch() + kDay;
    exec(q, QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at) VALUES (?, ?, 'status_change', ?)"),
         {QStringLiteral("i-later"), leadId, later});
    exec(q, QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at) VALUES (?, ?, 'status_change', ?)"),
         {QStringLiteral("i-older"), leadId, later - 5 * kDay});
    exec(q, QStringLiteral("SELECT status_changed_at FROM leads WHERE id = ?"), {leadId});
    REQUIRE(q.next());
    CHECK(q.value(0).toLongLong() == later);
    CHECK(mismatches() == 0);
}
