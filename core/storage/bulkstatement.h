// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace Leads {

// A prepared statement on the raw SQLite handle of a Qt connection, for bulk loads (seed,
// import, first sync). QSqlQuery's bindValue costs several microseconds per value in Qt 6.4
// (it formats a placeholder name each time); this binds UTF-8 directly and reuses the
// statement for every row. Use inside a Transaction on the same connection.
class BulkStatement
{
public:
    BulkStatement(const QSqlDatabase &db, const char *sql);
    ~BulkStatement();
    BulkStatement(const BulkStatement &) = delete;
    BulkStatement &operator=(const BulkStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    const QString &lastError() const { return m_error; }

    // Positions start at 1, as in SQLite.
    void bind(int pos, const QString &text);      // a null QString binds ''
    void bind(int pos, QByteArrayView utf8);
    void bind(int pos, const QByteArray &utf8) { bind(pos, QByteArrayView(utf8)); }
    void bind(int pos, const char *utf8) { bind(pos, QByteArrayView(utf8)); }
    // Binds without a copy: `utf8` must stay valid until step() returns.
    void bindStatic(int pos, QByteArrayView utf8);
    void bind(int pos, qint64 value);
    void bindNull(int pos);
    // Runs the statement and resets it for the next row.
    Outcome step(const char *what);

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

} // namespace Leads
