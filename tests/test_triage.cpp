// SPDX-License-Identifier: GPL-3.0-or-later
// Power users in the real main window: keyboard triage, the command palette, the merge of
// possible duplicates and bulk edits, each undone with Ctrl+Z.
#include "testsupport.h"

#include "bulkeditdialog.h"
#include "commandpalette.h"
#include "domain/clock.h"
#include "duplicatesdialog.h"
#include "leaddetail.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "triagemode.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Leads;

namespace {

struct Fixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};
    QStringList ids;

    Fixture()
    {
        LeadsTest::useTemporarySettings();
        REQUIRE(service.setSetting(QStringLiteral("default_country"), QStringLiteral("ES")).ok());
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
                                      "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
                                      "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0)")));
        const QStringList names = {QStringLiteral("Ada Byron"), QStringLiteral("Boris Petrov"), QStringLiteral("Chen Wei"),
                                   QStringLiteral("Dora Marsh"), QStringLiteral("Emil Novak")};
        for (int i = 0; i < names.size(); ++i) {
            NewLead n;
            n.name = names.at(i);
            n.company = QStringLiteral("Northwind");
            n.phone = QStringLiteral("+34 612 00%1 00%1").arg(i);
            auto id = service.createLead(n);
            REQUIRE(id.ok());
            ids.append(id.value());
            clock.advance(60'000);
        }
    }
    LeadStatus status(const QString &id) { return service.lead(id).value().status; }
    QString dump(const QString &id)
    {
        QString out;
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT * FROM leads WHERE id = ?"));
        q.addBindValue(id);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        for (int i = 0; i < q.record().count(); ++i)
            out += q.value(i).toString() + QLatin1Char('|');
        q.prepare(QStringLiteral("SELECT id, kind, body FROM interactions WHERE lead_id = ? ORDER BY interaction_no"));
        q.addBindValue(id);
        REQUIRE(q.exec());
        while (q.next())
            out += QLatin1Char('\n') + q.value(0).toString() + q.value(1).toString() + q.value(2).toString();
        return out;
    }
};

struct Window
{
    MainWindow window;
    LeadsPage *page;
    QTableView *view;

    explicit Window(Fixture &f) : window(f.service, f.clock, false), page(window.leadsPage()), view(page->view())
    {
        window.show();
        QApplication::setActiveWindow(&window);
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        page->applySearchNow();
        QCoreApplication::processEvents();
    }
    // Ctrl+Z as the user presses it, in the table.
    void undoKey() { QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); }
    void select(const QString &id)
    {
        page->selectLead(id);
        QCoreApplication::processEvents();
        REQUIRE(page->currentLeadId() == id);
    }
};

void saveShot(QWidget *w, const char *name)
{
    // Screenshots for review: only when asked for, never into the tree.
    const QString dir = qEnvironmentVariable("LEADS_SHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + QString::fromLatin1(name));
}

} // namespace

