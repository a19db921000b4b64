// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiresponse.h"
#include "domain/permissions.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Leads::Server {

class ServerClock;
class ServerDatabase;

// The signed-in caller of a request.
struct AuthUser {
    QString id;
    QString username;
    QString displayName;
    Role role = Role::Agent;
    QString sessionId;

    Actor actor() const { return {id, displayName, role}; }
};

// Accounts, sign-in, tokens and lockout. Passwords are PBKDF2 hashes, tokens are random
// and stored only as SHA-256 digests; nothing here ever logs a password or a token.
class AuthService {
public:
    struct Config {
        qint64 accessTtlMs = 15 * 60 * 1000;
        qint64 refreshTtlMs = qint64(30) * 24 * 60 * 60 * 1000;
        int pbkdf2Iterations = 600000;
    };

    AuthService(ServerDatabase &db, const ServerClock &clock, const Config &config);

    // POST /v1/auth/login, /refresh, /logout.
    ApiResponse login(const QJsonObject &body, const QString &address);
    ApiResponse refresh(const QJsonObject &body);
    ApiResponse logout(const AuthUser &user, bool everywhere);

    // The caller behind an "Authorization: Bearer …" header, or the 401 to answer.
    std::optional<AuthUser> authenticate(const QByteArray &authorization, ApiResponse *refusal);

    // Users (the caller's permissions are checked by the API layer).
    ApiResponse listUsers();
    ApiResponse createUser(const QJsonObject &body);
    ApiResponse updateUser(const AuthUser &caller, const QString &userId, const QJsonObject &body);
    // POST /v1/me/password: the signed-in user changes their own password; every other
    // session of theirs ends.
    ApiResponse changeOwnPassword(const AuthUser &caller, const QJsonObject &body);
    // First start: the admin account, with the password from stdin or the environment.
    Outcome bootstrapAdmin(const QString &username, const QString &password);
    int userCount() const;

    static QString hashToken(const QString &token);
    static QJsonObject userJson(const QString &id, const QString &username, const QString &displayName,
                                Role role, bool active);

private:
    ApiResponse issueTokens(const QString &sessionId, const QString &userId, QJsonObject user);
    Outcome revokeSessions(const QString &userId, const QString &sessionId, const QString &reason);
    Result<QString> insertUser(const QString &username, const QString &displayName, Role role,
                               const QString &password);

    ServerDatabase &m_db;
    const ServerClock &m_clock;
    Config m_config;
};

} // namespace Leads::Server
