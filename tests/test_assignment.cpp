// SPDX-License-Identifier: GPL-3.0-or-later
// Assigning leads in bulk as a manager does it: the picker with each person's load, the
// table's selection, final leads kept as they are, and one outbox mutation per lead.
#include "testsupport.h"

#include "assigndialog.h"
#include "domain/clock.h"
#include "domain/leadstatus.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "sidebar.h"
#include "storage/leadfilter.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Leads;

namespace {
qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

// Waits for the Leads page of `window` to show `count` rows (counts arrive queued).
bool waitForCount(MainWindow &window, qint64 count)
{
    for (int i = 0; i < 200 && window.leadsPage()->shownCount() != count; ++i)
        QTest::qWait(10);
    return window.leadsPage()->shownCount() == count;
}

struct Team
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService manager{*db, Actor{QStringLiteral("u-maria"), QStringLiteral("Maria Lopez"), Role::Manager}, clock};

    Team()
    {
        QStandardPaths::setTestModeEnabled(true);
        SampleData::Options o;
        o.leads = 200;
        o.seed = 3;
        o.now = LeadsTest::fixedNow();
        REQUIRE(SampleData::generate(*db, o).ok());
    }
    QStringList ids(const QString &where, int limit)
    {
        QStringList list;
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT id FROM leads WHERE %1 ORDER BY lead_no LIMIT %2").arg(where).arg(limit)));
        while (q.next())
            list.append(q.value(0).toString());
        return list;
    }
};
} // namespace

