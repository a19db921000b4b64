// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/database.h"

namespace LeadsTest {

std::unique_ptr<Leads::Database> memoryDatabase()
{
    auto db = Leads::Database::openInMemory();
    if (!db)
        FAIL("cannot open in-memory database: " << db.error().message().toStdString());
    return std::move(db.value());
}

QDateTime fixedNow()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
}

} // namespace LeadsTest
