// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringworker.h"

#include "serverclock.h"
#include "serverdatabase.h"
#include "serverscoring.h"

#include "scoring/modeltrainer.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QThread>
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

ScoringWorker::~ScoringWorker()
{
    if (m_trainer) {
        m_trainer->wait();
        delete m_trainer;
    }
}

void ScoringWorker::startTraining()
{
    if (m_trainer)
        return;
    auto examples = m_scoring->loadOutcomes();
    if (!examples) {
        qCWarning(lcServerScoring) << "AI training failed:" << examples.error().message();
        return;
    }
    auto result = std::make_shared<std::optional<Result<TrainingReport>>>();
    m_trainingResult = result;
    m_trainer = QThread::create([input = std::move(examples.value()), options = m_scoring->trainingOptions(),
                                 result]() { result->emplace(ModelTrainer::trainAndEvaluate(input, options)); });
    connect(m_trainer, &QThread::finished, this, &ScoringWorker::finishTraining);
    m_trainer->start(QThread::LowPriority);
}

void ScoringWorker::finishTraining()
{
    QThread *thread = std::exchange(m_trainer, nullptr);
    thread->deleteLater();
    const auto result = std::exchange(m_trainingResult, {});
    if (!result || !result->has_value() || !result->value()) {
        qCWarning(lcServerScoring) << "AI training failed:"
                                   << (result && result->has_value() ? result->value().error().message()
                                                                     : QStringLiteral("no result"));
        return;
    }
    if (auto stored = m_scoring->storeTraining(result->value().value()); !stored)
        qCWarning(lcServerScoring) << "storing the AI model failed:" << stored.error().message();
}

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
        // New exclusions retrain (which rescores); otherwise rescore with the same model.
        auto due = m_scoring->retrainDue();
        if (due && due.value()) {
            startTraining();
        } else if (auto all = m_scoring->scoreAll(m_config.batchSize); !all) {
            qCWarning(lcServerScoring) << "AI rescoring failed:" << all.error().message();
        }
    }
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    bool outcomesCounted = false;
    if (!m_trainer && nowMs - m_lastRetrainCheckMs >= m_config.retrainCheckMs) {
        m_lastRetrainCheckMs = nowMs;
        outcomesCounted = true;
        if (auto due = m_scoring->retrainDue(); !due)
            qCWarning(lcServerScoring) << "AI retraining check failed:" << due.error().message();
        else if (due.value())
            startTraining();
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
    // Until the outcomes were counted after the last change, keep looking (a lead closed
    // just after a count must still lead to a retrain when everything goes quiet).
    if (scored.value().scored == 0 && outcomesCounted)
        m_seenSeq = seq;
}

} // namespace Leads::Server
