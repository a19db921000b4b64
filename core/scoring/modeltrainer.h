// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "featureextractor.h"
#include "modelevaluation.h"
#include "scoringmodel.h"

#include <QDateTime>
#include <QStringList>

#include <vector>

namespace Leads {

// One final lead to learn from: its features as of the moment before it was closed.
struct TrainingExample
{
    LeadFeatures features;
    bool converted = false;
    qint64 createdMs = 0; // hold-out order: creation time…
    qint64 order = 0;     // …then import order (lead_no)
};

struct TrainingOptions
{
    // L2 strength toward the prior, in the units of one outcome's log-likelihood: a level
    // needs roughly 4·lambda leads before the team's data outweighs the prior there.
    double lambda = 5.0;
    int maxIterations = 30;
    int numberBins = 5;       // quantile bins for numeric attributes
    int minLevelCount = 10;   // rarer campaigns / category values are pooled into "other"
    int maxValues = 30;       // most frequent values kept per category
    QStringList excludedAttributes; // admin-excluded (e.g. filled in after qualification)
    QDateTime now = QDateTime::currentDateTimeUtc();
    quint32 shuffleSeed = 7;
    // Off for the shuffled-label control, so that it measures the data alone.
    bool usePrior = true;
};

struct TrainingReport
{
    ScoringModel model;          // trained on every outcome
    ModelEvaluation evaluation;  // the same training on the older 80 %, tested on the newest 20 %
};

// Fits the binned logistic regression by Newton's method with an L2 penalty pulling every
// weight toward the prior model (toward 0 for learned levels); the intercept is left
// almost free so that the mean prediction matches the training conversion rate.
class ModelTrainer
{
public:
    static Result<ScoringModel> train(const std::vector<TrainingExample> &examples,
                                      const TrainingOptions &options = {});
    // Hold-out evaluation (train on the older 80 % by creation time then import order,
    // test on the newest 20 %), then the final model on all outcomes.
    static Result<TrainingReport> trainAndEvaluate(const std::vector<TrainingExample> &examples,
                                                   const TrainingOptions &options = {});
    static Result<ModelEvaluation> evaluate(const std::vector<TrainingExample> &examples,
                                            const TrainingOptions &options = {});

    static constexpr double kHoldoutShare = 0.2;
};

} // namespace Leads
