// SPDX-License-Identifier: GPL-3.0-or-later
// Roles and rules over the API: every lead action as every role on its own, someone
// else's and unassigned leads, the admin-editable matrix, and final-state refusals.
#include "test_serverharness.h"
#include "testsupport.h"

#include <QJsonArray>

#include <map>
#include <set>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;

namespace {

struct Team {
    QString admin, manager, agent, other; // access tokens
    QString adminId, managerId, agentId, otherId; // user ids
};

Team makeTeam(ServerHarness &server)
{
    Team t;
    t.admin = server.adminToken();
    t.adminId = server.request("GET", QStringLiteral("/v1/me"), {}, t.admin)
                    .json.value(QStringLiteral("user"))
                    .toObject()
                    .value(QStringLiteral("id"))
                    .toString();
    t.managerId = server.createUser(t.admin, QStringLiteral("mona"), QStringLiteral("manager"));
    t.agentId = server.createUser(t.admin, QStringLiteral("andy"), QStringLiteral("agent"));
    t.otherId = server.createUser(t.admin, QStringLiteral("olga"), QStringLiteral("agent"));
    t.manager = server.login(QStringLiteral("mona"), server.userPassword(QStringLiteral("mona")));
    t.agent = server.login(QStringLiteral("andy"), server.userPassword(QStringLiteral("andy")));
    t.other = server.login(QStringLiteral("olga"), server.userPassword(QStringLiteral("olga")));
    return t;
}

QJsonObject leadOf(const HttpReply &r)
{
    return r.json.value(QStringLiteral("lead")).toObject();
}

HttpReply act(ServerHarness &server, const QString &token, const QString &action, const QString &leadId,
              const QString &assignTo)
{
    const QString base = QStringLiteral("/v1/leads/") + leadId;
    if (action == QLatin1String("view"))
        return server.request("GET", base, {}, token);
    if (action == QLatin1String("status"))
        return server.request("POST", base + QStringLiteral("/status"),
                              {{QStringLiteral("to"), QStringLiteral("contacted")}}, token);
    if (action == QLatin1String("assign"))
        return server.request("POST", base + QStringLiteral("/assign"),
                              {{QStringLiteral("assigneeId"), assignTo}}, token);
    if (action == QLatin1String("qualify"))
        return server.request("POST", base + QStringLiteral("/qualify"), {{QStringLiteral("score"), 70}},
                              token);
    if (action == QLatin1String("note"))
        return server.request("POST", base + QStringLiteral("/notes"),
                              {{QStringLiteral("text"), QStringLiteral("Called back")}}, token);
    if (action == QLatin1String("followUp"))
        return server.request("POST", base + QStringLiteral("/follow-up"),
                              {{QStringLiteral("at"), QStringLiteral("2030-01-02T09:00:00Z")}}, token);
    return {};
}

} // namespace

