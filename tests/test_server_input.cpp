// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input against the real leads-server: malformed, truncated and
// oversized bodies, wrong types, unknown fields, invalid UTF-8, deep nesting, SQL-ish
// text in every field, missing and forged tokens, wrong methods, header floods.
#include "test_serverharness.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QThread>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;

namespace {
void requireHealthy(ServerHarness &server)
{
    const HttpReply health = server.request("GET", QStringLiteral("/v1/health"));
    REQUIRE(health.status == 200);
}
} // namespace

LEADS_SERVER_SCENARIO(inputScenario1,
                      "malformed, truncated and mistyped JSON is refused with 400 naming the problem",
                      "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();
    const struct {
        const char *body;
        const char *field;
    } cases[] = {
        {"{\"name\": \"Ann\", ", "body"}, // truncated
        {"{name: 'Ann'}", "body"}, // not JSON
        {"[1, 2, 3]", "body"}, // not an object
        {"", "body"}, // empty
        {"{\"name\": 5, \"phone\": \"+34600000001\"}", "name"}, // wrong type
        {"{\"name\": \"Ann\", \"phone\": [\"+34600000001\"]}", "phone"}, // wrong type
        {"{\"name\": \"Ann\", \"phone\": \"+34600000001\", \"vip\": true}", "vip"}, // unknown field
        {"{\"phone\": \"+34600000001\"}", "name"}, // missing
        {"{\"name\": \"Ann\", \"phone\": \"+34600000001\", \"source\": \"carrier pigeon\"}", "source"},
        {"{\"name\": \"Ann\"}", "phone"}, // no way to reach the contact
    };
    for (const auto &c : cases) {
        const HttpReply r = server.requestRaw("POST", QStringLiteral("/v1/leads"), QByteArray(c.body), token);
        INFO(c.body << " -> " << r.status << " " << r.body.toStdString());
        CHECK(r.status == 400);
        CHECK(r.errorCode() == QStringLiteral("invalid_input"));
        CHECK(r.errorField() == QLatin1String(c.field));
        CHECK(r.hasErrorShape());
    }
    const HttpReply score
        = server.request("POST", QStringLiteral("/v1/mutations"),
                         {{QStringLiteral("name"), QStringLiteral("lead.qualify")},
                          {QStringLiteral("args"),
                           QJsonObject {{QStringLiteral("leadId"), QStringLiteral("x")},
                                        {QStringLiteral("score"), QStringLiteral("high")}}}},
                         token);
    CHECK(score.status == 400);
    CHECK(score.errorField() == QStringLiteral("score"));
    const HttpReply fraction = server.request(
        "POST", QStringLiteral("/v1/mutations"),
        {{QStringLiteral("name"), QStringLiteral("lead.qualify")},
         {QStringLiteral("args"),
          QJsonObject {{QStringLiteral("leadId"), QStringLiteral("x")}, {QStringLiteral("score"), 50.5}}}},
        token);
    CHECK(fraction.errorField() == QStringLiteral("score"));
    CHECK(server
              .request("POST", QStringLiteral("/v1/auth/logout"),
                       {{QStringLiteral("everywhere"), QStringLiteral("yes")}}, token)
              .errorField()
          == QStringLiteral("everywhere"));
    requireHealthy(server);
}

LEADS_SERVER_SCENARIO(inputScenario2, "invalid UTF-8, deep nesting and long strings are refused before use",
                      "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();

    const HttpReply utf8
        = server.requestRaw("POST", QStringLiteral("/v1/leads"),
                            QByteArray("{\"name\": \"Ann \xff\xfe\", \"phone\": \"+34600000002\"}"), token);
    CHECK(utf8.status == 400);
    CHECK(utf8.errorField() == QStringLiteral("body"));
    CHECK(utf8.hasErrorShape());

    const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
    const HttpReply nested = server.requestRaw("POST", QStringLiteral("/v1/leads"), deep, token);
    CHECK(nested.status == 400);
    CHECK(nested.json.value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("nests")));
    const QByteArray deepInField
        = "{\"name\": \"Ann\", \"x\": " + QByteArray(10000, '{') + QByteArray(10000, '}') + "}";
    CHECK(server.requestRaw("POST", QStringLiteral("/v1/leads"), deepInField, token).status == 400);

    const HttpReply longName = server.request(
        "POST", QStringLiteral("/v1/leads"),
        {{QStringLiteral("name"), QString(201, u'x')}, {QStringLiteral("phone"), LeadsTest::uniquePhone()}},
        token);
    CHECK(longName.status == 400);
    CHECK(longName.errorField() == QStringLiteral("name"));
    const HttpReply longNote = server.request("POST", QStringLiteral("/v1/leads"),
                                              {{QStringLiteral("name"), QStringLiteral("Ann")},
                                               {QStringLiteral("phone"), LeadsTest::uniquePhone()},
                                               {QStringLiteral("note"), QString(10001, u'n')}},
                                              token);
    CHECK(longNote.errorField() == QStringLiteral("note"));
    requireHealthy(server);
}

