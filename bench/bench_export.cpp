// SPDX-License-Identifier: GPL-3.0-or-later
// Times LeadExporter's CSV of N leads against `sqlite3 -csv` printing the same columns
// (assignee by name, dates as text) to a file, in the same run. Target: within 2x.
// Reuses a seeded database given with --db (seeded there first when it has no leads).
#include "benchsupport.h"
#include "io/leadexporter.h"
#include "storage/database.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using Bench::cpuSeconds;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption leadsOpt(QStringLiteral("leads"), QStringLiteral("Leads to seed (default 1000000)."),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("A database to reuse (seeded if empty)."),
                                   QStringLiteral("path"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs of each (best is kept, default 2)."),
                                     QStringLiteral("N"), QStringLiteral("2"));
    parser.addOptions({leadsOpt, dbOpt, runsOpt});
    parser.process(app);
    QTemporaryDir dir;
    const QString dbPath = parser.isSet(dbOpt) ? parser.value(dbOpt) : dir.filePath(QStringLiteral("bench.sqlite"));
    const int runs = std::max(1, parser.value(runsOpt).toInt());

    auto opened = Leads::Database::open(dbPath);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message()));
        return 1;
    }
    Leads::Database &db = *opened.value();
    qint64 leads = 0;
    {
        QSqlQuery q(db.connection());
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next())
            leads = q.value(0).toLongLong();
    }
    if (leads == 0) {
        Leads::SampleData::Options o;
        o.leads = parser.value(leadsOpt).toLongLong();
        auto seeded = Leads::SampleData::generate(db, o);
        if (!seeded) {
            std::fprintf(stderr, "cannot seed: %s\n", qPrintable(seeded.error().message()));
            return 1;
        }
        leads = seeded.value().leads;
    }
    std::printf("bench_export: %lld leads in %s\n", static_cast<long long>(leads), qPrintable(dbPath));

    // The shell's side: the same columns and order, formatted by SQLite itself.
    const QString shellSql = QStringLiteral(
        "SELECT name, company, phone, email, source, campaign, status, "
        "(SELECT username FROM users WHERE users.id = leads.assignee_id), score, "
        "strftime('%Y-%m-%d %H:%M:%S', follow_up_at / 1000, 'unixepoch'), "
        "strftime('%Y-%m-%d %H:%M:%S', created_at / 1000, 'unixepoch'), "
        "strftime('%Y-%m-%d %H:%M:%S', last_activity_at / 1000, 'unixepoch'), notes FROM leads ORDER BY lead_no");

    double bestExport = 1e300;
    double bestShell = 1e300;
    double exportCpu = 0;
    double shellCpu = 0;
    qint64 exportBytes = 0;
    qint64 shellBytes = 0;
    for (int run = 0; run < runs; ++run) {
        const QString ours = dir.filePath(QStringLiteral("ours.csv"));
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        QElapsedTimer t;
        t.start();
        Leads::LeadExporter exporter(db);
        auto r = exporter.run(ours, {});
        const double s = double(t.nsecsElapsed()) / 1e9;
        if (!r) {
            std::fprintf(stderr, "export failed: %s\n", qPrintable(r.error().message()));
            return 1;
        }
        if (s < bestExport) {
            bestExport = s;
            exportCpu = cpuSeconds(RUSAGE_SELF) - cpu0;
        }
        exportBytes = QFileInfo(ours).size();

        const QString theirs = dir.filePath(QStringLiteral("sqlite3.csv"));
        const double child0 = cpuSeconds(RUSAGE_CHILDREN);
        QProcess p;
        p.setStandardOutputFile(theirs);
        t.restart();
        p.start(QStringLiteral("sqlite3"), {QStringLiteral("-csv"), QStringLiteral("-readonly"), dbPath, shellSql});
        if (!p.waitForStarted() || !p.waitForFinished(-1) || p.exitCode() != 0) {
            std::fprintf(stderr, "sqlite3 failed: %s\n", p.readAllStandardError().constData());
            return 1;
        }
        const double ss = double(t.nsecsElapsed()) / 1e9;
        if (ss < bestShell) {
            bestShell = ss;
            shellCpu = cpuSeconds(RUSAGE_CHILDREN) - child0;
        }
        shellBytes = QFileInfo(theirs).size();
        std::printf("  run %d: LeadExporter %.2f s, sqlite3 -csv %.2f s\n", run + 1, s, ss);
    }
    const double ratio = bestExport / bestShell;
    std::printf("LeadExporter CSV : %.2f s wall, %.2f s CPU, %.1f MB, %.0f rows/s\n", bestExport, exportCpu,
                double(exportBytes) / 1e6, double(leads) / bestExport);
    std::printf("sqlite3 -csv     : %.2f s wall, %.2f s CPU, %.1f MB\n", bestShell, shellCpu, double(shellBytes) / 1e6);
    std::printf("ratio            : %.2fx (target <= 2x) %s\n", ratio, ratio <= 2.0 ? "OK" : "OVER");
    Bench::result("export_csv", bestExport, "s", "<=2x", bestShell);
    return 0;
}
