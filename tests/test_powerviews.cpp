// SPDX-License-Identifier: GPL-3.0-or-later
// Saved views, stale leads and the page hooks other features build on (one undo list,
// selection actions, "all N matching"), driven through the real Leads page.
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/staleness.h"
#include "filterbar.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "savedviewscontroller.h"
#include "settingsdialog.h"
#include "sidebar.h"
#include "stalerulespage.h"
#include "teamsettings.h"
#include "storage/database.h"
#include "storage/leadquery.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"
#include "storage/savedviews.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlQuery>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Leads;

namespace {

struct Fixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};

    explicit Fixture(int leads = 200)
    {
        LeadsTest::useTemporarySettings();
        SampleData::Options options;
        options.leads = leads;
        options.seed = 7;
        options.now = LeadsTest::fixedNow();
        REQUIRE(SampleData::generate(*db, options).ok());
    }

    QString create(const QString &name, const QString &phone, const QString &company = {})
    {
        NewLead l;
        l.name = name;
        l.phone = phone;
        l.company = company;
        auto id = service.createLead(l);
        REQUIRE(id.ok());
        QCoreApplication::processEvents();
        return id.value();
    }
};

// Puts a lead's last activity `hoursAgo` before the fixture's "now".
void setLastActivity(Database &db, const QString &leadId, qint64 hoursAgo)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE leads SET last_activity_at = ? WHERE id = ?"));
    q.addBindValue(LeadsTest::fixedNow().addSecs(-hoursAgo * 3600).toMSecsSinceEpoch());
    q.addBindValue(leadId);
    REQUIRE(q.exec());
}

void addInteraction(Database &db, const QString &leadId, const QString &kind, qint64 hoursAgo)
{
    static int n = 0;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at) VALUES (?, ?, ?, ?)"));
    q.addBindValue(QStringLiteral("test-interaction-%1").arg(++n));
    q.addBindValue(leadId);
    q.addBindValue(kind);
    q.addBindValue(LeadsTest::fixedNow().addSecs(-hoursAgo * 3600).toMSecsSinceEpoch());
    REQUIRE(q.exec());
}

StaleRules contactedAfterThreeDays()
{
    StaleRules rules;
    rules.setMaxAgeHours(LeadStatus::Contacted, 72);
    return rules;
}

} // namespace

TEST_CASE("the stale rule, with an injected clock")
{
    const QDateTime now = LeadsTest::fixedNow();
    const StaleRules rules = contactedAfterThreeDays();
    // Exactly at the limit is not stale yet; one second past it is.
    CHECK_FALSE(Staleness::evaluate(LeadStatus::Contacted, now.addSecs(-72 * 3600), rules, now).stale);
    const Staleness past = Staleness::evaluate(LeadStatus::Contacted, now.addSecs(-72 * 3600 - 1), rules, now);
    CHECK(past.stale);
    CHECK(past.ageSecs == 72 * 3600 + 1);
    CHECK(past.limitSecs == 72 * 3600);
    // No limit for New, and final statuses are never stale.
    CHECK_FALSE(Staleness::evaluate(LeadStatus::New, now.addDays(-300), rules, now).stale);
    StaleRules withFinal = rules;
    withFinal.setMaxAgeHours(LeadStatus::Lost, 1);
    CHECK_FALSE(withFinal.maxAgeHours(LeadStatus::Lost).has_value());
    CHECK_FALSE(Staleness::evaluate(LeadStatus::Lost, now.addDays(-30), withFinal, now).stale);
    // Unknown last activity: nothing to measure.
    CHECK_FALSE(Staleness::evaluate(LeadStatus::Contacted, QDateTime(), rules, now).stale);
    // The cutoff the SQL uses agrees with the rule.
    CHECK(Staleness::cutoff(LeadStatus::Contacted, rules, now) == now.addSecs(-72 * 3600));
    CHECK_FALSE(Staleness::cutoff(LeadStatus::New, rules, now).isValid());

    // Stored as JSON in hours; junk is ignored.
    CHECK(StaleRules::fromSetting(rules.toSetting()) == rules);
    const StaleRules junk = StaleRules::fromSetting(QStringLiteral(R"({"contacted": 5, "bogus": 3, "new": -4, "lost": 9})"));
    CHECK(junk.maxAgeHours(LeadStatus::Contacted) == 5);
    CHECK_FALSE(junk.maxAgeHours(LeadStatus::New).has_value());
    CHECK_FALSE(junk.maxAgeHours(LeadStatus::Lost).has_value());
    CHECK(StaleRules::fromSetting(QStringLiteral("not json")).isEmpty());

    // Since reply, no response: an outbound message after the reply closes the wait.
    CHECK(AwaitingReply::waitingSecs(now.addSecs(-7200), QDateTime(), now) == 7200);
    CHECK(AwaitingReply::waitingSecs(now.addSecs(-7200), now.addSecs(-9000), now) == 7200);
    CHECK_FALSE(AwaitingReply::waitingSecs(now.addSecs(-7200), now.addSecs(-3600), now).has_value());
    CHECK_FALSE(AwaitingReply::waitingSecs(QDateTime(), QDateTime(), now).has_value());
}

