// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkstatement.h"

#include "database.h"

#include <QCoreApplication>
#include <QSqlDatabase>

#include <sqlite3.h>

namespace Leads {

BulkStatement::BulkStatement(const QSqlDatabase &db, const char *sql)
{
    m_db = sqliteHandle(db);
    if (!m_db) {
        m_error = QStringLiteral("not an SQLite connection");
        return;
    }
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        m_stmt = nullptr;
    }
}

BulkStatement::~BulkStatement()
{
    sqlite3_finalize(m_stmt);
}

void BulkStatement::bind(int pos, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text(m_stmt, pos, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void BulkStatement::bind(int pos, QByteArrayView utf8)
{
    sqlite3_bind_text(m_stmt, pos, utf8.data() ? utf8.data() : "", int(utf8.size()), SQLITE_TRANSIENT);
}

void BulkStatement::bindStatic(int pos, QByteArrayView utf8)
{
    sqlite3_bind_text(m_stmt, pos, utf8.data() ? utf8.data() : "", int(utf8.size()), SQLITE_STATIC);
}

void BulkStatement::bind(int pos, qint64 value)
{
    sqlite3_bind_int64(m_stmt, pos, value);
}

void BulkStatement::bindNull(int pos)
{
    sqlite3_bind_null(m_stmt, pos);
}

Outcome BulkStatement::step(const char *what)
{
    if (!m_stmt)
        return Error(ErrorCode::Storage, QCoreApplication::translate("Database", "Database error while %1: %2")
                                             .arg(QString::fromUtf8(what), m_error));
    const int rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return Error(ErrorCode::Storage, QCoreApplication::translate("Database", "Database error while %1: %2")
                                             .arg(QString::fromUtf8(what), QString::fromUtf8(sqlite3_errmsg(m_db))));
    return {};
}

} // namespace Leads
