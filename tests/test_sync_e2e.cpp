// SPDX-License-Identifier: GPL-3.0-or-later
// Sync end to end: several desktop clients, each with its own local database, edit offline
// and sync through the real leads-server on 127.0.0.1. They must converge on the server's
// state, keep everything anyone typed, and show what the server refused and why.
#include "test_syncsupport.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <iostream>

using LeadsTest::PostgresBackend;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;

namespace {
// What a user sees of a lead, in a form two databases can be compared by.
QString summary(const Leads::Database &db, const QString &leadId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT status, COALESCE(assignee_id, ''), COALESCE(manual_score, -1), "
                             "COALESCE(follow_up_at, 0), status_version, "
                             "(SELECT group_concat(body, '|') FROM (SELECT body FROM interactions "
                             " WHERE lead_id = leads.id AND kind = 'note' ORDER BY body)) "
                             "FROM leads WHERE id = ?"));
    q.addBindValue(leadId);
    if (!q.exec() || !q.next())
        return QStringLiteral("<missing>");
    return QStringLiteral("%1 assignee=%2 score=%3 followUp=%4 v%5 notes=%6")
        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
             q.value(4).toString(), q.value(5).toString());
}

QString serverSummary(SyncTeam &team, const QString &leadId)
{
    const QJsonObject lead = team.serverLead(leadId).value(QStringLiteral("lead")).toObject();
    const QDateTime followUp = QDateTime::fromString(lead.value(QStringLiteral("followUpAt")).toString(), Qt::ISODateWithMs);
    const QJsonValue score = lead.value(QStringLiteral("manualScore"));
    return QStringLiteral("%1 assignee=%2 score=%3 followUp=%4 v%5 notes=%6")
        .arg(lead.value(QStringLiteral("status")).toString(), lead.value(QStringLiteral("assigneeId")).toString(),
             QString::number(score.isDouble() ? score.toInt() : -1),
             QString::number(followUp.isValid() ? followUp.toMSecsSinceEpoch() : 0),
             QString::number(lead.value(QStringLiteral("versions")).toObject().value(QStringLiteral("status")).toInt()),
             team.serverNotes(leadId).join(u'|'));
}
} // namespace

LEADS_SERVER_SCENARIO(syncScenario1, "Two clients edit offline and converge on the server's state", "[sync][e2e]")
{
    SyncTeam team;
    const QString a1 = team.lead({{QStringLiteral("name"), QStringLiteral("Acme")}});
    const QString a2 = team.lead({{QStringLiteral("name"), QStringLiteral("Bolt")}});
    const QString a3 = team.lead({{QStringLiteral("name"), QStringLiteral("Crane")}});
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    CHECK(mona.leads() == 3);
    CHECK(andy.leads() == 3); // the unassigned pool

    // Offline: nobody syncs while they work.
    REQUIRE(mona.service->setStatus(a1, Leads::LeadStatus::Contacted));
    REQUIRE(mona.service->qualifyManually(a2, 80));
    REQUIRE(mona.service->assign(a3, team.agentId));
    REQUIRE(andy.service->addNote(a1, QStringLiteral("Asked for a demo on Friday")));
    REQUIRE(andy.service->setFollowUp(a2, QDateTime::currentDateTimeUtc().addDays(2)));
    REQUIRE(andy.service->setStatus(a2, Leads::LeadStatus::Qualifying));

    // Back online, in any order, until quiet.
    REQUIRE(andy.sync());
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    CHECK(mona.engine->store().notApplied().isEmpty());
    CHECK(andy.engine->store().notApplied().isEmpty());
    for (const QString &id : {a1, a2, a3}) {
        INFO("lead " << id.toStdString());
        const QString server = serverSummary(team, id);
        CHECK(summary(*mona.db, id) == server);
        CHECK(summary(*andy.db, id) == server);
    }
    CHECK(mona.status(a1) == QStringLiteral("contacted"));
    CHECK(andy.status(a2) == QStringLiteral("qualifying"));
    CHECK(summary(*andy.db, a2).contains(QStringLiteral("score=80")));
    CHECK(andy.notes(a1) == 1);
    CHECK(mona.notes(a1) == 1);
    CHECK(mona.outbox() == 0);
    CHECK(andy.outbox() == 0);
}

