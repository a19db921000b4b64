// SPDX-License-Identifier: GPL-3.0-or-later
// The first download of a workspace through GET /v1/sync/snapshot, end to end with the
// real leads-server on 127.0.0.1: the same rows as the paged pull, the caller's scope only,
// changes made on the server while it runs, and a client killed (SIGKILL) half-way that
// continues where it stopped.
#include "test_syncsupport.h"
#include "testsupport.h"

#include "storage/searchindex.h"
#include "storage/searchindexbuilder.h"
#include "storage/leadservice.h"
#include "storage/migrations.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <iostream>

using LeadsTest::ServerHarness;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;
using Leads::SyncEngine;

namespace {

SyncEngine::Config snapshotConfig(const QString &url, int chunk)
{
    auto c = LeadsTest::fastConfig(url);
    c.snapshotLimit = chunk;
    c.timeoutMs = 30000;
    return c;
}

SyncEngine::Config pagedConfig(const QString &url)
{
    auto c = LeadsTest::fastConfig(url);
    c.snapshotLimit = 0; // the paged pull from change number 0, as before snapshots
    c.timeoutMs = 30000;
    return c;
}

QString userIdOf(ServerHarness &server, const QString &token)
{
    return server.request("GET", QStringLiteral("/v1/me"), {}, token)
        .json.value(QStringLiteral("user"))
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

// A leads-server with sample leads on 127.0.0.1, and its admin's session.
struct SampleServer
{
    explicit SampleServer(int leads) : server(options(leads)) { }
    bool start()
    {
        if (!server.start())
            return false;
        url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        admin = server.adminToken();
        actor = {userIdOf(server, admin), QStringLiteral("ADMIN"), Leads::Role::Admin};
        return true;
    }
    static ServerHarness::Options options(int leads)
    {
        ServerHarness::Options o;
        o.extraArgs = QStringList {QStringLiteral("--sample-data"), QString::number(leads)};
        return o;
    }

    ServerHarness server;
    QString url;
    QString admin;
    Leads::Actor actor;
};

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// Requests the engine sent to one path, seen through a wrapper of the real network.
int snapshotRequests(const LeadsTest::FakeNam &nam)
{
    int n = 0;
    for (const QString &r : nam.requests)
        n += r.startsWith(QLatin1String("GET /v1/sync/snapshot")) ? 1 : 0;
    return n;
}

void requireSameAs(const SyncClient &a, const SyncClient &b)
{
    const QSqlDatabase da = a.db->connection();
    const QSqlDatabase db = b.db->connection();
    CHECK(LeadsTest::leadsDigest(da).rows == LeadsTest::leadsDigest(db).rows);
    CHECK(LeadsTest::leadsDigest(da) == LeadsTest::leadsDigest(db));
    CHECK(LeadsTest::interactionsDigest(da) == LeadsTest::interactionsDigest(db));
    CHECK(LeadsTest::contactsDigest(da) == LeadsTest::contactsDigest(db));
    CHECK(scalar(da, QStringLiteral("SELECT COUNT(*) FROM users")) == scalar(db, QStringLiteral("SELECT COUNT(*) FROM users")));
}

// Leads whose status_changed_at is not their latest status change (the dashboard's aging
// reads it), and whether the trigger that keeps it is in place.
qint64 wrongStatusAges(const QSqlDatabase &db)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status_changed_at IS NOT (SELECT MAX(i.occurred_at) "
                                     "FROM interactions i WHERE i.lead_id = leads.id AND i.kind = 'status_change')"));
}

bool statusTriggerInPlace(const QSqlDatabase &db)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name = 'interactions_status_changed'"))
        == 1;
}

// What the search index answers for each of `words`: the matching lead numbers, sorted.
QList<QList<qint64>> searchAnswers(const QSqlDatabase &db, const QStringList &words)
{
    QList<QList<qint64>> out;
    for (const QString &w : words) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT rowid FROM leads_fts WHERE leads_fts MATCH ? ORDER BY rowid"));
        q.addBindValue(Leads::SearchIndex::matchExpression(w));
        QList<qint64> rows;
        if (q.exec()) {
            while (q.next())
                rows << q.value(0).toLongLong();
        } else {
            rows << -1;
        }
        out << rows;
    }
    return out;
}

