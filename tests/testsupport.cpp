// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/database.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

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

void useTemporarySettings()
{
    static QTemporaryDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

} // namespace LeadsTest
