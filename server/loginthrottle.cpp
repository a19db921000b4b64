// SPDX-License-Identifier: GPL-3.0-or-later
#include "loginthrottle.h"

#include <algorithm>

namespace Leads::Server {

LoginThrottle::Policy LoginThrottle::accountPolicy()
{
    return {3, 10, 15 * 60 * 1000, 30 * 1000, 60 * 60 * 1000};
}

LoginThrottle::Policy LoginThrottle::addressPolicy()
{
    // Higher, because an office behind one NAT address shares it.
    return {20, 100, 15 * 60 * 1000, 30 * 1000, 60 * 60 * 1000};
}

LoginThrottle::State LoginThrottle::afterFailure(State state, qint64 nowMs, const Policy &policy)
{
    if (state.failures > 0 && nowMs - state.lastFailureMs > policy.forgetMs)
        state = {};
    ++state.failures;
    state.lastFailureMs = nowMs;
    if (state.failures >= policy.lockAfter) {
        state.blockedUntilMs = nowMs + policy.lockMs;
    } else if (state.failures >= policy.slowAfter) {
        // 1 s, 2 s, 4 s … capped: cheap for a person, ruinous for a guesser.
        const int step = std::min(state.failures - policy.slowAfter, 20);
        state.blockedUntilMs = nowMs + std::min<qint64>(qint64(1000) << step, policy.maxDelayMs);
    }
    return state;
}

qint64 LoginThrottle::waitMs(const State &state, qint64 nowMs)
{
    return std::max<qint64>(0, state.blockedUntilMs - nowMs);
}

bool LoginThrottle::isLocked(const State &state, const Policy &policy, qint64 nowMs)
{
    return state.failures >= policy.lockAfter && waitMs(state, nowMs) > 0;
}

} // namespace Leads::Server
