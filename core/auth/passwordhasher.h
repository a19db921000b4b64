// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Leads {

// Password storage: PBKDF2-HMAC-SHA256 with a per-password random salt, encoded as
// "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 key>" so that the iteration count can
// rise later without invalidating stored passwords.
class PasswordHasher {
public:
    // OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    static constexpr int kDefaultIterations = 600000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kKeyBytes = 32;

    explicit PasswordHasher(int iterations = kDefaultIterations);

    int iterations() const { return m_iterations; }
    QString hash(const QString &password) const;
    // Constant-time comparison of the derived key; false for anything malformed.
    static bool verify(const QString &password, const QString &encoded);
    // The iteration count stored in `encoded`, or 0 when it is not a PBKDF2 hash.
    static int iterationsOf(const QString &encoded);
    // An encoded value no password matches (accounts created without a password).
    static QString unusable();

    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    int m_iterations;
};

} // namespace Leads
