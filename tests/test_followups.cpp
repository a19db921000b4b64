// SPDX-License-Identifier: GPL-3.0-or-later
// Follow-ups as an agent meets them: the "due today" and "overdue" filters, the count in
// the sidebar, and the reminder when one falls due while the client runs (with an
// injected clock: it fires once, snoozing brings it back, closed leads stay quiet).
#include "testsupport.h"

#include "domain/clock.h"
#include "crashreport.h"
#include "followupnotifier.h"
#include "followuppopup.h"
#include "pipelinepage.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "sidebar.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"
#include "storage/leadservice.h"

#include <QDir>
#include <QListWidget>
#include <QProcess>
#include <QTemporaryDir>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Leads;

namespace {
struct Desk
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()}; // 2 March 2026, 09:30 UTC
    LeadService service{*db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, clock};

    Desk() { QStandardPaths::setTestModeEnabled(true); }

    QString lead(const QString &name, qint64 followUpInMinutes, bool hasFollowUp = true)
    {
        NewLead l;
        l.name = name;
        l.phone = QStringLiteral("+3461200%1").arg(qHash(name) % 10000, 4, 10, QChar(u'0'));
        auto id = service.createLead(l);
        REQUIRE(id.ok());
        if (hasFollowUp)
            REQUIRE(service.setFollowUp(id.value(), clock.now().addSecs(followUpInMinutes * 60)).ok());
        return id.value();
    }

    qint64 count(LeadFilter::FollowUp followUp)
    {
        LeadFilter f;
        f.followUp = followUp;
        return LeadQuery::count(db->connection(), LeadQuery::where(f, db->connection().driver(),
                                                                   {service.actor().userId, clock.now()}))
            .value();
    }
};
} // namespace

TEST_CASE("Due today and overdue filters pick the follow-ups a person must do", "[followups]")
{
    Desk d;
    d.lead(QStringLiteral("Overdue Olga"), -90);
    d.lead(QStringLiteral("Later Today Lars"), 120);
    d.lead(QStringLiteral("Tomorrow Tina"), 24 * 60 + 60);
    const QString closed = d.lead(QStringLiteral("Closed Carla"), -30);
    REQUIRE(d.service.setStatus(closed, LeadStatus::Lost, QStringLiteral("No budget")).ok());
    d.lead(QStringLiteral("No Date Nina"), 0, false);

    CHECK(d.count(LeadFilter::FollowUp::Overdue) == 1);
    CHECK(d.count(LeadFilter::FollowUp::DueToday) == 1);
    CHECK(d.count(LeadFilter::FollowUp::DueOrOverdue) == 2);
    CHECK(d.count(LeadFilter::FollowUp::Any) == 5);

    // The filter survives a restart like the others.
    LeadFilter f;
    f.followUp = LeadFilter::FollowUp::DueToday;
    CHECK(LeadFilter::fromVariant(f.toVariant()) == f);
    CHECK(f.hasFilters());
}

TEST_CASE("A follow-up reminder fires once when its time passes, and again after a snooze", "[followups]")
{
    Desk d;
    const QString soon = d.lead(QStringLiteral("Soon Sofia"), 5);
    const QString closedSoon = d.lead(QStringLiteral("Closed Soon Carl"), 6);
    REQUIRE(d.service.setStatus(closedSoon, LeadStatus::Converted).ok());
    d.lead(QStringLiteral("Already Late Liam"), -60); // past before the client started: counted, not announced

    FollowUpNotifier notifier(*d.db, d.clock, d.service.actor().userId);
    QSignalSpy due(&notifier, &FollowUpNotifier::due);
    notifier.start(3600 * 1000);
    CHECK(notifier.dueCount() == 3 - 1 + 0); // Liam (overdue) and Sofia (today); Carl is closed
    notifier.check();
    CHECK(due.count() == 0);

    d.clock.advance(4 * 60 * 1000);
    notifier.check();
    CHECK(due.count() == 0); // not yet

    d.clock.advance(3 * 60 * 1000); // 09:37: Sofia's 09:35 has passed, Carl's is a closed lead
    notifier.check();
    REQUIRE(due.count() == 1);
    CHECK(due.at(0).at(0).toString() == soon);
    CHECK(due.at(0).at(1).toString() == QStringLiteral("Soon Sofia"));
    notifier.check();
    d.clock.advance(60 * 1000);
    notifier.check();
    CHECK(due.count() == 1); // once

    notifier.snooze(soon, 10);
    d.clock.advance(9 * 60 * 1000);
    notifier.check();
    CHECK(due.count() == 1);
    d.clock.advance(2 * 60 * 1000);
    notifier.check();
    CHECK(due.count() == 2); // back after the snooze
    notifier.check();
    CHECK(due.count() == 2);

    // Someone else's lead does not wake this agent.
    const QString others = d.lead(QStringLiteral("Priya's Pete"), 3);
    QSqlQuery q(d.db->connection());
    REQUIRE(q.exec(QStringLiteral("INSERT OR IGNORE INTO users (id, username, display_name, role, created_at) "
                                  "VALUES ('u-priya', 'priya', 'Priya Nair', 'agent', 0)")));
    REQUIRE(q.exec(QStringLiteral("UPDATE leads SET assignee_id = 'u-priya' WHERE id = '%1'").arg(others)));
    d.clock.advance(5 * 60 * 1000);
    notifier.check();
    CHECK(due.count() == 2);
}

