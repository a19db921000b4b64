// SPDX-License-Identifier: GPL-3.0-or-later
// Stale-lead limits and views shared by a manager live on the team server: saved there by
// one client, seen by every other client after a refresh, refused to those not allowed,
// and hostile input is refused with nothing stored.
#include "test_serverharness.h"
#include "testsupport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "savedviewscontroller.h"
#include "sidebar.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/savedviews.h"
#include "teamsettings.h"

#include <QAction>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTest>

#include <functional>
#include <memory>

using namespace Leads;
using LeadsTest::waitFor;
using LeadsTest::ServerHarness;

namespace {

// One client signed in to the server: its own local database mirrored from the team.
struct Client
{
    Client(ServerHarness &server, const Actor &actor, QString token)
        : db(LeadsTest::memoryDatabase()), clock(LeadsTest::fixedNow()), service(*db, actor, clock),
          accessToken(std::move(token)),
          team(service, &nam, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())),
               [this] { return accessToken; })
    {
    }

    // Refreshes the team settings from the server; the error, empty on success.
    QString refresh()
    {
        bool finished = false;
        QString error;
        team.load([&](const QString &e) {
            error = e;
            finished = true;
        });
        if (!waitFor([&] { return finished; }))
            return QStringLiteral("no answer");
        return error;
    }

    std::unique_ptr<Database> db;
    FixedClock clock;
    LeadService service;
    QString accessToken;
    QNetworkAccessManager nam;
    ServerTeamSettings team;
};

QAction *action(QMenu *menu, const QString &objectName)
{
    if (!menu)
        return nullptr;
    for (QAction *a : menu->actions()) {
        if (a->objectName() == objectName)
            return a;
    }
    return nullptr;
}

QJsonObject settingsOf(ServerHarness &server, const QString &token)
{
    return server.request("GET", QStringLiteral("/v1/settings"), {}, token).json.value(QStringLiteral("settings")).toObject();
}

} // namespace

