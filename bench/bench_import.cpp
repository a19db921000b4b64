// SPDX-License-Identifier: GPL-3.0-or-later
// Builds a realistic CSV of N leads (from the sample generator, with 5 % repeated contacts
// so dedup has work), then times LeadImporter (dedup on, timelines, outbox, indexes and
// search index) against the sqlite3 shell's `.import` of the same file into a plain
// table, in the same run. Target: within 3x.
#include "domain/clock.h"
#include "io/leadimporter.h"
#include "benchsupport.h"
#include "storage/database.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

using Bench::cpuSeconds;
using Bench::runSqlite;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption rowsOpt(QStringLiteral("rows"), QStringLiteral("Rows (default 1000000)."),
                                     QStringLiteral("N"), QStringLiteral("1000000"));
    parser.addOption(rowsOpt);
    const QCommandLineOption csvOpt(QStringLiteral("csv"),
                                    QStringLiteral("Reuse this CSV when it exists, else write it there (for repeated runs)."),
                                    QStringLiteral("FILE"));
    parser.addOption(csvOpt);
    parser.process(app);
    const qint64 n = parser.value(rowsOpt).toLongLong();
    QTemporaryDir dir;

    // 1. A source workspace and its CSV export.
    const QString source = dir.filePath(QStringLiteral("source.sqlite"));
    const QString csv = parser.isSet(csvOpt) ? parser.value(csvOpt) : dir.filePath(QStringLiteral("leads.csv"));
    if (!QFileInfo::exists(csv)) {
        {
            auto db = Leads::Database::open(source);
            Leads::SampleData::Options o;
            o.leads = n - n / 20;
            if (!db || !Leads::SampleData::generate(*db.value(), o)) {
                std::fprintf(stderr, "cannot build the source workspace\n");
                return 1;
            }
        }
        const QByteArray exportScript =
            ".headers on\n.mode csv\n.once " + csv.toUtf8()
            + "\nSELECT name AS Name, phone AS Phone, email AS Email, company AS Company, status AS Status, "
              "source AS Source, notes AS Notes, strftime('%Y-%m-%dT%H:%M:%SZ', created_at / 1000, 'unixepoch') AS Created "
              "FROM (SELECT * FROM leads UNION ALL SELECT * FROM (SELECT * FROM leads ORDER BY lead_no LIMIT "
            + QByteArray::number(n / 20) + "));\n";
        if (!runSqlite(source, exportScript)) {
            std::fprintf(stderr, "export failed (is the sqlite3 shell installed?)\n");
            return 1;
        }
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(source + QLatin1String(suffix));
    }
    const qint64 bytes = QFileInfo(csv).size();
    std::printf("bench_import: %lld rows, %.1f MB CSV, 5%% repeated contacts\n", static_cast<long long>(n),
                double(bytes) / 1e6);

    // 2. LeadImporter into a fresh database, dedup on.
    const QString target = dir.filePath(QStringLiteral("target.sqlite"));
    qint64 importMs = 0;
    double importCpu = 0;
    {
        auto db = Leads::Database::open(target);
        QFile file(csv);
        if (!db || !file.open(QIODevice::ReadOnly))
            return 1;
        auto preview = Leads::LeadImporter::preview(&file, 200);
        file.seek(0);
        Leads::LeadImporter::Options options;
        options.mapping = Leads::ImportMapping::guess(preview.value().header, preview.value().rows);
        options.batchSize = 20000;
        Leads::LeadImporter importer(*db.value(), {QStringLiteral("u-admin"), QStringLiteral("bench"), Leads::Role::Admin},
                                     Leads::Clock::system());
        QElapsedTimer t;
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        t.start();
        auto report = importer.run(&file, options);
        importMs = t.elapsed();
        importCpu = cpuSeconds(RUSAGE_SELF) - cpu0;
        if (!report) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error().message()));
            return 1;
        }
        std::printf("LeadImporter (dedup, timeline, outbox, indexes, FTS): %lld ms wall, %.1f s CPU, %.0f rows/s — "
                    "%lld created, %lld skipped, %lld failed\n",
                    static_cast<long long>(importMs), importCpu, double(n) * 1000.0 / double(std::max<qint64>(1, importMs)),
                    static_cast<long long>(report.value().created), static_cast<long long>(report.value().skipped),
                    static_cast<long long>(report.value().failed));
    }

    // 3. sqlite3 .import of the same file into a plain table.
    QElapsedTimer t;
    const double childCpu0 = cpuSeconds(RUSAGE_CHILDREN);
    t.start();
    if (!runSqlite(dir.filePath(QStringLiteral("plain.sqlite")),
                   "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n.mode csv\n.import " + csv.toUtf8() + " leads_plain\n"))
        return 1;
    const qint64 plainMs = t.elapsed();
    const double plainCpu = cpuSeconds(RUSAGE_CHILDREN) - childCpu0;
    std::printf("sqlite3 .import (plain table): %lld ms wall, %.1f s CPU, %.0f rows/s\n", static_cast<long long>(plainMs),
                plainCpu, double(n) * 1000.0 / double(std::max<qint64>(1, plainMs)));
    std::printf("ratio import / .import: %.2fx wall, %.2fx CPU (target <= 3x)\n",
                double(importMs) / double(std::max<qint64>(1, plainMs)), importCpu / std::max(0.001, plainCpu));
    Bench::result("import", double(importMs) / 1000.0, "s", "<=3x", double(plainMs) / 1000.0);
    return 0;
}
