// SPDX-License-Identifier: GPL-3.0-or-later
// Lead capture against the real server: broadcast replies, chat messages and signed
// integration deliveries obey the one-active-lead-per-contact rule, refuse bad signatures
// without storing anything, and treat a re-delivered event as a duplicate.
#include "test_serverharness.h"
#include "testsupport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

using LeadsTest::HttpReply;
using LeadsTest::ServerHarness;

namespace {

QByteArray signature(const QString &secret, const QByteArray &timestamp, const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret.toUtf8());
    mac.addData(timestamp + '.' + body);
    return "sha256=" + mac.result().toHex();
}

QString eventId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A delivery as an integration sends it; `ageSeconds` backdates the timestamp.
HttpReply deliver(ServerHarness &server, const QString &path, const QJsonObject &event, const QString &secret,
                  qint64 ageSeconds = 0, bool sign = true)
{
    const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch() - ageSeconds);
    QList<QPair<QByteArray, QByteArray>> headers {{"Content-Type", "application/json"}};
    if (sign) {
        headers.append({"X-Leads-Timestamp", ts});
        headers.append({"X-Leads-Signature", signature(secret, ts, body)});
    }
    return server.requestRaw("POST", path, body, {}, headers);
}

QString createIntegration(ServerHarness &server, const QString &admin, const QString &name)
{
    const HttpReply r = server.request("POST", QStringLiteral("/v1/integrations"), {{QStringLiteral("name"), name}},
                                       admin);
    REQUIRE(r.status == 201);
    return r.json.value(QStringLiteral("secret")).toString();
}

// Rows in the server's database, read through its SQLite file.
qint64 countRows(ServerHarness &server, const QString &sql)
{
    const QString name = QStringLiteral("ingest-count-") + eventId();
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(server.databasePath());
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(name);
    return n;
}

qint64 stateRows(ServerHarness &server)
{
    return countRows(server, QStringLiteral("SELECT (SELECT COUNT(*) FROM leads) * 1000000 + "
                                            "(SELECT COUNT(*) FROM interactions) * 1000 + "
                                            "(SELECT COUNT(*) FROM contacts) + "
                                            "(SELECT COUNT(*) FROM ingest_events) * 100000000000"));
}

QJsonObject reply(const QString &phone, const QString &text, const QString &id = eventId())
{
    return {{QStringLiteral("eventId"), id},
            {QStringLiteral("campaign"), QStringLiteral("Spring sale")},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("name"), QStringLiteral("Rosa Díaz")},
            {QStringLiteral("text"), text}};
}

QJsonObject chat(const QString &phone, const QString &direction, const QString &text)
{
    return {{QStringLiteral("eventId"), eventId()},
            {QStringLiteral("conversationId"), QStringLiteral("conv-1")},
            {QStringLiteral("direction"), direction},
            {QStringLiteral("phone"), phone},
            {QStringLiteral("text"), text}};
}

QJsonArray timelineOf(ServerHarness &server, const QString &token, const QString &leadId)
{
    return server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, token)
        .json.value(QStringLiteral("timeline"))
        .toArray();
}

int countKind(const QJsonArray &timeline, const QString &kind)
{
    int n = 0;
    for (const QJsonValue &v : timeline)
        n += v.toObject().value(QStringLiteral("kind")).toString() == kind ? 1 : 0;
    return n;
}

const QString kPortal = QStringLiteral("/v1/ingest/portal");

} // namespace