LEADS_SERVER_SCENARIO(accessScenario1, "role x action matrix on own, others' and unassigned leads",
                      "[server][access]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const Team t = makeTeam(server);
    REQUIRE(!t.agent.isEmpty());
    REQUIRE(!t.manager.isEmpty());

    struct Expect {
        int status;
        const char *code; // for refusals
    };
    const Expect ok {200, ""};
    const Expect scope {403, "out_of_scope"};
    const Expect denied {403, "permission_denied"};
    // role -> ownership -> action -> expected outcome (the product's default permissions)
    const std::map<QString, std::map<QString, std::map<QString, Expect>>> expected = {
        {QStringLiteral("agent"),
         {{QStringLiteral("own"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), denied},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}},
          {QStringLiteral("others"),
           {{QStringLiteral("view"), scope},
            {QStringLiteral("status"), scope},
            {QStringLiteral("assign"), denied},
            {QStringLiteral("qualify"), scope},
            {QStringLiteral("note"), scope},
            {QStringLiteral("followUp"), scope}}},
          {QStringLiteral("unassigned"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), denied},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}}}},
        {QStringLiteral("manager"),
         {{QStringLiteral("own"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}},
          {QStringLiteral("others"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}},
          {QStringLiteral("unassigned"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}}}},
        {QStringLiteral("admin"),
         {{QStringLiteral("own"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}},
          {QStringLiteral("others"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}},
          {QStringLiteral("unassigned"),
           {{QStringLiteral("view"), ok},
            {QStringLiteral("status"), ok},
            {QStringLiteral("assign"), ok},
            {QStringLiteral("qualify"), ok},
            {QStringLiteral("note"), ok},
            {QStringLiteral("followUp"), ok}}}}},
    };
    const std::map<QString, std::pair<QString, QString>> actors = {
        {QStringLiteral("agent"), {t.agent, t.agentId}},
        {QStringLiteral("manager"), {t.manager, t.managerId}},
        {QStringLiteral("admin"), {t.admin, t.adminId}},
    };

    int cells = 0;
    for (const auto &[role, byOwner] : expected) {
        const auto &[token, selfId] = actors.at(role);
        for (const auto &[owner, byAction] : byOwner) {
            for (const auto &[action, want] : byAction) {
                const QString assignee = owner == QLatin1String("own") ? selfId
                    : owner == QLatin1String("others")                 ? t.otherId
                                                                       : QString();
                QJsonObject fields;
                if (!assignee.isEmpty())
                    fields.insert(QStringLiteral("assigneeId"), assignee);
                const QString leadId = server.createLead(t.admin, fields);
                REQUIRE(!leadId.isEmpty());
                const QString target = assignee == t.agentId ? t.managerId : t.agentId;
                const HttpReply r = act(server, token, action, leadId, target);
                INFO(role.toStdString() << " / " << owner.toStdString() << " / " << action.toStdString()
                                        << " -> " << r.status << " " << r.body.toStdString());
                CHECK(r.status == want.status);
                if (want.status != 200) {
                    CHECK(r.errorCode() == QLatin1String(want.code));
                    CHECK(r.hasErrorShape());
                    // A refused action leaves the lead as it was.
                    const QJsonObject after
                        = leadOf(server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, t.admin));
                    CHECK(after.value(QStringLiteral("versions"))
                              .toObject()
                              .value(QStringLiteral("row"))
                              .toInt()
                          == 1);
                }
                ++cells;
            }
        }
    }
    CHECK(cells == 54);

    // Creating: everyone may; assigning to someone else at creation needs the assign right.
    for (const auto &[role, who] : actors)
        CHECK(server
                  .request(
                      "POST", QStringLiteral("/v1/leads"),
                      {{QStringLiteral("name"), role}, {QStringLiteral("phone"), LeadsTest::uniquePhone()}},
                      who.first)
                  .status
              == 201);
    const HttpReply pushy = server.request("POST", QStringLiteral("/v1/leads"),
                                           {{QStringLiteral("name"), QStringLiteral("Pushy")},
                                            {QStringLiteral("phone"), LeadsTest::uniquePhone()},
                                            {QStringLiteral("assigneeId"), t.otherId}},
                                           t.agent);
    CHECK(pushy.status == 403);
    CHECK(pushy.errorCode() == QStringLiteral("permission_denied"));
    CHECK(pushy.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("permission")).toString()
          == QStringLiteral("assign"));
}

