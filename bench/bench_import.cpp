// SPDX-License-Identifier: GPL-3.0-or-later
// Builds a realistic CSV of N leads (from the sample generator, with 5 % repeated contacts
// so dedup has work), then times LeadImporter (dedup on, timelines, outbox, indexes and
// search index) against the sqlite3 shell's `.import` of the same file into a plain
// table, in the same run. Target: within 3x.
//
// It also measures the floor of the schema: the same rows written by SQLite alone
// (INSERT ... SELECT from the plain table: no parsing, checks or dedup) into the leads,
// contacts, timeline and outbox tables, then the same secondary indexes and search index.
// No importer into this schema can be faster than that, so it tells the importer's own
// overhead (import / floor) apart from what the schema costs (floor / .import).
#include "domain/clock.h"
#include "io/leadimporter.h"
#include "benchsupport.h"
#include "storage/bulkload.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
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

    // 4. The schema's floor: SQLite alone writes the plain table's rows into the real
    //    schema (a lead, its contact, its "created" entry and its lead.create mutation per
    //    row, as the importer writes them), with the bulk-load set-up the importer uses,
    //    then builds the same indexes and search index.
    const QString floorPath = dir.filePath(QStringLiteral("floor.sqlite"));
    qint64 floorRowsMs = 0;
    qint64 floorIndexMs = 0;
    qint64 floorSearchMs = 0;
    double floorCpu = 0;
    {
        auto db = Leads::Database::open(floorPath);
        if (!db)
            return 1;
        QSqlDatabase conn = db.value()->connection();
        QSqlQuery q(conn);
        if (!q.exec(QStringLiteral("ATTACH DATABASE '%1' AS plain").arg(dir.filePath(QStringLiteral("plain.sqlite"))))) {
            std::fprintf(stderr, "floor: %s\n", qPrintable(q.lastError().text()));
            return 1;
        }
        // The rows as the importer writes them: time-ordered ids, statuses with their
        // rank, the search phone tokens (digits without the + and their suffixes), JSON
        // built by SQLite.
        const QStringList inserts = {
            QStringLiteral("CREATE TEMP VIEW src AS SELECT *, "
                           "printf('0190%04x-%04x-7%03x-8000-%012x', n >> 28, (n >> 12) & 65535, n & 4095, n) AS lead_id, "
                           "printf('0191%04x-%04x-7%03x-8000-%012x', n >> 28, (n >> 12) & 65535, n & 4095, n) AS contact_id "
                           "FROM (SELECT rowid AS n, Name AS name, Phone AS phone, Email AS email, Company AS company, "
                           "lower(Status) AS status, lower(Source) AS source, Notes AS notes, "
                           "CAST(unixepoch(Created) AS INTEGER) * 1000 AS created, replace(Phone, '+', '') AS digits "
                           "FROM plain.leads_plain)"),
            QStringLiteral("INSERT INTO contacts (id, phone, email, display_name, created_at) "
                           "SELECT contact_id, nullif(phone, ''), nullif(email, ''), name, created FROM src"),
            QStringLiteral("INSERT INTO leads (lead_no, id, contact_id, name, company, phone, email, search_phone, source, status, "
                           "status_rank, is_final, notes, created_at, updated_at, last_activity_at) "
                           "SELECT n, lead_id, contact_id, name, company, phone, email, "
                           "digits || ' ' || substr(digits, 2) || ' ' || substr(digits, 3) || ' ' || substr(digits, 4), "
                           "source, status, instr('new.contacted.qualifying.qualified.follow_up.converted.lost.archived', status), "
                           "status IN ('converted', 'lost', 'archived'), notes, created, created, created FROM src"),
            QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, data) "
                           "SELECT printf('0192%s', substr(lead_id, 5)), lead_id, 'created', created, 'u-admin', 'bench', "
                           "json_object('source', source, 'imported', json('true'), 'status', status) FROM src"),
            QStringLiteral("INSERT INTO outbox (mutation_id, type, lead_id, payload, created_at) "
                           "SELECT printf('0193%s', substr(lead_id, 5)), 'lead.create', lead_id, "
                           "json_object('leadId', lead_id, 'contactId', contact_id, 'name', name, 'company', company, "
                           "'phone', phone, 'email', email, 'source', source, 'status', status, 'assigneeId', '', "
                           "'note', notes, 'campaign', '', 'createdAt', created), created FROM src"),
        };
        QElapsedTimer phase;
        const double cpu0 = cpuSeconds(RUSAGE_SELF);
        phase.start();
        Leads::BulkLoad bulk(conn);
        if (auto b = bulk.begin(); !b) {
            std::fprintf(stderr, "floor: %s\n", qPrintable(b.error().message()));
            return 1;
        }
        conn.transaction();
        for (const QString &sql : inserts) {
            if (!q.exec(sql)) {
                std::fprintf(stderr, "floor: %s\n", qPrintable(q.lastError().text()));
                return 1;
            }
        }
        conn.commit();
        floorRowsMs = phase.restart();
        if (auto indexed = Leads::Migrations::ensureSecondaryIndexes(conn); !indexed)
            return 1;
        floorIndexMs = phase.restart();
        // The search index, the pragmas put back and ANALYZE, as the importer ends.
        q.finish();
        if (auto finished = bulk.finish(); !finished) {
            std::fprintf(stderr, "floor: %s\n", qPrintable(finished.error().message()));
            return 1;
        }
        floorSearchMs = phase.elapsed();
        floorCpu = cpuSeconds(RUSAGE_SELF) - cpu0;
        q.exec(QStringLiteral("SELECT count(*) FROM leads"));
        q.next();
        std::printf("schema floor (SQLite alone, %lld leads): rows %lld ms, indexes %lld ms, search index and ANALYZE %lld ms; "
                    "%lld ms in all, %.1f s CPU\n",
                    q.value(0).toLongLong(), static_cast<long long>(floorRowsMs), static_cast<long long>(floorIndexMs),
                    static_cast<long long>(floorSearchMs),
                    static_cast<long long>(floorRowsMs + floorIndexMs + floorSearchMs), floorCpu);
        q.finish();
    }
    const qint64 floorMs = floorRowsMs + floorIndexMs + floorSearchMs;
    // The importer builds its search index on a second thread: its critical path is the
    // rows and the indexes.
    const qint64 floorPathMs = floorRowsMs + floorIndexMs;
    std::printf("ratio floor / .import: %.2fx (%.2fx with the search index on a second core); "
                "import / floor: %.2fx (%.2fx)\n",
                double(floorMs) / double(std::max<qint64>(1, plainMs)),
                double(floorPathMs) / double(std::max<qint64>(1, plainMs)),
                double(importMs) / double(std::max<qint64>(1, floorMs)),
                double(importMs) / double(std::max<qint64>(1, floorPathMs)));
    Bench::result("import", double(importMs) / 1000.0, "s", "<=3x", double(plainMs) / 1000.0);
    Bench::result("import_schema_floor", double(floorMs) / 1000.0, "s", "-", double(plainMs) / 1000.0);
    return 0;
}
