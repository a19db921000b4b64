// SPDX-License-Identifier: GPL-3.0-or-later
#include "authclient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Leads {

namespace {
QDateTime isoTime(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}
} // namespace

AuthClient::AuthClient(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam) {}

QUrl AuthClient::normalisedServerUrl(const QString &typed)
{
    QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(QStringLiteral("://")))
        text.prepend(QStringLiteral("https://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"https" && url.scheme() != u"http"))
        return {};
    // The API lives at /v1 under whatever path the server was given (nginx may mount it).
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QNetworkReply *AuthClient::post(const QUrl &server, const QString &path, const QByteArray &body,
                                const QString &token)
{
    QUrl url = server;
    url.setPath(server.path() + path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    return m_nam->post(request, body);
}

void AuthClient::signIn(const QUrl &server, const QString &username, const QString &password, Done done)
{
    if (!server.isValid()) {
        AuthFailure f{AuthFailure::Kind::Unreachable, tr("Enter the address of your Leads server, "
                                                         "for example https://leads.example.com."), 0};
        done(nullptr, &f);
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("username"), username.trimmed()},
                                                      {QStringLiteral("password"), password}})
                                .toJson(QJsonDocument::Compact);
    expectSession(post(server, QStringLiteral("/v1/auth/login"), body), server, false, std::move(done));
}

void AuthClient::refresh(const QUrl &server, const QString &refreshToken, Done done)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("refreshToken"), refreshToken}})
                                .toJson(QJsonDocument::Compact);
    expectSession(post(server, QStringLiteral("/v1/auth/refresh"), body), server, true, std::move(done));
}

void AuthClient::signOut(const QUrl &server, const QString &accessToken, bool everywhere,
                         std::function<void()> done)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("everywhere"), everywhere}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = post(server, QStringLiteral("/v1/auth/logout"), body, accessToken);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        if (done)
            done();
    });
}

void AuthClient::expectSession(QNetworkReply *reply, const QUrl &server, bool refreshing, Done done)
{
    connect(reply, &QNetworkReply::finished, this, [reply, server, refreshing, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->isOpen() ? reply->read(1 << 20) : QByteArray();
        const QJsonObject json = QJsonDocument::fromJson(bytes).object();
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        const QString code = error.value(QStringLiteral("code")).toString();
        const QString serverMessage = error.value(QStringLiteral("message")).toString();

        if (status == 200) {
            const QJsonObject user = json.value(QStringLiteral("user")).toObject();
            AuthSession s;
            s.server = server;
            s.accessToken = json.value(QStringLiteral("accessToken")).toString();
            s.refreshToken = json.value(QStringLiteral("refreshToken")).toString();
            s.accessExpiresAt = isoTime(json.value(QStringLiteral("accessTokenExpiresAt")));
            s.refreshExpiresAt = isoTime(json.value(QStringLiteral("refreshTokenExpiresAt")));
            s.userId = user.value(QStringLiteral("id")).toString();
            s.username = user.value(QStringLiteral("username")).toString();
            s.displayName = user.value(QStringLiteral("displayName")).toString();
            const auto role = roleFromId(user.value(QStringLiteral("role")).toString());
            if (s.accessToken.isEmpty() || s.refreshToken.isEmpty() || s.userId.isEmpty() || !role) {
                AuthFailure f{AuthFailure::Kind::Server,
                              tr("The server answered, but not like a Leads server. Check the address."), 0};
                done(nullptr, &f);
                return;
            }
            s.role = *role;
            if (s.displayName.isEmpty())
                s.displayName = s.username;
            done(&s, nullptr);
            return;
        }

        AuthFailure f;
        if (status == 0) {
            f.kind = AuthFailure::Kind::Unreachable;
            f.message = reply->error() == QNetworkReply::OperationCanceledError
                            ? tr("The server did not answer in time. Check the address and your connection.")
                            : tr("Cannot reach the server: %1").arg(reply->errorString());
        } else if (status == 429) {
            f.kind = AuthFailure::Kind::Throttled;
            f.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
            f.message = QCoreApplication::translate("AuthClient", "Too many attempts. Try again in %n second(s).",
                                                    nullptr, std::max(1, f.retryAfterSeconds));
        } else if (status == 401 && refreshing) {
            f.kind = AuthFailure::Kind::SessionEnded;
            f.message = tr("Your session has ended. Sign in again.");
        } else if (status == 401 || code == u"invalid_credentials") {
            f.kind = AuthFailure::Kind::BadCredentials;
            f.message = tr("The user name or password is wrong.");
        } else if (status >= 300 && status < 400) {
            f.kind = AuthFailure::Kind::Server;
            f.message = tr("The server redirected the sign-in to another address. Enter the final "
                           "address (usually the https:// one).");
        } else {
            f.kind = AuthFailure::Kind::Server;
            f.message = serverMessage.isEmpty() ? tr("The server answered with an error (HTTP %1).").arg(status)
                                                : serverMessage;
        }
        done(nullptr, &f);
    });
}

} // namespace Leads