// Words a user would search for: names, companies, phone digits and note words of a
// spread of the leads.
QStringList searchWords(const QSqlDatabase &db)
{
    QStringList words;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT name, company, substr(phone, 2, 8), notes FROM leads WHERE lead_no % 97 = 3"));
    while (q.next()) {
        for (int i = 0; i < 3; ++i)
            words << q.value(i).toString().section(u' ', 0, 0);
        const QString note = q.value(3).toString().section(u' ', 1, 1);
        if (note.size() > 3)
            words << note;
    }
    words.removeAll(QString());
    return words;
}

} // namespace

TEST_CASE("A first download through the snapshot holds exactly the server's rows, searchable", "[sync][snapshot]")
{
    SampleServer sample(1200);
    REQUIRE(sample.start());
    ServerHarness &server = sample.server;
    const QString &url = sample.url;
    const QString &admin = sample.admin;
    const Leads::Actor &actor = sample.actor;

    LeadsTest::FakeNam nam; // passes everything through; counts the requests
    SyncClient fast(url, admin, actor, &nam, snapshotConfig(url, 250));
    QSignalSpy progress(fast.engine.get(), &SyncEngine::downloadProgress);
    REQUIRE(fast.sync(120000));
    SyncClient paged(url, admin, actor, nullptr, pagedConfig(url));
    REQUIRE(paged.sync(120000));

    // Chunks of 250: five of them, each reporting how far the download is.
    CHECK(snapshotRequests(nam) == 5);
    REQUIRE(progress.size() == 5);
    CHECK(progress.constLast().at(0).toLongLong() == 1200);
    CHECK(progress.constLast().at(1).toLongLong() == 1200);
    CHECK(progress.constFirst().at(0).toLongLong() == 250);

    // The server's own rows: counts and content.
    QSqlDatabase serverDb = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("snapshot-server"));
    serverDb.setDatabaseName(server.databasePath());
    serverDb.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    REQUIRE(serverDb.open());
    const QString serverLeads = QStringLiteral("SELECT id, name, company, phone, email, status, assignee_id, ai_score, "
                                               "manual_score, created_at, last_activity_at, change_seq FROM leads "
                                               "WHERE deleted = 0 ORDER BY id");
    const QString serverTimeline = QStringLiteral("SELECT id, lead_id, kind, occurred_at, body FROM interactions "
                                                  "ORDER BY id");
    const auto expectLeads = LeadsTest::tableDigest(serverDb, serverLeads);
    const auto expectTimeline = LeadsTest::tableDigest(serverDb, serverTimeline);
    serverDb.close();
    serverDb = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("snapshot-server"));
    const QSqlDatabase local = fast.db->connection();
    CHECK(expectLeads.rows == 1200);
    CHECK(LeadsTest::tableDigest(local, QStringLiteral("SELECT id, name, company, phone, email, status, assignee_id, "
                                                       "ai_score, manual_score, created_at, last_activity_at, "
                                                       "server_seq FROM leads ORDER BY id"))
          == expectLeads);
    CHECK(LeadsTest::tableDigest(local, serverTimeline) == expectTimeline);

    // The same rows as the paged pull writes, column for column.
    requireSameAs(fast, paged);

    // Search and the indexes came back after the bulk write.
    const QString someName = [&] {
        QSqlQuery q(local);
        q.exec(QStringLiteral("SELECT name FROM leads ORDER BY id LIMIT 1 OFFSET 777"));
        q.next();
        return q.value(0).toString();
    }();
    QSqlQuery q(local);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH ?"));
    q.addBindValue(Leads::SearchIndex::matchExpression(someName));
    REQUIRE(q.exec());
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() >= 1);
    q.finish();
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')"))
          == scalar(paged.db->connection(),
                    QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type IN ('index', 'trigger')")));
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = 'sync.snapshot'")) == 0);

    // When each lead entered its status came with it (the trigger that keeps it row by
    // row is suspended while the download writes, and back afterwards).
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status_changed_at IS NOT NULL")) > 100);
    CHECK(wrongStatusAges(local) == 0);
    CHECK(statusTriggerInPlace(local));

    // Afterwards the ordinary pull carries on from the snapshot's change number.
    const QString leadId = [&] {
        QSqlQuery first(local);
        first.exec(QStringLiteral("SELECT id FROM leads ORDER BY id DESC LIMIT 1"));
        first.next();
        return first.value(0).toString();
    }();
    REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/notes").arg(leadId),
                           {{QStringLiteral("text"), QStringLiteral("after the snapshot")}}, admin)
                .status
            < 300);
    const int before = snapshotRequests(nam);
    REQUIRE(fast.sync(30000));
    CHECK(snapshotRequests(nam) == before);
    CHECK(fast.notes(leadId) == paged.notes(leadId) + 1);
}

