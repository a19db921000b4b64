// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/assignmentrule.h"
#include "domain/permissions.h"
#include "domain/staleness.h"
#include "storage/leadservice.h"

#include <QJsonArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Leads {

// The team settings the settings dialog edits, wherever they live: the local database of
// a standalone client, or leads-server in a team (saved there, enforced there, and
// mirrored into the local database so the client hides what the server would refuse).
class TeamSettings : public QObject
{
    Q_OBJECT
public:
    // `error` is empty on success, else a sentence for the user.
    using Done = std::function<void(const QString &error)>;

    using QObject::QObject;
    virtual bool isTeam() const = 0;
    virtual void load(Done done) = 0;
    virtual PermissionMatrix permissions() const = 0;
    virtual QStringList lostReasons() const = 0;
    virtual AssignmentRule assignmentRule() const { return {}; }
    virtual QList<UserInfo> users() const = 0;
    virtual void savePermissions(const PermissionMatrix &matrix, Done done) = 0;
    virtual void saveLostReasons(const QStringList &labels, Done done) = 0;
    virtual void saveAssignmentRule(const AssignmentRule &rule, Done done) = 0;
    // The maximum age per status before a lead is stale (in a team: saved on the server and
    // mirrored into the local database).
    virtual StaleRules staleRules() const = 0;
    virtual void saveStaleRules(const StaleRules &rules, Done done) = 0;

Q_SIGNALS:
    // Saved values changed: open windows re-read what they show and allow.
    void changed();
};

class LocalTeamSettings : public TeamSettings
{
    Q_OBJECT
public:
    explicit LocalTeamSettings(LeadService &service, QObject *parent = nullptr);
    bool isTeam() const override { return false; }
    void load(Done done) override { done({}); }
    PermissionMatrix permissions() const override { return m_service.permissions(); }
    QStringList lostReasons() const override { return m_service.lostReasons(); }
    QList<UserInfo> users() const override { return m_service.users(); }
    void savePermissions(const PermissionMatrix &matrix, Done done) override;
    void saveLostReasons(const QStringList &labels, Done done) override;
    void saveAssignmentRule(const AssignmentRule &rule, Done done) override;
    StaleRules staleRules() const override;
    void saveStaleRules(const StaleRules &rules, Done done) override;

private:
    LeadService &m_service;
};

class ServerTeamSettings : public TeamSettings
{
    Q_OBJECT
public:
    using TokenSource = std::function<QString()>;
    ServerTeamSettings(LeadService &mirror, QNetworkAccessManager *network, QUrl server, TokenSource token,
                       QObject *parent = nullptr);
    bool isTeam() const override { return true; }
    void load(Done done) override;
    PermissionMatrix permissions() const override { return m_permissions; }
    QStringList lostReasons() const override { return m_lostReasons; }
    AssignmentRule assignmentRule() const override { return m_rule; }
    QList<UserInfo> users() const override { return m_users; }
    void savePermissions(const PermissionMatrix &matrix, Done done) override;
    void saveLostReasons(const QStringList &labels, Done done) override;
    void saveAssignmentRule(const AssignmentRule &rule, Done done) override;
    StaleRules staleRules() const override;
    void saveStaleRules(const StaleRules &rules, Done done) override;

    // Views a manager shares with the team (by name; sharing a name again replaces it).
    // Allowed to roles that may assign leads; the server checks the same.
    bool canShareViews() const;
    void shareView(const QString &name, const QJsonObject &view, Done done);
    void stopSharingView(const QString &name, Done done);

    // Any other admin call (users, integrations, capture rules): `error` is empty on success.
    using Answer = std::function<void(int status, const QJsonObject &json, const QString &error)>;
    void send(const QByteArray &verb, const QString &path, const QJsonObject &body, Answer answer);

private:
    void readSettings(const QJsonObject &settings);
    void mirror();
    // Reads the shared views afresh, lets `edit` change them, and sends them back, so a
    // view another manager shared meanwhile is kept.
    void editTeamViews(std::function<void(QJsonArray &views)> edit, Done done);

    LeadService &m_mirror;
    QNetworkAccessManager *m_network;
    QUrl m_server;
    TokenSource m_token;
    PermissionMatrix m_permissions = PermissionMatrix::defaults();
    QStringList m_lostReasons;
    AssignmentRule m_rule;
    QList<UserInfo> m_users;
    std::optional<StaleRules> m_staleRules; // nullopt: the server does not keep them
    std::optional<QJsonArray> m_teamViews;
};

} // namespace Leads