LEADS_SERVER_SCENARIO(inputScenario3, "a 5 MiB body gets 413 before it is parsed, and the server stays up",
                      "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();
    const QByteArray huge = "{\"name\": \"" + QByteArray(5 * 1024 * 1024, 'a') + "\"}";
    const HttpReply r = server.requestRaw("POST", QStringLiteral("/v1/leads"), huge, token);
    CHECK(r.status == 413);
    CHECK(r.errorCode() == QStringLiteral("payload_too_large"));
    CHECK(r.hasErrorShape());
    // Announced but never sent: refused from the header alone.
    const HttpReply announced
        = server.raw("POST /v1/leads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 5242880\r\n\r\n{");
    CHECK(announced.status == 413);
    // A configured, smaller limit applies to a body just over it.
    ServerHarness small(ServerHarness::Options {
        true, true, 1000, {QStringLiteral("--max-body"), QStringLiteral("2048")}, {}});
    REQUIRE(small.start());
    const QByteArray over = "{\"name\": \"" + QByteArray(2100, 'b') + "\"}";
    CHECK(small.requestRaw("POST", QStringLiteral("/v1/leads"), over, small.adminToken()).status == 413);
    requireHealthy(server);
}

LEADS_SERVER_SCENARIO(inputScenario4, "header floods, chunked bodies and idle connections are cut off",
                      "[server][input]")
{
    ServerHarness server(ServerHarness::Options {
        true, true, 1000, {QStringLiteral("--idle-timeout"), QStringLiteral("1")}, {}});
    REQUIRE(server.start());
    QList<QPair<QByteArray, QByteArray>> many;
    for (int i = 0; i < 100; ++i)
        many.append({"X-Filler-" + QByteArray::number(i), "v"});
    const HttpReply flood = server.requestRaw("GET", QStringLiteral("/v1/health"), {}, {}, many);
    CHECK(flood.status == 431);
    CHECK(flood.hasErrorShape());
    const HttpReply big
        = server.requestRaw("GET", QStringLiteral("/v1/health"), {}, {}, {{"X-Big", QByteArray(20000, 'b')}});
    CHECK(big.status == 431);
    const HttpReply chunked
        = server.raw("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n");
    CHECK(chunked.status == 411);

    // "Expect: 100-continue" gets its interim answer, then the real one.
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        REQUIRE(socket.waitForConnected(5000));
        const QByteArray body = "{\"username\":\"admin\",\"password\":\"wrong-password-1\"}";
        socket.write("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Expect: 100-continue\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n");
        QByteArray got;
        while (!got.contains("\r\n\r\n") && socket.waitForReadyRead(3000))
            got += socket.readAll();
        CHECK(got.startsWith("HTTP/1.1 100 Continue"));
        socket.write(body);
        while (!got.contains("invalid_credentials") && socket.waitForReadyRead(3000))
            got += socket.readAll();
        CHECK(got.contains("HTTP/1.1 401"));
    }

    // A body announced longer than what is sent: the idle timeout closes the connection.
    QElapsedTimer timer;
    timer.start();
    const HttpReply stalled
        = server.raw("POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "Content-Length: 100\r\n\r\n{\"username\":",
                     8000);
    CHECK(timer.elapsed() < 5000);
    CHECK(stalled.status != 200);
    // A head trickled in a header every 300 ms never goes idle, but the request deadline
    // (twice the idle timeout) still ends it.
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        REQUIRE(socket.waitForConnected(5000));
        socket.write("GET /v1/health HTTP/1.1\r\nHost: x\r\n");
        QElapsedTimer trickle;
        trickle.start();
        QByteArray got;
        int n = 0;
        while (trickle.elapsed() < 6000 && !got.contains("\r\n\r\n")) {
            socket.write("X-Drip-" + QByteArray::number(n++) + ": y\r\n");
            socket.waitForBytesWritten(100);
            if (socket.waitForReadyRead(300))
                got += socket.readAll();
        }
        CHECK(got.startsWith("HTTP/1.1 408"));
        CHECK(trickle.elapsed() < 4000);
    }
    // A half-sent head gets 408.
    const HttpReply slow = server.raw("GET /v1/health HTTP/1.1\r\nHost: x\r\n", 8000);
    CHECK(slow.status == 408);
    requireHealthy(server);
}