TEST_CASE("triage keys move, change one lead each through the rules, and Ctrl+Z undoes", "[triage]")
{
    Fixture f;
    REQUIRE(f.service.setStatus(f.ids.at(4), LeadStatus::Converted).ok());
    Window w(f);
    w.window.triageAction()->trigger();
    REQUIRE(w.window.triage()->isActive());
    CHECK(w.window.findChild<QLabel *>(QStringLiteral("triageBanner"))->isVisible());
    CHECK(w.window.windowTitle().contains(QStringLiteral("triage")));

    // The first row of the view, whatever the sort.
    w.view->setCurrentIndex(w.view->model()->index(0, 0));
    const QString first = w.page->currentLeadId();
    REQUIRE_FALSE(first.isEmpty());
    QTest::keyClick(w.view, Qt::Key_J);
    CHECK(w.view->currentIndex().row() == 1);
    CHECK(w.page->currentLeadId() != first);
    QTest::keyClick(w.view, Qt::Key_J);
    CHECK(w.view->currentIndex().row() == 2);
    QTest::keyClick(w.view, Qt::Key_K);
    QTest::keyClick(w.view, Qt::Key_K);
    CHECK(w.page->currentLeadId() == first);
    const LeadStatus firstStatus = f.status(first);

    SECTION("a digit sets the status of the current lead only; Ctrl+Z undoes it")
    {
        w.select(f.ids.at(0));
        QTest::keyClick(w.view, Qt::Key_2);
        CHECK(f.status(f.ids.at(0)) == LeadStatus::Contacted);
        for (int i = 1; i < 4; ++i)
            CHECK(f.status(f.ids.at(i)) == LeadStatus::New);
        CHECK(f.status(f.ids.at(4)) == LeadStatus::Converted);
        w.undoKey();
        CHECK(f.status(f.ids.at(0)) == LeadStatus::New);
    }
    SECTION("a forbidden move is refused with the reason")
    {
        w.select(f.ids.at(4));
        QTest::keyClick(w.view, Qt::Key_2);
        CHECK(f.status(f.ids.at(4)) == LeadStatus::Converted);
        const QString said = w.window.statusBar()->currentMessage();
        CHECK(said.startsWith(QStringLiteral("Not moved to Contacted:")));
        CHECK(said.size() > QStringLiteral("Not moved to Contacted: ").size());
    }
    SECTION("l asks the lost reason; s scores, n notes, f sets a follow-up, each undone exactly")
    {
        w.select(f.ids.at(0));
        w.page->detail()->setLostReasonProvider(
            [](QWidget *, const QStringList &) { return std::optional<QString>(QStringLiteral("No budget")); });
        const QString before = f.dump(f.ids.at(0));
        TriageMode::Prompts prompts;
        prompts.score = [](QWidget *, int) { return std::optional<int>(85); };
        prompts.note = [](QWidget *) { return std::optional<QString>(QStringLiteral("Asked for a demo")); };
        prompts.followUp = [&f](QWidget *, const QDateTime &) { return std::optional<QDateTime>(f.clock.now().addDays(3)); };
        w.window.triage()->setPrompts(prompts);

        QTest::keyClick(w.view, Qt::Key_S);
        CHECK(f.service.lead(f.ids.at(0)).value().qualification.manualScore == 85);
        QTest::keyClick(w.view, Qt::Key_N);
        CHECK(f.service.timeline(f.ids.at(0)).value().constFirst().body == QStringLiteral("Asked for a demo"));
        QTest::keyClick(w.view, Qt::Key_F);
        CHECK(f.service.lead(f.ids.at(0)).value().followUpAt == f.clock.now().addDays(3));
        w.undoKey();
        CHECK_FALSE(f.service.lead(f.ids.at(0)).value().followUpAt.isValid());
        w.undoKey();
        w.undoKey();
        CHECK(f.dump(f.ids.at(0)) == before);

        QTest::keyClick(w.view, Qt::Key_L);
        CHECK(f.status(f.ids.at(0)) == LeadStatus::Lost);
        CHECK(f.service.lead(f.ids.at(0)).value().lostReason == QStringLiteral("No budget"));
    }
    SECTION("triage off: the keys are the table's again")
    {
        w.window.triageAction()->trigger();
        CHECK_FALSE(w.window.triage()->isActive());
        CHECK_FALSE(w.window.findChild<QLabel *>(QStringLiteral("triageBanner"))->isVisible());
        QTest::keyClick(w.view, Qt::Key_2);
        CHECK(f.status(first) == firstStatus);
    }
}

TEST_CASE("the command palette runs an action and jumps to a lead", "[palette]")
{
    Fixture f;
    Window w(f);
    QTest::keyClick(w.view, Qt::Key_K, Qt::ControlModifier);
    CommandPalette *palette = w.window.findChild<CommandPalette *>();
    REQUIRE(palette);
    REQUIRE(palette->isVisible());
    QTest::keyClicks(palette->filterField(), QStringLiteral("triage"));
    REQUIRE(palette->list()->count() >= 1);
    CHECK(palette->list()->item(0)->text() == QStringLiteral("Keyboard triage"));
    saveShot(palette, "palette.png");
    QTest::keyClick(palette->filterField(), Qt::Key_Return);
    CHECK_FALSE(palette->isVisible());
    CHECK(w.window.triage()->isActive());

    w.window.showPalette();
    QTest::keyClicks(palette->filterField(), QStringLiteral("dora"));
    REQUIRE(palette->list()->count() == 1);
    CHECK(palette->list()->item(0)->text() == QStringLiteral("Lead: Dora Marsh · Northwind"));
    QTest::keyClick(palette->filterField(), Qt::Key_Return);
    QCoreApplication::processEvents();
    CHECK(w.page->currentLeadId() == f.ids.at(3));
}

