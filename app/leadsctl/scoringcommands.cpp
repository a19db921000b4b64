// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringcommands.h"

#include "cli.h"

#include "domain/clock.h"
#include "domain/permissions.h"
#include "scoring/scoringservice.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cmath>

namespace LeadsCtl {

namespace {
// The command line acts for the administrator running it; AI writes are the system's.
Leads::Actor commandLineActor()
{
    return Leads::Actor{QString(), QStringLiteral("leadsctl"), Leads::Role::Admin};
}
} // namespace

int train(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Train the AI qualification model on the database's converted and lost leads, print its "
        "evaluation on the newest 20 % (time-ordered hold-out) and store it."));
    p.addHelpOption();
    const QCommandLineOption db = databaseOption();
    const QCommandLineOption lambda(QStringLiteral("lambda"),
                                    QStringLiteral("Pull toward the built-in model (default 5)."),
                                    QStringLiteral("L"), QStringLiteral("5"));
    p.addOptions({db, lambda});
    p.process(args);
    bool ok = false;
    const double strength = p.value(lambda).toDouble(&ok);
    if (!ok || !(strength > 0) || strength > 1e6) {
        err() << "leadsctl train: --lambda must be a positive number" << Qt::endl;
        return 2;
    }
    auto database = openDatabase(p.value(db), "train");
    if (!database)
        return 1;
    Leads::LeadService leads(*database, commandLineActor(), Leads::Clock::system());
    Leads::ScoringService scoring(leads, Leads::Clock::system());
    Leads::TrainingOptions options;
    options.lambda = strength;
    QElapsedTimer timer;
    timer.start();
    auto report = scoring.train(options);
    if (!report) {
        err() << "leadsctl train: " << report.error().message() << Qt::endl;
        return 1;
    }
    const Leads::ScoringModel &model = report.value().model;
    out() << report.value().evaluation.report() << '\n';
    out() << "Model stored: trained " << model.trainedAt.toString(Qt::ISODate) << " on " << model.outcomes
          << " outcomes (" << model.converted << " converted, " << model.lost << " lost), "
          << model.groups().size() << " features, hold-out AUC "
          << (model.holdoutAuc ? QString::number(*model.holdoutAuc, 'f', 3) : QStringLiteral("n/a")) << ", "
          << timer.elapsed() << " ms" << Qt::endl;
    if (!model.warning().isEmpty())
        out() << "Warning: " << model.warning() << Qt::endl;
    if (!model.excludedAttributes.isEmpty())
        out() << "Excluded attributes: " << model.excludedAttributes.join(QStringLiteral(", ")) << Qt::endl;
    return 0;
}

int score(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Rescore every active lead with the stored model (the built-in one when none was trained); "
        "leads reaching the auto-qualify threshold move to Qualified."));
    p.addHelpOption();
    const QCommandLineOption db = databaseOption();
    const QCommandLineOption stale(QStringLiteral("stale"),
                                   QStringLiteral("Only leads with activity since their last score."));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress output."));
    p.addOptions({db, stale, quiet});
    p.process(args);
    auto database = openDatabase(p.value(db), "score");
    if (!database)
        return 1;
    Leads::LeadService leads(*database, commandLineActor(), Leads::Clock::system());
    Leads::ScoringService scoring(leads, Leads::Clock::system());
    const Leads::ScoringModel model = scoring.currentModel();
    const bool showProgress = !p.isSet(quiet);
    auto stats = scoring.rescoreAll(p.isSet(stale), 5000, [&](qint64 done) {
        if (showProgress)
            err() << "\r" << done << " leads scored" << Qt::flush;
    });
    if (showProgress)
        err() << Qt::endl;
    if (!stats) {
        err() << "leadsctl score: " << stats.error().message() << Qt::endl;
        return 1;
    }
    const auto &s = stats.value();
    out() << "scored " << s.scored << " active leads in " << s.elapsedMs << " ms with "
          << (model.isPrior() ? QStringLiteral("the built-in model")
                              : QStringLiteral("the model trained %1 on %2 outcomes")
                                    .arg(model.trainedAt.toString(Qt::ISODate))
                                    .arg(model.outcomes))
          << "; " << s.autoQualified << " moved to Qualified (threshold " << scoring.threshold() << ")" << Qt::endl;
    if (!model.warning().isEmpty())
        out() << "Warning: " << model.warning() << Qt::endl;
    return 0;
}

} // namespace LeadsCtl
