// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "modeltrainer.h"
#include "scoringmodel.h"

#include <QStringList>
#include <QVariant>

#include <functional>
#include <vector>

namespace Leads {

class Clock;
class LeadService;

// AI qualification on one database: learns from its final leads, keeps the model in the
// settings table, and scores active leads through LeadService (so every write obeys the
// same rules). The client runs it standalone; the server runs the same code for a team.
class ScoringService
{
public:
    ScoringService(LeadService &leads, const Clock &clock);

    struct RescoreStats
    {
        qint64 scored = 0;
        qint64 autoQualified = 0;
        qint64 skippedFinal = 0;
        qint64 elapsedMs = 0;
        qint64 readMs = 0;  // loading leads, interactions and attributes
        qint64 modelMs = 0; // features, scores and reasons
        qint64 writeMs = 0; // LeadService::applyAiScores
    };
    using Progress = std::function<void(qint64 done)>;

    bool enabled() const;
    const Clock &clock() const { return m_clock; }
    int threshold() const;
    QStringList excludedAttributes() const;

    // The stored model, or the built-in prior when none was trained (or it is unreadable).
    ScoringModel currentModel() const;
    Outcome saveModel(const ScoringModel &model);

    // Every converted or lost lead, with features as of just before it was closed. Status
    // history is read only to find that moment, never as a feature.
    Result<std::vector<TrainingExample>> loadOutcomes() const;
    // Hold-out evaluation, then the model on all outcomes, stored.
    Result<TrainingReport> train(TrainingOptions options = {});
    // Retrains when enough new outcomes arrived since the stored model (true if it did).
    Result<bool> retrainIfDue();
    // Whether retrainIfDue() would train now (a cheap count on an indexed column).
    Result<bool> retrainDue() const;

    // Training in two halves, so that a client can fit the model on a worker thread: the
    // outcomes and options are read here (database thread), ModelTrainer::trainAndEvaluate
    // runs anywhere, and storeTraining() saves the result (database thread).
    struct PreparedTraining
    {
        std::vector<TrainingExample> examples;
        TrainingOptions options;
    };
    Result<PreparedTraining> prepareTraining(TrainingOptions options = {}) const;
    Outcome storeTraining(const TrainingReport &report);

    // Scores active leads in batches, one transaction per batch. `onlyStale` skips leads
    // with no activity since their last score.
    Result<RescoreStats> rescoreAll(bool onlyStale = false, int batchSize = 2000,
                                    const Progress &progress = {});
    Outcome rescoreLead(const QString &leadId);
    // Several leads in one transaction (final or unknown ones are skipped).
    Result<RescoreStats> rescoreLeads(const QStringList &leadIds);
    // One chunk of a full rescore: active leads with lead_no > `afterLeadNo`, at most
    // `batchSize` lead numbers. `afterLeadNo` moves to the last one read; `done` tells that
    // nothing is left, so a caller can spread a full rescore over the event loop.
    struct Chunk
    {
        RescoreStats stats;
        qint64 afterLeadNo = -1;
        bool done = false;
    };
    Result<Chunk> rescoreChunk(qint64 afterLeadNo, int batchSize, bool onlyStale = false);
    qint64 activeLeadCount() const;

    static constexpr int kMinNewOutcomes = 20;

private:
    Result<RescoreStats> rescore(const QString &leadId, bool onlyStale, int batchSize,
                                 const Progress &progress);
    // Scores the active leads matching `condition` (fixed SQL over alias l) in one batch.
    Outcome rescoreWhere(const QString &condition, const QVariantList &binds, const ScoringModel &model,
                         const QStringList &excluded, RescoreStats &stats);

    LeadService &m_leads;
    const Clock &m_clock;
};

} // namespace Leads