TEST_CASE("Bulk assignment moves active leads in one go and keeps final ones", "[assignment]")
{
    Team t;
    const QStringList active = t.ids(QStringLiteral("is_final = 0 AND (assignee_id IS NULL OR assignee_id <> 'u-priya')"), 5);
    const QStringList final = t.ids(QStringLiteral("is_final = 1"), 2);
    const QStringList already = t.ids(QStringLiteral("is_final = 0 AND assignee_id = 'u-priya'"), 1);
    REQUIRE(active.size() == 5);
    REQUIRE(final.size() == 2);
    REQUIRE(already.size() == 1);
    const qint64 outboxBefore = scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM outbox"));
    QSignalSpy bulk(&t.manager, &LeadService::leadsChanged);

    auto done = t.manager.assignMany(active + final + already, QStringLiteral("u-priya"));
    REQUIRE(done.ok());
    CHECK(done.value().assigned == active);
    CHECK(done.value().skippedFinal == final);
    CHECK(done.value().skippedAlready == already);
    CHECK(bulk.count() == 1);
    for (const QString &id : active) {
        CHECK(t.manager.lead(id).value().assigneeId == QStringLiteral("u-priya"));
        CHECK(scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = '%1' AND kind = 'assignment'")
                                .arg(id)) == 1);
    }
    for (const QString &id : final)
        CHECK(t.manager.lead(id).value().assigneeId != QStringLiteral("u-priya"));
    // One mutation per moved lead, as the server expects them.
    CHECK(scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM outbox")) - outboxBefore == 5);
    CHECK(scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE type = 'lead.assign'")) == 5);

    // Back to the queue.
    auto back = t.manager.assignMany(active, QString());
    REQUIRE(back.ok());
    CHECK(back.value().assigned.size() == 5);
    CHECK(t.manager.lead(active.first()).value().assigneeId.isEmpty());

    // Nobody who may not assign, and no deactivated person.
    LeadService agent(*t.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, t.clock);
    CHECK_FALSE(agent.assignMany(active, QStringLiteral("u-sam")).ok());
    QSqlQuery q(t.db->connection());
    REQUIRE(q.exec(QStringLiteral("UPDATE users SET active = 0 WHERE id = 'u-kofi'")));
    auto refused = t.manager.assignMany(active, QStringLiteral("u-kofi"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message().contains(QStringLiteral("deactivated")));
    CHECK(t.manager.lead(active.first()).value().assigneeId.isEmpty()); // all or nothing
}

TEST_CASE("The agent picker shows each person's load, searches, and explains final leads", "[assignment][gui]")
{
    Team t;
    const QStringList some = t.ids(QStringLiteral("is_final = 0"), 3) + t.ids(QStringLiteral("is_final = 1"), 1);
    AssignDialog dialog(t.manager, some);
    dialog.show();
    const qint64 priyaLoad = scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 0 AND assignee_id = 'u-priya'"));
    bool found = false;
    for (int i = 0; i < dialog.list()->count(); ++i) {
        const QString text = dialog.list()->item(i)->text();
        if (text.startsWith(QStringLiteral("Priya Nair"))) {
            found = true;
            CHECK(text.contains(QStringLiteral("%1 active lead").arg(priyaLoad)));
        }
    }
    CHECK(found);
    CHECK(dialog.noteText().contains(QStringLiteral("1 of the selected leads")));

    QTest::keyClicks(dialog.searchEdit(), QStringLiteral("pri"));
    int visible = 0;
    for (int i = 0; i < dialog.list()->count(); ++i)
        visible += dialog.list()->item(i)->isHidden() ? 0 : 1;
    CHECK(visible == 1);
    CHECK(dialog.assigneeId() == QStringLiteral("u-priya"));
    CHECK(dialog.assignButton()->isEnabled());
    CHECK(dialog.assignButton()->text().startsWith(QStringLiteral("Assign 4 lead")));

    // Only final leads: nothing to assign, and the dialog says so.
    AssignDialog finalOnly(t.manager, t.ids(QStringLiteral("is_final = 1"), 2));
    CHECK_FALSE(finalOnly.assignButton()->isEnabled());
    CHECK(finalOnly.noteText().contains(QStringLiteral("nothing to assign")));
}

TEST_CASE("The Leads page assigns its selection and hides the action from agents", "[assignment][gui]")
{
    Team t;
    LeadsPage page(t.manager, t.clock);
    page.resize(1200, 700);
    page.show();
    QTest::qWait(20);
    auto *button = page.findChild<QPushButton *>(QStringLiteral("assignLeads"));
    REQUIRE(button);
    CHECK(button->isVisible());
    CHECK_FALSE(button->isEnabled());
    QTableView *view = page.view();
    view->selectionModel()->select(QItemSelection(view->model()->index(0, 0), view->model()->index(2, 0)),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    CHECK(button->isEnabled());
    CHECK(button->text() == QStringLiteral("Assign 3…"));
    const QStringList ids = page.selectedLeadIds();
    REQUIRE(ids.size() == 3);
    QSignalSpy message(&page, &LeadsPage::message);
    page.assignLeads(ids, QStringLiteral("u-emma"));
    REQUIRE(message.count() == 1);
    CHECK(message.at(0).at(0).toString().contains(QStringLiteral("assigned")));
    for (const QString &id : ids) {
        const Lead l = t.manager.lead(id).value();
        CHECK((l.assigneeId == QStringLiteral("u-emma") || Status::isFinal(l.status)));
    }

    LeadService agent(*t.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, t.clock);
    LeadsPage agentPage(agent, t.clock);
    agentPage.show();
    CHECK_FALSE(agentPage.findChild<QPushButton *>(QStringLiteral("assignLeads"))->isVisible());
}

TEST_CASE("The Unassigned queue in the sidebar counts and lists the leads nobody owns", "[assignment][gui]")
{
    Team t;
    MainWindow window(t.manager, t.clock, false);
    window.show();
    QTest::qWait(30);
    const qint64 waiting = scalar(*t.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE assignee_id IS NULL AND is_final = 0"));
    REQUIRE(waiting > 0);
    QString shown;
    QListWidget *nav = window.sidebar()->list();
    for (int i = 0; i < nav->count(); ++i) {
        if (nav->item(i)->text() == QStringLiteral("Unassigned"))
            shown = nav->item(i)->data(Qt::UserRole + 2).toString();
    }
    CHECK(shown == QLocale().toString(waiting)); // Qt::UserRole + 2: the sidebar's count
    window.showUnassigned();
    QTest::qWait(30);
    CHECK(window.leadsPage()->leadFilter().assignees == QStringList{LeadFilter::kUnassigned});
    REQUIRE(waitForCount(window, waiting));

    // Assigning from the queue shrinks it.
    const QStringList ids = t.ids(QStringLiteral("assignee_id IS NULL AND is_final = 0"), 2);
    window.leadsPage()->assignLeads(ids, QStringLiteral("u-sam"));
    CHECK(waitForCount(window, waiting - 2));
}

TEST_CASE("The Leads page offers Export to those who may export", "[gui][export]")
{
    Team t;
    LeadsPage managerPage(t.manager, t.clock);
    managerPage.show();
    auto *button = managerPage.findChild<QPushButton *>(QStringLiteral("exportLeads"));
    REQUIRE(button);
    CHECK(button->isVisible() == PermissionMatrix::defaults().allows(Role::Manager, Permission::Export));
    LeadService agent(*t.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, t.clock);
    LeadsPage agentPage(agent, t.clock);
    agentPage.show();
    CHECK(agentPage.findChild<QPushButton *>(QStringLiteral("exportLeads"))->isVisible()
          == PermissionMatrix::defaults().allows(Role::Agent, Permission::Export));
}
