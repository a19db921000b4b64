// SPDX-License-Identifier: GPL-3.0-or-later
// Sync under network faults, injected by a fake network access manager in front of the
// real server: whatever is lost, refused or stalled, every change reaches the server
// exactly once and the queue drains by itself.
#include "test_syncsupport.h"
#include "testsupport.h"

#include "sync/backoff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using LeadsTest::FakeNam;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;

namespace {
const QString kPush = QStringLiteral("/v1/sync/push");
const QString kPull = QStringLiteral("/v1/sync/pull");
const QString kSnapshot = QStringLiteral("/v1/sync/snapshot");

int count(const QStringList &list, const QString &entry)
{
    return int(list.count(entry));
}
} // namespace

TEST_CASE("Backoff grows exponentially with jitter, stays within its bounds and honours Retry-After", "[sync]")
{
    Leads::Backoff a(1000, 300000, 7);
    Leads::Backoff b(1000, 300000, 7);
    qint64 previousCeiling = 0;
    for (int i = 0; i < 12; ++i) {
        const qint64 ceiling = a.ceiling();
        CHECK(ceiling >= previousCeiling);
        previousCeiling = ceiling;
        const qint64 delay = a.next();
        CHECK(delay >= 1000);
        CHECK(delay <= ceiling);
        CHECK(delay == b.next()); // the same seed gives the same schedule
    }
    CHECK(a.ceiling() == 300000); // capped at five minutes
    CHECK(a.next(600000) == 300000); // Retry-After counts, but never past the cap
    Leads::Backoff c(1000, 300000, 7);
    CHECK(c.next(5000) >= 5000);
    a.reset();
    CHECK(a.ceiling() == 1000);
}

TEST_CASE("A push lost on the way is retried on its own and applied once", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Called back, wants a quote")));

    nam.addFault(kPush, FakeNam::Fault::DropRequest);
    REQUIRE(client.sync());
    CHECK(nam.pendingFaults() == 0);
    CHECK(client.failures.size() == 1);
    CHECK(count(nam.requests, QStringLiteral("POST ") + kPush) == 2);
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Called back, wants a quote")});
    CHECK(client.outbox() == 0);
    CHECK(client.notes(leadId) == 1);
}

TEST_CASE("An answer lost after the server applied the push: the retry is a duplicate, applied once", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("First note")));
    REQUIRE(client.service->qualifyManually(leadId, 70));

    nam.addFault(kPush, FakeNam::Fault::DropResponse);
    REQUIRE(client.sync());
    CHECK(client.failures.size() == 1);
    // The server answered twice: first "applied" (lost), then "duplicate" for the same mids.
    QStringList outcomes;
    for (const QByteArray &body : std::as_const(nam.serverBodies)) {
        const QJsonArray results = QJsonDocument::fromJson(body).object().value(QStringLiteral("results")).toArray();
        for (const QJsonValue &r : results)
            outcomes << r.toObject().value(QStringLiteral("outcome")).toString();
    }
    CHECK(outcomes == QStringList {QStringLiteral("applied"), QStringLiteral("applied"),
                                   QStringLiteral("duplicate"), QStringLiteral("duplicate")});
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("First note")});
    int qualifications = 0;
    const QJsonArray timeline = team.serverLead(leadId).value(QStringLiteral("timeline")).toArray();
    for (const QJsonValue &v : timeline)
        qualifications += v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("qualification");
    CHECK(qualifications == 1);
    CHECK(client.outbox() == 0);
    CHECK(client.notes(leadId) == 1);
}

