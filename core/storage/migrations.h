// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QtCore/qcontainerfwd.h>

class QSqlDatabase;

namespace Leads {

// The numbered schema migrations, all in one place. Each runs in its own transaction and
// sets PRAGMA user_version to its number, so a crash mid-way leaves the previous version.
class Migrations
{
public:
    static Outcome apply(QSqlDatabase &db);
    static int latest();
    // One migration's SQL (tests replay a single step on a file shaped like its predecessor).
    static QStringList statements(int version);
    // Bulk loads drop the secondary indexes and build them once at the end.
    static Outcome dropSecondaryIndexes(QSqlDatabase &db);
    static Outcome ensureSecondaryIndexes(QSqlDatabase &db);
};

} // namespace Leads
