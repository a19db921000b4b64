// SPDX-License-Identifier: GPL-3.0-or-later
// What the application around the engine relies on: an expired access token stops sync
// and asks for a new one, after which sync resumes by itself; the network coming back or
// the machine waking up starts a round without waiting for the backoff.
#include "test_syncsupport.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTest>

using LeadsTest::FakeNam;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;
using Leads::SyncEngine;

namespace {
const QString kPush = QStringLiteral("/v1/sync/push");
const QString kPull = QStringLiteral("/v1/sync/pull");
} // namespace

TEST_CASE("A refused access token stops the round, asks for a new one and syncs once it arrives", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Wants a callback on Monday")));

    const QString path = GENERATE(kPush, kPull);
    INFO("401 on " << path.toStdString());
    nam.addFault(path, FakeNam::Fault::Answer401);
    QSignalSpy expired(client.engine.get(), &SyncEngine::accessTokenExpired);
    CHECK_FALSE(client.sync());
    CHECK(expired.size() == 1);
    CHECK(client.engine->status() == SyncEngine::Status::Failed);
    CHECK(client.engine->isAccessTokenExpired());
    CHECK(client.engine->lastError().contains(QStringLiteral("Sign in")));
    CHECK(client.notes(leadId) == 1); // nothing typed is lost

    // Nothing but a new token restarts it: not a local edit, not the network, not the
    // same token handed in again.
    const int sent = int(nam.requests.size());
    client.engine->scheduleSoon();
    client.engine->setAccessToken(team.manager);
    client.engine->setOnline(false);
    client.engine->setOnline(true);
    client.engine->networkChanged();
    QTest::qWait(client.engine->retryDelayMs() + 700);
    CHECK(nam.requests.size() == sent);
    CHECK(client.engine->status() == SyncEngine::Status::Failed);

    const QString fresh = team.server.login(QStringLiteral("mona"), team.server.userPassword(QStringLiteral("mona")));
    REQUIRE(!fresh.isEmpty());
    REQUIRE(fresh != team.manager);
    QSignalSpy synced(client.engine.get(), &SyncEngine::synced);
    client.engine->setAccessToken(fresh);
    REQUIRE(synced.wait(10000));
    CHECK(client.engine->status() == SyncEngine::Status::Idle);
    CHECK_FALSE(client.engine->isAccessTokenExpired());
    CHECK(client.engine->lastError().isEmpty());
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Wants a callback on Monday")});
    CHECK(client.outbox() == 0);
    CHECK(client.notes(leadId) == 1);
    CHECK(expired.size() == 1);
}

TEST_CASE("The network coming back syncs at once instead of waiting out the backoff", "[sync]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    FakeNam nam;
    auto config = LeadsTest::fastConfig(team.url);
    config.backoffMinMs = 60000; // a retry far beyond this test's patience
    config.backoffMaxMs = 120000;
    SyncClient client(team.url, team.manager, team.managerActor(), &nam, config);
    REQUIRE(client.sync());
    CHECK(client.engine->isOnline());

    QSignalSpy online(client.engine.get(), &SyncEngine::onlineChanged);
    client.engine->setOnline(false);
    CHECK_FALSE(client.engine->isOnline());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Written on the train")));
    const QString arrived = team.lead(); // someone else's work, waiting on the server
    nam.addFault(kPush, FakeNam::Fault::DropRequest);
    QSignalSpy failed(client.engine.get(), &SyncEngine::failed);
    client.engine->syncNow();
    REQUIRE(failed.wait(5000));
    CHECK(client.engine->status() == SyncEngine::Status::Waiting);
    CHECK(client.engine->retryDelayMs() >= 60000);

    QSignalSpy synced(client.engine.get(), &SyncEngine::synced);
    client.engine->setOnline(true);
    REQUIRE(synced.wait(5000));
    CHECK(online.size() == 2);
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Written on the train")});
    CHECK_FALSE(client.status(arrived).isEmpty());
    CHECK(client.engine->status() == SyncEngine::Status::Idle);

    // Being told again that the network is there is no news: no round.
    const int sent = int(nam.requests.size());
    client.engine->setOnline(true);
    QTest::qWait(300);
    CHECK(nam.requests.size() == sent);

    // A wake from sleep (or a swapped network) is: the next change arrives without an edit.
    const QString later = team.lead();
    client.engine->networkChanged();
    REQUIRE(synced.wait(5000));
    CHECK_FALSE(client.status(later).isEmpty());
}
