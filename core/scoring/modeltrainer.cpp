// SPDX-License-Identifier: GPL-3.0-or-later
#include "modeltrainer.h"

#include "leadscore.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ModelTrainer), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ModelTrainer", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

constexpr double kBiasLambda = 1e-4;

using Examples = std::vector<const TrainingExample *>;

Outcome checkClasses(const Examples &rows, const QString &which)
{
    qsizetype converted = 0;
    for (const TrainingExample *e : rows)
        converted += e->converted ? 1 : 0;
    const qsizetype lost = qsizetype(rows.size()) - converted;
    if (converted == 0 || lost == 0)
        return Error(ErrorCode::InvalidInput,
                     tr("Cannot train the AI model: %1 has %2 converted and %3 lost leads, and it "
                        "needs both to learn what tells them apart.")
                         .arg(which)
                         .arg(converted)
                         .arg(lost));
    return {};
}

// Learned feature groups from the training rows only (bins and vocabularies of the
// hold-out never leak into the model that is evaluated on it).
void addLearnedGroups(ScoringModel &model, const Examples &rows, const TrainingOptions &options)
{
    QHash<QString, int> campaigns;
    struct AttributeStats
    {
        int numbers = 0;
        int categories = 0;
        std::vector<double> values;
        QHash<QString, int> counts;
    };
    QHash<QString, AttributeStats> attributes;
    QStringList attributeOrder;
    for (const TrainingExample *e : rows) {
        if (!e->features.campaign.isEmpty())
            ++campaigns[e->features.campaign];
        for (const LeadAttribute &a : e->features.attributes) {
            if (a.value.isEmpty() || a.type == u"text" || options.excludedAttributes.contains(a.key))
                continue;
            auto it = attributes.find(a.key);
            if (it == attributes.end()) {
                it = attributes.insert(a.key, {});
                attributeOrder.append(a.key);
            }
            if (a.type == u"number") {
                bool ok = false;
                const double v = a.value.toDouble(&ok);
                if (ok && std::isfinite(v)) {
                    ++it->numbers;
                    it->values.push_back(v);
                }
            } else {
                ++it->categories;
                ++it->counts[a.value];
            }
        }
    }
    auto frequent = [&](const QHash<QString, int> &counts) {
        QList<std::pair<int, QString>> list;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.value() >= options.minLevelCount)
                list.append({it.value(), it.key()});
        }
        std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        QStringList values;
        for (const auto &p : list) {
            if (values.size() >= options.maxValues)
                break;
            values.append(p.second);
        }
        return values;
    };
    if (!campaigns.isEmpty())
        model.addGroup(ScoringModel::campaignGroup(frequent(campaigns)));
    std::sort(attributeOrder.begin(), attributeOrder.end());
    for (const QString &key : std::as_const(attributeOrder)) {
        AttributeStats &s = attributes[key];
        if (s.numbers >= s.categories) {
            if (s.numbers < options.minLevelCount)
                continue;
            std::sort(s.values.begin(), s.values.end());
            QList<double> edges;
            for (int b = 1; b < options.numberBins; ++b) {
                const double q = s.values[size_t(double(b) / options.numberBins * double(s.values.size() - 1))];
                if (edges.isEmpty() || q > edges.constLast())
                    edges.append(q);
            }
            // A value equal to an edge falls in the upper bin; drop an edge at the minimum.
            if (!edges.isEmpty() && edges.constFirst() <= s.values.front())
                edges.removeFirst();
            model.addGroup(ScoringModel::numberGroup(key, edges));
        } else {
            if (s.categories < options.minLevelCount)
                continue;
            model.addGroup(ScoringModel::categoryGroup(key, frequent(s.counts)));
        }
    }
}