TEST_CASE("Broadcast replies create, append to and renew the contact's lead", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("portal"));

    const HttpReply first = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                    reply(QStringLiteral("+34 612 345 678"), QStringLiteral("Yes please")), secret);
    REQUIRE(first.status == 201);
    CHECK(first.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("created"));
    const QString leadId = first.json.value(QStringLiteral("leadId")).toString();
    const QJsonObject lead = server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, admin)
                                 .json.value(QStringLiteral("lead"))
                                 .toObject();
    CHECK(lead.value(QStringLiteral("source")).toString() == QStringLiteral("broadcast"));
    CHECK(lead.value(QStringLiteral("status")).toString() == QStringLiteral("new"));
    CHECK(lead.value(QStringLiteral("phone")).toString() == QStringLiteral("+34612345678"));

    // The same person, the number typed another way: the reply joins the active lead.
    const HttpReply second = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                     reply(QStringLiteral("0034-612-34-56-78"), QStringLiteral("When?")), secret);
    REQUIRE(second.status == 200);
    CHECK(second.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("appended"));
    CHECK(second.json.value(QStringLiteral("leadId")).toString() == leadId);
    CHECK(countKind(timelineOf(server, admin, leadId), QStringLiteral("broadcast_reply")) == 2);
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 1);

    // Once the lead is final, the next reply opens a new lead for the same contact.
    for (const char *to : {"contacted", "qualifying", "qualified", "converted"}) {
        const HttpReply moved = server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(leadId),
                                               {{QStringLiteral("to"), QLatin1String(to)}}, admin);
        REQUIRE(moved.status == 200);
    }
    const HttpReply third = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                    reply(QStringLiteral("+34612345678"), QStringLiteral("Again")), secret);
    REQUIRE(third.status == 201);
    const QString newLead = third.json.value(QStringLiteral("leadId")).toString();
    CHECK(newLead != leadId);
    CHECK(third.json.value(QStringLiteral("contactId")) == first.json.value(QStringLiteral("contactId")));
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM contacts")) == 1);
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 2);

    // New leads reach clients through sync: they carry a change number.
    CHECK(third.json.value(QStringLiteral("appliedSeq")).toInteger() > first.json.value(QStringLiteral("appliedSeq")).toInteger());
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads WHERE change_seq > 0 AND assignee_id IS NULL")) == 2);
    const HttpReply pull = server.request("GET", QStringLiteral("/v1/sync/pull?limit=1000"), {}, admin);
    REQUIRE(pull.status == 200);
    CHECK(pull.body.contains(newLead.toUtf8()));
    CHECK(pull.body.contains(leadId.toUtf8()));
}

TEST_CASE("The keyword rule decides which broadcast replies become leads", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("portal"));
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/capture-settings"),
                           {{QStringLiteral("broadcastKeyword"), QStringLiteral("YES")}}, admin)
                .status
            == 200);

    const HttpReply no = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                 reply(LeadsTest::uniquePhone(), QStringLiteral("stop sending me this")), secret);
    REQUIRE(no.status == 200);
    CHECK(no.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("ignored"));
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 0);

    const HttpReply yes = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                  reply(LeadsTest::uniquePhone(), QStringLiteral("oh yes, call me")), secret);
    REQUIRE(yes.status == 201);
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 1);

    // Switched off: no reply creates a lead.
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/capture-settings"),
                           {{QStringLiteral("broadcastCreatesLead"), false}}, admin)
                .status
            == 200);
    const HttpReply off = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                  reply(LeadsTest::uniquePhone(), QStringLiteral("YES")), secret);
    CHECK(off.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("ignored"));
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 1);
}

TEST_CASE("Chat messages: the first-inbound rule and flag as lead", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("portal"));
    const QString path = kPortal + QStringLiteral("/chat-message");

    // Rule off (the default): the conversation is kept on the contact, no lead.
    const QString phone = LeadsTest::uniquePhone();
    const HttpReply in = deliver(server, path, chat(phone, QStringLiteral("in"), QStringLiteral("Hi, prices?")), secret);
    REQUIRE(in.status == 200);
    CHECK(in.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("recorded"));
    const HttpReply out = deliver(server, path, chat(phone, QStringLiteral("out"), QStringLiteral("From 10 €")), secret);
    CHECK(out.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("recorded"));
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 0);
    const QString contactId = in.json.value(QStringLiteral("contactId")).toString();
    REQUIRE(!contactId.isEmpty());

    // Flag as lead: a new lead from chat whose timeline holds the conversation so far.
    const HttpReply flagged
        = server.request("POST", QStringLiteral("/v1/contacts/%1/flag-as-lead").arg(contactId), {}, admin);
    REQUIRE(flagged.status == 201);
    const QString leadId = flagged.json.value(QStringLiteral("leadId")).toString();
    const QJsonArray timeline = timelineOf(server, admin, leadId);
    CHECK(countKind(timeline, QStringLiteral("chat_in")) == 1);
    CHECK(countKind(timeline, QStringLiteral("chat_out")) == 1);
    // Flagging again is refused: the contact already has an active lead.
    CHECK(server.request("POST", QStringLiteral("/v1/contacts/%1/flag-as-lead").arg(contactId), {}, admin).status
          == 409);
    // Later messages land on that lead.
    const HttpReply later = deliver(server, path, chat(phone, QStringLiteral("in"), QStringLiteral("Deal")), secret);
    CHECK(later.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("appended"));
    CHECK(later.json.value(QStringLiteral("leadId")).toString() == leadId);

    // Rule on: the first inbound message from an unknown contact makes a lead at once.
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/capture-settings"),
                           {{QStringLiteral("chatFirstInboundCreatesLead"), true}}, admin)
                .status
            == 200);
    const HttpReply fresh = deliver(server, path,
                                    chat(LeadsTest::uniquePhone(), QStringLiteral("in"), QStringLiteral("Hello")), secret);
    REQUIRE(fresh.status == 201);
    const QString freshLead = fresh.json.value(QStringLiteral("leadId")).toString();
    const QJsonObject lead = server.request("GET", QStringLiteral("/v1/leads/") + freshLead, {}, admin)
                                 .json.value(QStringLiteral("lead"))
                                 .toObject();
    CHECK(lead.value(QStringLiteral("source")).toString() == QStringLiteral("chat"));
    CHECK(countKind(timelineOf(server, admin, freshLead), QStringLiteral("chat_in")) == 1);
    // An outbound first message never makes a lead.
    const HttpReply outbound = deliver(server, path,
                                       chat(LeadsTest::uniquePhone(), QStringLiteral("out"), QStringLiteral("Promo")),
                                       secret);
    CHECK(outbound.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("recorded"));
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 2);
}

