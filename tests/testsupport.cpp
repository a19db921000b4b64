// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSqlQuery>
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

void insertGeneratedLeads(const QSqlDatabase &db, int count, int lostEvery)
{
    QSqlQuery q(db);
    const QString numbers = QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) ")
                                .arg(count);
    REQUIRE(q.exec(numbers + QStringLiteral("INSERT INTO contacts (id, created_at) SELECT 'c' || i, 0 FROM n")));
    const QString lost = lostEvery > 0 ? QStringLiteral("i % %1 = 0").arg(lostEvery) : QStringLiteral("0");
    REQUIRE(q.exec(numbers
                   + QStringLiteral("INSERT INTO leads (id, contact_id, name, source, status, status_rank, is_final, "
                                    "created_at, updated_at, last_activity_at) SELECT 'l' || i, 'c' || i, 'Lead ' || i, "
                                    "'chat', CASE WHEN %1 THEN 'lost' ELSE 'new' END, CASE WHEN %1 THEN 6 ELSE 0 END, %1, "
                                    "i, i, i FROM n")
                         .arg(lost)));
}

} // namespace LeadsTest
