// SPDX-License-Identifier: GPL-3.0-or-later
// The settings dialog as an admin and as an agent: which pages each sees, the role ×
// permission grid (saved, restorable, followed at once by open windows), lost reasons,
// and in a team the same edits enforced by the real leads-server.
#include "test_serverharness.h"
#include "testsupport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "settingsdialog.h"
#include "stalerulespage.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "teamadminpages.h"
#include "teamsettings.h"

#include <QCoreApplication>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

#include <functional>

using namespace Leads;
using LeadsTest::waitFor;
using LeadsTest::ServerHarness;

namespace {
const Actor kAdmin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
const Actor kAgent{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent};

// The grid cell of a permission (row) for a role (column: agent, manager, admin).
QTableWidgetItem *cell(SettingsDialog &dialog, Permission p, int roleColumn)
{
    return dialog.permissionGrid()->item(int(p), roleColumn);
}
} // namespace

TEST_CASE("Admins see every settings page, agents only their preferences", "[settings][gui]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService admin(*db, kAdmin, clock);
    LocalTeamSettings local(admin);
    SettingsDialog asAdmin(kAdmin, local, nullptr);
    CHECK(asAdmin.pageIds() == QStringList{QStringLiteral("preferences"), QStringLiteral("permissions"),
                                           QStringLiteral("lostReasons"), QStringLiteral("staleLeads")});
    LeadService agent(*db, kAgent, clock);
    LocalTeamSettings agentLocal(agent);
    SettingsDialog asAgent(kAgent, agentLocal, nullptr);
    CHECK(asAgent.pageIds() == QStringList{QStringLiteral("preferences")});
    CHECK(asAgent.permissionGrid() == nullptr);
}

TEST_CASE("The permission grid saves, restores defaults and takes effect in open windows", "[settings][gui]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService admin(*db, kAdmin, clock);
    const Actor manager{QStringLiteral("u-maria"), QStringLiteral("Maria Lopez"), Role::Manager};
    LeadService managerService(*db, manager, clock);
    LeadsPage managerPage(managerService, clock);
    managerPage.show();
    auto *import = managerPage.findChild<QPushButton *>(QStringLiteral("importLeads"));
    REQUIRE(import);
    const bool managerImportsByDefault = PermissionMatrix::defaults().allows(Role::Manager, Permission::Import);
    CHECK(import->isVisible() == managerImportsByDefault);

    LocalTeamSettings local(admin);
    QObject::connect(&local, &TeamSettings::changed, &managerPage, &LeadsPage::applyPermissions);
    SettingsDialog dialog(kAdmin, local, nullptr);
    dialog.show();
    REQUIRE(dialog.showPage(QStringLiteral("permissions")));
    // Admins keep "manage permissions": the cell cannot be unticked.
    CHECK_FALSE(cell(dialog, Permission::ManagePermissions, 2)->flags().testFlag(Qt::ItemIsUserCheckable));

    cell(dialog, Permission::Import, 1)->setCheckState(managerImportsByDefault ? Qt::Unchecked : Qt::Checked);
    QTest::mouseClick(dialog.savePermissionsButton(), Qt::LeftButton);
    CHECK(dialog.statusText() == QStringLiteral("Permissions saved."));
    CHECK(admin.permissions().allows(Role::Manager, Permission::Import) == !managerImportsByDefault);
    CHECK(import->isVisible() == !managerImportsByDefault); // the open page followed

    QTest::mouseClick(dialog.restoreDefaultsButton(), Qt::LeftButton);
    CHECK((cell(dialog, Permission::Import, 1)->checkState() == Qt::Checked) == managerImportsByDefault);
    QTest::mouseClick(dialog.savePermissionsButton(), Qt::LeftButton);
    CHECK(admin.permissions() == PermissionMatrix::defaults());

    // Someone without the permission cannot save a matrix, whatever the UI shows.
    LeadService agent(*db, kAgent, clock);
    CHECK_FALSE(agent.setPermissions(PermissionMatrix::defaults()).ok());
}