LEADS_SERVER_SCENARIO(inputScenario5, "SQL-ish text in every field is stored and searched literally",
                      "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();
    const QStringList nasty = {
        QStringLiteral("'; DROP TABLE leads; --"),
        QStringLiteral("Robert'); DROP TABLE users;--"),
        QStringLiteral("\" OR 1=1 --"),
        QStringLiteral("%_\\ UNION SELECT password_hash FROM users --"),
    };
    int n = 0;
    for (const QString &text : nasty) {
        const QJsonObject fields {{QStringLiteral("name"), text},
                                  {QStringLiteral("company"), text},
                                  {QStringLiteral("email"), QStringLiteral("x%1@example.com").arg(n++)},
                                  {QStringLiteral("sourceDetail"), text},
                                  {QStringLiteral("campaign"), text},
                                  {QStringLiteral("note"), text}};
        const HttpReply created = server.request("POST", QStringLiteral("/v1/leads"), fields, token);
        REQUIRE(created.status == 201);
        const QString id
            = created.json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("id")).toString();
        const QJsonObject lead = server.request("GET", QStringLiteral("/v1/leads/") + id, {}, token)
                                     .json.value(QStringLiteral("lead"))
                                     .toObject();
        CHECK(lead.value(QStringLiteral("name")).toString() == text);
        CHECK(lead.value(QStringLiteral("company")).toString() == text);
        CHECK(lead.value(QStringLiteral("campaign")).toString() == text);
        CHECK(server
                  .request("POST", QStringLiteral("/v1/leads/") + id + QStringLiteral("/notes"),
                           {{QStringLiteral("text"), text}}, token)
                  .status
              == 200);
        CHECK(server
                  .request("POST", QStringLiteral("/v1/leads/") + id + QStringLiteral("/status"),
                           {{QStringLiteral("to"), QStringLiteral("lost")}, {QStringLiteral("reason"), text}},
                           token)
                  .errorCode()
              == QStringLiteral("unknown_lost_reason"));
        // In the path, the query, the login and the user admin fields.
        CHECK(server
                  .request("GET",
                           QStringLiteral("/v1/leads/") + QString::fromLatin1(QUrl::toPercentEncoding(text)),
                           {}, token)
                  .status
              == 404);
        CHECK(server.loginReply(text, text).status == 401);
        CHECK(server
                  .request("POST", QStringLiteral("/v1/users"),
                           {{QStringLiteral("username"), text},
                            {QStringLiteral("displayName"), text},
                            {QStringLiteral("role"), text},
                            {QStringLiteral("password"), text}},
                           token)
                  .status
              == 400);
    }
    // A search for the LIKE wildcards matches them literally, not everything.
    const HttpReply search = server.request(
        "GET",
        QStringLiteral("/v1/leads?q=") + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("%_\\"))),
        {}, token);
    REQUIRE(search.status == 200);
    CHECK(search.json.value(QStringLiteral("leads")).toArray().size() == 1);
    const HttpReply quote
        = server.request("GET",
                         QStringLiteral("/v1/leads?q=")
                             + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("' OR '1'='1"))),
                         {}, token);
    CHECK(quote.json.value(QStringLiteral("leads")).toArray().isEmpty());
    // Everything is still there.
    CHECK(server.request("GET", QStringLiteral("/v1/leads"), {}, token)
              .json.value(QStringLiteral("leads"))
              .toArray()
              .size()
          == 4);
    CHECK(server.request("GET", QStringLiteral("/v1/users"), {}, token)
              .json.value(QStringLiteral("users"))
              .toArray()
              .size()
          == 1);
}