TEST_CASE("An agent's first download holds their own leads and the unassigned pool, nobody else's",
          "[sync][snapshot]")
{
    SyncTeam team;
    QStringList mine, pool, others;
    for (int i = 0; i < 12; ++i) {
        const QString id = team.lead({{QStringLiteral("name"), QStringLiteral("Scope %1").arg(i)}});
        if (i % 3 == 0) {
            pool << id;
            continue;
        }
        const QString to = i % 3 == 1 ? team.agentId : team.managerId;
        REQUIRE(team.server.request("POST", QStringLiteral("/v1/leads/%1/assign").arg(id),
                                    {{QStringLiteral("assigneeId"), to}}, team.admin)
                    .status
                < 300);
        (i % 3 == 1 ? mine : others) << id;
    }
    // Notes on every lead: the timelines of leads out of scope must not come either.
    for (const QString &id : mine + pool + others)
        REQUIRE(team.server.request("POST", QStringLiteral("/v1/leads/%1/notes").arg(id),
                                    {{QStringLiteral("text"), QStringLiteral("note on %1").arg(id)}}, team.admin)
                    .status
                < 300);

    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr, snapshotConfig(team.url, 3));
    REQUIRE(andy.sync(60000));
    SyncClient reference(team.url, team.agent, team.agentActor(), nullptr, pagedConfig(team.url));
    REQUIRE(reference.sync(60000));

    QSqlQuery q(andy.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT id FROM leads ORDER BY id")));
    QStringList local;
    while (q.next())
        local << q.value(0).toString();
    QStringList expected = mine + pool;
    expected.sort();
    CHECK(local == expected);
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id NOT IN (SELECT id FROM leads)")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 0);
    for (const QString &id : std::as_const(others))
        CHECK(andy.notes(id) == 0);
    requireSameAs(andy, reference);
}

TEST_CASE("Changes made on the server while the snapshot downloads are not lost", "[sync][snapshot]")
{
    SyncTeam team;
    QStringList ids;
    for (int i = 0; i < 40; ++i)
        ids << team.lead({{QStringLiteral("name"), QStringLiteral("Moving %1").arg(i)}});
    ids.sort();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr, snapshotConfig(team.url, 5));
    int chunks = 0;
    QString created;
    QObject::connect(mona.engine.get(), &SyncEngine::downloadProgress, mona.engine.get(), [&](qint64 done, qint64) {
        if (++chunks != 2)
            return;
        // Behind the download's position, ahead of it, and a lead that did not exist.
        const QString behind = ids.at(int(done) - 3);
        const QString ahead = ids.at(30);
        CHECK(team.server.request("POST", QStringLiteral("/v1/leads/%1/notes").arg(behind),
                                    {{QStringLiteral("text"), QStringLiteral("while downloading")}}, team.admin)
                    .status
                < 300);
        CHECK(team.server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(behind),
                                    {{QStringLiteral("to"), QStringLiteral("contacted")}}, team.admin)
                    .status
                < 300);
        CHECK(team.server.request("POST", QStringLiteral("/v1/leads/%1/notes").arg(ahead),
                                    {{QStringLiteral("text"), QStringLiteral("ahead of the download")}}, team.admin)
                    .status
                < 300);
        created = team.lead({{QStringLiteral("name"), QStringLiteral("Born during the download")}});
    });
    REQUIRE(mona.sync(60000));
    REQUIRE(chunks >= 8);
    REQUIRE(!created.isEmpty());
    CHECK(mona.leads() == 41);
    SyncClient reference(team.url, team.manager, team.managerActor(), nullptr, pagedConfig(team.url));
    REQUIRE(reference.sync(60000));
    requireSameAs(mona, reference);
    CHECK(mona.status(created) == QStringLiteral("new"));
}

