// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiserver.h"

#include "fieldreader.h"
#include "jsoninput.h"
#include "leadrepository.h"
#include "mutationprocessor.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "writetransaction.h"
#include "settingsstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QUuid>

Q_LOGGING_CATEGORY(lcServerApi, "leads.server.api")

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ApiServer", text);
}

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

ApiResponse transientError()
{
    return ApiResponse::error(503, QStringLiteral("busy"), tr("The server is busy; try again in a moment."))
        .withHeader("Retry-After", "1");
}
} // namespace

ApiServer::ApiServer(ServerDatabase &db, ServerClock &clock, const Config &config, QObject *parent)
    : QAbstractHttpServer(parent), m_db(db), m_clock(clock), m_config(config),
      m_settings(std::make_unique<SettingsStore>(db)),
      m_auth(std::make_unique<AuthService>(db, clock, config.auth)),
      m_leads(std::make_unique<LeadRepository>(db)),
      m_mutations(std::make_unique<MutationProcessor>(db, *m_settings, clock))
{
    registerRoutes();
}

ApiServer::~ApiServer() = default;

void ApiServer::addRoute(const char *method, const QString &pattern, Body body, bool authenticated,
                         Handler handler)
{
    m_routes.append({QByteArray(method), pattern.split(u'/', Qt::SkipEmptyParts), body, authenticated,
                     std::move(handler)});
}

ApiResponse ApiServer::requirePermission(const AuthUser &user, Permission permission) const
{
    if (auto allowed = m_settings->permissions().require(user.role, permission); !allowed)
        return ApiResponse::fromError(allowed.error());
    return ApiResponse::ok({});
}

ApiResponse ApiServer::leadAnswer(const QString &leadId, int status, qint64 seq)
{
    auto lead = m_leads->find(leadId);
    if (!lead)
        return ApiResponse::fromError(lead.error());
    return ApiResponse::ok({{QStringLiteral("outcome"), QStringLiteral("applied")},
                            {QStringLiteral("appliedSeq"), seq},
                            {QStringLiteral("lead"), LeadRepository::toJson(lead.value())}},
                           status);
}

ApiResponse ApiServer::leadAction(Request &r, const QString &mutation, QJsonObject args)
{
    bool transient = false;
    auto applied = m_mutations->apply(r.user->actor(), mutation, args, &transient);
    if (!applied) {
        if (transient)
            return transientError();
        ApiResponse refusal = ApiResponse::fromError(applied.error());
        // A refusal over the lead's state carries the current row, so the client can show it.
        if (refusal.status == 409 && args.contains(QStringLiteral("leadId"))) {
            if (auto current = m_leads->find(args.value(QStringLiteral("leadId")).toString()); current) {
                QJsonObject e = refusal.body.value(QStringLiteral("error")).toObject();
                e.insert(QStringLiteral("current"), LeadRepository::toJson(current.value()));
                refusal.body.insert(QStringLiteral("error"), e);
            }
        }
        return refusal;
    }
    return leadAnswer(applied.value().leadId, applied.value().created ? 201 : 200, applied.value().seq);
}