TEST_CASE("Lost reasons are added, renamed and retired; retired ones are no longer offered", "[settings][gui]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService admin(*db, kAdmin, clock);
    const QStringList before = admin.lostReasons();
    REQUIRE(before.contains(QStringLiteral("Bad timing")));
    LocalTeamSettings local(admin);
    SettingsDialog dialog(kAdmin, local, nullptr);
    dialog.show();
    REQUIRE(dialog.showPage(QStringLiteral("lostReasons")));
    QListWidget *list = dialog.lostReasonList();
    REQUIRE(list->count() == before.size());
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->text() == u"Bad timing")
            delete list->takeItem(i--);
        else if (list->item(i)->text() == u"No budget")
            list->item(i)->setText(QStringLiteral("No budget this year"));
    }
    list->addItem(QStringLiteral("Went silent"));
    QTest::mouseClick(dialog.saveLostReasonsButton(), Qt::LeftButton);
    const QStringList after = admin.lostReasons();
    CHECK_FALSE(after.contains(QStringLiteral("Bad timing")));
    CHECK(after.contains(QStringLiteral("No budget this year")));
    CHECK(after.contains(QStringLiteral("Went silent")));
    // Duplicates and empty lists are refused with a reason, and nothing changes.
    list->addItem(QStringLiteral("went silent"));
    QTest::mouseClick(dialog.saveLostReasonsButton(), Qt::LeftButton);
    CHECK(dialog.statusText().contains(QStringLiteral("twice")));
    CHECK(admin.lostReasons() == after);
}

TEST_CASE("In a team, a permission the admin removes is refused by the server at once and mirrored locally",
          "[settings][e2e]")
{
    QStandardPaths::setTestModeEnabled(true);
    ServerHarness server;
    REQUIRE(server.start());
    const QString adminToken = server.adminToken();
    server.createUser(adminToken, QStringLiteral("ana"), QStringLiteral("agent"));
    const QString anaToken = server.login(QStringLiteral("ana"), server.userPassword(QStringLiteral("ana")));
    const QString lead = server.createLead(anaToken, {{QStringLiteral("name"), QStringLiteral("Noted Nora")}});
    REQUIRE_FALSE(lead.isEmpty());
    auto note = [&] {
        return server.request("POST", QStringLiteral("/v1/leads/%1/notes").arg(lead),
                              {{QStringLiteral("text"), QStringLiteral("hello")}}, anaToken)
            .status;
    };
    REQUIRE(note() == 200);

    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService mirror(*db, kAdmin, clock);
    QNetworkAccessManager nam;
    ServerTeamSettings team(mirror, &nam, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())),
                            [&] { return adminToken; });
    SettingsDialog dialog(kAdmin, team, nullptr);
    dialog.show();
    REQUIRE(waitFor([&] { return dialog.statusText().isEmpty(); }));
    CHECK(dialog.pageIds().contains(QStringLiteral("assignment")));
    REQUIRE(dialog.showPage(QStringLiteral("permissions")));
    REQUIRE(cell(dialog, Permission::AddNote, 0)->checkState() == Qt::Checked);
    cell(dialog, Permission::AddNote, 0)->setCheckState(Qt::Unchecked);
    QTest::mouseClick(dialog.savePermissionsButton(), Qt::LeftButton);
    REQUIRE(waitFor([&] { return dialog.statusText() == QStringLiteral("Permissions saved."); }));

    CHECK(note() == 403); // at once, for a user who was already signed in
    CHECK_FALSE(mirror.permissions().allows(Role::Agent, Permission::AddNote)); // and mirrored here
}