LEADS_SERVER_SCENARIO(syncScenario2, "Two offline notes on the same lead both survive, once each", "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());

    REQUIRE(mona.service->addNote(lead, QStringLiteral("Mona: budget approved")));
    REQUIRE(andy.service->addNote(lead, QStringLiteral("Andy: prefers e-mail")));
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    REQUIRE(mona.sync());

    const QStringList both {QStringLiteral("Andy: prefers e-mail"), QStringLiteral("Mona: budget approved")};
    CHECK(team.serverNotes(lead) == both);
    CHECK(mona.notes(lead) == 2);
    CHECK(andy.notes(lead) == 2);
    CHECK(summary(*mona.db, lead) == serverSummary(team, lead));
    CHECK(summary(*andy.db, lead) == serverSummary(team, lead));
    // The search text follows the timeline.
    QSqlQuery q(mona.db->connection());
    q.prepare(QStringLiteral("SELECT notes FROM leads WHERE id = ?"));
    q.addBindValue(lead);
    REQUIRE((q.exec() && q.next()));
    CHECK(q.value(0).toString().contains(QStringLiteral("prefers e-mail")));
}

LEADS_SERVER_SCENARIO(syncScenario3, "A status conflict ends in the loser's Not applied list with the reason and the server's value",
          "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());

    REQUIRE(mona.service->setStatus(lead, Leads::LeadStatus::Contacted));
    REQUIRE(andy.service->setStatus(lead, Leads::LeadStatus::Qualifying));
    REQUIRE(andy.service->addNote(lead, QStringLiteral("Andy's note still counts")));
    CHECK(andy.status(lead) == QStringLiteral("qualifying")); // what Andy sees while offline
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());

    const auto refused = andy.engine->store().notApplied();
    REQUIRE(refused.size() == 1);
    CHECK(refused.at(0).name == QStringLiteral("lead.setStatus"));
    CHECK(refused.at(0).leadId == lead);
    CHECK(refused.at(0).code == QStringLiteral("stale_status"));
    CHECK(refused.at(0).message.contains(QStringLiteral("Contacted")));
    CHECK(refused.at(0).serverValue.value(QStringLiteral("status")).toString() == QStringLiteral("contacted"));
    CHECK(refused.at(0).args.value(QStringLiteral("to")).toString() == QStringLiteral("qualifying"));
    // Server truth wins on screen; the note, which conflicts with nothing, went through.
    CHECK(andy.status(lead) == QStringLiteral("contacted"));
    CHECK(team.serverNotes(lead) == QStringList {QStringLiteral("Andy's note still counts")});
    CHECK(summary(*andy.db, lead) == serverSummary(team, lead));
    CHECK(andy.outbox() == 0);

    // Dismissing clears the list; nothing else changes.
    REQUIRE(andy.engine->store().dismiss(refused.at(0).seq));
    CHECK(andy.engine->store().notApplied().isEmpty());
}

LEADS_SERVER_SCENARIO(syncScenario4, "A change to a lead closed elsewhere is refused as final, and the queue behind it still drains",
          "[sync][e2e]")
{
    SyncTeam team;
    const QString closed = team.lead();
    const QString open = team.lead();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());

    REQUIRE(mona.service->setStatus(closed, Leads::LeadStatus::Converted));
    REQUIRE(mona.sync());
    REQUIRE(andy.service->qualifyManually(closed, 55));
    REQUIRE(andy.service->setStatus(open, Leads::LeadStatus::Contacted));
    REQUIRE(andy.sync());

    const auto refused = andy.engine->store().notApplied();
    REQUIRE(refused.size() == 1);
    CHECK(refused.at(0).name == QStringLiteral("lead.qualify"));
    CHECK(refused.at(0).code == QStringLiteral("final_state"));
    CHECK(refused.at(0).serverValue.value(QStringLiteral("status")).toString() == QStringLiteral("converted"));
    CHECK(andy.status(closed) == QStringLiteral("converted"));
    CHECK(summary(*andy.db, closed).contains(QStringLiteral("score=-1")));
    CHECK(andy.status(open) == QStringLiteral("contacted"));
    CHECK(serverSummary(team, open).startsWith(QStringLiteral("contacted")));
}

