// SPDX-License-Identifier: GPL-3.0-or-later
// AI qualification throughput on a seeded synthetic workspace with a known signal:
// training (features as of closing + the Newton fit) on N final leads, and scoring with
// explanations M leads (features as of now + score + reasons), plus the full hold-out
// evaluation and, optionally, a rescore of a real database through LeadService.
#include "benchsupport.h"
#include "domain/clock.h"
#include "domain/permissions.h"
#include "scoring/featureextractor.h"
#include "scoring/modeltrainer.h"
#include "scoring/scoringmodel.h"
#include "scoring/scoringservice.h"
#include "scoring/syntheticleads.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>
#include <thread>
#include <vector>

using namespace Leads;

namespace {
// Process CPU time: on a shared machine it moves far less than wall time.
qint64 cpuMs()
{
    return qint64(double(std::clock()) * 1000.0 / CLOCKS_PER_SEC);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("AI qualification: train and score throughput"));
    parser.addHelpOption();
    const QCommandLineOption trainOpt(QStringLiteral("train"), QStringLiteral("Final leads to train on (default 100000)."),
                                      QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption scoreOpt(QStringLiteral("score"), QStringLiteral("Leads to score (default 1000000)."),
                                      QStringLiteral("M"), QStringLiteral("1000000"));
    const QCommandLineOption dbOpt(QStringLiteral("db-leads"),
                                   QStringLiteral("Also rescore K active leads in a temporary database (default 0)."),
                                   QStringLiteral("K"), QStringLiteral("0"));
    parser.addOptions({trainOpt, scoreOpt, dbOpt});
    parser.process(app);
    const int n = parser.value(trainOpt).toInt();
    const qint64 m = parser.value(scoreOpt).toLongLong();
    const int k = parser.value(dbOpt).toInt();

    QElapsedTimer t;
    t.start();
    SyntheticLeads::Options o;
    o.leads = n;
    o.seed = 2026;
    const std::vector<SyntheticLead> leads = SyntheticLeads::generate(o);
    std::printf("bench_scoring: generated %d synthetic leads in %lld ms (not timed below)\n", n,
                static_cast<long long>(t.elapsed()));

    // Training = feature extraction as of each lead's closing + the fit.
    t.restart();
    qint64 cpu = cpuMs();
    const std::vector<TrainingExample> examples = SyntheticLeads::examples(leads);
    const qint64 extractMs = t.elapsed();
    TrainingOptions options;
    auto model = ModelTrainer::train(examples, options);
    const qint64 trainMs = t.elapsed();
    const qint64 trainCpuMs = cpuMs() - cpu;
    if (!model) {
        std::printf("training failed: %s\n", qPrintable(model.error().message()));
        return 1;
    }
    std::printf("train   %d leads: %lld ms (CPU %lld ms; features %lld ms, fit %lld ms), %d levels  [target < 2000 ms]\n",
                n, static_cast<long long>(trainMs), static_cast<long long>(trainCpuMs), static_cast<long long>(extractMs),
                static_cast<long long>(trainMs - extractMs), model.value().levelCount());
    Bench::result("scoring_train", double(trainMs), "ms", "<2000");

    t.restart();
    auto report = ModelTrainer::trainAndEvaluate(examples, options);
    const qint64 evalMs = t.elapsed();
    if (report) {
        const ModelEvaluation &e = report.value().evaluation;
        std::printf("evaluate (final fit + 80/20 hold-out fit + shuffled control): %lld ms; hold-out AUC %.3f, "
                    "shuffled %.3f, prior alone %.3f, log-loss %.4f, Brier %.4f\n",
                    static_cast<long long>(evalMs), e.auc, e.shuffledAuc, e.priorAuc, e.logLoss, e.brier);
    }

    // Scoring: M leads, cycling over the generated ones (features as of "now" for each).
    const ScoringModel &scorer = model.value();
    const qint64 now = leads.back().snapshot.createdAt.toMSecsSinceEpoch() + 7LL * 24 * 3600 * 1000;
    t.restart();
    cpu = cpuMs();
    qint64 checksum = 0;
    for (qint64 i = 0; i < m; ++i) {
        const SyntheticLead &l = leads[size_t(i % qint64(leads.size()))];
        checksum += scorer.score(FeatureExtractor::extract(l.snapshot, now));
    }
    const qint64 scoreMs = t.elapsed();
    const qint64 scoreCpuMs = cpuMs() - cpu;
    std::printf("score   %lld leads: %lld ms (CPU %lld ms, %.0f leads/s)  [target < 3000 ms]  checksum %lld\n",
                static_cast<long long>(m), static_cast<long long>(scoreMs), static_cast<long long>(scoreCpuMs),
                double(m) * 1000.0 / double(std::max<qint64>(1, scoreMs)), static_cast<long long>(checksum));
    Bench::result("scoring_score", double(scoreMs), "ms", "<3000");
    // The same on every core (the model is read-only; scratch buffers are per thread).
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<qint64> partial(threads, 0);
    t.restart();
    {
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < threads; ++w) {
            pool.emplace_back([&, w] {
                qint64 sum = 0;
                for (qint64 i = w; i < m; i += threads) {
                    const SyntheticLead &l = leads[size_t(i % qint64(leads.size()))];
                    sum += scorer.score(FeatureExtractor::extract(l.snapshot, now));
                }
                partial[w] = sum;
            });
        }
        for (std::thread &th : pool)
            th.join();
    }
    const qint64 parallelMs = t.elapsed();
    qint64 parallelSum = 0;
    for (qint64 v : partial)
        parallelSum += v;
    std::printf("score   %lld leads on %u threads: %lld ms (%.0f leads/s)  checksum %lld\n",
                static_cast<long long>(m), threads, static_cast<long long>(parallelMs),
                double(m) * 1000.0 / double(std::max<qint64>(1, parallelMs)), static_cast<long long>(parallelSum));

