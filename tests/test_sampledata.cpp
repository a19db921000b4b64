// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/database.h"
#include "storage/sampledata.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using namespace Leads;

namespace {
QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        FAIL("query failed: " << sql.toStdString());
    return q.value(0);
}

QByteArray contentHash(Database &db)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT id, name, company, phone, email, status, assignee_id, score, "
                                  "created_at, follow_up_at FROM leads ORDER BY id")));
    while (q.next()) {
        for (int i = 0; i < 10; ++i)
            h.addData(QByteArray(q.value(i).toString().toUtf8() + '|'));
    }
    REQUIRE(q.exec(QStringLiteral("SELECT id, lead_id, kind, occurred_at, body FROM interactions ORDER BY id")));
    while (q.next()) {
        for (int i = 0; i < 5; ++i)
            h.addData(QByteArray(q.value(i).toString().toUtf8() + '|'));
    }
    return h.result().toHex();
}
} // namespace

TEST_CASE("sample data is deterministic for a seed and a moment", "[sampledata]")
{
    SampleData::Options o;
    o.leads = 300;
    o.seed = 7;
    o.now = LeadsTest::fixedNow();
    auto a = LeadsTest::memoryDatabase();
    auto b = LeadsTest::memoryDatabase();
    auto c = LeadsTest::memoryDatabase();
    auto ra = SampleData::generate(*a, o);
    INFO((ra.ok() ? std::string() : ra.error().message().toStdString()));
    REQUIRE(ra.ok());
    REQUIRE(SampleData::generate(*b, o).ok());
    o.seed = 8;
    REQUIRE(SampleData::generate(*c, o).ok());
    CHECK(contentHash(*a) == contentHash(*b));
    CHECK(contentHash(*a) != contentHash(*c));
}

TEST_CASE("sample data looks like a real pipeline", "[sampledata]")
{
    auto db = LeadsTest::memoryDatabase();
    CHECK(SampleData::isEmpty(*db));
    SampleData::Options o;
    o.leads = 2000;
    o.now = LeadsTest::fixedNow();
    auto stats = SampleData::generate(*db, o);
    REQUIRE(stats.ok());
    CHECK_FALSE(SampleData::isEmpty(*db));
    CHECK(stats.value().leads == 2000);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads")).toInt() == 2000);
    // Every status appears, a fair share is final, and final leads are flagged as such.
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(DISTINCT status) FROM leads")).toInt() == 8);
    const int final = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 1")).toInt();
    CHECK(final > 400);
    CHECK(final < 1000);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final <> "
                                     "(status IN ('converted','lost','archived'))")).toInt() == 0);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'lost' AND lost_reason IS NULL")).toInt() == 0);
    // Timelines of several interactions; every lead reachable by phone or e-mail.
    CHECK(stats.value().interactions >= 2 * 2000);
    CHECK(scalar(*db, QStringLiteral("SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM interactions GROUP BY lead_id)")).toInt() >= 1);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE phone = '' AND email = ''")).toInt() == 0);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(DISTINCT source) FROM leads")).toInt() == 5);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE assignee_id IS NULL")).toInt() > 0);
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM users")).toInt() >= 6);
    // The search index was rebuilt after the bulk load.
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"ruiz\"*'")).toInt()
          == scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE name LIKE '%Ruiz%'")).toInt());
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
}