LEADS_SERVER_SCENARIO(syncScenario5, "A lead reassigned away from an agent leaves the agent's copy and comes back with its history", "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    const QString other = team.server.createUser(team.admin, QStringLiteral("olga"), QStringLiteral("agent"));
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(andy.sync());
    REQUIRE(mona.sync());
    CHECK(andy.leads() == 1);

    REQUIRE(mona.service->assign(lead, other));
    REQUIRE(mona.service->addNote(lead, QStringLiteral("Olga's lead now")));
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    CHECK(andy.leads() == 0);
    CHECK(mona.leads() == 1);

    // Back to Andy: the lead returns with the timeline written while he could not see it.
    REQUIRE(mona.service->assign(lead, team.agentId));
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    CHECK(andy.leads() == 1);
    CHECK(andy.notes(lead) == 1);
    CHECK(summary(*andy.db, lead) == serverSummary(team, lead));
    QSqlQuery q(andy.db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = ?"));
    q.addBindValue(lead);
    REQUIRE((q.exec() && q.next()));
    CHECK(q.value(0).toInt()
          == team.serverLead(lead).value(QStringLiteral("timeline")).toArray().size());
}

LEADS_SERVER_SCENARIO(syncScenario6, "The pull is scoped, paged on transaction boundaries and refuses a cursor from another epoch",
          "[sync][e2e]")
{
    SyncTeam team;
    for (int i = 0; i < 4; ++i)
        team.lead();
    // Each lead was created in one transaction with its timeline: a page of 1 row still
    // carries the whole transaction.
    auto r = team.server.request("GET", QStringLiteral("/v1/sync/pull?limit=1"), {}, team.manager);
    REQUIRE(r.status == 200);
    const QJsonArray changes = r.json.value(QStringLiteral("changes")).toArray();
    REQUIRE(!changes.isEmpty());
    const qint64 upTo = qint64(r.json.value(QStringLiteral("upTo")).toDouble());
    for (const QJsonValue &c : changes)
        CHECK(qint64(c.toObject().value(QStringLiteral("seq")).toDouble()) <= upTo);
    CHECK(r.json.value(QStringLiteral("hasMore")).toBool());

    const QString foreign = QString::fromLatin1(
        QByteArrayLiteral("{\"e\":\"another-epoch\",\"s\":1}").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    auto stale = team.server.request("GET", QStringLiteral("/v1/sync/pull?cursor=") + foreign, {}, team.manager);
    CHECK(stale.status == 409);
    CHECK(stale.errorCode() == QStringLiteral("resync_required"));

    auto hello = team.server.request("GET", QStringLiteral("/v1/sync/hello"));
    CHECK(hello.status == 200);
    CHECK(!hello.json.value(QStringLiteral("serverEpoch")).toString().isEmpty());

    // A client id is bound to its first user.
    const QJsonObject push {{QStringLiteral("clientId"), QStringLiteral("6f1c1a52-58a4-4c8e-9d38-1b8d0f0a7b11")},
                            {QStringLiteral("mutations"), QJsonArray {}}};
    CHECK(team.server.request("POST", QStringLiteral("/v1/sync/push"), push, team.manager).status == 200);
    auto other = team.server.request("POST", QStringLiteral("/v1/sync/push"), push, team.agent);
    CHECK(other.status == 403);
    CHECK(other.errorCode() == QStringLiteral("client_bound"));
    // A gap in the numbering is refused rather than guessed at.
    const QJsonObject gap {{QStringLiteral("clientId"), QStringLiteral("6f1c1a52-58a4-4c8e-9d38-1b8d0f0a7b11")},
                           {QStringLiteral("mutations"),
                            QJsonArray {QJsonObject {{QStringLiteral("mid"), 5},
                                                     {QStringLiteral("name"), QStringLiteral("lead.addNote")},
                                                     {QStringLiteral("args"), QJsonObject {}}}}}};
    auto gapReply = team.server.request("POST", QStringLiteral("/v1/sync/push"), gap, team.manager);
    CHECK(gapReply.status == 409);
    CHECK(gapReply.errorCode() == QStringLiteral("mutation_gap"));
}

TEST_CASE("A restored server forces a full download that keeps and re-sends the local queue", "[sync][e2e]")
{
    SyncTeam team;
    const QString kept = team.lead();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(mona.sync());
    const QString firstClientId = mona.engine->store().state().value().clientId;
    REQUIRE(mona.service->addNote(kept, QStringLiteral("Written during the outage")));

    // The administrator restores the server: its history (epoch) is a different one.
    {
        QSqlDatabase server = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("restore"));
        server.setDatabaseName(team.server.databasePath());
        server.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        REQUIRE(server.open());
        QSqlQuery q(server);
        REQUIRE(q.exec(QStringLiteral("UPDATE sync_state SET epoch = 'restored-copy' WHERE id = 1")));
        q.finish();
        server.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("restore"));

    REQUIRE(mona.sync());
    CHECK(mona.engine->store().state().value().epoch == QStringLiteral("restored-copy"));
    CHECK(mona.engine->store().state().value().clientId != firstClientId);
    CHECK(team.serverNotes(kept) == QStringList {QStringLiteral("Written during the outage")});
    CHECK(mona.leads() == 1);
    CHECK(mona.notes(kept) == 1);
    CHECK(summary(*mona.db, kept) == serverSummary(team, kept));
    CHECK(mona.outbox() == 0);
}

LEADS_SERVER_SCENARIO(syncScenario7, "An offline reassignment loses to an earlier one and says who took the lead", "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    const QString olga = team.server.createUser(team.admin, QStringLiteral("olga"), QStringLiteral("agent"));
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(mona.sync());

    REQUIRE(mona.service->assign(lead, team.agentId));
    const auto taken = team.server.request("POST", QStringLiteral("/v1/leads/%1/assign").arg(lead),
                                           {{QStringLiteral("assigneeId"), olga}}, team.admin);
    REQUIRE(taken.status == 200);
    REQUIRE(mona.sync());

    const auto refused = mona.engine->store().notApplied();
    REQUIRE(refused.size() == 1);
    CHECK(refused.at(0).name == QStringLiteral("lead.assign"));
    CHECK(refused.at(0).code == QStringLiteral("stale_assignee"));
    CHECK(refused.at(0).message.contains(QStringLiteral("OLGA")));
    CHECK(refused.at(0).serverValue.value(QStringLiteral("assigneeId")).toString() == olga);
    CHECK(summary(*mona.db, lead) == serverSummary(team, lead));
    CHECK(summary(*mona.db, lead).contains(QStringLiteral("assignee=") + olga));
}

LEADS_SERVER_SCENARIO(syncScenario8, "Local changes go up and others' changes come down without anyone pressing Sync", "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    auto config = LeadsTest::fastConfig(team.url);
    config.changeDelayMs = 50;
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr, config);
    REQUIRE(mona.sync());
    QObject::connect(mona.service.get(), &Leads::LeadService::leadChanged, mona.engine.get(),
                     &Leads::SyncEngine::scheduleSoon);
    mona.engine->setAutoSync(100);

    REQUIRE(mona.service->addNote(lead, QStringLiteral("Sent by itself")));
    const auto waitFor = [](const std::function<bool()> &done) {
        QElapsedTimer timer;
        timer.start();
        while (!done() && timer.elapsed() < 5000)
            QTest::qWait(20);
        return done();
    };
    CHECK(waitFor([&] { return team.serverNotes(lead) == QStringList {QStringLiteral("Sent by itself")}; }));
    CHECK(waitFor([&] { return mona.outbox() == 0; }));

    REQUIRE(team.server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(lead),
                                {{QStringLiteral("to"), QStringLiteral("contacted")}}, team.admin)
                .status == 200);
    CHECK(waitFor([&] { return mona.status(lead) == QStringLiteral("contacted"); }));
    mona.engine->setAutoSync(0);
}

