// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts and sessions against the real leads-server: bootstrap, sign-in, token expiry on
// an injected clock, refresh rotation with reuse detection, lockout, sign-out, deactivation.
#include "test_serverharness.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;

namespace {
QString str(const HttpReply &r, const char *key)
{
    return r.json.value(QLatin1String(key)).toString();
}
} // namespace

LEADS_SERVER_SCENARIO(authScenario1, "server refuses to start without any account", "[server][auth]")
{
    ServerHarness::Options options;
    options.bootstrap = false;
    ServerHarness server(options);
    REQUIRE_FALSE(server.start());
    const QByteArray log = server.stopAndCollectLog();
    CHECK(server.exitCode() == 2);
    CHECK(log.contains("--bootstrap-admin"));
}

LEADS_SERVER_SCENARIO(authScenario2,
                      "bootstrap admin signs in; wrong passwords and unknown users get the same 401",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const HttpReply ok = server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    REQUIRE(ok.status == 200);
    CHECK(str(ok, "tokenType") == QStringLiteral("Bearer"));
    CHECK(ok.json.value(QStringLiteral("expiresIn")).toInt() == 900);
    CHECK(ok.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("role")).toString()
          == QStringLiteral("admin"));
    CHECK(ok.header("Cache-Control") == "no-store");

    const HttpReply me = server.request("GET", QStringLiteral("/v1/me"), {}, str(ok, "accessToken"));
    REQUIRE(me.status == 200);
    CHECK(me.json.value(QStringLiteral("permissions")).toArray().contains(QStringLiteral("manage_users")));

    const HttpReply wrong = server.loginReply(QStringLiteral("admin"), QStringLiteral("not-the-password"));
    CHECK(wrong.status == 401);
    CHECK(wrong.errorCode() == QStringLiteral("invalid_credentials"));
    CHECK(wrong.hasErrorShape());
    const HttpReply unknown
        = server.loginReply(QStringLiteral("nobody"), QStringLiteral("whatever-password"));
    CHECK(unknown.status == 401);
    CHECK(unknown.errorCode() == QStringLiteral("invalid_credentials"));
    CHECK(unknown.json == wrong.json);
}

TEST_CASE("passwords are stored with PBKDF2-HMAC-SHA256 at 600,000 iterations by default", "[server][auth]")
{
    ServerHarness::Options options;
    options.pbkdf2Iterations = 0; // the production default, no test override
    ServerHarness server(options);
    REQUIRE(server.start());
    REQUIRE(server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword).status == 200);
    server.stopAndCollectLog();

    QString hash;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pbkdf2-check"));
        db.setDatabaseName(server.databasePath());
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(QStringLiteral("SELECT password_hash FROM users WHERE username = 'admin'")));
        REQUIRE(q.next());
        hash = q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pbkdf2-check"));
    CHECK(hash.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
    CHECK_FALSE(hash.contains(ServerHarness::kAdminPassword));
}

LEADS_SERVER_SCENARIO(authScenario3, "access tokens expire after 15 minutes and refresh tokens after 30 days",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const HttpReply login = server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    const QString access = str(login, "accessToken");
    const QString refresh = str(login, "refreshToken");

    server.setClockOffset(14 * 60);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, access).status == 200);
    server.setClockOffset(15 * 60 + 5);
    const HttpReply expired = server.request("GET", QStringLiteral("/v1/me"), {}, access);
    CHECK(expired.status == 401);
    CHECK(expired.errorCode() == QStringLiteral("token_expired"));
    CHECK(expired.header("WWW-Authenticate") == "Bearer");

    const HttpReply renewed = server.request("POST", QStringLiteral("/v1/auth/refresh"),
                                             {{QStringLiteral("refreshToken"), refresh}});
    REQUIRE(renewed.status == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, str(renewed, "accessToken")).status == 200);

    server.setClockOffset(31LL * 24 * 3600);
    const HttpReply old = server.request("POST", QStringLiteral("/v1/auth/refresh"),
                                         {{QStringLiteral("refreshToken"), str(renewed, "refreshToken")}});
    CHECK(old.status == 401);
    CHECK(old.errorCode() == QStringLiteral("token_expired"));
}