    t.restart();
    qint64 reasons = 0;
    for (qint64 i = 0; i < m; ++i) {
        const SyntheticLead &l = leads[size_t(i % qint64(leads.size()))];
        reasons += scorer.explain(FeatureExtractor::extract(l.snapshot, now)).reasons().size();
    }
    const qint64 explainMs = t.elapsed();
    std::printf("score + reasons %lld leads: %lld ms (%.0f leads/s), %lld reasons\n", static_cast<long long>(m),
                static_cast<long long>(explainMs), double(m) * 1000.0 / double(std::max<qint64>(1, explainMs)),
                static_cast<long long>(reasons));

    if (k > 0) {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("scoring.sqlite")));
        if (!db) {
            std::printf("cannot open a database: %s\n", qPrintable(db.error().message()));
            return 1;
        }
        SyntheticLeads::Options active;
        active.leads = k;
        active.seed = 7;
        active.activeShare = 1.0;
        t.restart();
        if (auto written = SyntheticLeads::write(*db.value(), SyntheticLeads::generate(active)); !written) {
            std::printf("cannot write leads: %s\n", qPrintable(written.error().message()));
            return 1;
        }
        std::printf("wrote %d active leads to a database in %lld ms (not timed below)\n", k,
                    static_cast<long long>(t.elapsed()));
        LeadService service(*db.value(), Actor{QString(), QStringLiteral("bench"), Role::Admin}, Clock::system());
        ScoringService scoring(service, Clock::system());
        if (auto saved = scoring.saveModel(model.value()); !saved)
            return 1;
        auto stats = scoring.rescoreAll(false, 5000);
        if (!stats) {
            std::printf("rescore failed: %s\n", qPrintable(stats.error().message()));
            return 1;
        }
        std::printf("rescore database %lld leads (5000 per transaction): %lld ms (read %lld, model %lld, write %lld; "
                    "%.0f leads/s), %lld moved to Qualified\n",
                    static_cast<long long>(stats.value().scored), static_cast<long long>(stats.value().elapsedMs),
                    static_cast<long long>(stats.value().readMs), static_cast<long long>(stats.value().modelMs),
                    static_cast<long long>(stats.value().writeMs),
                    double(stats.value().scored) * 1000.0 / double(std::max<qint64>(1, stats.value().elapsedMs)),
                    static_cast<long long>(stats.value().autoQualified));
    }
    return 0;
}
