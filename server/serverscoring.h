// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "scoring/modeltrainer.h"
#include "scoring/scoringmodel.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace Leads::Server {

class ServerClock;
class ServerDatabase;

// AI qualification for a team: the same model code as the desktop client (core/scoring),
// over the server's tables. Scores are written on the lead rows with a new change number,
// so they go down the sync feed like any other change; the manual score and final leads
// obey core/domain (Qualification::applyAi, AiQualification), exactly as in the client.
class ServerScoring {
public:
    ServerScoring(ServerDatabase &db, const ServerClock &clock);

    struct Stats {
        int scored = 0;
        int autoQualified = 0;
    };

    // Settings (table `settings`): ai_enabled, ai_threshold, ai_excluded_attributes, ai_model.
    bool enabled() const;
    int threshold() const;
    QStringList excludedAttributes() const;
    // The stored model, or the built-in prior when none was trained.
    ScoringModel currentModel() const;
    // GET /v1/scoring/model: when trained, on how many outcomes, hold-out AUC, warning.
    static QJsonObject describe(const ScoringModel &model);

    // Converted/lost leads as they looked just before they were closed.
    Result<std::vector<TrainingExample>> loadOutcomes() const;
    // Hold-out evaluation, then the model on all outcomes, stored, then every active lead
    // rescored with it.
    Result<TrainingReport> train();
    // Retrains when enough new outcomes arrived since the stored model (true if it did).
    Result<bool> retrainIfDue();
    // Whether enough new outcomes arrived (or the exclusions changed) since the stored model.
    Result<bool> retrainDue() const;
    // The options training runs with now (exclusions, clock).
    TrainingOptions trainingOptions() const;
    // Stores a model fitted elsewhere (ScoringWorker fits on a thread) and rescores with it.
    Outcome storeTraining(const TrainingReport &report);

    // Leads with activity since their last score (new messages, new leads), at most `limit`.
    Result<Stats> scoreStale(int limit = 500);
    // Every active lead, in batches.
    Result<Stats> scoreAll(int batchSize = 500);
    Result<Stats> scoreLeads(const QStringList &leadIds);

private:
    QString setting(const QString &name, const QString &fallback = {}) const;

    ServerDatabase &m_db;
    const ServerClock &m_clock;
};

} // namespace Leads::Server
