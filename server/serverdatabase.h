// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

class QSqlQuery;

namespace Leads::Server {

// The server's own database: SQLite (one machine) or PostgreSQL (several server processes)
// through the same SQL. Everything a request needs lives here, never in process memory, so
// any server process can answer any request.
class ServerDatabase {
public:
    enum class Backend { Sqlite, Postgres };

    // "sqlite:PATH" or "postgresql://user[:password]@host[:port]/dbname". Without a password
    // in the URL libpq reads PGPASSWORD or ~/.pgpass.
    static Result<std::unique_ptr<ServerDatabase>> open(const QString &url);
    ~ServerDatabase();
    ServerDatabase(const ServerDatabase &) = delete;
    ServerDatabase &operator=(const ServerDatabase &) = delete;

    QSqlDatabase connection() const;
    Backend backend() const { return m_backend; }
    // Applies the numbered migrations not yet recorded in schema_migrations.
    Outcome migrate();
    int schemaVersion() const;
    static int latestSchema();

    // True for errors a retry can fix (busy database, serialization failure, deadlock).
    bool isTransient(const QSqlQuery &query) const;

private:
    ServerDatabase(QString connectionName, Backend backend);

    QString m_connectionName;
    Backend m_backend;
};

// Turns a failed query into a storage error naming what was being done (never the values).
Error dbError(const QSqlQuery &query, const QString &what);

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
