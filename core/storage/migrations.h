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
    // One at a time, so a long build can give the event loop a turn between indexes.
    static int secondaryIndexCount();
    static Outcome ensureSecondaryIndex(QSqlDatabase &db, int index);

    // The trigger that keeps leads.status_changed_at costs every timeline insert a
    // statement journal. A first download writes status_changed_at itself and suspends
    // it (a flag in settings says so); resuming recreates it and recomputes the column for
    // the leads `backfillWhere` selects (an SQL condition on `leads`, empty: none). A
    // database opened with the flag set (a crash in between) is repaired in full.
    static Outcome suspendStatusTrigger(QSqlDatabase &db);
    static Outcome resumeStatusTrigger(QSqlDatabase &db, const QString &backfillWhere);
    static Outcome repairStatusTrigger(QSqlDatabase &db);
};

} // namespace Leads