TEST_CASE("500, 503 and 429 answers are retried with growing delays until the queue drains", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam);
    REQUIRE(client.sync());
    REQUIRE(client.service->setStatus(leadId, Leads::LeadStatus::Contacted));

    QList<qint64> delays;
    QObject::connect(client.engine.get(), &Leads::SyncEngine::failed, client.engine.get(),
                     [&](const QString &, bool retrying) {
                         CHECK(retrying);
                         delays << client.engine->retryDelayMs();
                     });
    nam.addFault(kPush, FakeNam::Fault::Answer500);
    nam.addFault(kPush, FakeNam::Fault::Answer503);
    nam.addFault(kPush, FakeNam::Fault::Answer429);
    REQUIRE(client.sync());
    REQUIRE(delays.size() == 3);
    CHECK(delays.at(0) <= 10);  // the floor at the first failure (test config: 10 ms)
    CHECK(delays.at(1) <= 20);  // doubled ceiling
    // 429 said Retry-After: 1 s: far above the jittered 40 ms, held to the cap (200 ms here).
    CHECK(delays.at(2) == 200);
    CHECK(team.serverLead(leadId).value(QStringLiteral("lead")).toObject().value(QStringLiteral("status"))
          == QStringLiteral("contacted"));
    CHECK(client.outbox() == 0);
    CHECK(client.engine->status() == Leads::SyncEngine::Status::Idle);
}

TEST_CASE("A request that never gets an answer times out and the retry succeeds", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.timeoutMs = 300;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Sent into the void")));

    nam.addFault(kPush, FakeNam::Fault::Hang);
    REQUIRE(client.sync());
    REQUIRE(client.failures.size() == 1);
    CHECK(client.failures.at(0).contains(QStringLiteral("did not answer in time")));
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Sent into the void")});
    CHECK(client.outbox() == 0);
}

TEST_CASE("A pull page cut in half is not applied, and the cursor moves only with a whole page", "[sync]")
{
    SyncTeam team;
    for (int i = 0; i < 5; ++i)
        team.lead({{QStringLiteral("name"), QStringLiteral("Lead %1").arg(i)}});
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.pullLimit = 2;
    config.snapshotLimit = 0; // the paged pull from the start (a cut snapshot chunk: test_sync_snapshot.cpp)
    config.retryAutomatically = false;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    REQUIRE(client.sync()); // nothing cut yet: learn how many requests a full download takes
    const int fullLeads = client.leads();
    CHECK(fullLeads == 5);

    SyncClient second(team.url, team.manager, team.managerActor(), &nam, config);
    nam.addFault(kPull, FakeNam::Fault::CutBody);
    CHECK_FALSE(second.sync());
    CHECK(second.engine->status() == Leads::SyncEngine::Status::Waiting);
    CHECK(second.leads() == 0);
    CHECK(second.engine->store().state().value().cursor.isEmpty());
    REQUIRE(second.sync());
    CHECK(second.leads() == 5);
}

TEST_CASE("A refusal the server will repeat stops the round without retrying, and the queue is kept", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, QStringLiteral("not-a-valid-token"), team.managerActor(), &nam);
    CHECK_FALSE(client.sync(3000));
    CHECK(client.engine->status() == Leads::SyncEngine::Status::Failed);
    CHECK(client.engine->lastError().contains(QStringLiteral("Sign in again")));
    // No retry storm: the first download's first request, once.
    CHECK(count(nam.requests, QStringLiteral("GET ") + kSnapshot) == 1);
    CHECK(count(nam.requests, QStringLiteral("GET ") + kPull) == 0);

    client.engine->setAccessToken(team.manager);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("kept")));
    client.engine->setAccessToken(QStringLiteral("expired"));
    CHECK_FALSE(client.sync(3000));
    CHECK(client.outbox() == 1);
    client.engine->setAccessToken(team.manager);
    REQUIRE(client.sync());
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("kept")});
}

TEST_CASE("An accepted change stays queued until a pull brings its effect back", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.retryAutomatically = false;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Wants the blue plan")));

    nam.addFault(kPull, FakeNam::Fault::DropRequest);
    CHECK_FALSE(client.sync());
    // The server has it, but this copy has not seen the server's version yet: the note
    // stays visible (the local copy) and the mutation waits for the acknowledgement.
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Wants the blue plan")});
    CHECK(client.engine->store().pendingCount() == 0);
    CHECK(client.engine->store().awaitingAckCount() == 1);
    CHECK(client.notes(leadId) == 1);

    REQUIRE(client.sync());
    CHECK(client.engine->store().awaitingAckCount() == 0);
    CHECK(client.notes(leadId) == 1);
}

