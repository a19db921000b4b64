// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/bulkload.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"
#include "storage/migrations.h"
#include "storage/searchindex.h"
#include "storage/transaction.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Leads;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        FAIL("query failed: " << sql.toStdString());
    return q.value(0);
}

void insertLead(Database &db, const QString &id, const QString &name, const QString &company = {},
                const QString &phone = {}, const QString &email = {}, const QString &notes = {})
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO contacts (id, created_at) VALUES ('c-' || ?, 0)"));
    q.addBindValue(id);
    REQUIRE(q.exec());
    q.prepare(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, status, "
        "status_rank, notes, created_at, updated_at, last_activity_at) "
        "VALUES (?, 'c-' || ?, ?, ?, ?, ?, ?, 'manual', 'new', 0, ?, 0, 0, 0)"));
    q.addBindValue(id);
    q.addBindValue(id);
    q.addBindValue(name);
    q.addBindValue(sqlText(company));
    q.addBindValue(sqlText(phone));
    q.addBindValue(sqlText(email));
    q.addBindValue(sqlText(SearchIndex::phoneTokens(phone)));
    q.addBindValue(sqlText(notes));
    REQUIRE(q.exec());
}

QStringList search(Database &db, const QString &text)
{
    const QString match = SearchIndex::matchExpression(text);
    QStringList ids;
    if (match.isEmpty())
        return ids;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT l.id FROM leads_fts f JOIN leads l ON l.lead_no = f.rowid "
                             "WHERE leads_fts MATCH ? ORDER BY l.id"));
    q.addBindValue(match);
    if (!q.exec())
        FAIL("search failed for " << text.toStdString() << ": " << match.toStdString());
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}
} // namespace

TEST_CASE("a new database is created with WAL, NORMAL sync, foreign keys and the current schema", "[storage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/folder/leads.sqlite"));
    auto db = Database::open(path);
    REQUIRE(db.ok());
    Database &d = *db.value();
    CHECK(QFile::exists(path));
    CHECK(scalar(d, QStringLiteral("PRAGMA journal_mode")).toString() == QStringLiteral("wal"));
    CHECK(scalar(d, QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    CHECK(scalar(d, QStringLiteral("PRAGMA synchronous")).toInt() == 1); // NORMAL
    CHECK(d.schemaVersion() == Database::kSchemaVersion);
    CHECK(Migrations::latest() == Database::kSchemaVersion);
    CHECK(scalar(d, QStringLiteral("SELECT COUNT(*) FROM lost_reasons WHERE retired = 0")).toInt() >= 5);
}

TEST_CASE("reopening keeps the data and does not re-run migrations", "[storage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("leads.sqlite"));
    {
        auto db = Database::open(path);
        REQUIRE(db.ok());
        insertLead(*db.value(), QStringLiteral("L1"), QStringLiteral("Ana Ruiz"));
    }
    auto again = Database::open(path);
    REQUIRE(again.ok());
    CHECK(scalar(*again.value(), QStringLiteral("SELECT name FROM leads")).toString() == QStringLiteral("Ana Ruiz"));
    CHECK(again.value()->schemaVersion() == Database::kSchemaVersion);
}

TEST_CASE("foreign keys are enforced", "[storage]")
{
    auto db = LeadsTest::memoryDatabase();
    QSqlQuery q(db->connection());
    CHECK_FALSE(q.exec(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, source, status, status_rank, created_at, updated_at, "
        "last_activity_at) VALUES ('x', 'no-such-contact', 'X', 'manual', 'new', 0, 0, 0, 0)")));
    CHECK_FALSE(q.exec(QStringLiteral(
        "INSERT INTO interactions (id, lead_id, kind, occurred_at) VALUES ('i', 'no-such-lead', 'note', 0)")));
}

TEST_CASE("a file that is not SQLite is refused and left untouched", "[storage][badinput]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.sqlite"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("Name,Phone\nAna,+34612345678\n");
    }
    const QByteArray before = fileHash(path);
    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code() == ErrorCode::NotADatabase);
    CHECK(db.error().message().contains(QStringLiteral("not a Leads database")));
    CHECK(fileHash(path) == before);
}

TEST_CASE("a corrupt SQLite file is refused and left untouched", "[storage][badinput]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        QByteArray bytes("SQLite format 3\0", 16);
        bytes += QByteArray(4096, '\x5a'); // a header followed by garbage
        f.write(bytes);
    }
    const QByteArray before = fileHash(path);
    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    CHECK_FALSE(db.error().message().isEmpty());
    CHECK(fileHash(path) == before);
}

