// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/permissions.h"
#include "domain/result.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Leads {

// A signed-in session with leads-server (docs/api.md, Auth).
struct AuthSession
{
    QUrl server;
    QString accessToken;
    QString refreshToken;
    QDateTime accessExpiresAt;
    QDateTime refreshExpiresAt;
    QString userId;
    QString username;
    QString displayName;
    Role role = Role::Agent;

    Actor actor() const { return Actor{userId, displayName, role}; }
};

// What went wrong talking to the auth endpoints, in words for the sign-in dialog.
struct AuthFailure
{
    enum class Kind {
        Unreachable,        // no answer: offline, wrong address, timeout
        BadCredentials,     // 401 invalid_credentials
        Throttled,          // 429: wait retryAfterSeconds
        SessionEnded,       // refresh token expired, reused or revoked: sign in again
        Server,             // any other answer
    };
    Kind kind = Kind::Server;
    QString message;
    int retryAfterSeconds = 0;
};

// Sign in, token refresh and sign out over HTTP. One request at a time per call; every
// request has a transfer timeout and never follows redirects (a redirected POST would
// resend the password elsewhere).
class AuthClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const AuthSession *session, const AuthFailure *failure)>;

    explicit AuthClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // Normalises what a user typed as a server address: "leads.example.com" becomes
    // "https://leads.example.com"; an empty or unusable address gives an invalid QUrl.
    static QUrl normalisedServerUrl(const QString &typed);

    void signIn(const QUrl &server, const QString &username, const QString &password, Done done);
    void refresh(const QUrl &server, const QString &refreshToken, Done done);
    // Ends the session on the server; `done` runs whether or not the server answered.
    void signOut(const QUrl &server, const QString &accessToken, bool everywhere, std::function<void()> done);

private:
    QNetworkReply *post(const QUrl &server, const QString &path, const QByteArray &body, const QString &token = {});
    void expectSession(QNetworkReply *reply, const QUrl &server, bool refreshing, Done done);

    QNetworkAccessManager *m_nam;
    int m_timeoutMs = 15000;
};

} // namespace Leads