LEADS_SERVER_SCENARIO(accessScenario2, "the lead list shows an agent only their own and unassigned leads",
                      "[server][access]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const Team t = makeTeam(server);
    const QString mine = server.createLead(t.admin, {{QStringLiteral("assigneeId"), t.agentId}});
    const QString theirs = server.createLead(t.admin, {{QStringLiteral("assigneeId"), t.otherId}});
    const QString pool = server.createLead(t.admin, {});

    const auto ids = [&](const QString &token, const QString &query = {}) {
        std::set<QString> out;
        const HttpReply r = server.request("GET", QStringLiteral("/v1/leads") + query, {}, token);
        const QJsonArray leads = r.json.value(QStringLiteral("leads")).toArray();
        for (const QJsonValue &v : leads)
            out.insert(v.toObject().value(QStringLiteral("id")).toString());
        return out;
    };
    CHECK(ids(t.agent) == std::set<QString> {mine, pool});
    CHECK(ids(t.manager) == std::set<QString> {mine, theirs, pool});
    CHECK(ids(t.agent, QStringLiteral("?assignee=@me")) == std::set<QString> {mine});
    CHECK(ids(t.manager, QStringLiteral("?assignee=@unassigned")) == std::set<QString> {pool});

    // An admin takes the unassigned pool away from agents: the list and the actions follow.
    HttpReply matrix = server.request("GET", QStringLiteral("/v1/permissions"), {}, t.admin);
    QJsonObject perms = matrix.json.value(QStringLiteral("permissions")).toObject();
    QJsonArray agentPerms;
    for (const QJsonValue &v : perms.value(QStringLiteral("agent")).toArray())
        if (v.toString() != QLatin1String("view_unassigned"))
            agentPerms.append(v);
    perms.insert(QStringLiteral("agent"), agentPerms);
    const HttpReply managerTry = server.request("PUT", QStringLiteral("/v1/permissions"),
                                                {{QStringLiteral("permissions"), perms}}, t.manager);
    CHECK(managerTry.status == 403);
    CHECK(managerTry.json.value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("permission"))
              .toString()
          == QStringLiteral("manage_permissions"));
    REQUIRE(server
                .request("PUT", QStringLiteral("/v1/permissions"), {{QStringLiteral("permissions"), perms}},
                         t.admin)
                .status
            == 200);
    CHECK(ids(t.agent) == std::set<QString> {mine});
    CHECK(act(server, t.agent, QStringLiteral("note"), pool, {}).errorCode()
          == QStringLiteral("out_of_scope"));
}

LEADS_SERVER_SCENARIO(accessScenario3,
                      "admin-only endpoints refuse the other roles with the permission named",
                      "[server][access]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const Team t = makeTeam(server);
    const HttpReply roles = server.request("GET", QStringLiteral("/v1/roles"), {}, t.agent);
    REQUIRE(roles.status == 200);
    const QJsonArray roleList = roles.json.value(QStringLiteral("roles")).toArray();
    REQUIRE(roleList.size() == 3);
    CHECK(roleList.at(0).toObject().value(QStringLiteral("id")).toString() == QStringLiteral("agent"));
    CHECK(roleList.at(2).toObject().value(QStringLiteral("permissions")).toArray().size() == 13);
    const HttpReply agentUsers = server.request("GET", QStringLiteral("/v1/users"), {}, t.agent);
    CHECK(agentUsers.status == 403);
    CHECK(server.request("GET", QStringLiteral("/v1/users"), {}, t.manager).status == 200);
    const HttpReply managerCreate
        = server.request("POST", QStringLiteral("/v1/users"),
                         {{QStringLiteral("username"), QStringLiteral("sneaky")},
                          {QStringLiteral("displayName"), QStringLiteral("S")},
                          {QStringLiteral("role"), QStringLiteral("admin")},
                          {QStringLiteral("password"), QStringLiteral("long-enough-pass")}},
                         t.manager);
    CHECK(managerCreate.status == 403);
    CHECK(managerCreate.json.value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("permission"))
              .toString()
          == QStringLiteral("manage_users"));
    const QJsonObject change {{QStringLiteral("lostReasons"),
                               QJsonArray {QStringLiteral("Too expensive"), QStringLiteral("Went silent")}}};
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"), change, t.manager).status == 403);
    const HttpReply saved = server.request("PATCH", QStringLiteral("/v1/settings"), change, t.admin);
    REQUIRE(saved.status == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/settings"), {}, t.agent)
              .json.value(QStringLiteral("settings"))
              .toObject()
              .value(QStringLiteral("lostReasons"))
              .toArray()
          == QJsonArray {QStringLiteral("Too expensive"), QStringLiteral("Went silent")});
    // The new reasons are the ones a move to Lost accepts.
    const QString lead = server.createLead(t.admin, {});
    const HttpReply oldReason
        = server.request("POST", QStringLiteral("/v1/leads/") + lead + QStringLiteral("/status"),
                         {{QStringLiteral("to"), QStringLiteral("lost")},
                          {QStringLiteral("reason"), QStringLiteral("No budget")}},
                         t.admin);
    CHECK(oldReason.status == 400);
    CHECK(oldReason.errorCode() == QStringLiteral("unknown_lost_reason"));
    CHECK(server
              .request("POST", QStringLiteral("/v1/leads/") + lead + QStringLiteral("/status"),
                       {{QStringLiteral("to"), QStringLiteral("lost")},
                        {QStringLiteral("reason"), QStringLiteral("Went silent")}},
                       t.admin)
              .status
          == 200);
}

