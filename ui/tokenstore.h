// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Leads {

// Keeps the refresh token of a signed-in account in the operating system's keychain
// (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store). Where
// there is none — a headless machine, a desktop without a keyring — nothing is written
// anywhere: the caller tells the user they will have to sign in again next time.
// Setting LEADS_NO_KEYCHAIN=1 skips the keychain on purpose (kiosks, tests).
class TokenStore : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    // `why` is empty on success, else a sentence for the user.
    using Saved = std::function<void(bool stored, const QString &why)>;
    using Loaded = std::function<void(const QString &token, const QString &why)>;

    void save(const QString &account, const QString &refreshToken, Saved done);
    void load(const QString &account, Loaded done);
    void remove(const QString &account, std::function<void()> done = {});

    // Gives up on a keychain that does not answer within this time (a locked or hung
    // keyring daemon must not freeze sign-in).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    static bool keychainDisabled();

private:
    int m_timeoutMs = 8000;
};

} // namespace Leads
