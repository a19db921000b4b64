// SPDX-License-Identifier: GPL-3.0-or-later
#include "teamsettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <memory>

namespace Leads {

LocalTeamSettings::LocalTeamSettings(LeadService &service, QObject *parent) : TeamSettings(parent), m_service(service) {}

void LocalTeamSettings::savePermissions(const PermissionMatrix &matrix, Done done)
{
    auto saved = m_service.setPermissions(matrix);
    if (saved)
        Q_EMIT changed();
    done(saved ? QString() : saved.error().message());
}

void LocalTeamSettings::saveLostReasons(const QStringList &labels, Done done)
{
    auto saved = m_service.setLostReasons(labels);
    if (saved)
        Q_EMIT changed();
    done(saved ? QString() : saved.error().message());
}

void LocalTeamSettings::saveAssignmentRule(const AssignmentRule &, Done done)
{
    done(tr("New leads are only captured by a team server: sign in to set the assignment rule."));
}

namespace {

QString saveStaleLocally(LeadService &service, const StaleRules &rules)
{
    if (!service.permissions().allows(service.actor().role, Permission::ManageSettings))
        return TeamSettings::tr("Only an admin can set when leads become stale.");
    auto saved = service.setSetting(StaleRules::settingKey(), rules.toSetting());
    return saved ? QString() : saved.error().message();
}

} // namespace

StaleRules LocalTeamSettings::staleRules() const
{
    return StaleRules::fromSetting(m_service.setting(StaleRules::settingKey()));
}

void LocalTeamSettings::saveStaleRules(const StaleRules &rules, Done done)
{
    const QString error = saveStaleLocally(m_service, rules);
    if (error.isEmpty())
        Q_EMIT changed();
    done(error);
}

StaleRules ServerTeamSettings::staleRules() const
{
    return StaleRules::fromSetting(m_mirror.setting(StaleRules::settingKey()));
}

void ServerTeamSettings::saveStaleRules(const StaleRules &rules, Done done)
{
    const QString error = saveStaleLocally(m_mirror, rules);
    if (error.isEmpty())
        Q_EMIT changed();
    done(error);
}

ServerTeamSettings::ServerTeamSettings(LeadService &mirror, QNetworkAccessManager *network, QUrl server,
                                       TokenSource token, QObject *parent)
    : TeamSettings(parent), m_mirror(mirror), m_network(network), m_server(std::move(server)),
      m_token(std::move(token))
{
    m_lostReasons = mirror.lostReasons();
    m_permissions = mirror.permissions();
}

void ServerTeamSettings::send(const QByteArray &verb, const QString &path, const QJsonObject &body, Answer answer)
{
    QUrl url = m_server;
    url.setPath(m_server.path() + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_token().toUtf8());
    request.setTransferTimeout(15000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb,
                                                        body.isEmpty() ? QByteArray()
                                                                       : QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [reply, answer = std::move(answer)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->isOpen() ? reply->read(4 << 20) : QByteArray()).object();
        QString error;
        if (status == 0)
            error = tr("The server did not answer: %1").arg(reply->errorString());
        else if (status >= 300)
            error = json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(
                tr("The server refused the change (HTTP %1).").arg(status));
        answer(status, json, error);
    });
}

void ServerTeamSettings::readSettings(const QJsonObject &settings)
{
    m_lostReasons.clear();
    for (const QJsonValue &v : settings.value(QStringLiteral("lostReasons")).toArray())
        m_lostReasons.append(v.toString());
    if (auto rule = AssignmentRule::fromJson(settings.value(QStringLiteral("assignmentRule")).toObject()); rule)
        m_rule = rule.value();
}

void ServerTeamSettings::mirror()
{
    // What the server enforces, kept locally so the client hides what would be refused.
    const QString json = QString::fromUtf8(QJsonDocument(m_permissions.toJson()).toJson(QJsonDocument::Compact));
    bool changedLocally = m_mirror.setting(QStringLiteral("permissions")) != json;
    if (changedLocally)
        (void)m_mirror.setSetting(QStringLiteral("permissions"), json);
    if (!m_lostReasons.isEmpty() && m_mirror.lostReasons() != m_lostReasons) {
        const Actor who = m_mirror.actor();
        m_mirror.setActor(Actor{who.userId, who.displayName, Role::Admin}); // a mirror, not an edit
        (void)m_mirror.setLostReasons(m_lostReasons);
        m_mirror.setActor(who);
        changedLocally = true;
    }
    if (changedLocally)
        Q_EMIT changed();
}

void ServerTeamSettings::load(Done done)
{
    auto remaining = std::make_shared<int>(3);
    auto firstError = std::make_shared<QString>();
    auto finish = [this, remaining, firstError, done](const QString &error) {
        if (!error.isEmpty() && firstError->isEmpty())
            *firstError = error;
        if (--*remaining > 0)
            return;
        if (firstError->isEmpty())
            mirror();
        done(*firstError);
    };
    send("GET", QStringLiteral("/v1/permissions"), {}, [this, finish](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty()) {
            if (auto m = PermissionMatrix::fromJson(json.value(QStringLiteral("permissions")).toObject()); m)
                m_permissions = m.value();
        }
        finish(error);
    });
    send("GET", QStringLiteral("/v1/settings"), {}, [this, finish](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty())
            readSettings(json.value(QStringLiteral("settings")).toObject());
        finish(error);
    });
    send("GET", QStringLiteral("/v1/users"), {}, [this, finish](int status, const QJsonObject &json, const QString &error) {
        m_users.clear();
        for (const QJsonValue &v : json.value(QStringLiteral("users")).toArray()) {
            const QJsonObject u = v.toObject();
            m_users.append({u.value(QStringLiteral("id")).toString(), u.value(QStringLiteral("username")).toString(),
                            u.value(QStringLiteral("displayName")).toString(),
                            roleFromId(u.value(QStringLiteral("role")).toString()).value_or(Role::Agent),
                            u.value(QStringLiteral("active")).toBool(true)});
        }
        finish(status == 403 ? QString() : error); // agents may not list users: not an error
    });
}

void ServerTeamSettings::savePermissions(const PermissionMatrix &matrix, Done done)
{
    send("PUT", QStringLiteral("/v1/permissions"), {{QStringLiteral("permissions"), matrix.toJson()}},
         [this, matrix, done](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty()) {
            auto m = PermissionMatrix::fromJson(json.value(QStringLiteral("permissions")).toObject());
            m_permissions = m ? m.value() : matrix;
            mirror();
        }
        done(error);
    });
}

void ServerTeamSettings::saveLostReasons(const QStringList &labels, Done done)
{
    send("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("lostReasons"), QJsonArray::fromStringList(labels)}},
         [this, done](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty()) {
            readSettings(json.value(QStringLiteral("settings")).toObject());
            mirror();
        }
        done(error);
    });
}

void ServerTeamSettings::saveAssignmentRule(const AssignmentRule &rule, Done done)
{
    send("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("assignmentRule"), rule.toJson()}},
         [this, done](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty()) {
            readSettings(json.value(QStringLiteral("settings")).toObject());
            Q_EMIT changed();
        }
        done(error);
    });
}

} // namespace Leads
