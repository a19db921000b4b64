// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace Leads {

// Puts a connection in bulk-load mode for the seed, large imports and a first sync, and
// back. begin() suspends the search-index triggers and drops the secondary indexes (both
// rebuilt once by finish(), 7–14× faster than row by row), switches WAL to a rollback
// journal (each new page written once instead of WAL + checkpoint, still crash-safe) and
// skips per-row CHECK and foreign-key evaluation — callers validate every row with
// core/domain before writing it. A crash in between is repaired by the next
// Database::open (stale index flag, CREATE INDEX IF NOT EXISTS, WAL re-enabled).
class BulkLoad
{
public:
    explicit BulkLoad(QSqlDatabase db);
    ~BulkLoad(); // finishes when begun and not finished (errors are logged)
    BulkLoad(const BulkLoad &) = delete;
    BulkLoad &operator=(const BulkLoad &) = delete;

    Outcome begin();
    // Recreates what begin() dropped. `prebuiltSearchIndex` names a SearchIndexBuilder
    // scratch file holding the index of every row loaded (into an empty table); without
    // it the index is rebuilt from the table.
    Outcome finish(const QString &prebuiltSearchIndex = {});

private:
    QSqlDatabase m_db;
    bool m_active = false;
    bool m_wasWal = false;
};

} // namespace Leads
