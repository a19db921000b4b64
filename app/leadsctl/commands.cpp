// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include "cli.h"

#include "domain/leadstatus.h"
#include "storage/database.h"
#include "storage/sampledata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTextStream>

namespace LeadsCtl {


int seed(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Fill a database with deterministic sample leads."));
    p.addHelpOption();
    const QCommandLineOption leads(QStringLiteral("leads"), QStringLiteral("Number of leads."), QStringLiteral("N"),
                                   QStringLiteral("1000"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"),
                                     QStringLiteral("42"));
    const QCommandLineOption quiet(QStringLiteral("quiet"), QStringLiteral("No progress output."));
    const QCommandLineOption db = databaseOption();
    p.addOptions({leads, seedOpt, quiet, db});
    p.process(args);

    bool okN = false;
    bool okS = false;
    const qint64 n = p.value(leads).toLongLong(&okN);
    const quint64 s = p.value(seedOpt).toULongLong(&okS);
    if (!okN || n < 0 || n > 100'000'000) {
        err() << "leadsctl seed: --leads must be a number from 0 to 100000000" << Qt::endl;
        return 2;
    }
    if (!okS) {
        err() << "leadsctl seed: --seed must be a non-negative number" << Qt::endl;
        return 2;
    }
    auto database = openDatabase(p.value(db), "seed");
    if (!database)
        return 1;
    Leads::SampleData::Options options;
    options.leads = n;
    options.seed = s;
    QElapsedTimer timer;
    timer.start();
    const bool showProgress = !p.isSet(quiet);
    auto result = Leads::SampleData::generate(*database, options, [&](qint64 done, qint64 total) {
        if (showProgress) {
            err() << "\r" << done << " / " << total << " leads ("
                  << qint64(double(done) * 1000.0 / double(std::max<qint64>(1, timer.elapsed()))) << " leads/s)"
                  << Qt::flush;
        }
        return true;
    });
    if (showProgress)
        err() << Qt::endl;
    if (!result) {
        err() << "leadsctl seed: " << result.error().message() << Qt::endl;
        return 1;
    }
    const auto &st = result.value();
    out() << "seeded " << st.leads << " leads, " << st.interactions << " interactions, " << st.users
        << " users into " << database->path() << " in " << st.elapsedMs << " ms ("
        << qint64(double(st.leads) * 1000.0 / double(std::max<qint64>(1, st.elapsedMs))) << " leads/s)"
        << Qt::endl;
    return 0;
}

int stats(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Counts of leads per status."));
    p.addHelpOption();
    const QCommandLineOption db = databaseOption();
    p.addOption(db);
    p.process(args);
    auto database = openDatabase(p.value(db), "stats");
    if (!database)
        return 1;
    QSqlQuery q(database->connection());
    if (!q.exec(QStringLiteral("SELECT status, COUNT(*) FROM leads GROUP BY status ORDER BY MIN(status_rank)"))) {
        err() << "leadsctl stats: " << Leads::storageError(q, QStringLiteral("counting")).message() << Qt::endl;
        return 1;
    }
    qint64 total = 0;
    while (q.next()) {
        const auto status = Leads::Status::fromId(q.value(0).toString());
        out() << QStringLiteral("%1 %2\n")
                   .arg(status ? Leads::Status::label(*status) : q.value(0).toString(), -12)
                   .arg(q.value(1).toLongLong(), 10);
        total += q.value(1).toLongLong();
    }
    out() << QStringLiteral("%1 %2\n").arg(QStringLiteral("Total"), -12).arg(total, 10);
    return 0;
}

} // namespace LeadsCtl