LEADS_SERVER_SCENARIO(accessScenario4, "final leads refuse changes over the API; notes stay possible",
                      "[server][rules]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const Team t = makeTeam(server);
    for (const QString &finalStatus :
         {QStringLiteral("converted"), QStringLiteral("archived"), QStringLiteral("lost")}) {
        const QString lead = server.createLead(t.admin, {{QStringLiteral("assigneeId"), t.agentId}});
        const QString base = QStringLiteral("/v1/leads/") + lead;
        QJsonObject move {{QStringLiteral("to"), finalStatus}};
        if (finalStatus == QLatin1String("lost"))
            move.insert(QStringLiteral("reason"), QStringLiteral("No budget"));
        REQUIRE(server.request("POST", base + QStringLiteral("/status"), move, t.agent).status == 200);

        for (const QString &token : {t.agent, t.admin}) {
            const HttpReply status = server.request("POST", base + QStringLiteral("/status"),
                                                    {{QStringLiteral("to"), QStringLiteral("new")}}, token);
            CHECK(status.status == 409);
            CHECK(status.errorCode() == QStringLiteral("final_state"));
            CHECK(status.json.value(QStringLiteral("error"))
                      .toObject()
                      .value(QStringLiteral("current"))
                      .toObject()
                      .value(QStringLiteral("status"))
                      .toString()
                  == finalStatus);
            CHECK(server
                      .request("POST", base + QStringLiteral("/qualify"), {{QStringLiteral("score"), 10}},
                               token)
                      .errorCode()
                  == QStringLiteral("final_state"));
            CHECK(server
                      .request("POST", base + QStringLiteral("/follow-up"),
                               {{QStringLiteral("at"), QStringLiteral("2031-01-01T00:00:00Z")}}, token)
                      .errorCode()
                  == QStringLiteral("final_state"));
        }
        CHECK(server
                  .request("POST", base + QStringLiteral("/assign"),
                           {{QStringLiteral("assigneeId"), t.otherId}}, t.admin)
                  .errorCode()
              == QStringLiteral("final_state"));
        CHECK(server
                  .request("POST", base + QStringLiteral("/notes"),
                           {{QStringLiteral("text"), QStringLiteral("For the record")}}, t.agent)
                  .status
              == 200);
    }
}