TEST_CASE("A snapshot chunk cut in half is not applied; the download continues after the last whole chunk",
          "[sync][snapshot]")
{
    SyncTeam team;
    for (int i = 0; i < 7; ++i)
        team.lead({{QStringLiteral("name"), QStringLiteral("Lead %1").arg(i)}});
    LeadsTest::FakeNam nam;
    auto config = snapshotConfig(team.url, 3);
    config.retryAutomatically = false;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    // The first chunk arrives cut: nothing is written, no position is stored.
    nam.addFault(QStringLiteral("/v1/sync/snapshot"), LeadsTest::FakeNam::Fault::CutBody);
    CHECK_FALSE(client.sync());
    CHECK(client.engine->status() == SyncEngine::Status::Waiting);
    CHECK(client.leads() == 0);
    CHECK(client.engine->store().state().value().cursor.isEmpty());
    CHECK_FALSE(client.engine->store().snapshotProgress().value().active);
    // The second chunk (asked for while the first is written) arrives cut: the first
    // stays, and the next round asks again from after its last lead.
    nam.requests.clear();
    nam.addFault(QStringLiteral("/v1/sync/snapshot"), LeadsTest::FakeNam::Fault::None);
    nam.addFault(QStringLiteral("/v1/sync/snapshot"), LeadsTest::FakeNam::Fault::CutBody);
    CHECK_FALSE(client.sync());
    CHECK(client.leads() == 3);
    CHECK(client.engine->store().snapshotProgress().value().done == 3);
    CHECK(client.engine->store().state().value().cursor.isEmpty());
    nam.clearFaults();
    REQUIRE(client.sync());
    CHECK(client.leads() == 7);
    CHECK_FALSE(client.engine->store().snapshotProgress().value().active);
    CHECK_FALSE(client.engine->store().state().value().cursor.isEmpty());
}