TEST_CASE("Integration deliveries: signatures, rotation and re-delivery", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("webform"));
    const QString path = QStringLiteral("/v1/ingest/webform");
    const QJsonObject event {{QStringLiteral("eventId"), QStringLiteral("evt-1")},
                             {QStringLiteral("name"), QStringLiteral("Lena Park")},
                             {QStringLiteral("phone"), QStringLiteral("+34 699 111 222")},
                             {QStringLiteral("email"), QStringLiteral("Lena@Example.com")},
                             {QStringLiteral("company"), QStringLiteral("Park & Co")},
                             {QStringLiteral("sourceDetail"), QStringLiteral("Pricing page form")},
                             {QStringLiteral("attributes"),
                              QJsonObject {{QStringLiteral("budget"), 5000}, {QStringLiteral("plan"), QStringLiteral("pro")}}}};

    SECTION("a valid signature creates the lead with its attributes")
    {
        const HttpReply r = deliver(server, path, event, secret);
        REQUIRE(r.status == 201);
        const QString leadId = r.json.value(QStringLiteral("leadId")).toString();
        const QJsonObject lead = server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, admin)
                                     .json.value(QStringLiteral("lead"))
                                     .toObject();
        CHECK(lead.value(QStringLiteral("name")).toString() == QStringLiteral("Lena Park"));
        CHECK(lead.value(QStringLiteral("company")).toString() == QStringLiteral("Park & Co"));
        CHECK(lead.value(QStringLiteral("email")).toString() == QStringLiteral("lena@example.com"));
        CHECK(lead.value(QStringLiteral("source")).toString() == QStringLiteral("integration"));
        CHECK(lead.value(QStringLiteral("sourceDetail")).toString() == QStringLiteral("Pricing page form"));
        CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM lead_attributes WHERE (name = 'budget' AND "
                                               "value = '5000') OR (name = 'plan' AND value = 'pro')"))
              == 2);
        CHECK(countKind(timelineOf(server, admin, leadId), QStringLiteral("integration")) == 1);

        // Re-delivered: a duplicate, and not a row changes.
        const qint64 before = stateRows(server);
        const HttpReply again = deliver(server, path, event, secret);
        REQUIRE(again.status == 200);
        CHECK(again.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("duplicate"));
        CHECK(again.json.value(QStringLiteral("leadId")).toString() == leadId);
        CHECK(stateRows(server) == before);
        CHECK(countRows(server, QStringLiteral("SELECT MAX(change_seq) FROM interactions"))
              == r.json.value(QStringLiteral("appliedSeq")).toInteger());
    }

    SECTION("bad, missing and old signatures are refused and store nothing")
    {
        const qint64 before = stateRows(server);
        const HttpReply wrong = deliver(server, path, event, secret + QStringLiteral("x"));
        CHECK(wrong.status == 401);
        CHECK(wrong.errorCode() == QStringLiteral("invalid_signature"));
        CHECK(wrong.hasErrorShape());
        CHECK(deliver(server, path, event, secret, 0, false).status == 401);
        CHECK(deliver(server, path, event, secret, 6 * 60).status == 401);
        CHECK(deliver(server, QStringLiteral("/v1/ingest/unknown"), event, secret).status == 401);
        // A body altered after signing.
        const QByteArray ts = QByteArray::number(QDateTime::currentSecsSinceEpoch());
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        QByteArray tampered = body;
        tampered.replace("Lena", "Evil");
        CHECK(server.requestRaw("POST", path, tampered, {},
                                {{"Content-Type", "application/json"},
                                 {"X-Leads-Timestamp", ts},
                                 {"X-Leads-Signature", signature(secret, ts, body)}})
                  .status
              == 401);
        CHECK(stateRows(server) == before);
        CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 0);
        // A refused delivery does not burn its event id.
        CHECK(deliver(server, path, event, secret).status == 201);
    }

    SECTION("a rotated secret: the old one is refused, the new one accepted")
    {
        const HttpReply rotated
            = server.request("POST", QStringLiteral("/v1/integrations/webform/rotate"), {}, admin);
        REQUIRE(rotated.status == 200);
        const QString fresh = rotated.json.value(QStringLiteral("secret")).toString();
        CHECK(fresh != secret);
        CHECK(deliver(server, path, event, secret).status == 401);
        CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM leads")) == 0);
        CHECK(deliver(server, path, event, fresh).status == 201);
        // Revoked: nothing is accepted any more.
        CHECK(server.request("DELETE", QStringLiteral("/v1/integrations/webform"), {}, admin).status == 200);
        QJsonObject next = event;
        next.insert(QStringLiteral("eventId"), QStringLiteral("evt-2"));
        CHECK(deliver(server, path, next, fresh).status == 401);
        // The list never shows a secret.
        const HttpReply list = server.request("GET", QStringLiteral("/v1/integrations"), {}, admin);
        REQUIRE(list.status == 200);
        CHECK(!list.body.contains(fresh.toUtf8()));
    }
}