void ApiServer::registerRoutes()
{
    addRoute("GET", QStringLiteral("/v1/health"), Body::None, false, [this](Request &) {
        return ApiResponse::ok({{QStringLiteral("status"), QStringLiteral("ok")},
                                {QStringLiteral("schema"), m_db.schemaVersion()},
                                {QStringLiteral("version"), QCoreApplication::applicationVersion()}});
    });

    // --- auth
    addRoute("POST", QStringLiteral("/v1/auth/login"), Body::Json, false,
             [this](Request &r) { return m_auth->login(r.body, r.remote.toString()); });
    addRoute("POST", QStringLiteral("/v1/auth/refresh"), Body::Json, false,
             [this](Request &r) { return m_auth->refresh(r.body); });
    addRoute("POST", QStringLiteral("/v1/auth/logout"), Body::OptionalJson, true, [this](Request &r) {
        FieldReader in(r.body, 10);
        const auto everywhere = in.boolean(QStringLiteral("everywhere"), FieldReader::Need::Optional);
        if (auto done = in.finish(); !done)
            return ApiResponse::fromError(done.error());
        return m_auth->logout(*r.user, everywhere.value_or(false));
    });
    addRoute("GET", QStringLiteral("/v1/me"), Body::None, true, [this](Request &r) {
        const PermissionMatrix matrix = m_settings->permissions();
        const QJsonArray granted = matrix.toJson().value(roleId(r.user->role)).toArray();
        QJsonObject user
            = AuthService::userJson(r.user->id, r.user->username, r.user->displayName, r.user->role, true);
        return ApiResponse::ok({{QStringLiteral("user"), user}, {QStringLiteral("permissions"), granted}});
    });

    addRoute("POST", QStringLiteral("/v1/me/password"), Body::Json, true,
             [this](Request &r) { return m_auth->changeOwnPassword(*r.user, r.body); });

    // --- users
    addRoute("GET", QStringLiteral("/v1/users"), Body::None, true, [this](Request &r) {
        // Managers need the roster to assign leads; admins to manage it.
        const PermissionMatrix matrix = m_settings->permissions();
        if (!matrix.allows(r.user->role, Permission::Assign))
            if (auto allowed = matrix.require(r.user->role, Permission::ManageUsers); !allowed)
                return ApiResponse::fromError(allowed.error());
        return m_auth->listUsers();
    });
    addRoute("POST", QStringLiteral("/v1/users"), Body::Json, true, [this](Request &r) {
        if (auto denied = requirePermission(*r.user, Permission::ManageUsers); denied.status != 200)
            return denied;
        return m_auth->createUser(r.body);
    });
    addRoute("PATCH", QStringLiteral("/v1/users/{id}"), Body::Json, true, [this](Request &r) {
        if (auto denied = requirePermission(*r.user, Permission::ManageUsers); denied.status != 200)
            return denied;
        return m_auth->updateUser(*r.user, r.params.value(0), r.body);
    });

    // --- permissions and settings
    addRoute("GET", QStringLiteral("/v1/permissions"), Body::None, true, [this](Request &) {
        return ApiResponse::ok({{QStringLiteral("permissions"), m_settings->permissions().toJson()}});
    });
    addRoute("PUT", QStringLiteral("/v1/permissions"), Body::Json, true, [this](Request &r) {
        if (auto denied = requirePermission(*r.user, Permission::ManagePermissions); denied.status != 200)
            return denied;
        FieldReader in(r.body, 100);
        const auto matrixJson = in.object(QStringLiteral("permissions"), FieldReader::Need::Required);
        if (auto done = in.finish(); !done)
            return ApiResponse::fromError(done.error());
        auto matrix = PermissionMatrix::fromJson(*matrixJson);
        if (!matrix)
            return ApiResponse::fromError(
                Error(ErrorCode::InvalidInput, matrix.error().message(), QStringLiteral("permissions")));
        WriteTransaction tx(m_db);
        if (auto begun = tx.begin(); !begun)
            return tx.transientFailure() ? transientError() : ApiResponse::fromError(begun.error());
        const QString json
            = QString::fromUtf8(QJsonDocument(matrix.value().toJson()).toJson(QJsonDocument::Compact));
        if (auto saved = m_settings->set(QStringLiteral("permissions"), json, tx.seq()); !saved)
            return ApiResponse::fromError(saved.error());
        if (auto done = tx.commit(); !done)
            return ApiResponse::fromError(done.error());
        qCInfo(lcServerApi).noquote() << "permissions changed by" << r.user->username;
        return ApiResponse::ok({{QStringLiteral("permissions"), matrix.value().toJson()}});
    });
    addRoute("GET", QStringLiteral("/v1/roles"), Body::None, true, [this](Request &) {
        const PermissionMatrix matrix = m_settings->permissions();
        QJsonArray roles;
        for (Role role : kAllRoles) {
            QJsonArray granted;
            for (int i = 0; i < kPermissionCount; ++i) {
                const auto p = static_cast<Permission>(i);
                if (matrix.allows(role, p))
                    granted.append(QJsonObject {{QStringLiteral("id"), permissionId(p)},
                                                {QStringLiteral("label"), permissionLabel(p)}});
            }
            roles.append(QJsonObject {{QStringLiteral("id"), roleId(role)},
                                      {QStringLiteral("label"), roleLabel(role)},
                                      {QStringLiteral("permissions"), granted}});
        }
        return ApiResponse::ok({{QStringLiteral("roles"), roles}});
    });
    addRoute("GET", QStringLiteral("/v1/settings"), Body::None, true, [this](Request &) {
        return ApiResponse::ok({{QStringLiteral("settings"), m_settings->toJson()}});
    });
    addRoute("PATCH", QStringLiteral("/v1/settings"), Body::Json, true, [this](Request &r) {
        // Shared views are a manager's tool (the permission to assign leads, which managers
        // have); everything else in the team settings stays with admins.
        const bool sharesViews = r.body.contains(QStringLiteral("teamViews"));
        if (!sharesViews || r.body.size() > 1)
            if (auto denied = requirePermission(*r.user, Permission::ManageSettings); denied.status != 200)
                return denied;
        if (sharesViews)
            if (auto denied = requirePermission(*r.user, Permission::Assign); denied.status != 200)
                return denied;
        FieldReader in(r.body, 200);
        const auto reasons = in.array(QStringLiteral("lostReasons"), FieldReader::Need::Optional);
        const auto threshold = in.integer(QStringLiteral("aiThreshold"), FieldReader::Need::Optional, 0, 100);
        const auto aiEnabled = in.boolean(QStringLiteral("aiEnabled"), FieldReader::Need::Optional);
        const auto rules = in.object(QStringLiteral("sourceRules"), FieldReader::Need::Optional);
        const auto country = in.string(QStringLiteral("defaultCountry"), FieldReader::Need::Optional, 4);
        const auto assignment = in.object(QStringLiteral("assignmentRule"), FieldReader::Need::Optional);
        const auto excluded = in.array(QStringLiteral("aiExcludedAttributes"), FieldReader::Need::Optional);
        const auto stale = in.object(StaleRules::settingKey(), FieldReader::Need::Optional);
        const auto views = in.array(QStringLiteral("teamViews"), FieldReader::Need::Optional);
        if (auto done = in.finish(); !done)
            return ApiResponse::fromError(done.error());
        QList<QPair<QString, QString>> changes;
        if (stale) {
            // The domain's own reading drops what it cannot use; anything it would drop
            // (an unknown or final status, a non-number, out of range) is refused instead.
            const StaleRules parsed = StaleRules::fromJson(*stale);
            if (parsed.toJson() != *stale)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("Stale limits are whole hours (1 to 8784) per active status."),
                                                    StaleRules::settingKey()));
            changes.append({QStringLiteral("stale_rules"), parsed.toSetting()});
        }
        if (views) {
            if (views->size() > SettingsStore::kMaxTeamViews)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("Share at most %1 views with the team.").arg(SettingsStore::kMaxTeamViews),
                                                    QStringLiteral("teamViews")));
            QJsonArray list;
            QStringList names;
            for (const QJsonValue &v : *views) {
                const QJsonObject entry = v.toObject();
                const QJsonValue nameValue = entry.value(QStringLiteral("name"));
                const QJsonValue viewValue = entry.value(QStringLiteral("view"));
                const QString name = nameValue.toString().simplified();
                if (!v.isObject() || entry.size() != 2 || !nameValue.isString() || !viewValue.isObject()
                    || name.isEmpty() || name.size() > SettingsStore::kMaxTeamViewName || names.contains(name))
                    return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                        tr("Each shared view has a distinct name of at most 100 characters and the view's settings."),
                                                        QStringLiteral("teamViews")));
                if (QJsonDocument(viewValue.toObject()).toJson(QJsonDocument::Compact).size() > SettingsStore::kMaxTeamViewBytes)
                    return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                        tr("The view \"%1\" is too large to share.").arg(name),
                                                        QStringLiteral("teamViews")));
                names << name;
                list.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("view"), viewValue}});
            }
            changes.append({QStringLiteral("team_views"), QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))});
        }
        if (excluded) {
            QStringList keys;
            for (const QJsonValue &v : *excluded) {
                const QString key = v.toString().trimmed();
                if (!v.isString() || key.isEmpty() || key.size() > 64 || keys.contains(key))
                    return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                        tr("Excluded attributes are distinct names of at most 64 characters."),
                                                        QStringLiteral("aiExcludedAttributes")));
                keys << key;
            }
            if (keys.size() > 200)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("Exclude at most 200 attributes."),
                                                    QStringLiteral("aiExcludedAttributes")));
            changes.append({QStringLiteral("ai_excluded_attributes"),
                            QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(keys)).toJson(QJsonDocument::Compact))});
        }
        if (assignment) {
            auto rule = AssignmentRule::fromJson(*assignment);
            if (!rule)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput, rule.error().message(),
                                                    QStringLiteral("assignmentRule")));
            if (rule.value().agents.size() > 200)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("Choose at most 200 agents."),
                                                    QStringLiteral("assignmentRule")));
            QSqlQuery users(m_db.connection());
            users.prepare(QStringLiteral("SELECT 1 FROM users WHERE id = ?"));
            for (const QString &id : std::as_const(rule.value().agents)) {
                users.addBindValue(id);
                if (!users.exec() || !users.next())
                    return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                        tr("The rule names a user who does not exist."),
                                                        QStringLiteral("assignmentRule")));
                users.finish();
            }
            changes.append({QStringLiteral("assignment_rule"),
                            QString::fromUtf8(QJsonDocument(rule.value().toJson()).toJson(QJsonDocument::Compact))});
            changes.append({QStringLiteral("assignment_cursor"), QStringLiteral("0")});
        }
        if (reasons) {
            QStringList list;
            for (const QJsonValue &v : *reasons) {
                const QString label = v.toString().trimmed();
                if (!v.isString() || label.isEmpty() || label.size() > 100 || list.contains(label))
                    return ApiResponse::fromError(
                        Error(ErrorCode::InvalidInput,
                              tr("Lost reasons are distinct, non-empty texts of at most 100 characters."),
                              QStringLiteral("lostReasons")));
                list << label;
            }
            if (list.isEmpty() || list.size() > 50)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("Keep between 1 and 50 lost reasons."),
                                                    QStringLiteral("lostReasons")));
            changes.append(
                {QStringLiteral("lost_reasons"),
                 QString::fromUtf8(
                     QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact))});
        }
        if (threshold)
            changes.append({QStringLiteral("ai_threshold"), QString::number(*threshold)});
        if (aiEnabled)
            changes.append({QStringLiteral("ai_enabled"), *aiEnabled ? QStringLiteral("1") : QStringLiteral("0")});
        if (rules) {
            const QByteArray json = QJsonDocument(*rules).toJson(QJsonDocument::Compact);
            if (json.size() > 64 * 1024)
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("The source rules are too large."),
                                                    QStringLiteral("sourceRules")));
            changes.append({QStringLiteral("source_rules"), QString::fromUtf8(json)});
        }
        if (country) {
            const QString code = country->trimmed().toUpper();
            if (code.size() != 2 || !code.at(0).isLetter() || !code.at(1).isLetter())
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("Use a two-letter ISO country code."),
                                                    QStringLiteral("defaultCountry")));
            changes.append({QStringLiteral("default_country"), code});
        }
        WriteTransaction tx(m_db);
        if (auto begun = tx.begin(); !begun)
            return tx.transientFailure() ? transientError() : ApiResponse::fromError(begun.error());
        for (const auto &c : std::as_const(changes)) {
            if (auto saved = m_settings->set(c.first, c.second, tx.seq()); !saved)
                return ApiResponse::fromError(saved.error());
        }
        if (auto done = tx.commit(); !done)
            return ApiResponse::fromError(done.error());
        return ApiResponse::ok({{QStringLiteral("settings"), m_settings->toJson()}});
    });

    // --- leads
    addRoute("GET", QStringLiteral("/v1/leads"), Body::None, true, [this](Request &r) {
        auto page = m_leads->list(m_settings->permissions(), r.user->actor(), r.query);
        if (!page)
            return ApiResponse::fromError(page.error());
        return ApiResponse::ok(page.value());
    });
    addRoute("GET", QStringLiteral("/v1/leads/{id}"), Body::None, true, [this](Request &r) {
        auto lead = m_leads->find(r.params.value(0));
        if (!lead)
            return ApiResponse::fromError(lead.error());
        if (!canSeeLead(m_settings->permissions(), r.user->actor(), lead.value().lead.assigneeId))
            return ApiResponse::error(
                403, QStringLiteral("out_of_scope"),
                tr("This lead is assigned to someone else; you can only see your own leads."));
        auto timeline = m_leads->timeline(lead.value().lead.id);
        if (!timeline)
            return ApiResponse::fromError(timeline.error());
        return ApiResponse::ok({{QStringLiteral("lead"), LeadRepository::toJson(lead.value())},
                                {QStringLiteral("timeline"), timeline.value()}});
    });
    addRoute("POST", QStringLiteral("/v1/leads"), Body::Json, true,
             [this](Request &r) { return leadAction(r, QStringLiteral("lead.create"), r.body); });
    const struct {
        const char *path;
        const char *mutation;
    } actions[] = {{"/v1/leads/{id}/status", "lead.setStatus"},
                   {"/v1/leads/{id}/assign", "lead.assign"},
                   {"/v1/leads/{id}/qualify", "lead.qualify"},
                   {"/v1/leads/{id}/notes", "lead.addNote"},
                   {"/v1/leads/{id}/follow-up", "lead.setFollowUp"}};
    for (const auto &a : actions) {
        const QString mutation = QLatin1String(a.mutation);
        addRoute("POST", QLatin1String(a.path), Body::Json, true, [this, mutation](Request &r) {
            if (r.body.contains(QStringLiteral("leadId")))
                return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                    tr("The lead id belongs in the path."),
                                                    QStringLiteral("leadId")));
            QJsonObject args = r.body;
            args.insert(QStringLiteral("leadId"), r.params.value(0));
            return leadAction(r, mutation, args);
        });
    }
    // The raw form the sync engine pushes: {"name": "lead.setStatus", "args": {...}}.
    addRoute("POST", QStringLiteral("/v1/mutations"), Body::Json, true, [this](Request &r) {
        FieldReader in(r.body, 100);
        const auto name = in.string(QStringLiteral("name"), FieldReader::Need::Required, 64);
        const auto args = in.object(QStringLiteral("args"), FieldReader::Need::Required);
        if (auto done = in.finish(); !done)
            return ApiResponse::fromError(done.error());
        if (!MutationProcessor::isKnown(*name))
            return ApiResponse::fromError(Error(
                ErrorCode::InvalidInput, tr("Unknown mutation \"%1\".").arg(*name), QStringLiteral("name")));
        return leadAction(r, *name, *args);
    });

    registerSyncRoutes();
    registerIngestRoutes();
    registerScoringRoutes();

    if (m_config.testHooks) {
        addRoute("POST", QStringLiteral("/v1/test/clock"), Body::Json, false, [this](Request &r) {
            FieldReader in(r.body, 100);
            const auto offset = in.integer(QStringLiteral("offsetSeconds"), FieldReader::Need::Required,
                                           -10LL * 365 * 86400, 10LL * 365 * 86400);
            if (auto done = in.finish(); !done)
                return ApiResponse::fromError(done.error());
            m_clock.setOffsetMs(*offset * 1000);
            return ApiResponse::ok({{QStringLiteral("now"), m_clock.now().toString(Qt::ISODateWithMs)}});
        });
    }
}

