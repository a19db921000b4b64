// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Leads {

// The search-index text of one lead (the columns of leads_fts), under its lead number: what
// a bulk load hands to the thread that builds the index on the side.
struct SearchIndexRow {
    qint64 leadNo = 0;
    QByteArray name;
    QByteArray company;
    QByteArray searchPhone;
    QByteArray email;
    QByteArray notes;
};

// Builds the search index of a bulk load on another thread, in a scratch file beside the
// database, while the loading thread writes the rows and the secondary indexes: the two
// halves of a load then run on two cores instead of one after the other. The scratch file
// holds an FTS5 table defined exactly like leads_fts (SearchIndex::createStatements), so
// its shadow tables can be copied over verbatim by adopt().
//
// Only for a load into an empty leads table (the index then describes exactly the rows
// written, under their lead_no), and only one thread may use a builder.
class SearchIndexBuilder
{
public:
    // Where the scratch file of a database lives. One a crash left behind is never
    // adopted (the bulk load it belonged to did not finish) and is replaced by the next
    // open(); Database::open leaves it alone, since another connection may be using it.
    static QString scratchPathFor(const QString &databasePath);

    explicit SearchIndexBuilder(QString scratchPath);
    ~SearchIndexBuilder(); // closes and removes the scratch file
    SearchIndexBuilder(const SearchIndexBuilder &) = delete;
    SearchIndexBuilder &operator=(const SearchIndexBuilder &) = delete;

    Outcome open();
    // Inside a transaction of its own per call to begin()/commit().
    Outcome begin();
    Outcome add(qint64 leadNo, QByteArrayView name, QByteArrayView company, QByteArrayView searchPhone,
                QByteArrayView email, QByteArrayView notes);
    Outcome commit();
    // One batch in a transaction of its own: any rows with leadNo, name, company,
    // searchPhone, email and notes (SearchIndexRow, the sample data's rows).
    template<typename Rows>
    Outcome addAll(const Rows &rows)
    {
        Outcome done = begin();
        for (const auto &r : rows) {
            if (!done)
                return done;
            done = add(r.leadNo, r.name, r.company, r.searchPhone, r.email, r.notes);
        }
        return done ? commit() : done;
    }
    // Merges into one segment (what searches read fastest) and closes the file.
    Outcome finish();

    // Replaces the (empty) search index of `db` by the finished scratch index, restores
    // the triggers and clears the stale flag, in one transaction.
    static Outcome adopt(QSqlDatabase &db, const QString &scratchPath);

private:
    Outcome exec(const char *sql);
    Error error(const char *what) const;

    QString m_path;
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr;
};

} // namespace Leads
