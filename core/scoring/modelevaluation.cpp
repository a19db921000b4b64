// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelevaluation.h"

#include "scoringmodel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ModelEvaluation), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ModelEvaluation", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

QString fixed(double v, int decimals = 3)
{
    return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', decimals);
}
} // namespace

double ModelEvaluation::areaUnderRoc(const std::vector<double> &predicted, const std::vector<int> &actual)
{
    const size_t n = predicted.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return predicted[a] < predicted[b]; });
    // Mann-Whitney U with average ranks for ties.
    double positiveRanks = 0;
    size_t positives = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && predicted[order[j]] == predicted[order[i]])
            ++j;
        const double rank = (double(i + 1) + double(j)) / 2.0;
        for (size_t k = i; k < j; ++k) {
            if (actual[order[k]]) {
                positiveRanks += rank;
                ++positives;
            }
        }
        i = j;
    }
    const size_t negatives = n - positives;
    if (positives == 0 || negatives == 0)
        return kNaN;
    return (positiveRanks - double(positives) * double(positives + 1) / 2.0) / (double(positives) * double(negatives));
}

double ModelEvaluation::meanLogLoss(const std::vector<double> &predicted, const std::vector<int> &actual)
{
    if (predicted.empty())
        return kNaN;
    double sum = 0;
    for (size_t i = 0; i < predicted.size(); ++i) {
        const double p = std::clamp(predicted[i], 1e-12, 1.0 - 1e-12);
        sum -= actual[i] ? std::log(p) : std::log(1.0 - p);
    }
    return sum / double(predicted.size());
}

double ModelEvaluation::brierScore(const std::vector<double> &predicted, const std::vector<int> &actual)
{
    if (predicted.empty())
        return kNaN;
    double sum = 0;
    for (size_t i = 0; i < predicted.size(); ++i) {
        const double d = predicted[i] - (actual[i] ? 1.0 : 0.0);
        sum += d * d;
    }
    return sum / double(predicted.size());
}

QList<CalibrationBin> ModelEvaluation::calibrationTable(const std::vector<double> &predicted,
                                                        const std::vector<int> &actual, int bins)
{
    QList<CalibrationBin> table(bins);
    for (int b = 0; b < bins; ++b) {
        table[b].from = double(b) / bins;
        table[b].to = double(b + 1) / bins;
    }
    for (size_t i = 0; i < predicted.size(); ++i) {
        const int b = std::clamp(int(predicted[i] * bins), 0, bins - 1);
        table[b].count += 1;
        table[b].meanPredicted += predicted[i];
        table[b].observedRate += actual[i] ? 1.0 : 0.0;
    }
    for (CalibrationBin &bin : table) {
        if (bin.count > 0) {
            bin.meanPredicted /= bin.count;
            bin.observedRate /= bin.count;
        }
    }
    return table;
}

QList<WeightSummary> ModelEvaluation::strongestWeights(const ScoringModel &model, int count)
{
    QList<WeightSummary> all;
    for (const FeatureGroup &g : model.groups()) {
        const int n = int(g.phrases.size());
        double expected = 0;
        for (int l = 0; l < n; ++l)
            expected += model.baseline[size_t(g.offset + l)] * model.weights[size_t(g.offset + l)];
        for (int l = 0; l < n; ++l) {
            const double share = model.baseline[size_t(g.offset + l)];
            if (share <= 0)
                continue; // a level no training lead was in says nothing
            all.append({g.phrases.at(l), model.weights[size_t(g.offset + l)] - expected, share});
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const WeightSummary &a, const WeightSummary &b) {
        return std::abs(a.logOdds) > std::abs(b.logOdds);
    });
    if (all.size() > count)
        all.resize(count);
    return all;
}

QString ModelEvaluation::report() const
{
    QString s;
    s += tr("Time-ordered hold-out: trained on the older %1 outcomes, tested on the newest %2 (%3 converted)\n")
             .arg(trainOutcomes)
             .arg(testOutcomes)
             .arg(testConverted);
    s += tr("  AUC            %1   (shuffled-label control: %2)\n").arg(fixed(auc), fixed(shuffledAuc));
    s += tr("  AUC of the built-in starting model alone: %1\n").arg(fixed(priorAuc));
    s += tr("  log-loss       %1\n").arg(fixed(logLoss, 4));
    s += tr("  Brier score    %1\n").arg(fixed(brier, 4));
    s += tr("\nCalibration (hold-out):\n  predicted     leads  mean predicted  converted\n");
    for (const CalibrationBin &b : calibration) {
        if (b.count == 0)
            continue;
        s += QStringLiteral("  %1-%2%  %3  %4  %5\n")
                 .arg(int(std::lround(b.from * 100)), 3)
                 .arg(int(std::lround(b.to * 100)), 3)
                 .arg(b.count, 8)
                 .arg(QString::number(b.meanPredicted * 100, 'f', 1) + QLatin1Char('%'), 14)
                 .arg(QString::number(b.observedRate * 100, 'f', 1) + QLatin1Char('%'), 10);
    }
    if (!topWeights.isEmpty()) {
        s += tr("\nStrongest factors (log-odds against the average lead, share of leads):\n");
        for (const WeightSummary &w : topWeights) {
            s += QStringLiteral("  %1  %2  %3\n")
                     .arg(QString::number(w.logOdds, 'f', 2).prepend(w.logOdds >= 0 ? QStringLiteral("+") : QString()), 6)
                     .arg(QString::number(w.share * 100, 'f', 1) + QLatin1Char('%'), 6)
                     .arg(w.phrase);
        }
    }
    return s;
}

} // namespace Leads
