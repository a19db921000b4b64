// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

class QSqlDatabase;

namespace Leads {

// The numbered schema migrations, all in one place. Each runs in its own transaction and
// sets PRAGMA user_version to its number, so a crash mid-way leaves the previous version.
class Migrations
{
public:
    static Outcome apply(QSqlDatabase &db);
    static int latest();
};

} // namespace Leads
