// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <random>

namespace Leads {

// When to try again after a failed sync: exponential growth with full jitter between a
// floor and a ceiling, so that many clients coming back after an outage do not retry in
// step. A server's Retry-After is a lower bound. Seeded, so tests see a fixed schedule.
class Backoff
{
public:
    Backoff(qint64 minMs = 1000, qint64 maxMs = 5 * 60 * 1000, quint64 seed = std::random_device {}());

    // The delay before the next attempt; every call counts as one more failure.
    qint64 next(qint64 retryAfterMs = 0);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    // The largest delay the next call may return (before Retry-After).
    qint64 ceiling() const;

private:
    qint64 m_minMs;
    qint64 m_maxMs;
    int m_failures = 0;
    std::mt19937_64 m_random;
};

} // namespace Leads