LEADS_SERVER_SCENARIO(syncScenario9, "A status move made offline on top of a refused one is refused too", "[sync][e2e]")
{
    SyncTeam team;
    const QString lead = team.lead();
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(mona.sync());

    REQUIRE(mona.service->setStatus(lead, Leads::LeadStatus::Contacted)); // base 1
    REQUIRE(mona.service->setStatus(lead, Leads::LeadStatus::Qualified)); // base 2, on top of the first
    // Meanwhile someone else moves the lead once: the server's status version is 2 as well.
    REQUIRE(team.server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(lead),
                                {{QStringLiteral("to"), QStringLiteral("qualifying")}}, team.admin)
                .status == 200);
    REQUIRE(mona.sync());

    const auto refused = mona.engine->store().notApplied();
    REQUIRE(refused.size() == 2);
    CHECK(refused.at(0).args.value(QStringLiteral("to")).toString() == QStringLiteral("contacted"));
    CHECK(refused.at(1).args.value(QStringLiteral("to")).toString() == QStringLiteral("qualified"));
    CHECK(refused.at(1).code == QStringLiteral("stale_status"));
    CHECK(serverSummary(team, lead).startsWith(QStringLiteral("qualifying")));
    CHECK(mona.status(lead) == QStringLiteral("qualifying"));
    CHECK(mona.outbox() == 0);
}

