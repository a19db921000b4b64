// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace Leads::Server {

// How repeated failed sign-ins slow down and then lock, per account and per address.
// Pure arithmetic on the stored counters, so every server process applies the same policy.
class LoginThrottle {
public:
    struct Policy {
        int slowAfter; // failures before each attempt must wait
        int lockAfter; // failures that lock for lockMs
        qint64 lockMs;
        qint64 maxDelayMs; // the longest slow-down wait before the lock
        qint64 forgetMs; // a quiet period that resets the count
    };
    struct State {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 blockedUntilMs = 0;
    };

    static Policy accountPolicy();
    static Policy addressPolicy();

    static State afterFailure(State state, qint64 nowMs, const Policy &policy);
    // How long the next attempt must wait (0: go ahead).
    static qint64 waitMs(const State &state, qint64 nowMs);
    static bool isLocked(const State &state, const Policy &policy, qint64 nowMs);
};

} // namespace Leads::Server