TEST_CASE("In a team, admins manage members and integrations from the settings", "[settings][e2e]")
{
    QStandardPaths::setTestModeEnabled(true);
    ServerHarness server;
    REQUIRE(server.start());
    const QString adminToken = server.adminToken();
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService mirror(*db, kAdmin, clock);
    QNetworkAccessManager nam;
    ServerTeamSettings team(mirror, &nam, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())),
                            [&] { return adminToken; });
    SettingsDialog dialog(kAdmin, team, nullptr);
    dialog.show();
    REQUIRE(dialog.pageIds().contains(QStringLiteral("users")));
    REQUIRE(dialog.pageIds().contains(QStringLiteral("capture")));

    auto *users = qobject_cast<UsersPage *>(dialog.page(QStringLiteral("users")));
    REQUIRE(users);
    QSignalSpy usersDone(users, &UsersPage::done);
    users->addUser(QStringLiteral("zoe"), QStringLiteral("Zoe Park"), QStringLiteral("agent"), QStringLiteral("short"));
    CHECK(users->message().contains(QStringLiteral("10"))); // the password policy, before any request
    users->addUser(QStringLiteral("zoe"), QStringLiteral("Zoe Park"), QStringLiteral("agent"), QStringLiteral("a-long-password-1"));
    REQUIRE(waitFor([&] { return users->message().contains(QStringLiteral("can now sign in")); }));
    CHECK_FALSE(server.login(QStringLiteral("zoe"), QStringLiteral("a-long-password-1")).isEmpty());
    QString zoe;
    REQUIRE(waitFor([&] {
        for (int r = 0; r < users->table()->rowCount(); ++r) {
            if (users->table()->item(r, 1) && users->table()->item(r, 1)->text() == u"zoe")
                zoe = users->table()->item(r, 0)->data(Qt::UserRole + 1).toString();
        }
        return !zoe.isEmpty();
    }));
    users->setActive(zoe, false);
    REQUIRE(waitFor([&] { return users->message().startsWith(QStringLiteral("Deactivated")); }));
    CHECK(server.login(QStringLiteral("zoe"), QStringLiteral("a-long-password-1")).isEmpty());

    auto *capture = qobject_cast<CapturePage *>(dialog.page(QStringLiteral("capture")));
    REQUIRE(capture);
    capture->createIntegration(QStringLiteral("webshop"));
    REQUIRE(waitFor([&] { return !capture->lastSecret().isEmpty(); }));
    CHECK(capture->lastSecret().startsWith(QStringLiteral("lis_")));
    CHECK(capture->message().contains(capture->lastSecret())); // shown once
    REQUIRE(waitFor([&] { return capture->integrations()->rowCount() == 1; }));
    capture->revoke(QStringLiteral("webshop"));
    REQUIRE(waitFor([&] {
        return capture->integrations()->item(0, 2) && capture->integrations()->item(0, 2)->text() == u"Revoked";
    }));
}

TEST_CASE("In a team, the stale limits an admin saves in the settings are the server's", "[settings][e2e]")
{
    QStandardPaths::setTestModeEnabled(true);
    ServerHarness server;
    REQUIRE(server.start());
    const QString adminToken = server.adminToken();
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService mirror(*db, kAdmin, clock);
    QNetworkAccessManager nam;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    ServerTeamSettings team(mirror, &nam, url, [&] { return adminToken; });
    SettingsDialog dialog(kAdmin, team, nullptr);
    dialog.show();
    REQUIRE(waitFor([&] { return dialog.statusText().isEmpty(); }));
    REQUIRE(dialog.showPage(QStringLiteral("staleLeads")));
    auto *stale = qobject_cast<StaleRulesPage *>(dialog.page(QStringLiteral("staleLeads")));
    REQUIRE(stale);
    stale->daysBox(LeadStatus::Contacted)->setValue(3);
    stale->saveButton()->click();
    REQUIRE(waitFor([&] { return dialog.statusText() == QStringLiteral("Stale limits saved."); }));
    const QJsonObject onServer = server.request("GET", QStringLiteral("/v1/settings"), {}, adminToken)
                                     .json.value(QStringLiteral("settings"))
                                     .toObject()
                                     .value(QStringLiteral("staleRules"))
                                     .toObject();
    CHECK(onServer == QJsonObject{{QStringLiteral("contacted"), 72}});

    // A second computer of the team opens the settings and finds them there.
    auto otherDb = LeadsTest::memoryDatabase();
    LeadService otherMirror(*otherDb, kAdmin, clock);
    ServerTeamSettings other(otherMirror, &nam, url, [&] { return adminToken; });
    SettingsDialog otherDialog(kAdmin, other, nullptr);
    otherDialog.show();
    REQUIRE(otherDialog.showPage(QStringLiteral("staleLeads")));
    auto *otherStale = qobject_cast<StaleRulesPage *>(otherDialog.page(QStringLiteral("staleLeads")));
    REQUIRE(otherStale);
    REQUIRE(waitFor([&] { return otherStale->daysBox(LeadStatus::Contacted)->value() == 3; }));
    CHECK(other.staleRules().maxAgeHours(LeadStatus::Contacted) == 72);
}
