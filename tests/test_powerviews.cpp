// SPDX-License-Identifier: GPL-3.0-or-later
// Saved views, stale leads and the page hooks other features build on (one undo list,
// selection actions, "all N matching"), driven through the real Leads page.
#include "testsupport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QAction>
#include <QApplication>
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

void useTemporarySettings()
{
    static QTemporaryDir dir;
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QSettings().clear();
}

struct Fixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};

    explicit Fixture(int leads = 200)
    {
        useTemporarySettings();
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

} // namespace

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