TEST_CASE("The window counts follow-ups in the sidebar and its reminder opens the lead", "[followups][gui]")
{
    Desk d;
    const QString late = d.lead(QStringLiteral("Late Lola"), -10);
    const QString soon = d.lead(QStringLiteral("Soon Sam"), 2);
    MainWindow window(d.service, d.clock, false);
    window.show();
    QTest::qWait(20);
    QListWidget *nav = window.sidebar()->list();
    QListWidgetItem *entry = nullptr;
    for (int i = 0; i < nav->count(); ++i) {
        if (nav->item(i)->text().startsWith(QStringLiteral("Follow-ups")))
            entry = nav->item(i);
    }
    REQUIRE(entry);
    CHECK(window.followUps()->dueCount() == 2);

    // The sidebar entry shows the Leads page with exactly those leads.
    window.showFollowUps();
    QTest::qWait(20);
    CHECK(window.leadsPage()->leadFilter().followUp == LeadFilter::FollowUp::DueOrOverdue);
    CHECK(window.leadsPage()->shownCount() == 2);

    d.clock.advance(3 * 60 * 1000);
    window.followUps()->check();
    FollowUpPopup *popup = window.followUpPopup();
    REQUIRE(popup->isVisible());
    CHECK(popup->text().contains(QStringLiteral("Soon Sam")));
    QTest::mouseClick(popup->openButton(), Qt::LeftButton);
    CHECK_FALSE(popup->isVisible());
    CHECK(window.leadsPage()->currentLeadId() == soon);
    Q_UNUSED(late);
}

TEST_CASE("A crash leaves a short report without user data, offered once at the next start", "[crash]")
{
    QTemporaryDir dir;
    QProcess probe;
    probe.start(QStringLiteral(CRASHPROBE_PATH), {dir.path(), QStringLiteral("Ana Ruiz +34612345678")});
    REQUIRE(probe.waitForFinished(20000));
    CHECK(probe.exitStatus() == QProcess::CrashExit);
    const QString report = CrashReport::pending(dir.path());
    REQUIRE_FALSE(report.isEmpty());
    CHECK(report.contains(QStringLiteral("9.9.9-probe")));
    CHECK(report.contains(QStringLiteral("SIGSEGV")));
    CHECK(report.contains(QStringLiteral("stack:")));
    CHECK_FALSE(report.contains(QStringLiteral("Ana Ruiz")));
    CHECK_FALSE(report.contains(QStringLiteral("612345678")));
    CHECK(CrashReport::pending(QDir(dir.path()).filePath(QStringLiteral("elsewhere"))).isEmpty());
}

TEST_CASE("The Pipeline entry shows the dashboard and its bars open the Leads page filtered", "[gui][pipeline]")
{
    Desk d;
    d.lead(QStringLiteral("Piper"), 30);
    MainWindow window(d.service, d.clock, false);
    window.show();
    bool listed = false;
    for (int i = 0; i < window.sidebar()->list()->count(); ++i)
        listed = listed || window.sidebar()->list()->item(i)->text().startsWith(QStringLiteral("Pipeline"));
    CHECK(listed);
    window.showPipeline();
    CHECK(window.pipelinePage()->isVisible());
    CHECK_FALSE(window.leadsPage()->isVisible());
    LeadFilter qualified;
    qualified.statuses = {LeadStatus::Qualified};
    Q_EMIT window.pipelinePage()->openLeads(qualified);
    CHECK(window.leadsPage()->isVisible());
    CHECK(window.leadsPage()->leadFilter().statuses == QList<LeadStatus>{LeadStatus::Qualified});
    CHECK(window.sidebar()->current() == QStringLiteral("leads"));
}

TEST_CASE("A campaign filter narrows the Leads page and shows as a chip", "[gui][pipeline]")
{
    Desk d;
    const QString spring = d.lead(QStringLiteral("Spring Sam"), 0, false);
    d.lead(QStringLiteral("Other Olli"), 0, false);
    QSqlQuery q(d.db->connection());
    REQUIRE(q.exec(QStringLiteral("UPDATE leads SET campaign = 'Spring promo' WHERE id = '%1'").arg(spring)));
    LeadFilter f;
    f.campaigns = {QStringLiteral("Spring promo")};
    CHECK(f.hasFilters());
    CHECK(LeadFilter::fromVariant(f.toVariant()) == f);
    CHECK(LeadQuery::count(d.db->connection(), LeadQuery::where(f, d.db->connection().driver(), {QString(), d.clock.now()}))
              .value()
          == 1);
    LeadsPage page(d.service, d.clock);
    page.show();
    page.setLeadFilter(f);
    QTest::qWait(20);
    CHECK(page.shownCount() == 1);
    CHECK(page.findChild<QWidget *>(QStringLiteral("chipCampaign")) != nullptr);
}