TEST_CASE("saved views are stored per user, renamed, reordered and deleted")
{
    auto db = LeadsTest::memoryDatabase();
    SavedViews mine(db->connection(), QStringLiteral("u-1"));
    SavedViews theirs(db->connection(), QStringLiteral("u-2"));

    ViewState state;
    state.filter.search = QStringLiteral("acme");
    state.filter.statuses = {LeadStatus::Contacted, LeadStatus::Qualifying};
    state.filter.assignees = {LeadFilter::kMe};
    state.filter.minScore = 40;
    state.filter.stale = true;
    state.filter.lastActivity.preset = LeadFilter::DatePreset::Last7Days;
    state.sortKey = QStringLiteral("company");
    state.descending = false;
    state.columns = {QStringLiteral("name"), QStringLiteral("company"), QStringLiteral("score")};
    CHECK(ViewState::fromJson(state.toJson()) == state);

    CHECK_FALSE(mine.create(QStringLiteral("   "), state).ok());
    const QString a = mine.create(QStringLiteral("  Acme  pipeline "), state).value();
    const QString b = mine.create(QStringLiteral("Second"), {}).value();
    const QString c = mine.create(QStringLiteral("Third"), {}).value();
    REQUIRE(theirs.create(QStringLiteral("Not yours"), {}).ok());

    auto list = mine.personal().value();
    REQUIRE(list.size() == 3);
    CHECK(list.at(0).name == QStringLiteral("Acme pipeline"));
    CHECK(list.at(0).state == state);
    CHECK(theirs.personal().value().size() == 1);

    REQUIRE(mine.move(c, -2).ok());
    REQUIRE(mine.move(a, 1).ok());
    list = mine.personal().value();
    CHECK(QStringList{list.at(0).id, list.at(1).id, list.at(2).id} == QStringList{c, b, a});
    CHECK(mine.move(c, -1).ok()); // already first: stays
    CHECK(mine.personal().value().at(0).id == c);

    REQUIRE(mine.rename(b, QStringLiteral("Renamed")).ok());
    CHECK(mine.personal().value().at(1).name == QStringLiteral("Renamed"));
    // Another user's view cannot be touched.
    CHECK_FALSE(theirs.rename(b, QStringLiteral("Mine now")).ok());
    CHECK_FALSE(theirs.remove(b).ok());
    REQUIRE(mine.remove(b).ok());
    CHECK(mine.personal().value().size() == 2);

    // Team views (what sync mirrors) list after the user's, read only.
    SavedView team;
    team.id = QStringLiteral("team-1");
    team.name = QStringLiteral("Hot in Madrid");
    team.state.filter.minScore = 80;
    REQUIRE(mine.replaceTeamViews({team}).ok());
    const QList<SavedView> all = mine.all(SavedViews::builtIns(70));
    REQUIRE(all.size() == 5 + 2 + 1);
    CHECK(all.at(0).name == QStringLiteral("My open leads"));
    CHECK(all.at(3).name == QStringLiteral("Hot (AI ≥ 70)"));
    CHECK(all.at(3).state.filter.minScore == 70);
    CHECK(all.at(4).state.filter.stale);
    CHECK(all.last().kind == SavedView::Kind::Team);
    CHECK(all.last().state.filter.minScore == 80);
    CHECK_FALSE(mine.rename(QStringLiteral("team-1"), QStringLiteral("x")).ok());
}

