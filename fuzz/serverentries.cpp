// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzentries.h"

#include "authservice.h"
#include "ingestservice.h"
#include "integrationsecrets.h"
#include "jsoninput.h"
#include "mutationprocessor.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "settingsstore.h"
#include "syncservice.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>

#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Leads;
using namespace Leads::Server;

namespace LeadsFuzz {

[[noreturn]] void violated(const char *what, const QString &detail);

namespace {

// The server's services on an in-memory database with one admin and one integration, as
// the API layer calls them once a body has passed JsonInput.
struct Server
{
    std::unique_ptr<ServerDatabase> db;
    ServerClock clock;
    std::unique_ptr<SettingsStore> settings;
    std::unique_ptr<MutationProcessor> mutations;
    std::unique_ptr<SyncService> sync;
    std::unique_ptr<AuthService> auth;
    std::unique_ptr<IngestService> ingest;
    AuthUser admin;
    QByteArray secret;
    int uses = 0;

    Server()
    {
        auto opened = ServerDatabase::open(QStringLiteral("sqlite::memory:"));
        if (!opened)
            violated("server database", opened.error().message());
        db = std::move(opened.value());
        if (auto migrated = db->migrate(); !migrated)
            violated("server migrations", migrated.error().message());
        settings = std::make_unique<SettingsStore>(*db);
        mutations = std::make_unique<MutationProcessor>(*db, *settings, clock);
        sync = std::make_unique<SyncService>(*db, *settings, *mutations, clock);
        AuthService::Config config;
        config.pbkdf2Iterations = 1000; // the real count would make every login take a second
        auth = std::make_unique<AuthService>(*db, clock, config);
        ingest = std::make_unique<IngestService>(*db, *settings, clock);
        if (auto made = auth->bootstrapAdmin(QStringLiteral("admin"), QStringLiteral("correct horse battery")); !made)
            violated("bootstrap admin", made.error().message());
        QSqlQuery q(db->connection());
        if (!q.exec(QStringLiteral("SELECT id, display_name FROM users WHERE username = 'admin'")) || !q.next())
            violated("admin id", q.lastQuery());
        admin.id = q.value(0).toString();
        admin.username = QStringLiteral("admin");
        admin.displayName = q.value(1).toString();
        admin.role = Role::Admin;
        const ApiResponse created = ingest->createIntegration(admin, {{QStringLiteral("name"), QStringLiteral("fuzz")}});
        if (created.status != 201)
            violated("integration", QString::fromUtf8(created.payload()));
        secret = created.body.value(QStringLiteral("secret")).toString().toUtf8();
    }
};

void checkAnswer(const ApiResponse &response)
{
    // Nothing competes for this in-memory database, so a 5xx (internal, or "busy, retry")
    // for a request body is a bug: a client would retry the same body forever.
    if (response.status < 200 || response.status > 499)
        violated("HTTP status", QString::number(response.status) + u' ' + QString::fromUtf8(response.payload()));
    // Every refusal has the one error shape clients parse.
    if (response.status >= 400 && !response.body.value(QStringLiteral("error")).isObject())
        violated("error shape", QString::fromUtf8(response.payload()));
    // A body that went in as valid JSON comes out as valid JSON.
    response.payload();
}

} // namespace

void serverRequest(const QByteArray &data)
{
    initialise();
    if (data.isEmpty())
        return;
    static std::unique_ptr<Server> &server = *new std::unique_ptr<Server>; // see atTeardown
    if (!server)
        atTeardown([] { server.reset(); });
    if (!server || ++server->uses > 5000)
        server = std::make_unique<Server>();
    const char kind = data.at(0);
    const QByteArray body = data.mid(1);
    // Also the pre-parse checks alone, over the whole input.
    JsonInput::isValidUtf8(body);
    JsonInput::nestingDepth(body, 64);
    auto parsed = JsonInput::parseObject(body, 32);
    if (!parsed) {
        checkAnswer(ApiResponse::fromError(parsed.error()));
        return;
    }
    const QJsonObject &object = parsed.value();
    switch (static_cast<unsigned char>(kind) % 7) {
    case 0:
        checkAnswer(server->auth->login(object, QStringLiteral("127.0.0.1")));
        break;
    case 1:
        checkAnswer(server->auth->refresh(object));
        break;
    case 2:
        checkAnswer(server->sync->push(server->admin, object));
        break;
    case 3:
    case 4:
    case 5: {
        const auto ingestKind = kind % 7 == 3   ? IngestService::Kind::BroadcastReply
                                : kind % 7 == 4 ? IngestService::Kind::ChatMessage
                                                : IngestService::Kind::IntegrationLead;
        const QByteArray timestamp = QByteArray::number(server->clock.nowMs() / 1000);
        const QByteArray signature = IntegrationSecrets::sign(server->secret, timestamp, body);
        checkAnswer(server->ingest->ingest(ingestKind, QStringLiteral("fuzz"), timestamp, signature, body, object));
        break;
    }
    default:
        checkAnswer(server->auth->createUser(object));
        break;
    }
}

} // namespace LeadsFuzz