TEST_CASE("the sync scenarios pass on PostgreSQL too", "[.][sync][postgres]")
{
    const QString why = PostgresBackend::activate();
    if (!why.isEmpty()) {
        std::cout << "skipped: PostgreSQL sync tests: " << why.toStdString() << std::endl;
        WARN("skipped: " << why.toStdString());
        PostgresBackend::shutdown();
        return;
    }
    const auto &scenarios = LeadsTest::portableScenarios();
    REQUIRE(scenarios.size() >= 9);
    for (const auto &scenario : scenarios) {
        INFO("PostgreSQL scenario: " << scenario.name);
        scenario.run();
    }
    PostgresBackend::shutdown();
}

LEADS_SERVER_SCENARIO(syncScenario10, "A lead created offline that the server refuses leaves the local copy and is listed with its reason",
                      "[sync][e2e]")
{
    SyncTeam team;
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(mona.sync());
    const QString phone = LeadsTest::uniquePhone();
    const QString existing = team.lead({{QStringLiteral("name"), QStringLiteral("Already here")},
                                        {QStringLiteral("phone"), phone}});

    Leads::NewLead offline;
    offline.name = QStringLiteral("Typed on the train");
    offline.phone = phone;
    offline.note = QStringLiteral("Met at the fair");
    auto created = mona.service->createLead(offline);
    REQUIRE(created);
    REQUIRE(mona.service->addNote(created.value(), QStringLiteral("Follow up next week")));
    REQUIRE(mona.sync());

    const auto refused = mona.engine->store().notApplied();
    REQUIRE(refused.size() == 2);
    CHECK(refused.at(0).name == QStringLiteral("lead.create"));
    CHECK(refused.at(0).code == QStringLiteral("duplicate_active_lead"));
    CHECK(refused.at(0).args.value(QStringLiteral("note")).toString() == QStringLiteral("Met at the fair"));
    CHECK(refused.at(1).name == QStringLiteral("lead.addNote"));
    CHECK(refused.at(1).args.value(QStringLiteral("text")).toString() == QStringLiteral("Follow up next week"));
    CHECK(mona.leads() == 1);
    CHECK(mona.status(existing) == QStringLiteral("new"));
    CHECK(mona.status(created.value()).isEmpty());
    CHECK(mona.outbox() == 0);
}