LEADS_SERVER_SCENARIO(accessScenario5,
                      "lead rules over the API: lost reason, stale versions, duplicates, score range",
                      "[server][rules]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const Team t = makeTeam(server);
    const QString phone = LeadsTest::uniquePhone();
    const HttpReply created = server.request(
        "POST", QStringLiteral("/v1/leads"),
        {{QStringLiteral("name"), QStringLiteral("Dana")}, {QStringLiteral("phone"), phone}}, t.admin);
    REQUIRE(created.status == 201);
    const QString lead = leadOf(created).value(QStringLiteral("id")).toString();
    const QString base = QStringLiteral("/v1/leads/") + lead;
    const qint64 firstSeq = created.json.value(QStringLiteral("appliedSeq")).toInteger();

    const HttpReply noReason = server.request("POST", base + QStringLiteral("/status"),
                                              {{QStringLiteral("to"), QStringLiteral("lost")}}, t.admin);
    CHECK(noReason.status == 400);
    CHECK(noReason.errorCode() == QStringLiteral("lost_reason_required"));
    CHECK(noReason.errorField() == QStringLiteral("reason"));

    const HttpReply moved = server.request(
        "POST", base + QStringLiteral("/status"),
        {{QStringLiteral("to"), QStringLiteral("contacted")}, {QStringLiteral("baseVersion"), 1}}, t.admin);
    REQUIRE(moved.status == 200);
    CHECK(moved.json.value(QStringLiteral("appliedSeq")).toInteger() > firstSeq);
    CHECK(leadOf(moved).value(QStringLiteral("versions")).toObject().value(QStringLiteral("status")).toInt()
          == 2);
    const HttpReply stale = server.request(
        "POST", base + QStringLiteral("/status"),
        {{QStringLiteral("to"), QStringLiteral("qualified")}, {QStringLiteral("baseVersion"), 1}}, t.admin);
    CHECK(stale.status == 409);
    CHECK(stale.errorCode() == QStringLiteral("stale_status"));
    const HttpReply same = server.request("POST", base + QStringLiteral("/status"),
                                          {{QStringLiteral("to"), QStringLiteral("contacted")}}, t.admin);
    CHECK(same.status == 409);
    CHECK(same.errorCode() == QStringLiteral("same_status"));

    REQUIRE(server
                .request("POST", base + QStringLiteral("/assign"),
                         {{QStringLiteral("assigneeId"), t.agentId}}, t.manager)
                .status
            == 200);
    const HttpReply staleAssign = server.request(
        "POST", base + QStringLiteral("/assign"),
        {{QStringLiteral("assigneeId"), t.otherId}, {QStringLiteral("baseAssigneeId"), QJsonValue()}},
        t.manager);
    CHECK(staleAssign.status == 409);
    CHECK(staleAssign.errorCode() == QStringLiteral("stale_assignee"));
    CHECK(staleAssign.json.value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("ANDY")));

    const HttpReply duplicate = server.request(
        "POST", QStringLiteral("/v1/leads"),
        {{QStringLiteral("name"), QStringLiteral("Dana again")}, {QStringLiteral("phone"), phone}}, t.admin);
    CHECK(duplicate.status == 409);
    CHECK(duplicate.errorCode() == QStringLiteral("duplicate_active_lead"));
    CHECK(duplicate.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("leadId")).toString()
          == lead);

    const HttpReply score = server.request("POST", base + QStringLiteral("/qualify"),
                                           {{QStringLiteral("score"), 101}}, t.admin);
    CHECK(score.status == 400);
    CHECK(score.errorCode() == QStringLiteral("score_out_of_range"));
    CHECK(score.errorField() == QStringLiteral("score"));

    // The same mutation names and arguments the client's outbox holds.
    const HttpReply raw
        = server.request("POST", QStringLiteral("/v1/mutations"),
                         {{QStringLiteral("name"), QStringLiteral("lead.qualify")},
                          {QStringLiteral("args"),
                           QJsonObject {{QStringLiteral("leadId"), lead}, {QStringLiteral("score"), 64}}}},
                         t.agent);
    CHECK(raw.status == 200);
    CHECK(leadOf(raw).value(QStringLiteral("score")).toInt() == 64);
    CHECK(server
              .request("POST", QStringLiteral("/v1/mutations"),
                       {{QStringLiteral("name"), QStringLiteral("lead.delete")},
                        {QStringLiteral("args"), QJsonObject {}}},
                       t.admin)
              .errorField()
          == QStringLiteral("name"));

    const HttpReply detail = server.request("GET", base, {}, t.agent);
    const QJsonArray timeline = detail.json.value(QStringLiteral("timeline")).toArray();
    CHECK(timeline.size() == 4); // created, status change, assignment, qualification
    CHECK(timeline.at(0).toObject().value(QStringLiteral("kind")).toString()
          == QStringLiteral("qualification"));
}

