// SPDX-License-Identifier: GPL-3.0-or-later
#include "teamsettings.h"

#include "storage/database.h"
#include "storage/savedviews.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

#include <algorithm>
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
    send("PATCH", QStringLiteral("/v1/settings"), {{StaleRules::settingKey(), rules.toJson()}},
         [this, done](int, const QJsonObject &json, const QString &error) {
        if (error.isEmpty()) {
            readSettings(json.value(QStringLiteral("settings")).toObject());
            mirror();
        }
        done(error);
    });
}

bool ServerTeamSettings::canShareViews() const
{
    return m_permissions.allows(m_mirror.actor().role, Permission::Assign);
}

void ServerTeamSettings::editTeamViews(std::function<void(QJsonArray &views)> edit, Done done)
{
    send("GET", QStringLiteral("/v1/settings"), {},
         [this, edit = std::move(edit), done](int, const QJsonObject &json, const QString &error) {
        if (!error.isEmpty()) {
            done(error);
            return;
        }
        QJsonArray views = json.value(QStringLiteral("settings")).toObject().value(QStringLiteral("teamViews")).toArray();
        edit(views);
        send("PATCH", QStringLiteral("/v1/settings"), {{QStringLiteral("teamViews"), views}},
             [this, done](int, const QJsonObject &answer, const QString &refused) {
            if (refused.isEmpty()) {
                readSettings(answer.value(QStringLiteral("settings")).toObject());
                mirror();
            }
            done(refused);
        });
    });
}

namespace {

void removeView(QJsonArray &views, const QString &name)
{
    for (qsizetype i = views.size() - 1; i >= 0; --i) {
        if (views.at(i).toObject().value(QStringLiteral("name")).toString() == name)
            views.removeAt(i);
    }
}

} // namespace

void ServerTeamSettings::shareView(const QString &name, const QJsonObject &view, Done done)
{
    const QString key = name.simplified();
    editTeamViews([key, view](QJsonArray &views) {
        removeView(views, key);
        views.append(QJsonObject{{QStringLiteral("name"), key}, {QStringLiteral("view"), view}});
    }, std::move(done));
}

void ServerTeamSettings::stopSharingView(const QString &name, Done done)
{
    const QString key = name.simplified();
    editTeamViews([key](QJsonArray &views) { removeView(views, key); }, std::move(done));
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
    if (const QJsonValue stale = settings.value(StaleRules::settingKey()); stale.isObject())
        m_staleRules = StaleRules::fromJson(stale.toObject());
    if (const QJsonValue views = settings.value(QStringLiteral("teamViews")); views.isArray())
        m_teamViews = views.toArray();
}

namespace {

// The shared views as the local store keeps them: one per name, id derived from the name
// so a view keeps its place in the sidebar when a manager shares it again.
QList<SavedView> teamViewsFrom(const QJsonArray &views)
{
    QList<SavedView> list;
    for (const QJsonValue &v : views) {
        const QJsonObject entry = v.toObject();
        const QString name = entry.value(QStringLiteral("name")).toString().simplified();
        if (name.isEmpty())
            continue;
        SavedView view;
        view.id = QStringLiteral("team:") + name;
        view.name = name;
        view.kind = SavedView::Kind::Team;
        view.state = ViewState::fromJson(entry.value(QStringLiteral("view")).toObject());
        list.append(view);
    }
    std::sort(list.begin(), list.end(), [](const SavedView &a, const SavedView &b) { return a.id < b.id; });
    return list;
}

bool sameViews(QList<SavedView> a, const QList<SavedView> &b)
{
    std::sort(a.begin(), a.end(), [](const SavedView &x, const SavedView &y) { return x.id < y.id; });
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a.at(i).id != b.at(i).id || a.at(i).name != b.at(i).name || !(a.at(i).state == b.at(i).state))
            return false;
    }
    return true;
}

} // namespace

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
    if (m_staleRules) {
        const QString stale = m_staleRules->toSetting();
        if (m_mirror.setting(StaleRules::settingKey()) != stale) {
            (void)m_mirror.setSetting(StaleRules::settingKey(), stale);
            changedLocally = true;
        }
    }
    if (m_teamViews) {
        SavedViews store(m_mirror.database().connection(), m_mirror.actor().userId);
        const QList<SavedView> shared = teamViewsFrom(*m_teamViews);
        const auto current = store.team();
        if (!current || !sameViews(current.value(), shared)) {
            (void)store.replaceTeamViews(shared);
            changedLocally = true;
        }
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