TEST_CASE("a saved view restores search, filters, sort and columns, listed in the sidebar")
{
    Fixture f(150);
    Actor actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
    Sidebar sidebar(actor);
    sidebar.addEntry(QStringLiteral("leads"), QStringLiteral("Leads"), QIcon());
    sidebar.addEntry(QStringLiteral("pipeline"), QStringLiteral("Pipeline"), QIcon());
    LeadsPage page(f.service, f.clock);
    page.resize(1300, 800);
    page.show();
    page.attachSidebar(&sidebar);
    SavedViewsController *views = page.savedViews();

    // Built-ins under Leads, before Pipeline.
    QStringList ids = sidebar.viewIds();
    REQUIRE(ids.size() == 5);
    CHECK(sidebar.list()->item(0)->text() == QStringLiteral("Leads"));
    CHECK(sidebar.list()->item(1)->text() == QStringLiteral("My open leads"));
    CHECK(sidebar.list()->item(6)->text() == QStringLiteral("Pipeline"));

    // Narrow the page, sort by company ascending, hide a column, then save.
    LeadFilter filter;
    filter.statuses = {LeadStatus::New, LeadStatus::Contacted};
    filter.search = QStringLiteral("a");
    page.setLeadFilter(filter);
    QHeaderView *header = page.view()->horizontalHeader();
    header->setSortIndicator(int(LeadTableModel::Column::Company), Qt::AscendingOrder);
    header->setSectionHidden(int(LeadTableModel::Column::Source), true);
    const qint64 shown = page.matchingLeadIds(100000).size();
    REQUIRE(shown > 0);
    views->setNamePrompt([](QWidget *, const QString &, const QString &) { return std::optional<QString>(QStringLiteral("New and contacted")); });
    page.findChild<QPushButton *>(QStringLiteral("saveView"))->click();
    const QString id = views->currentViewId();
    REQUIRE_FALSE(id.isEmpty());
    CHECK(sidebar.viewIds().contains(id));
    CHECK(sidebar.currentView() == id);

    // Clear everything, then choose the view in the sidebar.
    page.setLeadFilter({});
    header->setSortIndicator(int(LeadTableModel::Column::Name), Qt::DescendingOrder);
    header->setSectionHidden(int(LeadTableModel::Column::Source), false);
    sidebar.setCurrent(QStringLiteral("pipeline"));
    const int row = int(sidebar.viewIds().indexOf(id)) + 1;
    sidebar.list()->setCurrentRow(row);
    CHECK(page.leadFilter() == filter);
    CHECK(page.searchField()->text() == QStringLiteral("a"));
    CHECK(page.filterBar()->filter().statuses == filter.statuses);
    CHECK(header->sortIndicatorSection() == int(LeadTableModel::Column::Company));
    CHECK(header->sortIndicatorOrder() == Qt::AscendingOrder);
    CHECK(header->isSectionHidden(int(LeadTableModel::Column::Source)));
    CHECK(page.matchingLeadIds(100000).size() == shown);
    CHECK(page.model()->sortKey() == LeadQuery::SortKey::Company);

    // Rename and move through the sidebar's context menu; deleting asks first.
    views->setNamePrompt([](QWidget *, const QString &, const QString &) { return std::optional<QString>(QStringLiteral("Early stages")); });
    QMenu *menu = sidebar.viewMenu(id);
    REQUIRE(menu);
    CHECK(sidebar.viewMenu(QStringLiteral("builtin:stale")) == nullptr); // built-ins are fixed
    menu->actions().at(0)->trigger();
    CHECK(sidebar.list()->item(row)->text() == QStringLiteral("Early stages"));
    page.setLeadFilter({});
    const QString second = views->saveAs(QStringLiteral("Everything"));
    REQUIRE_FALSE(second.isEmpty());
    sidebar.viewMenu(second)->actions().at(1)->trigger(); // Move up
    CHECK(sidebar.viewIds().indexOf(second) < sidebar.viewIds().indexOf(id));
    views->setConfirm([](QWidget *, const QString &) { return false; });
    sidebar.viewMenu(second)->actions().last()->trigger();
    CHECK(sidebar.viewIds().contains(second));
    views->setConfirm([](QWidget *, const QString &) { return true; });
    sidebar.viewMenu(second)->actions().last()->trigger();
    CHECK_FALSE(sidebar.viewIds().contains(second));

    // Views survive a new page (a restart) for the same user.
    LeadsPage again(f.service, f.clock);
    CHECK(again.savedViews()->view(id).has_value());
    CHECK(again.savedViews()->view(id)->state.filter == filter);
}