LEADS_SERVER_SCENARIO(accessScenario6, "lead list pages by keyset without gaps or repeats", "[server][leads]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    std::set<QString> all;
    for (int i = 0; i < 7; ++i)
        all.insert(server.createLead(admin, {{QStringLiteral("name"), QStringLiteral("Lead %1").arg(i)}}));
    for (const QString &sort : {QStringLiteral("activity"), QStringLiteral("name"), QStringLiteral("score"),
                                QStringLiteral("created")}) {
        std::set<QString> seen;
        QString cursor;
        int pages = 0;
        do {
            const HttpReply page
                = server.request("GET",
                                 QStringLiteral("/v1/leads?limit=3&sort=") + sort
                                     + (cursor.isEmpty() ? QString() : QStringLiteral("&after=") + cursor),
                                 {}, admin);
            REQUIRE(page.status == 200);
            for (const QJsonValue &v : page.json.value(QStringLiteral("leads")).toArray())
                CHECK(seen.insert(v.toObject().value(QStringLiteral("id")).toString()).second);
            cursor = page.json.value(QStringLiteral("nextCursor")).toString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        CHECK(pages == 3);
        CHECK(seen == all);
    }
    const HttpReply bad = server.request("GET", QStringLiteral("/v1/leads?after=bm9wZQ"), {}, admin);
    CHECK(bad.status == 400);
    CHECK(bad.errorField() == QStringLiteral("after"));
    CHECK(server.request("GET", QStringLiteral("/v1/leads?status=won"), {}, admin).errorField()
          == QStringLiteral("status"));
    CHECK(server.request("GET", QStringLiteral("/v1/leads?colour=red"), {}, admin).errorField()
          == QStringLiteral("colour"));
}

LEADS_SERVER_SCENARIO(accessScenario7,
                      "sample data: the client's sample team and leads, workable over the API",
                      "[server][leads]")
{
    ServerHarness::Options options;
    options.extraArgs = {QStringLiteral("--sample-data"), QStringLiteral("60")};
    ServerHarness server(options);
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const HttpReply users = server.request("GET", QStringLiteral("/v1/users"), {}, admin);
    const QJsonArray roster = users.json.value(QStringLiteral("users")).toArray();
    CHECK(roster.size() > 3);
    QString agentId, agentName;
    for (const QJsonValue &u : roster) {
        if (u.toObject().value(QStringLiteral("role")).toString() == QLatin1String("agent")) {
            agentId = u.toObject().value(QStringLiteral("id")).toString();
            agentName = u.toObject().value(QStringLiteral("username")).toString();
            break;
        }
    }
    REQUIRE(!agentId.isEmpty());
    // Sample accounts cannot sign in until an admin gives them a password.
    CHECK(server.loginReply(agentName, QStringLiteral("anything-at-all")).status == 401);

    int total = 0;
    QString cursor;
    QString activeLead;
    do {
        const HttpReply page
            = server.request("GET",
                             QStringLiteral("/v1/leads?limit=200&finality=active")
                                 + (cursor.isEmpty() ? QString() : QStringLiteral("&after=") + cursor),
                             {}, admin);
        REQUIRE(page.status == 200);
        const QJsonArray leads = page.json.value(QStringLiteral("leads")).toArray();
        total += int(leads.size());
        if (activeLead.isEmpty() && !leads.isEmpty())
            activeLead = leads.first().toObject().value(QStringLiteral("id")).toString();
        cursor = page.json.value(QStringLiteral("nextCursor")).toString();
    } while (!cursor.isEmpty());
    CHECK(total > 0);
    CHECK(total <= 60);
    REQUIRE(!activeLead.isEmpty());
    const HttpReply detail = server.request("GET", QStringLiteral("/v1/leads/") + activeLead, {}, admin);
    CHECK(detail.json.value(QStringLiteral("timeline")).toArray().size() >= 1);

    const HttpReply assigned
        = server.request("POST", QStringLiteral("/v1/leads/") + activeLead + QStringLiteral("/assign"),
                         {{QStringLiteral("assigneeId"), agentId}}, admin);
    const bool already = assigned.errorCode() == QStringLiteral("same_status");
    CHECK((assigned.status == 200 || already));
    REQUIRE(server
                .request("PATCH", QStringLiteral("/v1/users/") + agentId,
                         {{QStringLiteral("password"), QStringLiteral("sample-agent-pass")}}, admin)
                .status
            == 200);
    const QString agent = server.login(agentName, QStringLiteral("sample-agent-pass"));
    REQUIRE(!agent.isEmpty());
    CHECK(server.request("GET", QStringLiteral("/v1/leads/") + activeLead, {}, agent).status == 200);
}
