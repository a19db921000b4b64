// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

class QSqlQuery;
struct sqlite3;

namespace Leads {

// The local SQLite database: opened with WAL, NORMAL sync and foreign keys, migrated to
// the current schema, closed (and its connection removed) on destruction. A connection
// belongs to the thread that opened it.
class Database
{
public:
    static constexpr int kSchemaVersion = 6;

    enum class Mode { ReadWrite, ReadOnly };

    // Opens (creating if needed) and migrates. Refuses, leaving the file untouched: a file
    // that is not SQLite, a schema newer than this build, an unwritable location.
    static Result<std::unique_ptr<Database>> open(const QString &path, Mode mode = Mode::ReadWrite);
    // A private in-memory database with the real migrations (tests, dry runs).
    static Result<std::unique_ptr<Database>> openInMemory();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // The default location: <AppDataLocation>/leads.sqlite, or $LEADS_DB when set.
    static QString defaultPath();

    // Runs one statement; the error names the statement's purpose.
    Outcome exec(const QString &sql) const;

    // From now on a statement on this connection stops with an error as soon as `stop`
    // answers true (asked every few thousand steps, on the connection's thread): a count
    // that a newer request replaced gives its core back at once. Empty: no check.
    void setInterruptCheck(std::function<bool()> stop);

private:
    Database(QString connectionName, QString path);
    static Result<std::unique_ptr<Database>> openConnection(const QString &path, Mode mode,
                                                           bool memory);

    QString m_connectionName;
    QString m_path;
    std::unique_ptr<std::function<bool()>> m_interruptCheck;
};

// Qt binds a null QString as SQL NULL; NOT NULL text columns want '' instead.
inline QString sqlText(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// The SQLite handle under a Qt connection (for what QtSql cannot do: statements bound
// without copies, a progress handler); null when the connection is not SQLite.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// Turns a failed query into a typed error with a readable message.
Error storageError(const QSqlQuery &query, const QString &what);
Error storageError(const QSqlDatabase &db, const QString &what);

} // namespace Leads
