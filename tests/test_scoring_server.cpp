// SPDX-License-Identifier: GPL-3.0-or-later
// AI qualification in a team: the real leads-server scores captured conversations, honours
// the auto-qualify threshold, trains on the team's outcomes, and the scores with their
// reasons reach the desktop clients through the sync feed.
#include "test_syncsupport.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <iostream>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;

namespace {

const QString kChat = QStringLiteral("/v1/ingest/portal/chat-message");

// A chat message as the messaging integration delivers it, signed with its secret.
HttpReply chat(ServerHarness &server, const QString &secret, const QString &phone, const QString &text)
{
    const QJsonObject event{{QStringLiteral("eventId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                            {QStringLiteral("conversationId"), QString(QStringLiteral("conv-") + phone)},
                            {QStringLiteral("direction"), QStringLiteral("in")},
                            {QStringLiteral("phone"), phone},
                            {QStringLiteral("text"), text}};
    const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toUtf8());
    mac.addData(ts + '.' + body);
    return server.requestRaw("POST", kChat, body, {},
                             {{"Content-Type", "application/json"},
                              {"X-Leads-Timestamp", ts},
                              {"X-Leads-Signature", "sha256=" + mac.result().toHex()}});
}

// An integration whose first inbound chat message makes a lead.
QString chatIntegration(ServerHarness &server, const QString &admin)
{
    const HttpReply made = server.request("POST", QStringLiteral("/v1/integrations"),
                                          {{QStringLiteral("name"), QStringLiteral("portal")}}, admin);
    REQUIRE(made.status == 201);
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/capture-settings"),
                           {{QStringLiteral("chatFirstInboundCreatesLead"), true}}, admin)
                .status
            == 200);
    return made.json.value(QStringLiteral("secret")).toString();
}

QJsonObject serverLead(ServerHarness &server, const QString &token, const QString &leadId)
{
    return server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, token)
        .json.value(QStringLiteral("lead"))
        .toObject();
}

// Waits until the server's scorer has scored the lead differently from `before`.
QJsonObject waitForScore(ServerHarness &server, const QString &token, const QString &leadId, int before = -1)
{
    QElapsedTimer timer;
    timer.start();
    QJsonObject lead;
    while (timer.elapsed() < 10000) {
        lead = serverLead(server, token, leadId);
        const QJsonValue score = lead.value(QStringLiteral("aiScore"));
        if (!score.isNull() && score.toInt() != before)
            return lead;
        QTest::qWait(100);
    }
    FAIL("the server did not score lead " << leadId.toStdString());
    return lead;
}

QStringList strings(const QJsonValue &array)
{
    QStringList out;
    const QJsonArray a = array.toArray();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

struct LocalLead
{
    int aiScore = -1;
    QStringList reasons;
    QString status;
};

LocalLead local(const Leads::Database &db, const QString &leadId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT COALESCE(ai_score, -1), ai_reasons, status FROM leads WHERE id = ?"));
    q.addBindValue(leadId);
    LocalLead l;
    if (q.exec() && q.next()) {
        l.aiScore = q.value(0).toInt();
        l.reasons = strings(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array());
        l.status = q.value(2).toString();
    }
    return l;
}

} // namespace

LEADS_SERVER_SCENARIO(scoringScenario1, "A captured chat message raises the lead's score on the server and the client sees it after sync",
          "[scoring][server][e2e]")
{
    SyncTeam team;
    const QString secret = chatIntegration(team.server, team.admin);
    const QString phone = LeadsTest::uniquePhone();
    const HttpReply first = chat(team.server, secret, phone, QStringLiteral("hi"));
    REQUIRE(first.status == 201);
    const QString leadId = first.json.value(QStringLiteral("leadId")).toString();
    const QJsonObject scored = waitForScore(team.server, team.admin, leadId);
    const int before = scored.value(QStringLiteral("aiScore")).toInt();

    SyncClient andy(team.url, team.admin, {team.adminId, QStringLiteral("ADMIN"), Leads::Role::Admin}, nullptr);
    REQUIRE(andy.sync());
    CHECK(local(*andy.db, leadId).aiScore == before);

    // The contact asks about the price and wants to order: the server rescores on arrival.
    REQUIRE(chat(team.server, secret, phone, QStringLiteral("What is the price? I want to buy and order today"))
                .status
            == 200);
    const QJsonObject raised = waitForScore(team.server, team.admin, leadId, before);
    const int after = raised.value(QStringLiteral("aiScore")).toInt();
    CHECK(after > before);
    const QStringList serverReasons = strings(raised.value(QStringLiteral("aiReasons")));
    INFO(serverReasons.join(QStringLiteral(" | ")).toStdString());
    CHECK(serverReasons.filter(QStringLiteral("asked about price")).size() == 1);

    REQUIRE(andy.sync());
    const LocalLead seen = local(*andy.db, leadId);
    CHECK(seen.aiScore == after);
    CHECK(seen.reasons == serverReasons);
    // Leads::LeadService reads the same reasons the detail pane shows.
    CHECK(andy.service->aiReasons(leadId) == serverReasons);
}

