// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QtGlobal>

namespace Leads::Server {

class ServerDatabase;

// One write transaction. With `allocateSeq` its first statement takes the next number from
// the sync_state counter row: that row lock serialises writers, so the numbers follow
// commit order on SQLite and PostgreSQL alike, and every row the transaction touches is
// stamped with it (change_seq).
class WriteTransaction {
public:
    enum class Seq { Allocate, None };
    explicit WriteTransaction(ServerDatabase &db, Seq seq = Seq::Allocate);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    Outcome begin();
    qint64 seq() const { return m_seq; }
    Outcome commit();
    void rollback();
    // Set when begin/commit failed for a reason a retry can fix (answer 503).
    bool transientFailure() const { return m_transient; }

private:
    ServerDatabase &m_db;
    Seq m_seqMode;
    qint64 m_seq = 0;
    bool m_active = false;
    bool m_transient = false;
};

} // namespace Leads::Server
