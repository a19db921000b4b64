// SPDX-License-Identifier: GPL-3.0-or-later
#include "writetransaction.h"

#include "serverdatabase.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcServerDb)

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("WriteTransaction", text);
}
} // namespace

WriteTransaction::WriteTransaction(ServerDatabase &db, Seq seq) : m_db(db), m_seqMode(seq) { }

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

Outcome WriteTransaction::begin()
{
    QSqlDatabase c = m_db.connection();
    QSqlQuery q(c);
    if (m_db.backend() == ServerDatabase::Backend::Sqlite) {
        // IMMEDIATE takes the write lock up front, so two writers never deadlock on upgrade.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            m_transient = m_db.isTransient(q);
            return dbError(q, tr("starting a transaction"));
        }
    } else if (!c.transaction()) {
        m_transient = true;
        qCWarning(lcServerDb) << "BEGIN failed:" << c.lastError().text();
        return Error(ErrorCode::Storage, tr("The server could not start a transaction; try again later."));
    }
    m_active = true;
    if (m_seqMode == Seq::Allocate) {
        if (!q.exec(QStringLiteral("UPDATE sync_state SET seq = seq + 1 WHERE id = 1 RETURNING seq"))
            || !q.next()) {
            m_transient = m_db.isTransient(q);
            auto e = dbError(q, tr("numbering the change"));
            rollback();
            return e;
        }
        m_seq = q.value(0).toLongLong();
    }
    return {};
}

Outcome WriteTransaction::commit()
{
    if (!m_active)
        return Error(ErrorCode::Storage, tr("No transaction to commit."));
    QSqlDatabase c = m_db.connection();
    bool ok = false;
    if (m_db.backend() == ServerDatabase::Backend::Sqlite) {
        QSqlQuery q(c);
        ok = q.exec(QStringLiteral("COMMIT"));
        if (!ok) {
            m_transient = m_db.isTransient(q);
            auto e = dbError(q, tr("saving the change"));
            rollback();
            return e;
        }
    } else {
        ok = c.commit();
        if (!ok) {
            m_transient = true;
            qCWarning(lcServerDb) << "COMMIT failed:" << c.lastError().text();
            rollback();
            return Error(ErrorCode::Storage, tr("The server could not save the change; try again later."));
        }
    }
    m_active = false;
    return {};
}

void WriteTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    QSqlDatabase c = m_db.connection();
    if (m_db.backend() == ServerDatabase::Backend::Sqlite) {
        QSqlQuery q(c);
        q.exec(QStringLiteral("ROLLBACK"));
    } else {
        c.rollback();
    }
}

} // namespace Leads::Server