ApiResponse ApiServer::dispatch(const QHttpServerRequest &request)
{
    Request r;
    r.http = &request;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded);
    r.query = QUrlQuery(url);
    const QStringList segments = r.path.split(u'/', Qt::SkipEmptyParts);

    const Route *match = nullptr;
    QByteArrayList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        if (route.segments.size() != segments.size())
            continue;
        QStringList params;
        bool same = true;
        for (qsizetype i = 0; i < segments.size() && same; ++i) {
            if (route.segments.at(i) == QLatin1String("{id}"))
                params << segments.at(i);
            else
                same = route.segments.at(i) == segments.at(i);
        }
        if (!same)
            continue;
        allowed << route.method;
        if (route.method == r.method && !match) {
            match = &route;
            r.params = params;
        }
    }
    if (allowed.isEmpty())
        return ApiResponse::error(404, QStringLiteral("not_found"),
                                  tr("There is no endpoint %1.").arg(r.path.left(200)));
    if (!match)
        return ApiResponse::error(405, QStringLiteral("method_not_allowed"),
                                  tr("%1 does not accept %2; use %3.")
                                      .arg(r.path.left(200), QString::fromLatin1(r.method),
                                           QString::fromLatin1(allowed.join(", "))))
            .withHeader("Allow", allowed.join(", "));

    const QByteArray body = request.body();
    if (body.size() > m_config.maxBodyBytes)
        return ApiResponse::error(
            413, QStringLiteral("payload_too_large"),
            tr("The request body is larger than the limit of %1 bytes.").arg(m_config.maxBodyBytes));
    if (match->body != Body::None && !(match->body == Body::OptionalJson && body.trimmed().isEmpty())) {
        const QByteArray type = header(request, "content-type").toLower();
        if (!type.startsWith("application/json"))
            return ApiResponse::error(415, QStringLiteral("unsupported_media_type"),
                                      tr("Send the body as application/json."));
        auto parsed = JsonInput::parseObject(body, m_config.maxJsonDepth);
        if (!parsed)
            return ApiResponse::fromError(parsed.error());
        r.body = parsed.value();
    }
    r.remote = request.remoteAddress();
    if (m_config.trustProxy) {
        const QByteArray real = header(request, "x-real-ip");
        if (!real.isEmpty())
            r.remote = QHostAddress(QString::fromLatin1(real));
    }
    if (match->authenticated) {
        ApiResponse refusal;
        r.user = m_auth->authenticate(header(request, "authorization"), &refusal);
        if (!r.user)
            return refusal;
    }
    ApiResponse response = match->handler(r);
    // A write (captured message, pushed change, new lead) is scored before it is answered,
    // so that no one sees the lead unscored; the scoring worker catches up on the rest.
    if (r.method != "GET" && response.status < 300 && m_scoring)
        scoreChangedLeads();
    return response;
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    ApiResponse response;
    try {
        response = dispatch(request);
    } catch (const std::exception &e) {
        qCCritical(lcServerApi) << "request failed:" << e.what();
        response = ApiResponse::error(500, QStringLiteral("internal"),
                                      tr("The server failed; the error was logged."));
    }
    // Method, path and status only: never headers, bodies or query strings (tokens, text).
    qCInfo(lcServerApi).noquote() << methodName(request.method()) << request.url().path().left(200)
                                  << response.status << timer.elapsed() << "ms";
    write(request, socket, response);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(request, socket,
          ApiResponse::error(404, QStringLiteral("not_found"), tr("There is no such endpoint.")));
}

void ApiServer::write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponder responder = makeResponder(request, socket);
    const QByteArray payload = response.payload();
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Cache-Control", "no-store");
    responder.writeHeader("X-Content-Type-Options", "nosniff");
    for (const auto &h : response.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeHeader("Content-Length", QByteArray::number(payload.size()));
    responder.writeBody(payload);
}

} // namespace Leads::Server