TEST_CASE("An admin's stale limits are kept by the server and reach every client", "[teamviews][e2e]")
{
    QStandardPaths::setTestModeEnabled(true);
    ServerHarness server;
    REQUIRE(server.start());
    const QString adminToken = server.adminToken();
    const QString agentId = server.createUser(adminToken, QStringLiteral("sam"), QStringLiteral("agent"));
    const QString agentToken = server.login(QStringLiteral("sam"), server.userPassword(QStringLiteral("sam")));
    REQUIRE_FALSE(agentToken.isEmpty());

    Client admin(server, {QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, adminToken);
    REQUIRE(admin.refresh().isEmpty());
    StaleRules rules;
    rules.setMaxAgeHours(LeadStatus::Contacted, 72);
    rules.setMaxAgeHours(LeadStatus::New, 24);
    QString error = QStringLiteral("pending");
    admin.team.saveStaleRules(rules, [&](const QString &e) { error = e; });
    REQUIRE(waitFor([&] { return error != u"pending"; }));
    REQUIRE(error.isEmpty());
    CHECK(admin.team.staleRules() == rules);

    // On the server, not only in this client's database.
    const QJsonObject stored = settingsOf(server, adminToken).value(QStringLiteral("staleRules")).toObject();
    CHECK(StaleRules::fromJson(stored) == rules);
    CHECK(stored.value(QStringLiteral("contacted")).toInt() == 72);

    // Another computer follows after its refresh.
    Client agent(server, {agentId, QStringLiteral("Sam"), Role::Agent}, agentToken);
    CHECK(agent.team.staleRules().isEmpty());
    REQUIRE(agent.refresh().isEmpty());
    CHECK(agent.team.staleRules() == rules);
    CHECK(StaleRules::fromSetting(agent.service.setting(StaleRules::settingKey())) == rules);

    // An agent cannot change them: the server refuses and the mirror keeps the team's.
    StaleRules mine;
    mine.setMaxAgeHours(LeadStatus::Contacted, 1);
    error = QStringLiteral("pending");
    agent.team.saveStaleRules(mine, [&](const QString &e) { error = e; });
    REQUIRE(waitFor([&] { return error != u"pending"; }));
    CHECK_FALSE(error.isEmpty());
    CHECK(agent.team.staleRules() == rules);
    CHECK(StaleRules::fromJson(settingsOf(server, adminToken).value(QStringLiteral("staleRules")).toObject()) == rules);

    // Clearing every limit on the server clears them in the other client too.
    error = QStringLiteral("pending");
    admin.team.saveStaleRules(StaleRules(), [&](const QString &e) { error = e; });
    REQUIRE(waitFor([&] { return error != u"pending"; }));
    REQUIRE(error.isEmpty());
    REQUIRE(agent.refresh().isEmpty());
    CHECK(agent.team.staleRules().isEmpty());
}

TEST_CASE("A manager shares a view with the team; agents see it but cannot share", "[teamviews][e2e][gui]")
{
    QStandardPaths::setTestModeEnabled(true);
    ServerHarness server;
    REQUIRE(server.start());
    const QString adminToken = server.adminToken();
    const QString managerId = server.createUser(adminToken, QStringLiteral("maria"), QStringLiteral("manager"));
    const QString agentId = server.createUser(adminToken, QStringLiteral("sam"), QStringLiteral("agent"));
    const QString managerToken = server.login(QStringLiteral("maria"), server.userPassword(QStringLiteral("maria")));
    const QString agentToken = server.login(QStringLiteral("sam"), server.userPassword(QStringLiteral("sam")));
    REQUIRE_FALSE(managerToken.isEmpty());
    REQUIRE_FALSE(agentToken.isEmpty());

    // The manager's client: the Leads page with its sidebar, signed in to the server.
    const Actor managerActor{managerId, QStringLiteral("Maria Lopez"), Role::Manager};
    Client manager(server, managerActor, managerToken);
    REQUIRE(manager.refresh().isEmpty());
    Sidebar managerBar(managerActor);
    managerBar.addEntry(QStringLiteral("leads"), QStringLiteral("Leads"), QIcon());
    LeadsPage managerPage(manager.service, manager.clock);
    managerPage.attachSidebar(&managerBar);
    SavedViewsController *views = managerPage.savedViews();
    REQUIRE(views);

    ViewState state;
    state.filter.statuses = {LeadStatus::New, LeadStatus::Contacted};
    state.filter.search = QStringLiteral("berlin");
    state.sortKey = QStringLiteral("company");
    state.descending = false;
    managerPage.applyViewState(state);
    const QString own = views->saveAs(QStringLiteral("Berlin pipeline"));
    REQUIRE_FALSE(own.isEmpty());
    const ViewState saved = views->view(own)->state;

    // Standalone (no server): nothing to share with.
    std::unique_ptr<QMenu> offline(managerBar.viewMenu(own));
    CHECK(action(offline.get(), QStringLiteral("shareView")) == nullptr);

    views->setTeamSettings(&manager.team);
    std::unique_ptr<QMenu> menu(managerBar.viewMenu(own));
    QAction *share = action(menu.get(), QStringLiteral("shareView"));
    REQUIRE(share);
    QString said;
    QObject::connect(views, &SavedViewsController::message, views, [&](const QString &text) { said = text; });
    share->trigger();
    REQUIRE(waitFor([&] { return !said.isEmpty(); }));
    CHECK(said.contains(QStringLiteral("shared with the team")));

    const QJsonArray onServer = settingsOf(server, agentToken).value(QStringLiteral("teamViews")).toArray();
    REQUIRE(onServer.size() == 1);
    CHECK(onServer.at(0).toObject().value(QStringLiteral("name")).toString() == u"Berlin pipeline");
    CHECK(ViewState::fromJson(onServer.at(0).toObject().value(QStringLiteral("view")).toObject()) == saved);
    // The manager's own sidebar lists it as a team view too.
    CHECK(managerBar.viewIds().contains(QStringLiteral("team:Berlin pipeline")));

    // The agent's client lists it under Leads after a refresh, read only, and offers no sharing.
    const Actor agentActor{agentId, QStringLiteral("Sam Carter"), Role::Agent};
    Client agent(server, agentActor, agentToken);
    Sidebar agentBar(agentActor);
    agentBar.addEntry(QStringLiteral("leads"), QStringLiteral("Leads"), QIcon());
    LeadsPage agentPage(agent.service, agent.clock);
    agentPage.attachSidebar(&agentBar);
    agentPage.savedViews()->setTeamSettings(&agent.team);
    CHECK_FALSE(agentBar.viewIds().contains(QStringLiteral("team:Berlin pipeline")));
    REQUIRE(agent.refresh().isEmpty());
    CHECK(agentBar.viewIds().contains(QStringLiteral("team:Berlin pipeline")));
    const auto teamViews = SavedViews(agent.db->connection(), agentId).team();
    REQUIRE(teamViews);
    REQUIRE(teamViews.value().size() == 1);
    CHECK(teamViews.value().at(0).name == u"Berlin pipeline");
    CHECK(teamViews.value().at(0).state == saved);
    REQUIRE(agentPage.savedViews()->apply(QStringLiteral("team:Berlin pipeline")));
    CHECK(agentPage.viewState().filter.search == u"berlin");

    CHECK(agentBar.viewMenu(QStringLiteral("team:Berlin pipeline")) == nullptr);
    const QString agentOwn = agentPage.savedViews()->saveAs(QStringLiteral("Mine"));
    REQUIRE_FALSE(agentOwn.isEmpty());
    std::unique_ptr<QMenu> agentMenu(agentBar.viewMenu(agentOwn));
    REQUIRE(agentMenu);
    CHECK(action(agentMenu.get(), QStringLiteral("shareView")) == nullptr);
    CHECK_FALSE(agentPage.savedViews()->share(agentOwn));

    // The server refuses an agent who shares anyway.
    const QJsonArray attempt{QJsonObject{{QStringLiteral("name"), QStringLiteral("Mine")},
                                         {QStringLiteral("view"), QJsonObject{}}}};
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("teamViews"), attempt}}, agentToken).status
          == 403);
    QString error = QStringLiteral("pending");
    agent.team.shareView(QStringLiteral("Mine"), {}, [&](const QString &e) { error = e; });
    REQUIRE(waitFor([&] { return error != u"pending"; }));
    CHECK_FALSE(error.isEmpty());
    // Sharing views does not open the rest of the team settings to managers.
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"),
                         {{QStringLiteral("teamViews"), attempt},
                          {QStringLiteral("lostReasons"), QJsonArray{QStringLiteral("Gone")}}},
                         managerToken)
              .status
          == 403);
    CHECK(settingsOf(server, adminToken).value(QStringLiteral("teamViews")).toArray().size() == 1);

    // Sharing again under the same name replaces it; stopping removes it everywhere.
    said.clear();
    REQUIRE(views->share(own));
    REQUIRE(waitFor([&] { return !said.isEmpty(); }));
    CHECK(settingsOf(server, adminToken).value(QStringLiteral("teamViews")).toArray().size() == 1);

    std::unique_ptr<QMenu> teamMenu(managerBar.viewMenu(QStringLiteral("team:Berlin pipeline")));
    QAction *stop = action(teamMenu.get(), QStringLiteral("stopSharingView"));
    REQUIRE(stop);
    said.clear();
    stop->trigger();
    REQUIRE(waitFor([&] { return !said.isEmpty(); }));
    CHECK(said.contains(QStringLiteral("no longer shared")));
    CHECK(settingsOf(server, adminToken).value(QStringLiteral("teamViews")).toArray().isEmpty());
    CHECK_FALSE(managerBar.viewIds().contains(QStringLiteral("team:Berlin pipeline")));
    REQUIRE(agent.refresh().isEmpty());
    CHECK_FALSE(agentBar.viewIds().contains(QStringLiteral("team:Berlin pipeline")));
    CHECK(agentBar.viewIds().contains(agentOwn)); // the agent's own view stays
}