LEADS_SERVER_SCENARIO(authScenario4, "refresh tokens rotate and a reused one ends the session",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const HttpReply login = server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    const QString r1 = str(login, "refreshToken");
    const HttpReply second
        = server.request("POST", QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refreshToken"), r1}});
    REQUIRE(second.status == 200);
    const QString r2 = str(second, "refreshToken");
    const QString a2 = str(second, "accessToken");
    CHECK(r2 != r1);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, a2).status == 200);

    // r1 comes back (a stolen copy, or a replay): the whole session is revoked.
    const HttpReply reuse
        = server.request("POST", QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refreshToken"), r1}});
    CHECK(reuse.status == 401);
    CHECK(reuse.errorCode() == QStringLiteral("refresh_reused"));
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, a2).errorCode()
          == QStringLiteral("session_revoked"));
    CHECK(server.request("POST", QStringLiteral("/v1/auth/refresh"), {{QStringLiteral("refreshToken"), r2}})
              .status
          == 401);

    // A token that never existed.
    const HttpReply forged = server.request("POST", QStringLiteral("/v1/auth/refresh"),
                                            {{QStringLiteral("refreshToken"), QStringLiteral("lr_forged")}});
    CHECK(forged.status == 401);
    CHECK(forged.errorCode() == QStringLiteral("invalid_token"));
}

LEADS_SERVER_SCENARIO(authScenario5, "logout ends one session; sign out everywhere ends all",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString a = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    const QString b = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    const QString c = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    REQUIRE(server.request("POST", QStringLiteral("/v1/auth/logout"), {}, a).status == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, a).status == 401);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, b).status == 200);
    REQUIRE(
        server.request("POST", QStringLiteral("/v1/auth/logout"), {{QStringLiteral("everywhere"), true}}, b)
            .status
        == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, b).status == 401);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, c).errorCode()
          == QStringLiteral("session_revoked"));
}

LEADS_SERVER_SCENARIO(authScenario6, "failed sign-ins slow down, then lock the account for 15 minutes",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    REQUIRE(!server.createUser(admin, QStringLiteral("victim"), QStringLiteral("agent")).isEmpty());
    const QString good = server.userPassword(QStringLiteral("victim"));

    for (int i = 0; i < 3; ++i)
        CHECK(server.loginReply(QStringLiteral("victim"), QStringLiteral("guess-%1-xxxx").arg(i)).status
              == 401);
    // Now even the right password must wait.
    const HttpReply slowed = server.loginReply(QStringLiteral("victim"), good);
    CHECK(slowed.status == 429);
    CHECK(slowed.errorCode() == QStringLiteral("too_many_attempts"));
    CHECK(slowed.header("Retry-After").toInt() >= 1);
    CHECK(slowed.hasErrorShape());

    qint64 offset = 0;
    for (int i = 3; i < 10; ++i) {
        offset += 31; // past the longest slow-down wait
        server.setClockOffset(offset);
        CHECK(server.loginReply(QStringLiteral("victim"), QStringLiteral("guess-%1-xxxx").arg(i)).status
              == 401);
    }
    offset += 60;
    server.setClockOffset(offset);
    const HttpReply locked = server.loginReply(QStringLiteral("victim"), good);
    CHECK(locked.status == 429);
    CHECK(locked.errorCode() == QStringLiteral("account_locked"));
    CHECK(locked.json.value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("locked")));
    // Other accounts are not locked by it.
    CHECK(server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword).status == 200);

    server.setClockOffset(offset + 16 * 60);
    CHECK(server.loginReply(QStringLiteral("victim"), good).status == 200);
}

LEADS_SERVER_SCENARIO(authScenario7,
                      "many failures from one address slow down that address for every account",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    for (int i = 0; i < 20; ++i)
        REQUIRE(server.loginReply(QStringLiteral("ghost%1").arg(i), QStringLiteral("some-password")).status
                == 401);
    const HttpReply throttled = server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    CHECK(throttled.status == 429);
    CHECK(throttled.header("Retry-After").toInt() >= 1);
}

LEADS_SERVER_SCENARIO(authScenario8, "deactivating a user revokes their tokens and keeps their leads",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString agentId = server.createUser(admin, QStringLiteral("leaver"), QStringLiteral("agent"));
    REQUIRE(!agentId.isEmpty());
    const QString leadId = server.createLead(admin, {{QStringLiteral("assigneeId"), agentId}});
    REQUIRE(!leadId.isEmpty());
    const QString agent
        = server.login(QStringLiteral("leaver"), server.userPassword(QStringLiteral("leaver")));
    REQUIRE(server.request("GET", QStringLiteral("/v1/me"), {}, agent).status == 200);

    const HttpReply off = server.request("PATCH", QStringLiteral("/v1/users/") + agentId,
                                         {{QStringLiteral("active"), false}}, admin);
    REQUIRE(off.status == 200);
    CHECK(off.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("active")).toBool()
          == false);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, agent).status == 401);
    const HttpReply again
        = server.loginReply(QStringLiteral("leaver"), server.userPassword(QStringLiteral("leaver")));
    CHECK(again.status == 403);
    CHECK(again.errorCode() == QStringLiteral("account_disabled"));
    const HttpReply lead = server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, admin);
    CHECK(lead.json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("assigneeId")).toString()
          == agentId);

    // The last admin cannot be removed, and nobody deactivates themselves.
    const HttpReply me = server.request("GET", QStringLiteral("/v1/me"), {}, admin);
    const QString adminId
        = me.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    CHECK(server
              .request("PATCH", QStringLiteral("/v1/users/") + adminId, {{QStringLiteral("active"), false}},
                       admin)
              .status
          == 409);
}

