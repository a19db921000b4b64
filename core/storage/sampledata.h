// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDateTime>

#include <functional>

namespace Leads {

class Database;

// Deterministic sample workspace: a team (admin, managers, agents) and leads with realistic
// names, companies, phones, e-mails, sources, statuses spread along the pipeline and
// timelines of several interactions. The same seed and `now` give the same rows.
class SampleData
{
public:
    struct Options
    {
        qint64 leads = 200;
        quint64 seed = 42;
        QDateTime now = QDateTime::currentDateTimeUtc();
        int batchSize = 20000;
    };
    struct Stats
    {
        qint64 leads = 0;
        qint64 interactions = 0;
        qint64 users = 0;
        qint64 elapsedMs = 0;
    };
    // Return false to cancel; whole batches already written stay.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static Result<Stats> generate(Database &db, const Options &options, const Progress &progress = {});
    // Whether the database has any lead at all (first start fills sample data when empty).
    static bool isEmpty(Database &db);
};

} // namespace Leads
