// SPDX-License-Identifier: GPL-3.0-or-later
#include "snapshotindexer.h"

#include "storage/searchindexbuilder.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace Leads {

struct SnapshotIndexer::Shared {
    explicit Shared(const QString &path) : builder(path) { }
    SearchIndexBuilder builder;
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<SnapshotSearchRows> queue;
    bool closing = false;
    bool abandoned = false; // closing without the merge (the destructor)
    std::optional<Error> error;
    qint64 indexed = 0;
    std::thread thread;

    void run()
    {
        for (;;) {
            SnapshotSearchRows rows;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return closing || !queue.empty(); });
                if (queue.empty()) {
                    if (abandoned || error)
                        return;
                    lock.unlock();
                    // Everything is in: merge into one segment here, while the loading
                    // thread builds the secondary indexes.
                    Outcome merged = builder.finish();
                    lock.lock();
                    if (!merged)
                        error = merged.error();
                    return;
                }
                rows = std::move(queue.front());
                queue.pop_front();
                if (error)
                    continue; // drain without work after a failure
            }
            const Outcome done = builder.addAll(rows);
            std::lock_guard lock(mutex);
            if (!done)
                error = done.error();
        }
    }
};

SnapshotIndexer::SnapshotIndexer(QString scratchPath)
    : m_path(std::move(scratchPath)), m_shared(std::make_shared<Shared>(m_path))
{
}

SnapshotIndexer::~SnapshotIndexer()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->closing = true;
        m_shared->abandoned = true;
        m_shared->queue.clear();
    }
    m_shared->wake.notify_all();
    if (m_shared->thread.joinable())
        m_shared->thread.join();
}

Outcome SnapshotIndexer::start()
{
    if (auto opened = m_shared->builder.open(); !opened)
        return opened;
    m_shared->thread = std::thread([shared = m_shared.get()] { shared->run(); });
    return {};
}

void SnapshotIndexer::add(SnapshotSearchRows rows)
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->indexed += qint64(rows.size());
        m_shared->queue.push_back(std::move(rows));
    }
    m_shared->wake.notify_one();
}

void SnapshotIndexer::requestFinish()
{
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->closing = true;
    }
    m_shared->wake.notify_all();
}

Outcome SnapshotIndexer::finish()
{
    requestFinish();
    if (m_shared->thread.joinable())
        m_shared->thread.join();
    if (m_shared->error)
        return *m_shared->error;
    return {};
}

qint64 SnapshotIndexer::indexed() const
{
    std::lock_guard lock(m_shared->mutex);
    return m_shared->indexed;
}

} // namespace Leads