LEADS_SERVER_SCENARIO(scoringScenario2, "The server auto-qualifies once at the threshold, a manual score is never replaced", "[scoring][server][e2e]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = chatIntegration(server, admin);

    const QString phone = LeadsTest::uniquePhone();
    const HttpReply hot = chat(server, secret, phone, QStringLiteral("price? I want to buy"));
    REQUIRE(hot.status == 201);
    const QString leadId = hot.json.value(QStringLiteral("leadId")).toString();
    const QJsonObject scored = waitForScore(server, admin, leadId);
    const int score = scored.value(QStringLiteral("aiScore")).toInt();
    REQUIRE(score < 70); // the default threshold
    REQUIRE(scored.value(QStringLiteral("status")).toString() == QStringLiteral("new"));

    // The admin lowers the threshold to that score: the lead moves without waiting for
    // its next message.
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("aiThreshold"), score}}, admin)
                .status
            == 200);
    QElapsedTimer timer;
    timer.start();
    while (serverLead(server, admin, leadId).value(QStringLiteral("status")).toString() != u"qualified"
           && timer.elapsed() < 10000)
        QTest::qWait(100);
    const HttpReply detail = server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, admin);
    CHECK(detail.json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("status")).toString()
          == QStringLiteral("qualified"));
    int byAi = 0;
    const QJsonArray timeline = detail.json.value(QStringLiteral("timeline")).toArray();
    for (const QJsonValue &v : timeline) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("kind")).toString() == u"status_change"
            && e.value(QStringLiteral("data")).toObject().value(QStringLiteral("by")).toString() == u"ai")
            ++byAi;
    }
    CHECK(byAi == 1);

    // An agent moves it back and scores it by hand: the AI neither moves it again nor
    // replaces the manual score.
    REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(leadId),
                           {{QStringLiteral("to"), QStringLiteral("contacted")}}, admin)
                .status
            == 200);
    REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/qualify").arg(leadId),
                           {{QStringLiteral("score"), 15}}, admin)
                .status
            == 200);
    const int scoreBefore = serverLead(server, admin, leadId).value(QStringLiteral("aiScore")).toInt();
    REQUIRE(chat(server, secret, phone, QStringLiteral("demo please, price, order, buy")).status == 200);
    const QJsonObject after = waitForScore(server, admin, leadId, scoreBefore);
    CHECK(after.value(QStringLiteral("status")).toString() == QStringLiteral("contacted"));
    CHECK(after.value(QStringLiteral("score")).toInt() == 15);
    CHECK(after.value(QStringLiteral("manualScore")).toInt() == 15);
}

