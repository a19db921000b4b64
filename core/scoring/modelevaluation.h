// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <limits>
#include <vector>

namespace Leads {

class ScoringModel;

struct CalibrationBin
{
    double from = 0;
    double to = 0;
    int count = 0;
    double meanPredicted = 0;
    double observedRate = 0;
};

struct WeightSummary
{
    QString phrase;
    double logOdds = 0; // against the average lead in the same feature
    double share = 0;   // share of training leads in this level
};

// How a model did on the newest leads it never saw (time-ordered hold-out), next to the
// same training on shuffled outcomes: a leak-free model beats that control clearly, a
// model that only memorises noise does not.
struct ModelEvaluation
{
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

    int trainOutcomes = 0;
    int testOutcomes = 0;
    int testConverted = 0;
    double auc = kNaN; // NaN when the hold-out holds a single class
    double logLoss = kNaN;
    double brier = kNaN;
    double shuffledAuc = kNaN;
    double priorAuc = kNaN; // the built-in starting model on the same hold-out
    QList<CalibrationBin> calibration;
    QList<WeightSummary> topWeights;

    // A plain-text report for people (leadsctl train, the server log).
    QString report() const;

    static double areaUnderRoc(const std::vector<double> &predicted, const std::vector<int> &actual);
    static double meanLogLoss(const std::vector<double> &predicted, const std::vector<int> &actual);
    static double brierScore(const std::vector<double> &predicted, const std::vector<int> &actual);
    static QList<CalibrationBin> calibrationTable(const std::vector<double> &predicted,
                                                  const std::vector<int> &actual, int bins = 10);
    // The levels that move the odds most, relative to the average lead in their feature.
    static QList<WeightSummary> strongestWeights(const ScoringModel &model, int count = 10);
};

} // namespace Leads