TEST_CASE("Only admins manage integrations and capture rules", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    server.createUser(admin, QStringLiteral("andy"), QStringLiteral("agent"));
    const QString agent = server.login(QStringLiteral("andy"), server.userPassword(QStringLiteral("andy")));
    const HttpReply create = server.request("POST", QStringLiteral("/v1/integrations"),
                                            {{QStringLiteral("name"), QStringLiteral("sneaky")}}, agent);
    CHECK(create.status == 403);
    CHECK(create.errorCode() == QStringLiteral("permission_denied"));
    CHECK(server.request("PATCH", QStringLiteral("/v1/capture-settings"),
                         {{QStringLiteral("broadcastCreatesLead"), false}}, agent)
              .status
          == 403);
    CHECK(countRows(server, QStringLiteral("SELECT COUNT(*) FROM integrations")) == 0);
    CHECK(server.request("POST", QStringLiteral("/v1/integrations"),
                         {{QStringLiteral("name"), QStringLiteral("sneaky")}}, {})
              .status
          == 401);
}

// The capture SQL on every backend (this scenario runs again on PostgreSQL), judged by the
// answers alone.
LEADS_SERVER_SCENARIO(captureOnEveryBackend, "Lead capture answers alike on every backend", "[server][ingest]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("portal"));
    const QString id = eventId();
    const HttpReply first = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                    reply(QStringLiteral("+34 655 000 111"), QStringLiteral("YES"), id), secret);
    REQUIRE(first.status == 201);
    const QString leadId = first.json.value(QStringLiteral("leadId")).toString();
    const HttpReply again = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                    reply(QStringLiteral("+34 655 000 111"), QStringLiteral("YES"), id), secret);
    CHECK(again.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("duplicate"));
    const HttpReply appended = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                       reply(QStringLiteral("0034 655-000-111"), QStringLiteral("and?")), secret);
    CHECK(appended.json.value(QStringLiteral("leadId")).toString() == leadId);
    CHECK(countKind(timelineOf(server, admin, leadId), QStringLiteral("broadcast_reply")) == 2);
    CHECK(deliver(server, kPortal, {{QStringLiteral("eventId"), eventId()}, {QStringLiteral("phone"), LeadsTest::uniquePhone()}},
                  secret + QStringLiteral("x"))
              .status
          == 401);

    const HttpReply lead = deliver(server, kPortal,
                                   {{QStringLiteral("eventId"), eventId()},
                                    {QStringLiteral("email"), QStringLiteral("kim@example.com")},
                                    {QStringLiteral("attributes"), QJsonObject {{QStringLiteral("plan"), QStringLiteral("pro")}}}},
                                   secret);
    CHECK(lead.status == 201);

    const HttpReply chatIn
        = deliver(server, kPortal + QStringLiteral("/chat-message"),
                  chat(LeadsTest::uniquePhone(), QStringLiteral("in"), QStringLiteral("Hi")), secret);
    REQUIRE(chatIn.json.value(QStringLiteral("outcome")).toString() == QStringLiteral("recorded"));
    const HttpReply flagged = server.request(
        "POST",
        QStringLiteral("/v1/contacts/%1/flag-as-lead").arg(chatIn.json.value(QStringLiteral("contactId")).toString()),
        {}, admin);
    REQUIRE(flagged.status == 201);
    CHECK(countKind(timelineOf(server, admin, flagged.json.value(QStringLiteral("leadId")).toString()),
                    QStringLiteral("chat_in"))
          == 1);
    const HttpReply rotated = server.request("POST", QStringLiteral("/v1/integrations/portal/rotate"), {}, admin);
    CHECK(rotated.status == 200);
    CHECK(server.request("GET", QStringLiteral("/v1/integrations"), {}, admin).status == 200);
}

