// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "importwizard.h"
#include "leadspage.h"
#include "storage/leadservice.h"
#include "storage/database.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Leads;
using LeadsTest::waitFor;

namespace {
qint64 count(const QString &dbPath, const QString &sql)
{
    auto db = Database::open(dbPath);
    REQUIRE(db.ok());
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}
} // namespace

TEST_CASE("the import wizard previews, maps, dry-runs and imports off the UI thread", "[import][ui]")
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("leads.sqlite"));
    {
        auto db = Database::open(dbPath);
        REQUIRE(db.ok());
        QSqlQuery q(db.value()->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO settings (key, value) VALUES ('default_country', 'ES')")));
    }
    const QString csvPath = dir.filePath(QStringLiteral("contacts.csv"));
    {
        QFile csv(csvPath);
        REQUIRE(csv.open(QIODevice::WriteOnly));
        csv.write("Full name;Mobile;Outcome;Plan\n"
                  "Ana Ruiz;612 34 56 78;yes;Gold\n"
                  "Tom Becker;612 00 00 01;no;Silver\n"
                  "Bad Row;not a phone;yes;Gold\n");
    }

    ImportWizard wizard(dbPath, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex"), Role::Admin});
    wizard.show();
    wizard.setFile(csvPath);
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::MappingPage);

    // The guess: name, phone, status and an attribute; "yes"/"no" need a status mapping.
    auto *mappingTable = wizard.findChildren<QTableWidget *>().at(1);
    REQUIRE(mappingTable->rowCount() == 4);
    auto fieldOf = [&](int row) { return qobject_cast<QComboBox *>(mappingTable->cellWidget(row, 2))->currentData().toInt(); };
    CHECK(fieldOf(0) == int(ImportMapping::Field::Name));
    CHECK(fieldOf(1) == int(ImportMapping::Field::Phone));
    CHECK(fieldOf(2) == int(ImportMapping::Field::Status));
    CHECK(fieldOf(3) == int(ImportMapping::Field::Attribute));
    auto *statusTable = wizard.findChildren<QTableWidget *>().at(2);
    REQUIRE(statusTable->rowCount() == 2);
    for (int r = 0; r < 2; ++r) {
        auto *combo = qobject_cast<QComboBox *>(statusTable->cellWidget(r, 1));
        const bool yes = statusTable->item(r, 0)->text() == u"yes";
        combo->setCurrentIndex(combo->findData(yes ? QStringLiteral("converted") : QStringLiteral("lost")));
    }

    if (qEnvironmentVariableIsSet("LEADS_WIZARD_PNG"))
        wizard.grab().save(qEnvironmentVariable("LEADS_WIZARD_PNG") + QStringLiteral("-mapping.png"));
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::ReviewPage);
    auto *review = wizard.page(ImportWizard::ReviewPage)->findChild<QLabel *>();
    REQUIRE(waitFor([&] { return review->text().contains(QStringLiteral("created")); }));
    CHECK(review->text().contains(QStringLiteral("2 created")));
    CHECK(review->text().contains(QStringLiteral("1 failed")));
    CHECK(count(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads")) == 0); // a dry run writes nothing

    QSignalSpy imported(&wizard, &ImportWizard::imported);
    wizard.next();
    REQUIRE(wizard.currentId() == ImportWizard::RunPage);
    REQUIRE(waitFor([&] { return imported.count() == 1; }));
    REQUIRE(wizard.report().has_value());
    CHECK(wizard.report()->created == 2);
    CHECK(wizard.report()->failed == 1);
    CHECK(wizard.button(QWizard::FinishButton)->isEnabled());
    // The outcome at a glance, and the failed row with its line and reason on screen.
    auto countShown = [&](int i) {
        auto *label = wizard.findChild<QLabel *>(QStringLiteral("importCount%1").arg(i));
        return label ? label->text() : QString();
    };
    CHECK(countShown(0) == QStringLiteral("2")); // created
    CHECK(countShown(1) == QStringLiteral("0")); // updated
    CHECK(countShown(2) == QStringLiteral("0")); // skipped
    CHECK(countShown(3) == QStringLiteral("1")); // failed
    {
        auto *created = wizard.findChild<QLabel *>(QStringLiteral("importCount0"));
        auto *failed = wizard.findChild<QLabel *>(QStringLiteral("importCount3"));
        REQUIRE(created);
        REQUIRE(failed);
        CHECK(failed->palette().color(failed->foregroundRole()) != created->palette().color(created->foregroundRole()));
    }
    auto *failures = wizard.findChild<QTableWidget *>(QStringLiteral("importFailures"));
    REQUIRE(failures);
    CHECK(failures->isVisible());
    REQUIRE(failures->rowCount() == 1);
    CHECK(failures->item(0, 0)->text() == QStringLiteral("4"));
    CHECK(failures->item(0, 1)->text() == wizard.report()->failures.at(0).reason);
    CHECK_FALSE(failures->item(0, 1)->text().isEmpty());
    if (qEnvironmentVariableIsSet("LEADS_WIZARD_PNG"))
        wizard.grab().save(qEnvironmentVariable("LEADS_WIZARD_PNG") + QStringLiteral("-done.png"));
    CHECK(count(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'converted' AND name = 'Ana Ruiz'")) == 1);
    CHECK(count(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'lost'")) == 1);
    CHECK(count(dbPath, QStringLiteral("SELECT COUNT(*) FROM lead_attributes WHERE key = 'Plan'")) == 2);
}

TEST_CASE("the import wizard refuses a missing or empty file and stays on the first page", "[import][ui][badinput]")
{
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("leads.sqlite"));
    ImportWizard wizard(dbPath, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex"), Role::Admin});
    wizard.show();
    wizard.setFile(dir.filePath(QStringLiteral("missing.csv")));
    wizard.next();
    CHECK(wizard.currentId() == ImportWizard::FilePage);

    const QString empty = dir.filePath(QStringLiteral("empty.csv"));
    QFile(empty).open(QIODevice::WriteOnly);
    wizard.setFile(empty);
    wizard.next();
    CHECK(wizard.currentId() == ImportWizard::FilePage);
    CHECK(wizard.findChildren<QLabel *>().size() > 0);
}

TEST_CASE("the Leads page offers Import only to roles allowed to import", "[import][ui][permissions]")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("leads.sqlite")));
    REQUIRE(db.ok());
    FixedClock clock(LeadsTest::fixedNow());
    for (Role role : kAllRoles) {
        LeadService service(*db.value(), Actor{QStringLiteral("u-x"), QStringLiteral("X"), role}, clock);
        LeadsPage page(service, clock);
        auto *button = page.findChild<QPushButton *>(QStringLiteral("importLeads"));
        REQUIRE(button);
        INFO(roleId(role).toStdString());
        CHECK(button->isVisibleTo(&page) == PermissionMatrix::defaults().allows(role, Permission::Import));
    }
}
