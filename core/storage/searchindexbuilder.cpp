// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchindexbuilder.h"

#include "database.h"
#include "leadscore.h"
#include "searchindex.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>

#include <sqlite3.h>

namespace Leads {

namespace {
// The shadow tables of an FTS5 table named leads_fts (content = 'leads', so no _content).
constexpr const char *kShadowTables[] = {"leads_fts_data", "leads_fts_idx", "leads_fts_docsize",
                                         "leads_fts_config"};

Error storageFailure(const QString &what, const QString &why)
{
    return Error(ErrorCode::Storage, QCoreApplication::translate("Database", "Database error while %1: %2")
                                         .arg(what, why));
}
} // namespace

QString SearchIndexBuilder::scratchPathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral("-search-build");
}

SearchIndexBuilder::SearchIndexBuilder(QString scratchPath) : m_path(std::move(scratchPath)) {}

SearchIndexBuilder::~SearchIndexBuilder()
{
    sqlite3_finalize(m_insert);
    sqlite3_close(m_db);
    QFile::remove(m_path);
}

Error SearchIndexBuilder::error(const char *what) const
{
    return storageFailure(QString::fromUtf8(what),
                          m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("not open"));
}

Outcome SearchIndexBuilder::exec(const char *sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return error("building the search index");
    return {};
}

Outcome SearchIndexBuilder::open()
{
    QFile::remove(m_path);
    const QByteArray path = m_path.toUtf8();
    if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK)
        return error("creating the search index scratch file");
    // A scratch file: thrown away on any failure, so it needs no journal and no syncs.
    const QByteArray table = SearchIndex::tableStatement().toUtf8();
    for (const char *sql : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                            "PRAGMA cache_size = -131072",
                            // The content table the FTS5 definition names; never filled.
                            "CREATE TABLE leads (lead_no INTEGER PRIMARY KEY, name, company, "
                            "search_phone, email, notes)",
                            table.constData(),
                            "INSERT INTO leads_fts (leads_fts, rank) VALUES ('automerge', 0)"}) {
        if (auto done = exec(sql); !done)
            return done;
    }
    if (sqlite3_prepare_v3(m_db,
                           "INSERT INTO leads_fts (rowid, name, company, search_phone, email, notes) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           -1, SQLITE_PREPARE_PERSISTENT, &m_insert, nullptr)
        != SQLITE_OK)
        return error("preparing the search index");
    return {};
}

Outcome SearchIndexBuilder::begin()
{
    return exec("BEGIN");
}

Outcome SearchIndexBuilder::commit()
{
    return exec("COMMIT");
}

Outcome SearchIndexBuilder::add(qint64 leadNo, QByteArrayView name, QByteArrayView company,
                                QByteArrayView searchPhone, QByteArrayView email, QByteArrayView notes)
{
    sqlite3_bind_int64(m_insert, 1, leadNo);
    int pos = 2;
    for (QByteArrayView text : {name, company, searchPhone, email, notes}) {
        // The views outlive the step below, so SQLite need not copy them.
        sqlite3_bind_text(m_insert, pos++, text.data() ? text.data() : "", int(text.size()), SQLITE_STATIC);
    }
    const int rc = sqlite3_step(m_insert);
    sqlite3_reset(m_insert);
    if (rc != SQLITE_DONE)
        return error("building the search index");
    return {};
}

Outcome SearchIndexBuilder::finish()
{
    for (const char *sql : {"INSERT INTO leads_fts (leads_fts) VALUES ('optimize')",
                            "INSERT INTO leads_fts (leads_fts, rank) VALUES ('automerge', 4)"}) {
        if (auto done = exec(sql); !done)
            return done;
    }
    sqlite3_finalize(m_insert);
    m_insert = nullptr;
    if (sqlite3_close(m_db) != SQLITE_OK)
        return error("closing the search index scratch file");
    m_db = nullptr;
    return {};
}

Outcome SearchIndexBuilder::adopt(QSqlDatabase &db, const QString &scratchPath)
{
    const QString what = QStringLiteral("adopting the search index");
    QSqlQuery q(db);
    q.prepare(QStringLiteral("ATTACH DATABASE ? AS search_build"));
    q.addBindValue(scratchPath);
    if (!q.exec())
        return storageError(q, what);
    Outcome result;
    {
        Transaction tx(db);
        result = tx.begun();
        for (const char *table : kShadowTables) {
            if (!result)
                break;
            const QString name = QLatin1String(table);
            if (!q.exec(QStringLiteral("DELETE FROM main.%1").arg(name))
                || !q.exec(QStringLiteral("INSERT INTO main.%1 SELECT * FROM search_build.%1").arg(name)))
                result = storageError(q, what);
        }
        if (result)
            result = SearchIndex::resume(db);
        if (result)
            result = tx.commit();
    }
    q.finish();
    if (!q.exec(QStringLiteral("DETACH DATABASE search_build")) && result)
        result = storageError(q, what);
    return result;
}

} // namespace Leads
