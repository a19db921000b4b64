// SPDX-License-Identifier: GPL-3.0-or-later
#include "transaction.h"

#include "database.h"
#include "leadscore.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Leads {

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db))
{
    QSqlQuery q(m_db);
    m_active = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active)
        m_beginError = q.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Outcome Transaction::begun() const
{
    if (m_active)
        return {};
    return Error(ErrorCode::Storage,
                 QCoreApplication::translate("Transaction", "Could not start a write: %1")
                     .arg(m_beginError.isEmpty() ? QStringLiteral("already finished") : m_beginError));
}

Outcome Transaction::commit()
{
    if (auto b = begun(); !b)
        return b;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT"))) {
        Error error = storageError(q, QCoreApplication::translate("Transaction", "saving changes"));
        rollback();
        return error;
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStorage) << "rollback failed:" << q.lastError().text();
    m_active = false;
}

} // namespace Leads