TEST_CASE("stale leads are marked in the table, filtered and counted in the sidebar")
{
    Fixture f(0);
    const QString fresh = f.create(QStringLiteral("Fresh Contact"), QStringLiteral("+34 600 100 001"));
    const QString old = f.create(QStringLiteral("Old Contact"), QStringLiteral("+34 600 100 002"));
    const QString oldNew = f.create(QStringLiteral("Old But New"), QStringLiteral("+34 600 100 003"));
    REQUIRE(f.service.setStatus(fresh, LeadStatus::Contacted).ok());
    REQUIRE(f.service.setStatus(old, LeadStatus::Contacted).ok());
    setLastActivity(*f.db, fresh, 24);
    setLastActivity(*f.db, old, 100);
    setLastActivity(*f.db, oldNew, 500);
    // A broadcast reply nobody answered, 5 hours ago.
    addInteraction(*f.db, fresh, QStringLiteral("broadcast_reply"), 5);
    REQUIRE(f.service.setSetting(StaleRules::settingKey(), contactedAfterThreeDays().toSetting()).ok());

    Actor actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
    Sidebar sidebar(actor);
    sidebar.addEntry(QStringLiteral("leads"), QStringLiteral("Leads"), QIcon());
    LeadsPage page(f.service, f.clock);
    page.resize(1300, 800);
    page.show();
    page.attachSidebar(&sidebar);

    LeadTableModel *model = page.model();
    auto lastActivity = [model](const QString &id, int role = Qt::DisplayRole) {
        const int row = model->rowOfLead(id);
        REQUIRE(row >= 0);
        return model->data(model->index(row, int(LeadTableModel::Column::LastActivity)), role);
    };
    // Marked with a glyph and a word, explained in the tooltip.
    CHECK(lastActivity(old).toString().startsWith(QStringLiteral("\u2744 Stale")));
    CHECK(lastActivity(old, Qt::ToolTipRole).toString().contains(QStringLiteral("Stale: no activity for 4 d")));
    CHECK_FALSE(lastActivity(fresh).toString().contains(QStringLiteral("Stale")));
    CHECK_FALSE(lastActivity(oldNew).toString().contains(QStringLiteral("Stale")));
    // The unanswered reply shows its timer.
    CHECK(lastActivity(fresh).toString().contains(QStringLiteral("\u21A9 5 h no reply")));
    CHECK(lastActivity(fresh, LeadTableModel::AwaitingReplyRole).toLongLong() == 5 * 3600);
    CHECK_FALSE(lastActivity(old, LeadTableModel::AwaitingReplyRole).isValid());

    // Counted in the sidebar, on the built-in "Stale" view.
    const int staleRow = int(sidebar.viewIds().indexOf(QStringLiteral("builtin:stale"))) + 1;
    REQUIRE(staleRow > 0);
    CHECK(sidebar.list()->item(staleRow)->data(Qt::UserRole + 2).toString() == QStringLiteral("1"));
    CHECK(LeadQuery::staleCount(f.db->connection(), page.staleRules(), f.clock.now()) == 1);

    // The Stale view lists exactly the stale lead.
    sidebar.list()->setCurrentRow(staleRow);
    CHECK(page.leadFilter().stale);
    CHECK(page.matchingLeadIds(100) == QStringList{old});

    // An answer clears the timer; time passing makes the fresh one stale too.
    addInteraction(*f.db, fresh, QStringLiteral("chat_out"), 1);
    f.clock.advance(qint64(49) * 3600 * 1000);
    page.refresh();
    CHECK(page.matchingLeadIds(100).size() == 2);
    CHECK(sidebar.list()->item(staleRow)->data(Qt::UserRole + 2).toString() == QStringLiteral("2"));
    CHECK_FALSE(lastActivity(fresh, LeadTableModel::AwaitingReplyRole).isValid());

    // Without rules nothing is stale (and the filter shows nothing rather than everything).
    REQUIRE(f.service.setSetting(StaleRules::settingKey(), QStringLiteral("{}")).ok());
    page.applyPermissions();
    CHECK(page.matchingLeadIds(100).isEmpty());
    CHECK(sidebar.list()->item(staleRow)->data(Qt::UserRole + 2).toString().isEmpty());
}

TEST_CASE("pushed undo steps share one LIFO order with status changes")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Undo Order"), QStringLiteral("+34 699 300 300"));
    LeadsPage page(f.service, f.clock);
    page.show();
    page.selectLead(id);
    QStringList messages;
    QObject::connect(&page, &LeadsPage::message, &page, [&messages](const QString &m) { messages.append(m); });

    // A status change made in the detail pane, then a pushed step.
    REQUIRE(page.detail()->moveTo(LeadStatus::Contacted));
    QCoreApplication::processEvents();
    int stepRuns = 0;
    page.pushUndoStep(QStringLiteral("tagging"), [&stepRuns] {
        ++stepRuns;
        return true;
    });
    CHECK(page.canUndo());

    // Latest first: the step, then the status change.
    CHECK(page.undo());
    CHECK(stepRuns == 1);
    CHECK(f.service.lead(id).value().status == LeadStatus::Contacted);
    CHECK(page.undo());
    CHECK(f.service.lead(id).value().status == LeadStatus::New);
    CHECK_FALSE(page.canUndo());

    // A step that fails says so and is gone from the list.
    page.pushUndoStep(QStringLiteral("the merge"), [] { return false; });
    messages.clear();
    CHECK_FALSE(page.undo());
    CHECK(messages.value(0) == QStringLiteral("Could not undo the merge."));
    CHECK_FALSE(page.canUndo());

    // Ctrl+Z runs the step too.
    page.pushUndoStep(QStringLiteral("bulk edit"), [&stepRuns] {
        ++stepRuns;
        return true;
    });
    page.activateWindow();
    QTest::keyClick(page.view(), Qt::Key_Z, Qt::ControlModifier);
    CHECK(stepRuns == 2);
}

