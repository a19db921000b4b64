// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace Leads {

// A bounded hand-over of work between two threads of a bulk load (a producer of batches
// and the thread that writes them): push() waits while it is full, pop() while it is empty;
// either side can stop it (on an error, a cancel, or the end), after which pop() drains
// what is queued and then answers nothing.
template<typename T>
class Handover
{
public:
    explicit Handover(std::size_t capacity) : m_capacity(capacity) { }

    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || m_items.size() < m_capacity; });
        if (m_stopped)
            return false;
        m_items.push_back(std::move(item));
        m_changed.notify_all();
        return true;
    }
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_stopped || !m_items.empty(); });
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_changed.notify_all();
        return item;
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_changed.notify_all();
    }
    bool stopped()
    {
        std::lock_guard lock(m_mutex);
        return m_stopped;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<T> m_items;
    std::size_t m_capacity;
    bool m_stopped = false;
};

} // namespace Leads
