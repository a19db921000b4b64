// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace Leads {

// A write transaction (BEGIN IMMEDIATE, so two writers never deadlock on upgrade) that
// rolls back when it goes out of scope without commit().
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // False when BEGIN failed (locked or read-only database); error() says why.
    bool isActive() const { return m_active; }
    const QString &beginError() const { return m_beginError; }
    // An error naming why BEGIN failed, for callers to return before writing anything.
    Outcome begun() const;
    Outcome commit();
    void rollback();

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_beginError;
};

} // namespace Leads
