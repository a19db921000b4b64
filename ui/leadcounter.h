// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace Leads {

class Database;

// Counts leads for a WHERE with COUNT(*) on its own read-only connection in a worker
// thread, so that a count over a million rows never holds up typing. Requests replace
// one another: only the newest is answered. An in-memory database has no second
// connection, so there the count runs at once on the caller's.
class LeadCounter : public QObject
{
    Q_OBJECT
public:
    LeadCounter(Database &db, QObject *parent = nullptr);
    ~LeadCounter() override;

    bool isAsync() const { return m_thread != nullptr; }
    // Answers with counted(); `key` tells total from filtered counts.
    void request(const QString &key, const QString &where);

Q_SIGNALS:
    void counted(const QString &key, const QString &where, qint64 count);
    void failed(const QString &key, const QString &message);

private:
    Database &m_db;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_generation;
};

} // namespace Leads
