// SPDX-License-Identifier: GPL-3.0-or-later
// Every figure of the pipeline dashboard (PipelineStats::compute) on N seeded leads:
// prints each query's time and the total, for all leads and for a narrowed filter.
//
//   bench_dashboard [--leads N] [--db FILE] [--runs R]
//
// --db reuses a file that already has leads (seeding a million takes about a minute);
// without it the leads are seeded into a temporary file.
#include "benchsupport.h"
#include "domain/clock.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/pipelinestats.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/resource.h>

using namespace Leads;

namespace {

// Wall milliseconds of every figure, or -1 when the computation failed.
qint64 runOnce(Database &db, const PipelineStats::Filter &filter, const char *label)
{
    const double cpu0 = Bench::cpuSeconds(RUSAGE_SELF);
    QElapsedTimer t;
    t.start();
    auto stats = PipelineStats::compute(db.connection(), filter, Clock::system());
    const qint64 wall = t.elapsed();
    const double cpu = Bench::cpuSeconds(RUSAGE_SELF) - cpu0;
    if (!stats) {
        std::fprintf(stderr, "%s\n", qPrintable(stats.error().message()));
        return -1;
    }
    const PipelineStats &s = stats.value();
    std::printf("%-9s total %5lld ms wall, %.3f s CPU |", label, static_cast<long long>(wall), cpu);
    for (const auto &[name, ms] : s.queryTimesMs)
        std::printf(" %s %lld ms;", qPrintable(name), static_cast<long long>(ms));
    std::printf("\n          %lld leads, %lld active, conversion %.1f %%, median to convert %.1f d, "
                "overdue %lld, aging %lld/%lld/%lld/%lld\n",
                static_cast<long long>(s.total), static_cast<long long>(s.active),
                s.conversionRate().value_or(0) * 100, s.medianTimeToConvertMs.value_or(0) / 86400000.0,
                static_cast<long long>(s.overdue), static_cast<long long>(s.aging[0]),
                static_cast<long long>(s.aging[1]), static_cast<long long>(s.aging[2]),
                static_cast<long long>(s.aging[3]));
    return wall;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Pipeline dashboard aggregates on a big database"));
    parser.addHelpOption();
    const QCommandLineOption leadsOpt(QStringLiteral("leads"), QStringLiteral("Leads to seed (default 1000000)."),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("Database file (reused when it has leads)."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Timed runs per filter (default 3)."),
                                     QStringLiteral("R"), QStringLiteral("3"));
    parser.addOptions({leadsOpt, dbOpt, runsOpt});
    parser.process(app);

    QTemporaryDir dir;
    const QString path = parser.isSet(dbOpt) ? parser.value(dbOpt) : dir.filePath(QStringLiteral("dashboard.sqlite"));
    // Opening creates the secondary indexes an older file lacks (once, not timed).
    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Database::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    Database &db = *opened.value();
    std::printf("bench_dashboard: opened %s in %.1f s\n", qPrintable(path), openTimer.elapsed() / 1000.0);
    if (SampleData::isEmpty(db)) {
        SampleData::Options options;
        options.leads = parser.value(leadsOpt).toLongLong();
        std::printf("seeding %lld leads …\n", static_cast<long long>(options.leads));
        std::fflush(stdout);
        auto seeded = SampleData::generate(db, options);
        if (!seeded) {
            std::fprintf(stderr, "%s\n", qPrintable(seeded.error().message()));
            return 1;
        }
        std::printf("seeded in %.1f s\n", seeded.value().elapsedMs / 1000.0);
    }
    QSqlQuery q(db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next())
        std::printf("%lld leads\n", q.value(0).toLongLong());
    q.finish();

    PipelineStats::prepareConnection(db.connection()); // as the page's own connection
    const int runs = std::max(1, parser.value(runsOpt).toInt());
    PipelineStats::Filter all;
    PipelineStats::Filter narrowed;
    narrowed.createdFrom = QDateTime::currentDateTimeUtc().addDays(-30);
    narrowed.sources = {QStringLiteral("broadcast"), QStringLiteral("chat")};
    narrowed.assignees = {QStringLiteral("u-sam"), QStringLiteral("u-priya"), LeadFilter::kUnassigned};
    // The median run is the figure: the first is often cold, one run can hit a busy moment.
    const auto median = [](std::vector<qint64> v) {
        std::sort(v.begin(), v.end());
        return double(v[v.size() / 2]);
    };
    std::vector<qint64> allMs, narrowedMs;
    for (int r = 0; r < runs; ++r) {
        allMs.push_back(runOnce(db, all, r == 0 ? "all, 1st" : "all"));
        if (allMs.back() < 0)
            return 1;
    }
    for (int r = 0; r < runs; ++r) {
        narrowedMs.push_back(runOnce(db, narrowed, "filtered"));
        if (narrowedMs.back() < 0)
            return 1;
    }
    Bench::result("dashboard_all", median(allMs), "ms", "<1000");
    Bench::result("dashboard_filtered", median(narrowedMs), "ms", "<1000");
    return 0;
}