TEST_CASE("A client restarted after losing the push answer sends the same numbers and nothing doubles",
          "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("client.sqlite"));
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.retryAutomatically = false;
    QString clientId;
    {
        SyncClient client(team.url, team.manager, team.managerActor(), &nam, config, path);
        REQUIRE(client.sync());
        clientId = client.engine->store().state().value().clientId;
        REQUIRE(client.service->addNote(leadId, QStringLiteral("Typed before the crash")));
        REQUIRE(client.service->setStatus(leadId, Leads::LeadStatus::Contacted));
        nam.addFault(kPush, FakeNam::Fault::DropResponse);
        CHECK_FALSE(client.sync());
    } // the process ends here, as if killed after the server committed
    SyncClient restarted(team.url, team.manager, team.managerActor(), &nam, config, path);
    CHECK(restarted.engine->store().state().value().clientId == clientId);
    CHECK(restarted.outbox() == 2);
    REQUIRE(restarted.sync());
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Typed before the crash")});
    CHECK(restarted.engine->store().notApplied().isEmpty()); // not refused as a stale status
    CHECK(restarted.status(leadId) == QStringLiteral("contacted"));
    CHECK(restarted.notes(leadId) == 1);
    CHECK(restarted.outbox() == 0);
}

TEST_CASE("A push that reaches the server twice takes effect once", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Only once, please")));

    nam.addFault(kPush, FakeNam::Fault::Duplicate);
    REQUIRE(client.sync());
    CHECK(client.failures.isEmpty());
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Only once, please")});
    CHECK(client.notes(leadId) == 1);
    CHECK(client.outbox() == 0);
    CHECK(client.engine->store().notApplied().isEmpty());
}

TEST_CASE("A late answer to an older pull is discarded instead of rolling the data back", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    SyncClient client(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(client.sync());
    const QString oldCursor = client.engine->store().state().value().cursor;
    // The answer to that pull, as it could arrive again later: the lead still New.
    const auto old = team.server.request("GET", QStringLiteral("/v1/sync/pull"), {}, team.manager);
    REQUIRE(old.status == 200);

    REQUIRE(team.server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(leadId),
                                {{QStringLiteral("to"), QStringLiteral("contacted")}}, team.admin)
                .status == 200);
    REQUIRE(client.sync());
    REQUIRE(client.status(leadId) == QStringLiteral("contacted"));
    const QString cursor = client.engine->store().state().value().cursor;
    CHECK(cursor != oldCursor);

    Leads::PullPage late;
    late.epoch = old.json.value(QStringLiteral("epoch")).toString();
    late.changes = old.json.value(QStringLiteral("changes")).toArray();
    late.nextCursor = old.json.value(QStringLiteral("nextCursor")).toString();
    late.upTo = qint64(old.json.value(QStringLiteral("upTo")).toDouble());
    auto applied = client.engine->store().applyPage(QString(), late); // asked with no cursor
    REQUIRE_FALSE(applied);
    CHECK(applied.error().detail() == QStringLiteral("stale_page"));
    CHECK(client.status(leadId) == QStringLiteral("contacted"));
    CHECK(client.engine->store().state().value().cursor == cursor);
}

TEST_CASE("Cancel stops a round at once and schedules no retry", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.timeoutMs = 10000;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Not now")));

    nam.addFault(kPush, FakeNam::Fault::Hang);
    bool stopped = false;
    QObject::connect(client.engine.get(), &Leads::SyncEngine::failed, client.engine.get(),
                     [&](const QString &, bool retrying) { stopped = !retrying; });
    client.engine->syncNow();
    QTest::qWait(100);
    client.engine->cancel();
    CHECK(stopped);
    CHECK(client.engine->status() == Leads::SyncEngine::Status::Idle);
    CHECK(client.engine->lastError().contains(QStringLiteral("cancelled")));
    const int sent = client.engine->requestsSent();
    QTest::qWait(300); // several backoff periods of this configuration
    CHECK(client.engine->requestsSent() == sent);
    CHECK(client.outbox() == 1);
    REQUIRE(client.sync());
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Not now")});
}
