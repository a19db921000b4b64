// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/clock.h"

namespace Leads::Server {

// The server's time: the system clock plus an offset that only the test hooks move
// (POST /v1/test/clock, enabled by LEADS_SERVER_TEST_HOOKS=1), so token expiry and
// lockout can be tested against the real process without waiting.
class ServerClock : public Clock {
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs); }
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }
    void setOffsetMs(qint64 offset) { m_offsetMs = offset; }
    qint64 offsetMs() const { return m_offsetMs; }

private:
    qint64 m_offsetMs = 0;
};

} // namespace Leads::Server