TEST_CASE("possible duplicates merge side by side and Ctrl+Z restores both leads", "[merge]")
{
    Fixture f;
    // An import brought Boris in twice: same phone as Ada's? No: same phone as his first lead.
    QSqlQuery q(f.db->connection());
    q.prepare(QStringLiteral("UPDATE leads SET phone = (SELECT phone FROM leads WHERE id = ?), "
                             "email = 'boris@northwind.example', name = 'Boris Petrov (web)' WHERE id = ?"));
    q.addBindValue(f.ids.at(1));
    q.addBindValue(f.ids.at(2));
    REQUIRE(q.exec());
    REQUIRE(f.service.addNote(f.ids.at(2), QStringLiteral("Came through the web form")).ok());
    const QString keptBefore = f.dump(f.ids.at(1));
    const QString otherBefore = f.dump(f.ids.at(2));
    Window w(f);

    DuplicatesDialog *dialog = w.window.showDuplicates();
    REQUIRE(dialog->groupCount() == 1);
    CHECK(dialog->tree()->topLevelItem(0)->text(0).startsWith(QStringLiteral("Same phone")));
    dialog->selectGroup(0);
    bool ran = false;
    dialog->setMergeRunner([&](MergeDialog &merge) {
        ran = true;
        merge.resize(720, merge.sizeHint().height());
        merge.show();
        CHECK(merge.mergeButton()->isEnabled());
        // Equal values leave nothing to choose.
        CHECK_FALSE(merge.radio(MergeField::Phone, MergePlan::Side::Other)->isEnabled());
        merge.choose(MergeField::Email, MergePlan::Side::Other);
        CHECK(merge.previewText().contains(QStringLiteral("boris@northwind.example")));
        saveShot(&merge, "merge.png");
        merge.mergeButton()->click();
        return merge.result();
    });
    dialog->mergeSelected();
    REQUIRE(ran);
    CHECK(dialog->groupCount() == 0);
    CHECK(f.service.lead(f.ids.at(1)).value().email == QStringLiteral("boris@northwind.example"));
    CHECK(f.status(f.ids.at(2)) == LeadStatus::Lost);
    bool noteMoved = false;
    const QList<Interaction> timeline = f.service.timeline(f.ids.at(1)).value();
    for (const Interaction &i : timeline)
        noteMoved |= i.body == QStringLiteral("Came through the web form");
    CHECK(noteMoved);
    dialog->close();

    w.undoKey();
    CHECK(f.dump(f.ids.at(1)) == keptBefore);
    CHECK(f.dump(f.ids.at(2)) == otherBefore);
}

TEST_CASE("bulk edit of a mixed selection reports refusals and is one undo step", "[bulkedit]")
{
    Fixture f;
    REQUIRE(f.service.setStatus(f.ids.at(4), LeadStatus::Archived).ok());
    Window w(f);
    const QStringList all = w.page->matchingLeadIds(100);
    REQUIRE(all.size() == 5);
    auto *matching = w.window.findChild<QAction *>(QStringLiteral("editMatchingAction"));
    REQUIRE(matching);
    CHECK(QTest::qWaitFor([matching] { return matching->text() == QStringLiteral("Edit &all 5 matching…"); }, 3000));
    BulkEditDialog *dialog = w.window.editLeads(all);
    REQUIRE(dialog);
    BulkChange change;
    change.kind = BulkChange::Kind::Status;
    change.status = LeadStatus::Qualifying;
    dialog->setChange(change);
    REQUIRE(dialog->apply());
    CHECK(dialog->summaryText().startsWith(QStringLiteral("Changed 4 lead")));
    CHECK(dialog->summaryText().contains(QStringLiteral("Refused 1 lead")));
    CHECK(dialog->summaryText().contains(QStringLiteral("Emil Novak")));
    for (int i = 0; i < 4; ++i)
        CHECK(f.status(f.ids.at(i)) == LeadStatus::Qualifying);
    dialog->close();
    w.undoKey();
    for (int i = 0; i < 4; ++i)
        CHECK(f.status(f.ids.at(i)) == LeadStatus::New);
    CHECK(f.status(f.ids.at(4)) == LeadStatus::Archived);
}