TEST_CASE("selection actions appear on the table's context menu and matching ids cover the filter")
{
    Fixture f(120);
    LeadsPage page(f.service, f.clock);
    page.resize(1200, 700);
    page.show();
    auto *extra = new QAction(QStringLiteral("Merge…"), &page);
    page.addSelectionAction(extra);

    QStringList seen;
    QTimer::singleShot(0, &page, [&seen] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            for (QAction *a : menu->actions())
                seen.append(a->text());
            menu->close();
        }
    });
    QTableView *view = page.view();
    const QRect first = view->visualRect(page.model()->index(0, 0));
    Q_EMIT view->customContextMenuRequested(first.center());
    CHECK(seen.contains(QStringLiteral("Merge…")));
    CHECK(seen.indexOf(QStringLiteral("Merge…")) > seen.indexOf(QStringLiteral("Assign to…")));

    // All the leads matching, beyond the rows fetched so far, in the list's order.
    const QStringList all = page.matchingLeadIds(100000);
    CHECK(all.size() == 120);
    CHECK(all.value(0) == page.model()->leadIdAt(0));
    CHECK(page.matchingLeadIds(10).size() == 10);
    LeadFilter onlyNew;
    onlyNew.statuses = {LeadStatus::New};
    page.setLeadFilter(onlyNew);
    const QStringList news = page.matchingLeadIds(100000);
    CHECK(news.size() < 120);
    for (const QString &id : news)
        CHECK(f.service.lead(id).value().status == LeadStatus::New);
}

TEST_CASE("an admin sets the stale limits in the settings; agents cannot")
{
    Fixture f(0);
    const QString id = f.create(QStringLiteral("Settings Stale"), QStringLiteral("+34 600 200 001"));
    REQUIRE(f.service.setStatus(id, LeadStatus::Contacted).ok());
    setLastActivity(*f.db, id, 50);
    LeadsPage page(f.service, f.clock);
    const auto lastActivityText = [&page, &id] {
        const int row = page.model()->rowOfLead(id);
        REQUIRE(row >= 0);
        return page.model()->data(page.model()->index(row, int(LeadTableModel::Column::LastActivity))).toString();
    };
    CHECK_FALSE(lastActivityText().contains(QStringLiteral("Stale")));

    LocalTeamSettings team(f.service);
    SettingsDialog dialog(f.service.actor(), team, nullptr);
    REQUIRE(dialog.showPage(QStringLiteral("staleLeads")));
    auto *stale = qobject_cast<StaleRulesPage *>(dialog.page(QStringLiteral("staleLeads")));
    REQUIRE(stale);
    CHECK(stale->daysBox(LeadStatus::Lost) == nullptr); // final statuses have no limit
    stale->daysBox(LeadStatus::Contacted)->setValue(2);
    stale->saveButton()->click();
    CHECK(dialog.statusText() == QStringLiteral("Stale limits saved."));
    CHECK(team.staleRules().maxAgeHours(LeadStatus::Contacted) == 48);
    CHECK_FALSE(team.staleRules().maxAgeHours(LeadStatus::New).has_value());

    // Open windows follow (MainWindow re-applies permissions when team settings change).
    page.applyPermissions();
    CHECK(lastActivityText().contains(QStringLiteral("Stale")));

    // An agent's save is refused, and nothing changes.
    LeadService agent(*f.db, Actor{QStringLiteral("u-agent"), QStringLiteral("Ana Agent"), Role::Agent}, f.clock);
    LocalTeamSettings agentTeam(agent);
    QString error;
    agentTeam.saveStaleRules({}, [&error](const QString &e) { error = e; });
    CHECK_FALSE(error.isEmpty());
    CHECK(team.staleRules().maxAgeHours(LeadStatus::Contacted) == 48);
}