TEST_CASE("a database from a newer schema version is refused and left untouched", "[storage][badinput]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        auto db = Database::open(path);
        REQUIRE(db.ok());
        insertLead(*db.value(), QStringLiteral("L1"), QStringLiteral("Ana"));
        REQUIRE(db.value()->exec(QStringLiteral("PRAGMA user_version = 99")).ok());
        REQUIRE(db.value()->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).ok());
    }
    const QByteArray before = fileHash(path);
    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code() == ErrorCode::NewerSchema);
    CHECK(db.error().message().contains(QStringLiteral("newer version")));
    CHECK(fileHash(path) == before);
}

TEST_CASE("an unusable location gives a clear error", "[storage][badinput]")
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("a-file"));
    {
        QFile f(blocker);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    // A folder cannot be created where a file already is, whoever runs the test.
    auto db = Database::open(blocker + QStringLiteral("/leads.sqlite"));
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message().contains(QStringLiteral("Cannot create the folder")));

    auto missing = Database::open(dir.filePath(QStringLiteral("none.sqlite")), Database::Mode::ReadOnly);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code() == ErrorCode::NotFound);
    CHECK_FALSE(Database::open(QString()).ok());
}

TEST_CASE("a read-only open reads but refuses writes", "[storage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ro.sqlite"));
    {
        auto db = Database::open(path);
        REQUIRE(db.ok());
        insertLead(*db.value(), QStringLiteral("L1"), QStringLiteral("Ana"));
    }
    auto ro = Database::open(path, Database::Mode::ReadOnly);
    REQUIRE(ro.ok());
    CHECK(scalar(*ro.value(), QStringLiteral("SELECT COUNT(*) FROM leads")).toInt() == 1);
    Transaction tx(ro.value()->connection());
    QSqlQuery q(ro.value()->connection());
    CHECK_FALSE(q.exec(QStringLiteral("DELETE FROM leads")));
}

TEST_CASE("a transaction rolls back unless committed", "[storage]")
{
    auto db = LeadsTest::memoryDatabase();
    {
        Transaction tx(db->connection());
        REQUIRE(tx.isActive());
        insertLead(*db, QStringLiteral("L1"), QStringLiteral("Gone"));
    }
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads")).toInt() == 0);
    {
        Transaction tx(db->connection());
        insertLead(*db, QStringLiteral("L2"), QStringLiteral("Kept"));
        REQUIRE(tx.commit().ok());
        CHECK_FALSE(tx.isActive());
        CHECK_FALSE(tx.commit().ok()); // a second commit is an error, not a crash
    }
    CHECK(scalar(*db, QStringLiteral("SELECT name FROM leads")).toString() == QStringLiteral("Kept"));
}

TEST_CASE("the search index finds name, company, phone, e-mail and notes by prefix", "[storage][search]")
{
    auto db = LeadsTest::memoryDatabase();
    insertLead(*db, QStringLiteral("A"), QStringLiteral("Ana Ruiz"), QStringLiteral("Lumen S.L."),
               QStringLiteral("+34612345678"), QStringLiteral("ana@lumen.example"));
    insertLead(*db, QStringLiteral("B"), QStringLiteral("Tom Becker"), QStringLiteral("Beck AG"),
               QStringLiteral("+4915112345678"), QStringLiteral("tom@beck.example"),
               QStringLiteral("Wants a quote for the premium plan"));
    insertLead(*db, QStringLiteral("C"), QStringLiteral("Zoë Müller"), QString(), QString(),
               QStringLiteral("zoe@mail.example"));

    CHECK(search(*db, QStringLiteral("ana")) == QStringList{QStringLiteral("A")});
    CHECK(search(*db, QStringLiteral("Tom Beck")) == QStringList{QStringLiteral("B")});
    CHECK(search(*db, QStringLiteral("lum")) == QStringList{QStringLiteral("A")});
    CHECK(search(*db, QStringLiteral("premium")) == QStringList{QStringLiteral("B")});
    CHECK(search(*db, QStringLiteral("tom@beck")) == QStringList{QStringLiteral("B")});
    // Phone numbers with any punctuation, with or without the country code.
    CHECK(search(*db, QStringLiteral("612 34")) == QStringList{QStringLiteral("A")});
    CHECK(search(*db, QStringLiteral("+34 612-345")) == QStringList{QStringLiteral("A")});
    CHECK(search(*db, QStringLiteral("(0151) 123")) == QStringList{QStringLiteral("B")});
    CHECK(search(*db, QStringLiteral("0049 151")) == QStringList{QStringLiteral("B")});
    CHECK(search(*db, QStringLiteral("151 123")) == QStringList{QStringLiteral("B")});
    // Diacritics fold both ways.
    CHECK(search(*db, QStringLiteral("zoe muller")) == QStringList{QStringLiteral("C")});
    CHECK(search(*db, QStringLiteral("Müll")) == QStringList{QStringLiteral("C")});
    CHECK(search(*db, QStringLiteral("nobody")).isEmpty());

    // Updates and deletes keep the index current.
    REQUIRE(db->exec(QStringLiteral("UPDATE leads SET name = 'Anabel Ruiz' WHERE id = 'A'")).ok());
    CHECK(search(*db, QStringLiteral("anabel")) == QStringList{QStringLiteral("A")});
    REQUIRE(db->exec(QStringLiteral("DELETE FROM leads WHERE id = 'B'")).ok());
    CHECK(search(*db, QStringLiteral("tom")).isEmpty());
}