TEST_CASE("leadsctl killed in the middle of seeding leaves whole batches and a usable database",
          "[sampledata][crash]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("killed.sqlite"));
    QProcess ctl;
    ctl.setProgram(QStringLiteral(LEADSCTL_PATH));
    ctl.setArguments({QStringLiteral("seed"), QStringLiteral("--leads"), QStringLiteral("2000000"),
                      QStringLiteral("--db"), path});
    ctl.setProcessChannelMode(QProcess::MergedChannels);
    ctl.start();
    REQUIRE(ctl.waitForStarted());
    // Wait until at least one batch was committed, then kill -9 mid-write.
    QElapsedTimer t;
    t.start();
    QByteArray output;
    while (t.elapsed() < 60'000 && !output.contains(" / 2000000")) {
        ctl.waitForReadyRead(200);
        output += ctl.readAll();
    }
    REQUIRE(output.contains(" / 2000000"));
    QThread::msleep(300);
    ::kill(static_cast<pid_t>(ctl.processId()), SIGKILL);
    REQUIRE(ctl.waitForFinished(10'000));
    CHECK(ctl.exitStatus() == QProcess::CrashExit);

    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(scalar(*db.value(), QStringLiteral("PRAGMA integrity_check")).toString() == QStringLiteral("ok"));
    const qint64 leads = scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM leads")).toLongLong();
    CHECK(leads > 0);
    CHECK(leads < 2000000);
    CHECK(leads % SampleData::Options().batchSize == 0); // only whole batches
    CHECK(scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM leads l WHERE NOT EXISTS "
                                            "(SELECT 1 FROM interactions i WHERE i.lead_id = l.id)")).toInt() == 0);
    // The search index, suspended during the load, was repaired on open.
    CHECK(scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
    CHECK(scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"ruiz\"*'")).toLongLong()
          == scalar(*db.value(), QStringLiteral("SELECT COUNT(*) FROM leads WHERE name LIKE '%Ruiz%'")).toLongLong());
}

TEST_CASE("a seed into a new file builds the search index alongside and matches a rebuilt one",
          "[sampledata][search]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("side.sqlite"));
    SampleData::Options o;
    o.leads = 4500;
    o.batchSize = 1000; // several hand-overs between the two threads
    o.seed = 11;
    o.now = LeadsTest::fixedNow();
    auto file = Database::open(path);
    REQUIRE(file.ok());
    auto stats = SampleData::generate(*file.value(), o);
    INFO((stats.ok() ? std::string() : stats.error().message().toStdString()));
    REQUIRE(stats.ok());
    CHECK(stats.value().leads == 4500);
    CHECK_FALSE(QFile::exists(path + QStringLiteral("-search-build")));

    auto memory = LeadsTest::memoryDatabase(); // the rebuild-at-the-end path
    REQUIRE(SampleData::generate(*memory, o).ok());
    CHECK(contentHash(*file.value()) == contentHash(*memory));

    Database &db = *file.value();
    // FTS5's own check, against the content table (rank 1).
    QSqlQuery q(db.connection());
    CHECK(q.exec(QStringLiteral("INSERT INTO leads_fts (leads_fts, rank) VALUES ('integrity-check', 1)")));
    for (const char *term : {"\"ruiz\"*", "\"lu\"*", "\"3461\"*", "\"lumen\"*", "\"cfo\"*", "\"example\"*"}) {
        const QString sql = QStringLiteral("SELECT COUNT(*), TOTAL(rowid) FROM leads_fts WHERE leads_fts MATCH '%1'")
                                .arg(QLatin1String(term));
        INFO(term);
        CHECK(scalar(db, sql).toLongLong() > 0);
        QSqlQuery a(db.connection()), b(memory->connection());
        REQUIRE(a.exec(sql));
        REQUIRE(b.exec(sql));
        REQUIRE(a.next());
        REQUIRE(b.next());
        CHECK(a.value(0).toLongLong() == b.value(0).toLongLong());
        CHECK(a.value(1).toDouble() == b.value(1).toDouble());
    }
    // The triggers are back: a new lead is searchable at once.
    REQUIRE(q.exec(QStringLiteral("UPDATE leads SET name = 'Zanzibar Quill' WHERE lead_no = 7")));
    CHECK(scalar(db, QStringLiteral("SELECT rowid FROM leads_fts WHERE leads_fts MATCH '\"zanzib\"*'")).toInt() == 7);
    CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);

    // A second seed into the now non-empty file rebuilds instead, and stays consistent.
    o.seed = 12;
    o.leads = 500;
    REQUIRE(SampleData::generate(db, o).ok());
    CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads")).toInt() == 5000);
    CHECK(q.exec(QStringLiteral("INSERT INTO leads_fts (leads_fts, rank) VALUES ('integrity-check', 1)")));
}
