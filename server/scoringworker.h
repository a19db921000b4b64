// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include "domain/result.h"

#include <memory>
#include <optional>

class QThread;
class QTimer;

namespace Leads {
struct TrainingReport;
}

namespace Leads::Server {

class ServerClock;
class ServerDatabase;
class ServerScoring;

// Keeps a team's AI scores current from the server's event loop: on start it retrains when
// enough outcomes arrived since the stored model, then every tick (only when the change
// counter moved) it scores leads with new activity — captured messages, new leads, leads
// edited through sync — and retrains when leads were closed. Every request handler writes
// through the database, so this sees changes from any server process.
class ScoringWorker : public QObject {
    Q_OBJECT
public:
    struct Config {
        int intervalMs = 1000;
        int batchSize = 500;
        int retrainCheckMs = 2000; // counting outcomes is an index scan: cheap, not free
    };

    ScoringWorker(ServerDatabase &db, const ServerClock &clock, const Config &config, QObject *parent = nullptr);
    ~ScoringWorker() override; // waits for a running fit

    void start();
    // One pass now (also what the timer runs).
    void tick();

private:
    qint64 changeSeq() const;
    // The admin's AI settings as one comparable string.
    QString settingsKey() const;
    // Reads the outcomes here, fits on a thread (requests go on being answered), then
    // stores the model and rescores from the event loop.
    void startTraining();
    void finishTraining();

    ServerDatabase &m_db;
    Config m_config;
    std::unique_ptr<ServerScoring> m_scoring;
    QTimer *m_timer = nullptr;
    qint64 m_seenSeq = -1;
    qint64 m_lastRetrainCheckMs = 0;
    QString m_settingsKey;
    QThread *m_trainer = nullptr;
    std::shared_ptr<std::optional<Result<TrainingReport>>> m_trainingResult;
};

} // namespace Leads::Server
