// SPDX-License-Identifier: GPL-3.0-or-later
// The API against PostgreSQL: runs when LEADS_TEST_PG_URL names a database the test may
// use (./dev test starts a throwaway cluster and sets it); says why when it is skipped.
#include "test_serverharness.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QSqlDatabase>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;

namespace {
QString skipReason()
{
    if (qEnvironmentVariableIsEmpty("LEADS_TEST_PG_URL"))
        return QStringLiteral("LEADS_TEST_PG_URL is not set (no throwaway PostgreSQL cluster was started)");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return QStringLiteral("the Qt PostgreSQL driver (libqt6sql6-psql) is not installed");
    return {};
}
} // namespace

TEST_CASE("the API works the same on PostgreSQL", "[server][postgres]")
{
    const QString why = skipReason();
    if (!why.isEmpty()) {
        WARN("skipped: " << why.toStdString());
        SUCCEED("skipped: " << why.toStdString());
        return;
    }
    ServerHarness::Options options;
    options.dbUrl = qEnvironmentVariable("LEADS_TEST_PG_URL");
    ServerHarness server(options);
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    REQUIRE(!admin.isEmpty());
    const QString agentId = server.createUser(admin, QStringLiteral("pg-agent-%1").arg(QDateTime::currentMSecsSinceEpoch()),
                                              QStringLiteral("agent"));
    REQUIRE(!agentId.isEmpty());
    const QString lead = server.createLead(admin, {{QStringLiteral("assigneeId"), agentId},
                                                   {QStringLiteral("name"), QStringLiteral("'; DROP TABLE leads; --")}});
    REQUIRE(!lead.isEmpty());
    const QString base = QStringLiteral("/v1/leads/") + lead;
    const HttpReply moved = server.request("POST", base + QStringLiteral("/status"),
                                           {{QStringLiteral("to"), QStringLiteral("converted")}, {QStringLiteral("baseVersion"), 1}}, admin);
    CHECK(moved.status == 200);
    CHECK(server.request("POST", base + QStringLiteral("/status"), {{QStringLiteral("to"), QStringLiteral("new")}}, admin).errorCode()
          == QStringLiteral("final_state"));
    CHECK(server.request("POST", base + QStringLiteral("/notes"), {{QStringLiteral("text"), QStringLiteral("after the sale")}}, admin).status
          == 200);
    const HttpReply detail = server.request("GET", base, {}, admin);
    CHECK(detail.json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("name")).toString()
          == QStringLiteral("'; DROP TABLE leads; --"));
    CHECK(detail.json.value(QStringLiteral("timeline")).toArray().size() == 3);
    const HttpReply page = server.request("GET", QStringLiteral("/v1/leads?limit=1&q=drop"), {}, admin);
    CHECK(page.status == 200);
    CHECK(page.json.value(QStringLiteral("leads")).toArray().size() == 1);
    server.setClockOffset(16 * 60);
    CHECK(server.request("GET", QStringLiteral("/v1/me"), {}, admin).errorCode() == QStringLiteral("token_expired"));
}