LEADS_SERVER_SCENARIO(scoringScenario3, "The server trains on the team's outcomes, model facts for everyone, retraining for admins",
          "[scoring][server]")
{
    SyncTeam team;
    ServerHarness &server = team.server;
    // Any signed-in user sees how far to trust the model; nothing trained yet.
    const HttpReply none = server.request("GET", QStringLiteral("/v1/scoring/model"), {}, team.agent);
    REQUIRE(none.status == 200);
    const QJsonObject m0 = none.json.value(QStringLiteral("model")).toObject();
    CHECK(m0.value(QStringLiteral("outcomes")).toInt() == 0);
    CHECK(m0.value(QStringLiteral("trainedAt")).isNull());
    CHECK(m0.value(QStringLiteral("tooFewOutcomes")).toBool());
    CHECK_FALSE(m0.value(QStringLiteral("warning")).toString().isEmpty());
    CHECK(m0.value(QStringLiteral("enabled")).toBool());

    // Only ManageSettings retrains; one class is refused with a clear message.
    CHECK(server.request("POST", QStringLiteral("/v1/scoring/retrain"), {}, team.agent).status == 403);
    const HttpReply empty = server.request("POST", QStringLiteral("/v1/scoring/retrain"), {}, team.admin);
    CHECK(empty.status == 400);
    CHECK(empty.hasErrorShape());
    CHECK(empty.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().contains(
        QStringLiteral("needs both")));

    // 30 closed leads: those who asked for the price converted, the silent ones were lost.
    const QString secret = chatIntegration(server, team.admin);
    for (int i = 0; i < 30; ++i) {
        const bool buyer = i % 2 == 0;
        const HttpReply in = chat(server, secret, LeadsTest::uniquePhone(),
                                  buyer ? QStringLiteral("price please, I want to buy") : QStringLiteral("hello"));
        REQUIRE(in.status == 201);
        const QString id = in.json.value(QStringLiteral("leadId")).toString();
        QJsonObject move{{QStringLiteral("to"), buyer ? QStringLiteral("converted") : QStringLiteral("lost")}};
        if (!buyer)
            move.insert(QStringLiteral("reason"), QStringLiteral("No budget"));
        REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(id), move, team.admin).status == 200);
    }
    // Enough new outcomes (at least 20 of both kinds): the server retrains by itself.
    QElapsedTimer timer;
    timer.start();
    int automatic = 0;
    while (automatic == 0 && timer.elapsed() < 15000) {
        QTest::qWait(200);
        automatic = server.request("GET", QStringLiteral("/v1/scoring/model"), {}, team.agent)
                        .json.value(QStringLiteral("model"))
                        .toObject()
                        .value(QStringLiteral("outcomes"))
                        .toInt();
    }
    CHECK(automatic >= 20);
    const HttpReply trained = server.request("POST", QStringLiteral("/v1/scoring/retrain"), {}, team.admin);
    REQUIRE(trained.status == 200);
    const QJsonObject m1 = trained.json.value(QStringLiteral("model")).toObject();
    CHECK(m1.value(QStringLiteral("outcomes")).toInt() == 30);
    CHECK(m1.value(QStringLiteral("converted")).toInt() == 15);
    CHECK_FALSE(m1.value(QStringLiteral("trainedAt")).isNull());
    CHECK(m1.value(QStringLiteral("tooFewOutcomes")).toBool()); // below 200: warned
    const QJsonObject seen = server.request("GET", QStringLiteral("/v1/scoring/model"), {}, team.manager)
                                 .json.value(QStringLiteral("model"))
                                 .toObject();
    CHECK(seen.value(QStringLiteral("outcomes")).toInt() == 30);

    // AI qualification off: PATCH /v1/settings takes aiEnabled; new leads stay unscored.
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("aiEnabled"), false}}, team.agent)
              .status
          == 403);
    const HttpReply off
        = server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("aiEnabled"), false}}, team.admin);
    REQUIRE(off.status == 200);
    CHECK_FALSE(off.json.value(QStringLiteral("settings")).toObject().value(QStringLiteral("aiEnabled")).toBool(true));
    const HttpReply quiet = chat(server, secret, LeadsTest::uniquePhone(), QStringLiteral("price?"));
    REQUIRE(quiet.status == 201);
    QTest::qWait(1500);
    CHECK(serverLead(server, team.admin, quiet.json.value(QStringLiteral("leadId")).toString())
              .value(QStringLiteral("aiScore"))
              .isNull());
}

LEADS_SERVER_SCENARIO(scoringScenario4, "Scores written after an assignment do not hide a returning lead's history", "[scoring][server][e2e]")
{
    // Every write is followed by a score write with a later change number; a lead that
    // comes back into an agent's scope must still bring its whole timeline.
    SyncTeam team;
    const QString lead = team.lead();
    const QString other = team.server.createUser(team.admin, QStringLiteral("olga"), QStringLiteral("agent"));
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr);
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(andy.sync());
    REQUIRE(mona.sync());
    REQUIRE(mona.service->assign(lead, other));
    REQUIRE(mona.service->addNote(lead, QStringLiteral("Olga's lead now")));
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    CHECK(andy.leads() == 0);
    REQUIRE(mona.service->assign(lead, team.agentId));
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());

    QStringList local;
    QSqlQuery q(andy.db->connection());
    q.prepare(QStringLiteral("SELECT kind FROM interactions WHERE lead_id = ?"));
    q.addBindValue(lead);
    REQUIRE(q.exec());
    while (q.next())
        local << q.value(0).toString();
    const QJsonObject server = team.serverLead(lead);
    QStringList remote;
    const QJsonArray timeline = server.value(QStringLiteral("timeline")).toArray();
    for (const QJsonValue &v : timeline)
        remote << v.toObject().value(QStringLiteral("kind")).toString();
    local.sort();
    remote.sort();
    CHECK(local == remote);
    const int serverScore = server.value(QStringLiteral("lead")).toObject().value(QStringLiteral("aiScore")).toInt(-1);
    CHECK(serverScore >= 0);
    CHECK(::local(*andy.db, lead).aiScore == serverScore);
}

TEST_CASE("the scoring scenarios pass on PostgreSQL too", "[.][scoring][postgres]")
{
    const QString why = LeadsTest::PostgresBackend::activate();
    if (!why.isEmpty()) {
        std::cout << "skipped: PostgreSQL scoring tests: " << why.toStdString() << std::endl;
        WARN("skipped: " << why.toStdString());
        LeadsTest::PostgresBackend::shutdown();
        return;
    }
    const auto &scenarios = LeadsTest::portableScenarios();
    REQUIRE(scenarios.size() >= 4);
    for (const auto &scenario : scenarios) {
        INFO("PostgreSQL scenario: " << scenario.name);
        scenario.run();
    }
    LeadsTest::PostgresBackend::shutdown();
}
