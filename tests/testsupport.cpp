// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QTest::qWait(10);
    }
    return true;
}

} // namespace LeadsTest