LEADS_SERVER_SCENARIO(inputScenario6, "missing, malformed and forged tokens get 401", "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const HttpReply none = server.request("GET", QStringLiteral("/v1/leads"));
    CHECK(none.status == 401);
    CHECK(none.errorCode() == QStringLiteral("missing_token"));
    CHECK(none.hasErrorShape());
    const HttpReply basic = server.requestRaw("GET", QStringLiteral("/v1/leads"), {}, {},
                                              {{"Authorization", "Basic YWRtaW46YWRtaW4="}});
    CHECK(basic.status == 401);
    CHECK(basic.errorCode() == QStringLiteral("invalid_token"));
    const QString real = server.adminToken();
    QString forged = real;
    forged[forged.size() - 1] = forged.at(forged.size() - 1) == u'A' ? u'B' : u'A';
    CHECK(server.request("GET", QStringLiteral("/v1/leads"), {}, forged).errorCode()
          == QStringLiteral("invalid_token"));
    CHECK(server.request("GET", QStringLiteral("/v1/leads"), {}, QString(300, u'x')).status == 401);
    CHECK(server
              .request("POST", QStringLiteral("/v1/leads"), {{QStringLiteral("name"), QStringLiteral("x")}},
                       QStringLiteral("' OR 1=1 --"))
              .status
          == 401);
    CHECK(server.request("GET", QStringLiteral("/v1/leads"), {}, real).status == 200);
}

LEADS_SERVER_SCENARIO(inputScenario7,
                      "wrong methods get 405 with Allow, unknown paths 404, wrong media types 415",
                      "[server][input]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString token = server.adminToken();
    const HttpReply del = server.request("DELETE", QStringLiteral("/v1/leads"), {}, token);
    CHECK(del.status == 405);
    CHECK(del.errorCode() == QStringLiteral("method_not_allowed"));
    CHECK(del.header("Allow") == "GET, POST");
    CHECK(del.hasErrorShape());
    const HttpReply getLogin = server.request("GET", QStringLiteral("/v1/auth/login"));
    CHECK(getLogin.status == 405);
    CHECK(getLogin.header("Allow") == "POST");
    CHECK(server.request("PUT", QStringLiteral("/v1/health")).status == 405);
    const HttpReply missing = server.request("GET", QStringLiteral("/v1/nothing-here"), {}, token);
    CHECK(missing.status == 404);
    CHECK(missing.hasErrorShape());
    const HttpReply text = server.requestRaw("POST", QStringLiteral("/v1/auth/login"), "username=admin", {},
                                             {{"Content-Type", "application/x-www-form-urlencoded"}});
    CHECK(text.status == 415);
    CHECK(text.hasErrorShape());
}

LEADS_SERVER_SCENARIO(inputScenario8, "connections beyond the limit get 503 and the server recovers",
                      "[server][input]")
{
    ServerHarness::Options options;
    options.extraArgs = {QStringLiteral("--max-connections"), QStringLiteral("2")};
    ServerHarness server(options);
    REQUIRE(server.start());
    QThread::msleep(300); // the start-up health checks' connections close first
    QTcpSocket first, second;
    for (QTcpSocket *s : {&first, &second}) {
        s->connectToHost(QStringLiteral("127.0.0.1"), server.port());
        REQUIRE(s->waitForConnected(5000));
    }
    QThread::msleep(100); // let the server accept both
    const HttpReply refused = server.request("GET", QStringLiteral("/v1/health"));
    CHECK(refused.status == 503);
    CHECK(refused.header("Retry-After") == "1");
    CHECK(refused.hasErrorShape());
    first.disconnectFromHost();
    second.disconnectFromHost();
    QElapsedTimer timer;
    timer.start();
    int status = 0;
    while (status != 200 && timer.elapsed() < 5000) {
        QThread::msleep(50);
        status = server.request("GET", QStringLiteral("/v1/health")).status;
    }
    CHECK(status == 200);
}
