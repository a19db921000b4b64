// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

namespace Leads::Server {

class ServerClock;
class ServerDatabase;

// Per-integration HMAC secrets: an admin creates, rotates and revokes them; the server
// verifies signed deliveries with them. The secret is shown once, when issued. It has to
// stay readable to compute an HMAC, so the database holds it as issued (never returned by
// any endpoint, never logged); a rotation or revocation makes the old one useless at once.
class IntegrationSecrets {
public:
    // A delivery older (or further in the future) than this is refused: a captured request
    // cannot be replayed later.
    static constexpr qint64 kMaxSkewMs = 5 * 60 * 1000;

    IntegrationSecrets(ServerDatabase &db, const ServerClock &clock) : m_db(db), m_clock(clock) { }

    static bool isValidName(const QString &name);
    // HMAC-SHA256 over "<timestamp>.<raw body>", lower-case hex; what senders compute.
    static QByteArray sign(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);

    // In the caller's transaction. Returns the new secret.
    Result<QString> create(const QString &name, const QString &createdBy);
    Result<QString> rotate(const QString &name);
    Outcome revoke(const QString &name);
    Result<QJsonArray> list() const;

    // Checks the headers of one delivery: an empty text when it is genuine, else why it is
    // refused (answer 401 and store nothing). An Error is a storage failure.
    Result<QString> verify(const QString &name, const QByteArray &timestamp, const QByteArray &signature,
                   const QByteArray &body) const;

private:
    static QString newSecret();

    ServerDatabase &m_db;
    const ServerClock &m_clock;
};

} // namespace Leads::Server
