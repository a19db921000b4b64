// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiresponse.h"
#include "authservice.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace Leads::Server {

class LeadRepository;
class MutationProcessor;
class ServerClock;
class ServerDatabase;
class ServerScoring;
class SettingsStore;

// The JSON API under /v1. Requests are answered synchronously (Qt 6.4's QFuture handlers
// crash when a client disconnects early) by our own router, so a known path with the
// wrong method gets 405 and every error has the same JSON shape.
class ApiServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    struct Config {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxJsonDepth = 32;
        int maxStringLength = 10000;
        bool testHooks = false; // POST /v1/test/clock; only ever set by the test suite
        bool trustProxy = false; // take the client address from X-Forwarded-For
        AuthService::Config auth;
    };

    ApiServer(ServerDatabase &db, ServerClock &clock, const Config &config, QObject *parent = nullptr);
    ~ApiServer() override;

    AuthService &auth() { return *m_auth; }

    struct Request {
        QByteArray method;
        QString path;
        QStringList params; // the {id} parts of the path
        QUrlQuery query;
        QJsonObject body;
        QHostAddress remote;
        QByteArray authorization;
        std::optional<AuthUser> user;
        const QHttpServerRequest *http = nullptr; // raw body and headers (signed ingestion)
    };

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    using Handler = std::function<ApiResponse(Request &)>;
    enum class Body { None, Json, OptionalJson };
    struct Route {
        QByteArray method;
        QStringList segments;
        Body body;
        bool authenticated;
        Handler handler;
    };
    void addRoute(const char *method, const QString &pattern, Body body, bool authenticated, Handler handler);
    void registerRoutes();
    void registerSyncRoutes(); // syncservice.cpp
    void registerIngestRoutes(); // ingestservice.cpp
    void registerScoringRoutes(); // serverscoring.cpp
    void scoreChangedLeads();     // serverscoring.cpp
    ApiResponse dispatch(const QHttpServerRequest &request);
    void write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response);

    ApiResponse leadAction(Request &r, const QString &mutation, QJsonObject args);
    ApiResponse leadAnswer(const QString &leadId, int status, qint64 seq);
    ApiResponse requirePermission(const AuthUser &user, Permission permission) const;

    ServerDatabase &m_db;
    ServerClock &m_clock;
    Config m_config;
    std::unique_ptr<SettingsStore> m_settings;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<LeadRepository> m_leads;
    std::unique_ptr<MutationProcessor> m_mutations;
    QList<Route> m_routes;
    std::shared_ptr<ServerScoring> m_scoring;
};

} // namespace Leads::Server
