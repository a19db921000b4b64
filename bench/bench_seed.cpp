// SPDX-License-Identifier: GPL-3.0-or-later
// Loads N deterministic sample leads (with timelines, indexes and the search index) the
// way `leadsctl seed` does, then exports exactly those rows to CSV and times the sqlite3
// shell's `.import` of them into plain tables, in the same run. Prints rows/s and the ratio.
#include "benchsupport.h"
#include "storage/database.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>

#include <sys/resource.h>

using Bench::cpuSeconds;
using Bench::runSqlite;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Seed throughput against sqlite3 .import"));
    parser.addHelpOption();
    const QCommandLineOption leadsOpt(QStringLiteral("leads"), QStringLiteral("Leads to generate (default 1000000)."),
                                      QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOption(leadsOpt);
    parser.process(app);
    const qint64 n = parser.value(leadsOpt).toLongLong();

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("seed.sqlite"));
    std::printf("bench_seed: %lld leads\n", static_cast<long long>(n));

    qint64 leadsMs = 0;
    double seedCpu = 0;
    qint64 rows = 0;
    {
        auto db = Leads::Database::open(dbPath);
        if (!db) {
            std::fprintf(stderr, "%s\n", qPrintable(db.error().message()));
            return 1;
        }
        Leads::SampleData::Options o;
        o.leads = n;
        QElapsedTimer t;
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        t.start();
        auto stats = Leads::SampleData::generate(*db.value(), o);
        leadsMs = t.elapsed();
        seedCpu = cpuSeconds(RUSAGE_SELF) - cpu0;
        if (!stats) {
            std::fprintf(stderr, "%s\n", qPrintable(stats.error().message()));
            return 1;
        }
        rows = stats.value().leads + stats.value().interactions + n; // leads, interactions, contacts
        std::printf("leads seed (indexes + FTS): %lld ms wall, %.1f s CPU, %.0f leads/s, %.0f rows/s (%lld rows)\n",
                    static_cast<long long>(leadsMs), seedCpu, double(n) * 1000.0 / double(std::max<qint64>(1, leadsMs)),
                    double(rows) * 1000.0 / double(std::max<qint64>(1, leadsMs)), static_cast<long long>(rows));
    }

    // The same rows as CSV, then .import into plain tables of a fresh database.
    const QString leadsCsv = dir.filePath(QStringLiteral("leads.csv"));
    const QString interactionsCsv = dir.filePath(QStringLiteral("interactions.csv"));
    const QString contactsCsv = dir.filePath(QStringLiteral("contacts.csv"));
    const QByteArray exportScript = ".headers on\n.mode csv\n.once " + leadsCsv.toUtf8()
                                    + "\nSELECT * FROM leads;\n.once " + interactionsCsv.toUtf8()
                                    + "\nSELECT * FROM interactions;\n.once " + contactsCsv.toUtf8()
                                    + "\nSELECT * FROM contacts;\n";
    if (!runSqlite(dbPath, exportScript)) {
        std::fprintf(stderr, "export failed\n");
        return 1;
    }
    const QString plainPath = dir.filePath(QStringLiteral("plain.sqlite"));
    const QByteArray importScript = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n.mode csv\n.import "
                                    + leadsCsv.toUtf8() + " leads_plain\n.import " + interactionsCsv.toUtf8()
                                    + " interactions_plain\n.import " + contactsCsv.toUtf8() + " contacts_plain\n";
    QElapsedTimer t;
    const double childCpu0 = cpuSeconds(RUSAGE_CHILDREN);
    t.start();
    if (!runSqlite(plainPath, importScript)) {
        std::fprintf(stderr, "import failed\n");
        return 1;
    }
    const qint64 importMs = t.elapsed();
    const double importCpu = cpuSeconds(RUSAGE_CHILDREN) - childCpu0;
    std::printf("sqlite3 .import of the same rows (no indexes): %lld ms wall, %.1f s CPU, %.0f rows/s\n",
                static_cast<long long>(importMs), importCpu, double(rows) * 1000.0 / double(std::max<qint64>(1, importMs)));
    std::printf("ratio seed / .import: %.2fx wall, %.2fx CPU\n", double(leadsMs) / double(std::max<qint64>(1, importMs)),
                seedCpu / std::max(0.001, importCpu));
    Bench::result("seed", double(leadsMs) / 1000.0, "s", "-", double(importMs) / 1000.0);
    return 0;
}
