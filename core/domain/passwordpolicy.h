// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace Leads {

// What a password must be, told to people the same way by the client and the server.
class PasswordPolicy {
public:
    static constexpr int kMinLength = 10;
    // Long enough for any passphrase, short enough that hashing it stays cheap.
    static constexpr int kMaxLength = 256;

    static Outcome check(const QString &password, const QString &username = {});
};

} // namespace Leads
