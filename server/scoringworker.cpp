// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringworker.h"

#include "serverclock.h"
#include "serverdatabase.h"
#include "serverscoring.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcServerScoring)

namespace Leads::Server {

ScoringWorker::ScoringWorker(ServerDatabase &db, const ServerClock &clock, const Config &config, QObject *parent)
    : QObject(parent), m_db(db), m_config(config),
      m_scoring(std::make_unique<ServerScoring>(db, clock)), m_timer(new QTimer(this))
{
    m_timer->setInterval(std::max(10, m_config.intervalMs));
    connect(m_timer, &QTimer::timeout, this, &ScoringWorker::tick);
}

ScoringWorker::~ScoringWorker() = default;

QString ScoringWorker::settingsKey() const
{
    return QStringLiteral("%1/%2/%3")
        .arg(m_scoring->enabled())
        .arg(m_scoring->threshold())
        .arg(m_scoring->excludedAttributes().join(u','));
}

void ScoringWorker::start()
{
    m_settingsKey = settingsKey();
    if (m_scoring->enabled()) {
        if (auto trained = m_scoring->retrainIfDue(); !trained)
            qCWarning(lcServerScoring) << "AI training at start failed:" << trained.error().message();
        m_lastRetrainCheckMs = QDateTime::currentMSecsSinceEpoch();
    }
    tick();
    m_timer->start();
}

qint64 ScoringWorker::changeSeq() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT seq FROM sync_state WHERE id = 1")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void ScoringWorker::tick()
{
    // Nothing was written anywhere since the last pass: nothing to score.
    const qint64 seq = changeSeq();
    if (seq == m_seenSeq)
        return;
    if (!m_scoring->enabled()) {
        m_seenSeq = seq;
        return;
    }
    // A new threshold (or AI switched back on) applies to every open lead at once, not at
    // each lead's next message; new exclusions retrain.
    if (const QString key = settingsKey(); key != m_settingsKey) {
        m_settingsKey = key;
        auto trained = m_scoring->retrainIfDue();
        if (!trained)
            qCWarning(lcServerScoring) << "AI retraining failed:" << trained.error().message();
        if (!trained || !trained.value()) {
            if (auto all = m_scoring->scoreAll(m_config.batchSize); !all)
                qCWarning(lcServerScoring) << "AI rescoring failed:" << all.error().message();
        }
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (nowMs - m_lastRetrainCheckMs >= m_config.retrainCheckMs) {
        m_lastRetrainCheckMs = nowMs;
        if (auto trained = m_scoring->retrainIfDue(); !trained)
            qCWarning(lcServerScoring) << "AI retraining failed:" << trained.error().message();
    }
    auto scored = m_scoring->scoreStale(m_config.batchSize);
    if (!scored) {
        // Busy database or a failed write: the leads stay stale and the next tick retries.
        qCWarning(lcServerScoring) << "AI scoring failed:" << scored.error().message();
        return;
    }
    if (scored.value().scored >= m_config.batchSize) {
        QTimer::singleShot(0, this, &ScoringWorker::tick); // more waiting: go on soon
        return;
    }
    // Our own writes move the counter too: after a pass that wrote, one more pass (which
    // finds nothing) records the counter as seen.
    if (scored.value().scored == 0)
        m_seenSeq = seq;
}

} // namespace Leads::Server
