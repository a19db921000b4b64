// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadcounter.h"

#include "leadsui.h"
#include "storage/database.h"
#include "storage/leadquery.h"

#include <QThread>

namespace Leads {

namespace {

// Lives in the counting thread and owns that thread's connection.
class CountWorker : public QObject
{
public:
    CountWorker(QString path, std::shared_ptr<std::atomic<quint64>> generation)
        : m_path(std::move(path)), m_generation(std::move(generation))
    {
    }

    // Runs in the worker thread; skips requests that a newer one replaced (generation 0:
    // always answer).
    void count(LeadCounter *owner, const QString &key, const QString &where, quint64 generation)
    {
        auto stale = [&] { return generation != 0 && generation < m_generation->load(); };
        if (stale())
            return;
        if (!m_db) {
            auto opened = Database::open(m_path, Database::Mode::ReadOnly);
            if (!opened) {
                QMetaObject::invokeMethod(owner, [owner, key, message = opened.error().message()] {
                    Q_EMIT owner->failed(key, message);
                });
                return;
            }
            m_db = std::move(opened.value());
            // A count that a newer request made stale stops where it is (typing a search
            // into a million leads starts one per pause) instead of running to the end on
            // a core the list needs.
            m_db->setInterruptCheck([this] { return m_current != 0 && m_current < m_generation->load(); });
        }
        m_current = generation;
        auto result = LeadQuery::count(m_db->connection(), where);
        if (stale())
            return;
        if (result) {
            QMetaObject::invokeMethod(owner, [owner, key, where, n = result.value()] {
                Q_EMIT owner->counted(key, where, n);
            });
        } else {
            QMetaObject::invokeMethod(owner, [owner, key, message = result.error().message()] {
                Q_EMIT owner->failed(key, message);
            });
        }
    }

    ~CountWorker() override = default;

private:
    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    std::unique_ptr<Database> m_db;
    quint64 m_current = 0; // the generation of the count in progress
};

} // namespace

LeadCounter::LeadCounter(Database &db, QObject *parent)
    : QObject(parent), m_db(db), m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    const QString path = db.path();
    if (path.isEmpty() || path == u":memory:")
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("lead counter"));
    m_worker = new CountWorker(path, m_generation);
    m_worker->moveToThread(m_thread);
    // The worker (and its connection) is destroyed in its own thread.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
}

LeadCounter::~LeadCounter()
{
    if (m_thread) {
        m_generation->fetch_add(1u << 30); // queued filtered counts are stale now
        m_thread->quit();
        m_thread->wait();
    }
}

void LeadCounter::request(const QString &key, const QString &where)
{
    if (!m_thread) {
        auto result = LeadQuery::count(m_db.connection(), where);
        if (result)
            Q_EMIT counted(key, where, result.value());
        else
            Q_EMIT failed(key, result.error().message());
        return;
    }
    // Totals and filtered counts are separate streams; a newer filtered request makes the
    // older filtered one stale, and a total request is rare and always answered.
    const quint64 generation = key == u"shown" ? m_generation->fetch_add(1) + 1 : 0;
    auto *worker = static_cast<CountWorker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [worker, this, key, where, generation] {
        worker->count(this, key, where, generation);
    });
}

} // namespace Leads