// The child side of the kill test: downloads in small chunks and says "chunk <done>"
// after each one is committed, so the parent can kill it in the middle.
TEST_CASE("A first download into a file builds its search index alongside, equal to a rebuild", "[sync][snapshot]")
{
    SampleServer sample(1500);
    REQUIRE(sample.start());
    const QString &url = sample.url;
    const QString &admin = sample.admin;
    const Leads::Actor &actor = sample.actor;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    SyncClient client(url, admin, actor, nullptr, snapshotConfig(url, 400), dir.filePath(QStringLiteral("c.sqlite")));
    // The indexes are built one per turn of the event loop, each step announced (the
    // first-download dialog shows them): other events are handled in between.
    QSignalSpy indexing(client.engine.get(), &SyncEngine::downloadIndexing);
    int turnsWhileIndexing = 0;
    QTimer tick;
    tick.setInterval(0);
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        if (!indexing.isEmpty() && indexing.constLast().at(0).toInt() < indexing.constLast().at(1).toInt() - 1)
            ++turnsWhileIndexing;
    });
    tick.start();
    REQUIRE(client.sync(120000));
    tick.stop();
    const int steps = Leads::Migrations::secondaryIndexCount() + 1;
    REQUIRE(indexing.size() == steps);
    CHECK(indexing.constFirst().at(0).toInt() == 0);
    CHECK(indexing.constLast().at(0).toInt() == steps - 1);
    CHECK(indexing.constLast().at(1).toInt() == steps);
    CHECK(turnsWhileIndexing >= steps - 2);
    CHECK(client.engine->downloadStats().searchIndexAlongside);
    CHECK(client.engine->downloadStats().chunks == 4);
    CHECK_FALSE(QFile::exists(Leads::SearchIndexBuilder::scratchPathFor(client.db->path())));

    const QSqlDatabase local = client.db->connection();
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads")) == 1500);
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads_fts_docsize")) == 1500);
    const QStringList words = searchWords(local);
    REQUIRE(words.size() > 40);
    const auto alongside = searchAnswers(local, words);
    int found = 0;
    for (const auto &rows : alongside)
        found += rows.isEmpty() ? 0 : 1;
    for (qsizetype i = 0; i < words.size(); ++i) {
        INFO(words.at(i).toStdString());
        CHECK_FALSE(alongside.at(i).isEmpty()); // every word was taken from some lead
    }

    // The index built on the side answers exactly as one rebuilt from the table.
    QSqlQuery rebuild(local);
    REQUIRE(rebuild.exec(QStringLiteral("INSERT INTO leads_fts (leads_fts) VALUES ('rebuild')")));
    CHECK(searchAnswers(local, words) == alongside);

    // Edits after the download reach the index through its triggers again.
    const QString leadId = [&] {
        QSqlQuery q(local);
        q.exec(QStringLiteral("SELECT id FROM leads ORDER BY id LIMIT 1"));
        q.next();
        return q.value(0).toString();
    }();
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Zwiebelkuchen tasting booked")));
    CHECK(searchAnswers(local, {QStringLiteral("Zwiebelkuchen")}).constFirst().size() == 1);
}

TEST_CASE("A lead typed during the first download is searchable afterwards (the index is rebuilt instead)",
          "[sync][snapshot]")
{
    SampleServer sample(900);
    REQUIRE(sample.start());
    const QString &url = sample.url;
    const QString &admin = sample.admin;
    const Leads::Actor &actor = sample.actor;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    SyncClient client(url, admin, actor, nullptr, snapshotConfig(url, 300), dir.filePath(QStringLiteral("c.sqlite")));
    QString typed;
    QString moved;
    QObject::connect(client.engine.get(), &SyncEngine::downloadProgress, client.engine.get(), [&] {
        if (!typed.isEmpty())
            return;
        Leads::NewLead lead;
        lead.name = QStringLiteral("Quirinius Typedduring");
        lead.phone = LeadsTest::uniquePhone();
        auto id = client.service->createLead(lead);
        REQUIRE(id);
        typed = id.value();
        // And a downloaded lead moved on here while the rest is still coming.
        QSqlQuery first(client.db->connection());
        REQUIRE(first.exec(QStringLiteral("SELECT id FROM leads WHERE status = 'new' AND id <> '%1' LIMIT 1").arg(typed)));
        REQUIRE(first.next());
        moved = first.value(0).toString();
        first.finish();
        REQUIRE(client.service->setStatus(moved, Leads::LeadStatus::Contacted));
    });
    REQUIRE(client.sync(120000));
    REQUIRE_FALSE(typed.isEmpty());
    CHECK_FALSE(client.engine->downloadStats().searchIndexAlongside);
    const QSqlDatabase local = client.db->connection();
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads")) == 901);
    CHECK(searchAnswers(local, {QStringLiteral("Typedduring")}).constFirst().size() == 1);
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads_fts_docsize")) == 901);
    CHECK(wrongStatusAges(local) == 0);
    CHECK(statusTriggerInPlace(local));
    CHECK(scalar(local, QStringLiteral("SELECT COUNT(*) FROM leads WHERE id = '%1' AND status = 'contacted' "
                                       "AND status_changed_at IS NOT NULL").arg(moved))
          == 1);
    REQUIRE(client.sync(30000));
    CHECK(client.outbox() == 0); // and it is pushed once the download is in
}

