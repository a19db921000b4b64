// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "storage/searchindexbuilder.h"

#include <QString>

#include <memory>
#include <vector>

namespace Leads {

// The search-index text of the leads a first download wrote, under their lead numbers.
using SnapshotSearchRows = std::vector<SearchIndexRow>;

// Builds the search index of a first download on a thread of its own while the sync
// engine writes the chunks, as the sample-data load does (SearchIndexBuilder): the index
// is then ready when the last chunk is in, instead of costing a rebuild of the whole table
// after it. Only for a download into an empty leads table that runs to its end in one
// process; anything else (a resumed download, a local edit meanwhile) rebuilds instead.
class SnapshotIndexer
{
public:
    explicit SnapshotIndexer(QString scratchPath);
    ~SnapshotIndexer(); // stops the thread; the scratch file is removed
    SnapshotIndexer(const SnapshotIndexer &) = delete;
    SnapshotIndexer &operator=(const SnapshotIndexer &) = delete;

    Outcome start();
    // Queues the rows of one chunk; they are indexed in the order given.
    void add(SnapshotSearchRows rows);
    // No more rows: the thread merges the index into one segment and closes the file once
    // the queue is done, without waiting here.
    void requestFinish();
    // Waits for that to end.
    Outcome finish();
    qint64 indexed() const; // rows added so far
    const QString &scratchPath() const { return m_path; }

private:
    struct Shared;
    QString m_path;
    std::shared_ptr<Shared> m_shared;
};

} // namespace Leads