TEST_CASE("hostile search text neither errors nor matches everything", "[storage][search][badinput]")
{
    auto db = LeadsTest::memoryDatabase();
    for (int i = 0; i < 20; ++i)
        insertLead(*db, QStringLiteral("L%1").arg(i), QStringLiteral("Person %1").arg(i), QStringLiteral("Acme"));
    const QStringList hostile = {
        QStringLiteral("' OR 1=1 --"), QStringLiteral("\""), QStringLiteral("*"), QStringLiteral("NEAR("),
        QStringLiteral("'"), QStringLiteral("\"\"\""), QStringLiteral("a\" OR \"b"), QStringLiteral("name:*"),
        QStringLiteral("AND"), QStringLiteral("OR NOT"), QStringLiteral("^"), QStringLiteral("{name company}: x"),
        QStringLiteral("😀"), QStringLiteral("😀😀 🎉"), QStringLiteral("%"), QStringLiteral("_"),
        QStringLiteral("\\"), QStringLiteral("Robert'); DROP TABLE leads;--"), QStringLiteral("NEAR(a b, 2)"),
        QString(QChar(0)),
    };
    for (const QString &text : hostile) {
        INFO(text.toStdString());
        const QStringList hits = search(*db, text); // FAILs on an SQL error
        CHECK(hits.size() < 20);
    }
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads")).toInt() == 20);
    // Plain operators are searched as words, not run as syntax.
    CHECK(SearchIndex::matchExpression(QStringLiteral("NEAR(")) == QStringLiteral("\"NEAR\"*"));
    CHECK(SearchIndex::matchExpression(QStringLiteral("\"")).isEmpty());
    CHECK(SearchIndex::matchExpression(QStringLiteral("  ")).isEmpty());
    CHECK(search(*db, QStringLiteral("person 1")).size() == 11); // "1"* matches 1, 10..19
    CHECK(search(*db, QStringLiteral("acme")).size() == 20);      // a real match still matches all
}

TEST_CASE("phone tokens cover numbers with and without country code", "[storage][search]")
{
    CHECK(SearchIndex::phoneTokens(QStringLiteral("+34612345678"))
          == QStringLiteral("34612345678 4612345678 612345678 12345678"));
    CHECK(SearchIndex::phoneTokens(QString()).isEmpty());
}

