// SPDX-License-Identifier: GPL-3.0-or-later
#include "backoff.h"

#include <algorithm>

namespace Leads {

Backoff::Backoff(qint64 minMs, qint64 maxMs, quint64 seed)
    : m_minMs(std::max<qint64>(1, minMs)), m_maxMs(std::max(maxMs, m_minMs)), m_random(seed)
{
}

qint64 Backoff::ceiling() const
{
    // Doubling stops well before overflow: 2^20 times the floor is past any sane ceiling.
    const int shift = std::min(m_failures, 20);
    return std::min(m_maxMs, m_minMs << shift);
}

qint64 Backoff::next(qint64 retryAfterMs)
{
    const qint64 top = ceiling();
    std::uniform_int_distribution<qint64> pick(m_minMs, top);
    const qint64 delay = pick(m_random);
    ++m_failures;
    return std::max(delay, std::min(retryAfterMs, m_maxMs));
}

} // namespace Leads
