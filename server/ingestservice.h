// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiresponse.h"
#include "authservice.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace Leads::Server {

class IntegrationSecrets;
class ServerClock;
class ServerDatabase;
class SettingsStore;

// Lead capture on the server: broadcast replies, chat messages and integration leads,
// delivered signed by an integration, land on the contact's lead under the
// one-active-lead-per-contact rule (core/domain ActiveLeadRule). Each delivery is recorded
// by (source, event id) in the transaction of its effect, so a re-delivery changes nothing.
class IngestService {
public:
    enum class Kind { BroadcastReply, ChatMessage, IntegrationLead };

    IngestService(ServerDatabase &db, SettingsStore &settings, const ServerClock &clock);
    ~IngestService();

    // One signed delivery from integration `integration`.
    ApiResponse ingest(Kind kind, const QString &integration, const QByteArray &timestamp,
                       const QByteArray &signature, const QByteArray &rawBody, const QJsonObject &body);
    // A person marks a chat contact as a lead; its recorded messages join the new timeline.
    ApiResponse flagContact(const AuthUser &user, const QString &contactId);

    ApiResponse listIntegrations();
    ApiResponse createIntegration(const AuthUser &user, const QJsonObject &body);
    ApiResponse rotateIntegration(const QString &name);
    ApiResponse revokeIntegration(const QString &name);

    ApiResponse captureSettings();
    ApiResponse updateCaptureSettings(const QJsonObject &body);

private:
    struct Event;
    struct Settings {
        bool broadcastCreatesLead = true;
        QString broadcastKeyword;
        bool chatFirstInboundCreatesLead = false;
    };
    Settings readSettings() const;
    ApiResponse process(const Event &event);

    ServerDatabase &m_db;
    SettingsStore &m_settings;
    const ServerClock &m_clock;
    std::unique_ptr<IntegrationSecrets> m_secrets;
};

} // namespace Leads::Server
