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

} // namespace Leads::Server
