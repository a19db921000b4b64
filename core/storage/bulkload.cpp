// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkload.h"

#include "database.h"
#include "leadscore.h"
#include "migrations.h"
#include "searchindex.h"
#include "searchindexbuilder.h"

#include <QSqlQuery>

namespace Leads {

BulkLoad::BulkLoad(QSqlDatabase db) : m_db(std::move(db)) {}

BulkLoad::~BulkLoad()
{
    if (m_active) {
        if (auto done = finish(); !done)
            qCWarning(lcStorage) << "finishing a bulk load:" << done.error().message();
    }
}

Outcome BulkLoad::begin()
{
    QSqlQuery q(m_db);
    m_wasWal = q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next() && q.value(0).toString() == u"wal";
    q.finish();
    const QStringList pragmas = {
        QStringLiteral("PRAGMA foreign_keys = OFF"),
        QStringLiteral("PRAGMA ignore_check_constraints = ON"),
        QStringLiteral("PRAGMA cache_size = -262144"),
        QStringLiteral("PRAGMA threads = 2"), // parallel sorter for the index builds
    };
    for (const QString &p : pragmas) {
        if (!q.exec(p))
            return storageError(q, QStringLiteral("preparing a bulk load"));
    }
    // Leaving WAL needs the only connection to the file. In the running client other
    // readers (counts, the dashboard) hold it open: then the load stays in WAL, which
    // costs some speed and nothing else.
    if (m_wasWal) {
        const bool left = q.exec(QStringLiteral("PRAGMA journal_mode = DELETE")) && q.next()
                          && q.value(0).toString() != u"wal";
        if (!left) {
            qCDebug(lcStorage) << "bulk load stays in WAL (other connections are open)";
            m_wasWal = false;
        }
    }
    q.finish();
    m_active = true;
    if (auto s = SearchIndex::suspend(m_db); !s)
        return s;
    return Migrations::dropSecondaryIndexes(m_db);
}

Outcome BulkLoad::finish(const QString &prebuiltSearchIndex)
{
    if (!m_active)
        return {};
    m_active = false;
    Outcome result = Migrations::ensureSecondaryIndexes(m_db);
    if (result) {
        result = prebuiltSearchIndex.isEmpty() ? SearchIndex::rebuild(m_db)
                                               : SearchIndexBuilder::adopt(m_db, prebuiltSearchIndex);
    }
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA cache_size = -32768"));
    q.exec(QStringLiteral("PRAGMA ignore_check_constraints = OFF"));
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (m_wasWal)
        q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.finish();
    // Statistics for the planner. A sampled ANALYZE counts at most the sample per value,
    // so a column with a handful of values over a million leads (finality, status, source)
    // looked as selective as an id: the list then sorted every active lead before showing
    // one (17 s). The leads table gets exact figures (about 1.5 s per million leads); the
    // others, whose indexes lead with ids, are sampled.
    q.exec(QStringLiteral("PRAGMA analysis_limit = 1000"));
    q.exec(QStringLiteral("ANALYZE"));
    q.exec(QStringLiteral("PRAGMA analysis_limit = 0"));
    q.exec(QStringLiteral("ANALYZE leads"));
    return result;
}

} // namespace Leads
