// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

namespace Leads::Server {

class ServerDatabase;

// The numbered schema of the server, written in the SQL subset SQLite and PostgreSQL share
// (TEXT, INTEGER, BIGINT, partial indexes, ON CONFLICT, RETURNING), so the same list runs
// on both. Applied versions are recorded in schema_migrations.
class ServerMigrations {
public:
    static int latest();
    static Outcome apply(ServerDatabase &db);
};

} // namespace Leads::Server