TEST_CASE("snapshot child process", "[.][snapshot-child]")
{
    const QString dbPath = qEnvironmentVariable("LEADS_SNAPSHOT_CHILD_DB");
    if (dbPath.isEmpty())
        return;
    const QString url = qEnvironmentVariable("LEADS_SNAPSHOT_CHILD_URL");
    const Leads::Actor actor {qEnvironmentVariable("LEADS_SNAPSHOT_CHILD_USER"), QStringLiteral("ADMIN"),
                              Leads::Role::Admin};
    SyncClient client(url, qEnvironmentVariable("LEADS_SNAPSHOT_CHILD_TOKEN"), actor, nullptr,
                      snapshotConfig(url, 50), dbPath);
    QObject::connect(client.engine.get(), &SyncEngine::downloadProgress, client.engine.get(),
                     [](qint64 done, qint64) {
                         std::cout << "chunk " << done << std::endl;
                         QThread::msleep(100); // slow enough for the parent to stop it half-way
                     });
    client.sync(120000);
    std::cout << "done" << std::endl;
}

TEST_CASE("A client killed in the middle of its first download continues where it stopped and ends equal",
          "[sync][snapshot]")
{
    SampleServer sample(1000);
    REQUIRE(sample.start());
    const QString &url = sample.url;
    const QString &admin = sample.admin;
    const Leads::Actor &actor = sample.actor;
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("client.sqlite"));

    qint64 reached = 0;
    {
        QProcess child;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("LEADS_SNAPSHOT_CHILD_DB"), dbPath);
        e.insert(QStringLiteral("LEADS_SNAPSHOT_CHILD_URL"), url);
        e.insert(QStringLiteral("LEADS_SNAPSHOT_CHILD_TOKEN"), admin);
        e.insert(QStringLiteral("LEADS_SNAPSHOT_CHILD_USER"), actor.userId);
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        child.setProcessEnvironment(e);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("[snapshot-child]")});
        REQUIRE(child.waitForStarted(10000));
        QElapsedTimer timer;
        timer.start();
        while (reached < 300 && timer.elapsed() < 60000 && child.state() != QProcess::NotRunning) {
            child.waitForReadyRead(50);
            while (child.canReadLine()) {
                const QString line = QString::fromUtf8(child.readLine()).trimmed();
                if (line.startsWith(QLatin1String("chunk ")))
                    reached = line.mid(6).toLongLong();
            }
        }
        child.kill(); // SIGKILL, our own child by its pid: no destructor, no index rebuild
        REQUIRE(child.waitForFinished(5000));
    }
    INFO("the child had written " << reached << " leads when it was killed");
    REQUIRE(reached >= 300);
    REQUIRE(reached < 1000);

    // Opening the file repairs what the bulk write left out; the position survived.
    LeadsTest::FakeNam nam;
    SyncClient again(url, admin, actor, &nam, snapshotConfig(url, 50), dbPath);
    QSqlQuery q(again.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")));
    REQUIRE(q.next());
    const int kept = q.value(0).toInt();
    CHECK(kept >= reached);
    q.finish();
    CHECK(statusTriggerInPlace(again.db->connection())); // put back by the repair on open
    CHECK(wrongStatusAges(again.db->connection()) == 0);
    REQUIRE(again.sync(120000));
    CHECK(wrongStatusAges(again.db->connection()) == 0);
    // Only what was missing came again: at most one chunk more than the rest.
    CHECK(snapshotRequests(nam) <= (1000 - kept) / 50 + 2);
    SyncClient reference(url, admin, actor, nullptr, pagedConfig(url));
    REQUIRE(reference.sync(120000));
    CHECK(again.leads() == 1000);
    requireSameAs(again, reference);
}