TEST_CASE("the search index can be suspended for bulk loads and rebuilt", "[storage][search]")
{
    auto db = LeadsTest::memoryDatabase();
    insertLead(*db, QStringLiteral("A"), QStringLiteral("Ana"));
    QSqlDatabase conn = db->connection();
    REQUIRE(SearchIndex::suspend(conn).ok());
    insertLead(*db, QStringLiteral("B"), QStringLiteral("Bea"));
    CHECK(search(*db, QStringLiteral("bea")).isEmpty()); // not indexed while suspended
    // A crash here leaves the stale flag; the next open repairs it.
    REQUIRE(SearchIndex::repairIfStale(conn).ok());
    CHECK(search(*db, QStringLiteral("bea")) == QStringList{QStringLiteral("B")});
    insertLead(*db, QStringLiteral("C"), QStringLiteral("Cleo"));
    CHECK(search(*db, QStringLiteral("cleo")) == QStringList{QStringLiteral("C")}); // triggers are back
    CHECK(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'search_index_stale'")).toInt() == 0);
}

TEST_CASE("the lead list walks its sort index under every filter instead of sorting the matches", "[storage][query]")
{
    // Without statistics (a new workspace) or with approximate ones, SQLite takes any
    // equality on an indexed column as selective. "Active" or a status matches most of a
    // million leads: through their index SQLite would collect and sort all of them before
    // the list could show its first row (17 s was measured for "Active").
    auto db = LeadsTest::memoryDatabase();
    QSqlDatabase conn = db->connection();
    const LeadQuery::Context context{QStringLiteral("u-admin"), LeadsTest::fixedNow()};
    QList<std::pair<const char *, LeadFilter>> filters;
    auto add = [&](const char *name, const std::function<void(LeadFilter &)> &set) {
        LeadFilter f;
        set(f);
        filters.append({name, f});
    };
    add("active", [](LeadFilter &f) { f.finality = LeadFilter::Finality::Active; });
    add("final", [](LeadFilter &f) { f.finality = LeadFilter::Finality::Final; });
    add("status", [](LeadFilter &f) { f.statuses = {LeadStatus::New}; });
    add("assignee", [](LeadFilter &f) { f.assignees = {QStringLiteral("u-sam")}; });
    add("source", [](LeadFilter &f) { f.sources = {QStringLiteral("chat")}; });
    add("campaign", [](LeadFilter &f) { f.campaigns = {QStringLiteral("Spring")}; });
    add("score", [](LeadFilter &f) { f.minScore = 70; });
    add("created", [](LeadFilter &f) { f.created.preset = LeadFilter::DatePreset::Last30Days; });
    add("several", [](LeadFilter &f) {
        f.finality = LeadFilter::Finality::Active;
        f.statuses = {LeadStatus::Qualified, LeadStatus::FollowUp};
        f.sources = {QStringLiteral("chat")};
    });
    // The sort keys that have an index of their own (the others always sort).
    const QList<LeadQuery::SortKey> keys = {LeadQuery::SortKey::Name,         LeadQuery::SortKey::Company,
                                            LeadQuery::SortKey::Source,       LeadQuery::SortKey::Status,
                                            LeadQuery::SortKey::Score,        LeadQuery::SortKey::LastActivity,
                                            LeadQuery::SortKey::Created};
    QSqlQuery q(conn);
    for (const auto &[name, filter] : filters) {
        const QString where = LeadQuery::where(filter, conn.driver(), context, true);
        for (LeadQuery::SortKey key : keys) {
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                const QString sql = QStringLiteral("EXPLAIN QUERY PLAN SELECT id FROM leads WHERE ") + where + u' '
                                    + LeadQuery::orderBy(key, order);
                REQUIRE(q.exec(sql));
                QString plan;
                while (q.next())
                    plan += q.value(3).toString() + u'\n';
                INFO(name << " / sort key " << int(key) << ": " << sql.toStdString() << "\n" << plan.toStdString());
                CHECK_FALSE(plan.contains(QStringLiteral("TEMP B-TREE FOR ORDER BY")));
            }
        }
    }
}

TEST_CASE("a bulk load leaves exact statistics for the leads table", "[storage][query]")
{
    // A sampled ANALYZE reports at most the sample size per value: finality over 20,000
    // leads read as 401 leads per value, as selective as an id, and the planner sorted
    // every active lead for the list.
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("stats.sqlite")));
    REQUIRE(opened.ok());
    QSqlDatabase conn = opened.value()->connection();
    {
        BulkLoad bulk(conn);
        REQUIRE(bulk.begin().ok());
        LeadsTest::insertGeneratedLeads(conn, 20000, 4);
        REQUIRE(bulk.finish().ok());
    }
    const QString stat =
        scalar(*opened.value(), QStringLiteral("SELECT stat FROM sqlite_stat1 WHERE idx = 'leads_stage_age'")).toString();
    INFO("leads_stage_age: " << stat.toStdString());
    const QStringList figures = stat.split(u' ');
    REQUIRE(figures.size() >= 2);
    CHECK(figures.at(0).toInt() == 20000);
    CHECK(figures.at(1).toInt() == 10000); // 20,000 leads over two values of is_final
}

TEST_CASE("an interrupt check stops a long statement and leaves the connection usable", "[storage][query]")
{
    auto db = LeadsTest::memoryDatabase();
    LeadsTest::insertGeneratedLeads(db->connection(), 50000);
    QSqlQuery q(db->connection());
    const QString scan = QStringLiteral("SELECT COUNT(*) FROM leads WHERE name LIKE '%9%9%'");
    int asked = 0;
    db->setInterruptCheck([&] { return ++asked >= 2; });
    CHECK_FALSE(q.exec(scan));
    CHECK(asked == 2);
    db->setInterruptCheck({});
    REQUIRE(q.exec(scan));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() > 0);
}