LEADS_SERVER_SCENARIO(authScenario9, "new accounts follow the password policy and unique names",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const HttpReply shortPassword = server.request("POST", QStringLiteral("/v1/users"),
                                                   {{QStringLiteral("username"), QStringLiteral("shorty")},
                                                    {QStringLiteral("displayName"), QStringLiteral("Shorty")},
                                                    {QStringLiteral("role"), QStringLiteral("agent")},
                                                    {QStringLiteral("password"), QStringLiteral("short")}},
                                                   admin);
    CHECK(shortPassword.status == 400);
    CHECK(shortPassword.errorField() == QStringLiteral("password"));
    REQUIRE(!server.createUser(admin, QStringLiteral("twin"), QStringLiteral("agent")).isEmpty());
    const HttpReply twin = server.request("POST", QStringLiteral("/v1/users"),
                                          {{QStringLiteral("username"), QStringLiteral("TWIN")},
                                           {QStringLiteral("displayName"), QStringLiteral("Twin")},
                                           {QStringLiteral("role"), QStringLiteral("agent")},
                                           {QStringLiteral("password"), QStringLiteral("long-enough-pass")}},
                                          admin);
    CHECK(twin.status == 409);
    CHECK(twin.errorCode() == QStringLiteral("username_taken"));
}

LEADS_SERVER_SCENARIO(authScenario10, "no password or token ever reaches the server log", "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const HttpReply login = server.loginReply(QStringLiteral("admin"), ServerHarness::kAdminPassword);
    const HttpReply refreshed
        = server.request("POST", QStringLiteral("/v1/auth/refresh"),
                         {{QStringLiteral("refreshToken"), str(login, "refreshToken")}});
    server.loginReply(QStringLiteral("admin"), QStringLiteral("typo-password-1"));
    server.request("GET", QStringLiteral("/v1/me"), {}, str(refreshed, "accessToken"));
    const QByteArray log = server.stopAndCollectLog();
    REQUIRE(log.contains("/v1/auth/login"));
    // SIGTERM stops the server cleanly.
    CHECK(log.contains("stopping"));
    CHECK(server.exitCode() == 0);
    for (const QString &secret :
         {ServerHarness::kAdminPassword, QStringLiteral("typo-password-1"), str(login, "accessToken"),
          str(login, "refreshToken"), str(refreshed, "accessToken"), str(refreshed, "refreshToken")}) {
        INFO(secret.toStdString());
        REQUIRE(!secret.isEmpty());
        CHECK_FALSE(log.contains(secret.toUtf8()));
    }
}

LEADS_SERVER_SCENARIO(authScenario11, "a user changes their own password and other sessions end",
                      "[server][auth]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    REQUIRE(!server.createUser(admin, QStringLiteral("pat"), QStringLiteral("agent")).isEmpty());
    const QString old = server.userPassword(QStringLiteral("pat"));
    const QString here = server.login(QStringLiteral("pat"), old);
    const QString elsewhere = server.login(QStringLiteral("pat"), old);
    const HttpReply wrong
        = server.request("POST", QStringLiteral("/v1/me/password"),
                         {{QStringLiteral("currentPassword"), QStringLiteral("not-it-at-all")},
                          {QStringLiteral("newPassword"), QStringLiteral("a-brand-new-one")}},
                         here);
    CHECK(wrong.status == 403);
    CHECK(wrong.errorField() == QStringLiteral("currentPassword"));
    const HttpReply weak = server.request(
        "POST", QStringLiteral("/v1/me/password"),
        {{QStringLiteral("currentPassword"), old}, {QStringLiteral("newPassword"), QStringLiteral("short")}},
        here);
    CHECK(weak.status == 400);
    CHECK(weak.errorField() == QStringLiteral("newPassword"));
    REQUIRE(server
                .request("POST", QStringLiteral("/v1/me/password"),
                         {{QStringLiteral("currentPassword"), old},
                          {QStringLiteral("newPassword"), QStringLiteral("a-brand-new-one")}},
                         here)
                .status
            == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, here).status == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, elsewhere).errorCode()
          == QStringLiteral("session_revoked"));
    CHECK(server.loginReply(QStringLiteral("pat"), old).status == 401);
    CHECK(server.loginReply(QStringLiteral("pat"), QStringLiteral("a-brand-new-one")).status == 200);
}