// In-place Cholesky solve of H x = g (H symmetric positive definite, upper triangle filled).
bool solve(std::vector<double> &h, std::vector<double> &g, size_t n)
{
    for (size_t j = 0; j < n; ++j) {
        for (size_t i = 0; i < j; ++i)
            h[j * n + i] = h[i * n + j]; // mirror
    }
    for (size_t j = 0; j < n; ++j) {
        double d = h[j * n + j];
        for (size_t k = 0; k < j; ++k)
            d -= h[j * n + k] * h[j * n + k];
        if (d <= 0)
            return false;
        d = std::sqrt(d);
        h[j * n + j] = d;
        for (size_t i = j + 1; i < n; ++i) {
            double s = h[i * n + j];
            for (size_t k = 0; k < j; ++k)
                s -= h[i * n + k] * h[j * n + k];
            h[i * n + j] = s / d;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        double s = g[i];
        for (size_t k = 0; k < i; ++k)
            s -= h[i * n + k] * g[k];
        g[i] = s / h[i * n + i];
    }
    for (size_t i = n; i-- > 0;) {
        double s = g[i];
        for (size_t k = i + 1; k < n; ++k)
            s -= h[k * n + i] * g[k];
        g[i] = s / h[i * n + i];
    }
    return true;
}

Result<ScoringModel> fit(const Examples &rows, const std::vector<int> &labels, const TrainingOptions &options)
{
    ScoringModel model = ScoringModel::prior();
    if (!options.usePrior) {
        std::fill(model.priorWeights.begin(), model.priorWeights.end(), 0.0);
        model.weights = model.priorWeights;
    }
    addLearnedGroups(model, rows, options);
    const size_t groups = size_t(model.groups().size());
    const size_t d = size_t(model.levelCount());
    const size_t n = rows.size();
    std::vector<int> active(n * groups);
    std::vector<int> one;
    for (size_t r = 0; r < n; ++r) {
        model.encode(rows[r]->features, one);
        std::copy(one.begin(), one.end(), active.begin() + std::ptrdiff_t(r * groups));
    }

    // Parameters: [bias, weights...]
    const size_t m = d + 1;
    std::vector<double> theta(m);
    std::vector<double> prior(m);
    std::vector<double> lambda(m, options.lambda);
    theta[0] = prior[0] = model.priorBias;
    lambda[0] = kBiasLambda;
    for (size_t j = 0; j < d; ++j)
        theta[j + 1] = prior[j + 1] = model.priorWeights[j];

    std::vector<double> h(m * m);
    std::vector<double> g(m);
    std::vector<int> idx(groups + 1);
    for (int iteration = 0; iteration < options.maxIterations; ++iteration) {
        std::fill(h.begin(), h.end(), 0.0);
        for (size_t j = 0; j < m; ++j) {
            g[j] = lambda[j] * (theta[j] - prior[j]);
            h[j * m + j] = lambda[j];
        }
        for (size_t r = 0; r < n; ++r) {
            const int *a = &active[r * groups];
            idx[0] = 0;
            double z = theta[0];
            for (size_t k = 0; k < groups; ++k) {
                idx[k + 1] = a[k] + 1;
                z += theta[size_t(idx[k + 1])];
            }
            const double p = 1.0 / (1.0 + std::exp(-z));
            const double residual = p - labels[r];
            const double s = std::max(p * (1.0 - p), 1e-12);
            // idx ascends (bias first, then groups in offset order): the upper triangle
            // is l >= k.
            for (size_t k = 0; k <= groups; ++k) {
                const size_t i = size_t(idx[k]);
                g[i] += residual;
                double *row = &h[i * m];
                for (size_t l = k; l <= groups; ++l)
                    row[size_t(idx[l])] += s;
            }
        }
        if (!solve(h, g, m))
            return Error(ErrorCode::InvalidInput, tr("Training the AI model did not converge."));
        double largest = 0;
        for (size_t j = 0; j < m; ++j)
            largest = std::max(largest, std::abs(g[j]));
        // A damped step keeps the first iterations sane on nearly separable data.
        const double step = largest > 4.0 ? 4.0 / largest : 1.0;
        for (size_t j = 0; j < m; ++j)
            theta[j] -= step * g[j];
        // Weights are shown to two decimals and scores are whole points: 1e-6 is exact.
        if (largest < 1e-6) {
            qCDebug(lcCore) << "Newton converged after" << iteration + 1 << "iterations on" << n << "leads";
            break;
        }
    }
    model.bias = theta[0];
    for (size_t j = 0; j < d; ++j)
        model.weights[j] = theta[j + 1];
    std::vector<double> counts(d, 0.0);
    for (int level : active)
        counts[size_t(level)] += 1.0;
    for (size_t j = 0; j < d; ++j)
        model.baseline[j] = n ? counts[j] / double(n) : 0.0;
    int converted = 0;
    for (int y : labels)
        converted += y;
    model.outcomes = int(n);
    model.converted = converted;
    model.lost = int(n) - converted;
    model.lambda = options.lambda;
    model.excludedAttributes = options.excludedAttributes;
    model.trainedAt = options.now;
    return model;
}

std::vector<int> labelsOf(const Examples &rows)
{
    std::vector<int> labels(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        labels[i] = rows[i]->converted ? 1 : 0;
    return labels;
}

Examples pointers(const std::vector<TrainingExample> &examples)
{
    Examples rows(examples.size());
    for (size_t i = 0; i < examples.size(); ++i)
        rows[i] = &examples[i];
    return rows;
}
} // namespace

Result<ScoringModel> ModelTrainer::train(const std::vector<TrainingExample> &examples,
                                         const TrainingOptions &options)
{
    const Examples rows = pointers(examples);
    if (auto ok = checkClasses(rows, tr("the workspace")); !ok)
        return ok.error();
    return fit(rows, labelsOf(rows), options);
}

Result<ModelEvaluation> ModelTrainer::evaluate(const std::vector<TrainingExample> &examples,
                                               const TrainingOptions &options)
{
    Examples rows = pointers(examples);
    if (auto ok = checkClasses(rows, tr("the workspace")); !ok)
        return ok.error();
    std::stable_sort(rows.begin(), rows.end(), [](const TrainingExample *a, const TrainingExample *b) {
        return a->createdMs != b->createdMs ? a->createdMs < b->createdMs : a->order < b->order;
    });
    const size_t test = std::max<size_t>(1, size_t(std::llround(double(rows.size()) * kHoldoutShare)));
    if (rows.size() < 2)
        return Error(ErrorCode::InvalidInput, tr("Cannot evaluate the AI model on fewer than two outcomes."));
    const Examples older(rows.begin(), rows.end() - std::ptrdiff_t(test));
    const Examples newest(rows.end() - std::ptrdiff_t(test), rows.end());
    if (auto ok = checkClasses(older, tr("the older 80 % of the outcomes")); !ok)
        return ok.error();
    auto model = fit(older, labelsOf(older), options);
    if (!model)
        return model.error();

    ModelEvaluation e;
    e.trainOutcomes = int(older.size());
    e.testOutcomes = int(newest.size());
    const std::vector<int> actual = labelsOf(newest);
    e.testConverted = std::accumulate(actual.begin(), actual.end(), 0);
    std::vector<double> predicted(newest.size());
    for (size_t i = 0; i < newest.size(); ++i)
        predicted[i] = model.value().probability(newest[i]->features);
    e.auc = ModelEvaluation::areaUnderRoc(predicted, actual);
    e.logLoss = ModelEvaluation::meanLogLoss(predicted, actual);
    e.brier = ModelEvaluation::brierScore(predicted, actual);
    e.calibration = ModelEvaluation::calibrationTable(predicted, actual);

    // Control: the same training on shuffled outcomes must not beat a coin on the hold-out.
    std::vector<int> shuffled = labelsOf(older);
    std::mt19937 rng(options.shuffleSeed);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    TrainingOptions controlOptions = options;
    controlOptions.usePrior = false;
    if (auto control = fit(older, shuffled, controlOptions)) {
        for (size_t i = 0; i < newest.size(); ++i)
            predicted[i] = control.value().probability(newest[i]->features);
        e.shuffledAuc = ModelEvaluation::areaUnderRoc(predicted, actual);
    }
    // The built-in starting model alone, for comparison.
    const ScoringModel prior = ScoringModel::prior();
    for (size_t i = 0; i < newest.size(); ++i)
        predicted[i] = prior.probability(newest[i]->features);
    e.priorAuc = ModelEvaluation::areaUnderRoc(predicted, actual);
    e.topWeights = ModelEvaluation::strongestWeights(model.value());
    return e;
}

Result<TrainingReport> ModelTrainer::trainAndEvaluate(const std::vector<TrainingExample> &examples,
                                                      const TrainingOptions &options)
{
    auto model = train(examples, options);
    if (!model)
        return model.error();
    TrainingReport report{model.value(), {}};
    if (auto evaluation = evaluate(examples, options)) {
        report.evaluation = evaluation.value();
        report.model.holdoutAuc = std::isnan(evaluation.value().auc) ? std::optional<double>()
                                                                      : std::optional<double>(evaluation.value().auc);
        report.model.holdoutOutcomes = evaluation.value().testOutcomes;
    } else {
        qCInfo(lcCore) << "AI model trained without a hold-out evaluation:" << evaluation.error().message();
    }
    report.evaluation.topWeights = ModelEvaluation::strongestWeights(report.model);
    return report;
}

} // namespace Leads