TEST_CASE("The server refuses hostile team views and stale limits and stores nothing", "[teamviews][e2e]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();
    const QJsonArray good{QJsonObject{{QStringLiteral("name"), QStringLiteral("Kept")},
                                      {QStringLiteral("view"), QJsonObject{{QStringLiteral("sort"), QStringLiteral("company")}}}}};
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("teamViews"), good}}, token).status
            == 200);
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/settings"),
                           {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("contacted"), 72}}}}, token)
                .status
            == 200);
    const QJsonObject before = settingsOf(server, token);
    REQUIRE(before.value(QStringLiteral("teamViews")).toArray() == good);

    auto view = [](const QString &name, const QJsonObject &state) {
        return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("view"), state}};
    };
    const QJsonObject huge{{QStringLiteral("search"), QString(17 * 1024, u'x')}};
    QJsonArray fiftyOne;
    for (int i = 0; i < 51; ++i)
        fiftyOne.append(view(QStringLiteral("View %1").arg(i), {}));
    QJsonArray fifty = fiftyOne;
    fifty.removeLast();

    const QList<QPair<const char *, QJsonObject>> hostile = {
        {"oversized view", {{QStringLiteral("teamViews"), QJsonArray{view(QStringLiteral("Big"), huge)}}}},
        {"51 views", {{QStringLiteral("teamViews"), fiftyOne}}},
        {"list is a string", {{QStringLiteral("teamViews"), QStringLiteral("all")}}},
        {"entry is a string", {{QStringLiteral("teamViews"), QJsonArray{QStringLiteral("x")}}}},
        {"name is a number", {{QStringLiteral("teamViews"), QJsonArray{QJsonObject{{QStringLiteral("name"), 5}, {QStringLiteral("view"), QJsonObject{}}}}}}},
        {"view is a string", {{QStringLiteral("teamViews"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}, {QStringLiteral("view"), QStringLiteral("{}")}}}}}},
        {"empty name", {{QStringLiteral("teamViews"), QJsonArray{view(QStringLiteral("  "), {})}}}},
        {"duplicate names", {{QStringLiteral("teamViews"), QJsonArray{view(QStringLiteral("a"), {}), view(QStringLiteral("a"), {})}}}},
        {"extra field", {{QStringLiteral("teamViews"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("a")}, {QStringLiteral("view"), QJsonObject{}}, {QStringLiteral("owner"), 1}}}}}},
        {"stale limits a string", {{QStringLiteral("staleRules"), QStringLiteral("72")}}},
        {"stale limit a string", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("contacted"), QStringLiteral("abc")}}}}},
        {"stale limit negative", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("contacted"), -1}}}}},
        {"stale limit fractional", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("contacted"), 1.5}}}}},
        {"stale limit over a year", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("contacted"), 24 * 367}}}}},
        {"final status", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("won"), 5}}}}},
        {"unknown status", {{QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("sleeping"), 5}}}}},
        // One bad part refuses the whole request.
        {"good views, bad limits", {{QStringLiteral("teamViews"), fifty}, {QStringLiteral("staleRules"), QJsonObject{{QStringLiteral("won"), 5}}}}},
    };
    for (const auto &[what, body] : hostile) {
        INFO(what);
        const auto reply = server.request("PATCH", QStringLiteral("/v1/settings"), body, token);
        CHECK(reply.status == 400);
        CHECK(reply.hasErrorShape());
        CHECK(settingsOf(server, token) == before);
    }

    // At the bounds it is accepted.
    QJsonObject atLimit{{QStringLiteral("search"), QString(16 * 1024 - 13, u'y')}};
    REQUIRE(QJsonDocument(atLimit).toJson(QJsonDocument::Compact).size() == 16 * 1024);
    fifty.replace(0, view(QStringLiteral("View 0"), atLimit));
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("teamViews"), fifty}}, token).status
          == 200);
    CHECK(settingsOf(server, token).value(QStringLiteral("teamViews")).toArray().size() == 50);
}