TEST_CASE("Captured leads go to the agents the admin's assignment rule picks", "[server][ingest][assignment]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    const QString secret = createIntegration(server, admin, QStringLiteral("portal"));
    const QString ana = server.createUser(admin, QStringLiteral("ana"), QStringLiteral("agent"));
    const QString ben = server.createUser(admin, QStringLiteral("ben"), QStringLiteral("agent"));
    const QString cal = server.createUser(admin, QStringLiteral("cal"), QStringLiteral("agent"));
    REQUIRE_FALSE(ana.isEmpty());
    int phone = 100;
    auto capture = [&] {
        const HttpReply r = deliver(server, kPortal + QStringLiteral("/broadcast-reply"),
                                    reply(QStringLiteral("+34 612 000 %1").arg(phone++), QStringLiteral("Yes")), secret);
        REQUIRE(r.status == 201);
        const QString id = r.json.value(QStringLiteral("leadId")).toString();
        return server.request("GET", QStringLiteral("/v1/leads/") + id, {}, admin)
            .json.value(QStringLiteral("lead"))
            .toObject()
            .value(QStringLiteral("assigneeId"))
            .toString();
    };

    // Manual (the default): captured leads wait in the queue.
    CHECK(capture().isEmpty());

    // Round-robin between Ana and Ben: in turn, Cal never.
    auto patch = [&](const QJsonObject &rule, const QString &token) {
        return server.request("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("assignmentRule"), rule}}, token);
    };
    REQUIRE(patch({{QStringLiteral("mode"), QStringLiteral("round_robin")},
                   {QStringLiteral("agents"), QJsonArray{ana, ben}}},
                  admin)
                .status == 200);
    QStringList got;
    for (int i = 0; i < 4; ++i)
        got << capture();
    CHECK(got == QStringList{ana, ben, ana, ben});
    const QJsonObject settings = server.request("GET", QStringLiteral("/v1/settings"), {}, admin)
                                     .json.value(QStringLiteral("settings"))
                                     .toObject();
    CHECK(settings.value(QStringLiteral("assignmentRule")).toObject().value(QStringLiteral("mode")).toString()
          == QStringLiteral("round_robin"));

    // A deactivated agent is passed over.
    REQUIRE(server.request("PATCH", QStringLiteral("/v1/users/") + ben, {{QStringLiteral("active"), false}}, admin).status
            == 200);
    CHECK(capture() == ana);
    CHECK(capture() == ana);

    // Least loaded among all three: Cal has none, then they even out.
    REQUIRE(patch({{QStringLiteral("mode"), QStringLiteral("least_loaded")},
                   {QStringLiteral("agents"), QJsonArray{ana, ben, cal}}},
                  admin)
                .status == 200);
    CHECK(capture() == cal);
    CHECK(capture() == cal);

    // Only admins set it, and nonsense is refused with the field named.
    const QString agentToken = server.login(QStringLiteral("ana"), server.userPassword(QStringLiteral("ana")));
    CHECK(patch({{QStringLiteral("mode"), QStringLiteral("manual")}}, agentToken).status == 403);
    const HttpReply bad = patch({{QStringLiteral("mode"), QStringLiteral("round_robin")}}, admin);
    CHECK(bad.status == 400);
    CHECK(bad.errorField() == QStringLiteral("assignmentRule"));
    CHECK(patch({{QStringLiteral("mode"), QStringLiteral("round_robin")},
                 {QStringLiteral("agents"), QJsonArray{QStringLiteral("u-nobody")}}},
                admin)
              .status == 400);
}
