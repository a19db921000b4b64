// SPDX-License-Identifier: GPL-3.0-or-later
// The Leads page as a user meets it: search, filters, sorting, selection across refresh,
// the detail pane's rules, remembered settings and the screenshot command.
#include "testsupport.h"

#include "domain/clock.h"
#include "filterbar.h"
#include "filterchips.h"
#include "leadcounter.h"
#include "leaddetail.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "mainwindow.h"
#include "newleaddialog.h"
#include "screenshots.h"
#include "sidebar.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"
#include "widgets/statuspalette.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Leads;
using Column = LeadTableModel::Column;

namespace {

struct Fixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};

    explicit Fixture(int leads = 300)
    {
        LeadsTest::useTemporarySettings();
        SampleData::Options options;
        options.leads = leads;
        options.seed = 7;
        options.now = LeadsTest::fixedNow();
        auto seeded = SampleData::generate(*db, options);
        REQUIRE(seeded.ok());
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

QStringList column(LeadTableModel *model, int role, Column c = Column::Name)
{
    QStringList values;
    while (model->canFetchMore())
        model->fetchMore();
    for (int r = 0; r < model->rowCount(); ++r)
        values.append(model->data(model->index(r, int(c)), role).toString());
    return values;
}

qint64 countWhere(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

bool asciiLessOrEqual(const QString &a, const QString &b)
{
    // SQLite's NOCASE folds ASCII letters only; compare the same way.
    auto fold = [](const QString &s) {
        QString out = s;
        for (QChar &c : out) {
            if (c.unicode() < 128)
                c = c.toLower();
        }
        return out;
    };
    return fold(a) <= fold(b);
}

} // namespace

TEST_CASE("the lead model passes QAbstractItemModelTester through filters, sorting and fetching")
{
    Fixture f(600);
    LeadTableModel model(*f.db, f.clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    LeadFilter filter;
    REQUIRE(model.setLeadFilter(filter));
    CHECK(model.columnCount() == LeadTableModel::kColumnCount);
    CHECK(model.rowCount() > 0);
    while (model.canFetchMore())
        model.fetchMore();
    CHECK(model.rowCount() == 600);
    filter.statuses = {LeadStatus::New};
    REQUIRE(model.setLeadFilter(filter));
    model.sort(int(Column::Name), Qt::AscendingOrder);
    filter.search = QStringLiteral("ana");
    REQUIRE(model.setLeadFilter(filter));
    CHECK_FALSE(model.lastError().isValid());
}

TEST_CASE("typing in the search bar narrows the rows to matching leads")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Zebulon Quark"), QStringLiteral("+34 699 111 222"), QStringLiteral("Quarkworks"));
    LeadsPage page(f.service, f.clock);
    page.resize(1200, 700);
    page.show();
    const qint64 total = page.totalCount();
    REQUIRE(total == 301);

    page.searchField()->setFocus();
    QTest::keyClicks(page.searchField(), QStringLiteral("zebu"));
    // The search waits for a pause in typing, then applies.
    CHECK(page.model()->whereClause().isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return page.shownCount() == 1; }, 2000));
    CHECK(page.model()->rowCount() == 1);
    CHECK(page.model()->leadIdAt(0) == id);
    CHECK(page.countsText().contains(QStringLiteral("1 shown")));

    // Phone numbers match with any punctuation.
    page.searchField()->setText(QStringLiteral("699-111"));
    page.applySearchNow();
    CHECK(page.model()->leadIdAt(0) == id);

    // Esc clears the search and every lead comes back.
    QTest::keyClick(page.searchField(), Qt::Key_Escape);
    CHECK(page.searchField()->text().isEmpty());
    CHECK(page.shownCount() == total);
}

TEST_CASE("hostile search text neither errors nor matches everything")
{
    Fixture f;
    LeadsPage page(f.service, f.clock);
    const qint64 total = page.totalCount();
    const QStringList hostile = {
        QStringLiteral("' OR 1=1 --"), QStringLiteral("\""), QStringLiteral("*"), QStringLiteral("NEAR("),
        QStringLiteral("'"), QStringLiteral("''"), QStringLiteral("\"\"\""), QStringLiteral("a' OR 'a'='a"),
        QStringLiteral("\U0001F600"), QStringLiteral("name:*"), QStringLiteral("-"), QStringLiteral("); DROP TABLE leads; --"),
        QStringLiteral("NOT"), QStringLiteral("AND OR"),
    };
    for (const QString &text : hostile) {
        INFO(text.toStdString());
        page.searchField()->setText(text);
        page.applySearchNow();
        CHECK_FALSE(page.model()->lastError().isValid());
        CHECK(page.state() != LeadsPage::State::Error);
        CHECK(page.shownCount() < total);
    }
    CHECK(countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads")) == total);
}

TEST_CASE("each filter narrows the rows, and filters combine with search")
{
    Fixture f;
    LeadsPage page(f.service, f.clock);
    LeadTableModel *model = page.model();
    const qint64 total = page.totalCount();

    SECTION("status (multi-select)")
    {
        LeadFilter filter;
        filter.statuses = {LeadStatus::New, LeadStatus::Lost};
        page.setLeadFilter(filter);
        const QStringList statuses = column(model, LeadTableModel::StatusRole);
        REQUIRE_FALSE(statuses.isEmpty());
        for (const QString &s : statuses)
            CHECK((s == u"new" || s == u"lost"));
        CHECK(page.shownCount() == countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status IN ('new','lost')")));
        CHECK(page.chips()->chips().size() == 1);
    }
    SECTION("assignee: a person, unassigned and me")
    {
        LeadFilter filter;
        filter.assignees = {QStringLiteral("u-sam")};
        page.setLeadFilter(filter);
        for (const QString &name : column(model, Qt::DisplayRole, Column::Assignee))
            CHECK(name == u"Sam Carter");
        CHECK(page.shownCount() == countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE assignee_id = 'u-sam'")));

        filter.assignees = {LeadFilter::kUnassigned};
        page.setLeadFilter(filter);
        CHECK(page.shownCount() == countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE assignee_id IS NULL")));
        CHECK(page.shownCount() > 0);

        // "Me" is the signed-in user: nothing is assigned to the admin in the sample.
        const QString mine = f.create(QStringLiteral("Mine Only"), QStringLiteral("+34 699 000 001"));
        REQUIRE(f.service.assign(mine, QStringLiteral("u-admin")).ok());
        filter.assignees = {LeadFilter::kMe};
        page.setLeadFilter(filter);
        CHECK(page.shownCount() == 1);
        CHECK(model->leadIdAt(0) == mine);
    }
    SECTION("source")
    {
        LeadFilter filter;
        filter.sources = {QStringLiteral("chat")};
        page.setLeadFilter(filter);
        for (const QString &s : column(model, Qt::DisplayRole, Column::Source))
            CHECK(s == u"Chat");
        CHECK(page.shownCount() == countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE source = 'chat'")));
    }
    SECTION("score range")
    {
        LeadFilter filter;
        filter.minScore = 60;
        filter.maxScore = 80;
        page.setLeadFilter(filter);
        const QStringList scores = column(model, LeadTableModel::ScoreRole);
        REQUIRE_FALSE(scores.isEmpty());
        for (const QString &s : scores)
            CHECK((s.toInt() >= 60 && s.toInt() <= 80));
    }
    SECTION("created and last-activity presets follow the clock")
    {
        LeadFilter filter;
        filter.created.preset = LeadFilter::DatePreset::Last7Days;
        page.setLeadFilter(filter);
        const qint64 from = LeadsTest::fixedNow().date().startOfDay(Qt::UTC).addDays(-6).toMSecsSinceEpoch();
        CHECK(page.shownCount() > 0);
        CHECK(page.shownCount() < total);
        for (const QString &ms : column(model, LeadTableModel::SortRole, Column::Created))
            CHECK(ms.toLongLong() >= from);
        filter = {};
        filter.lastActivity.preset = LeadFilter::DatePreset::Today;
        page.setLeadFilter(filter);
        CHECK(page.shownCount() < total);

        // A custom range is [from, to) in UTC; the chip names the days.
        filter = {};
        const QDateTime a = LeadsTest::fixedNow().addDays(-20);
        const QDateTime b = LeadsTest::fixedNow().addDays(-10);
        filter.created = {LeadFilter::DatePreset::Custom, a, b};
        page.setLeadFilter(filter);
        CHECK(page.shownCount() == countWhere(*f.db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE created_at >= %1 AND created_at < %2")
                                                         .arg(a.toMSecsSinceEpoch()).arg(b.toMSecsSinceEpoch())));
        REQUIRE(page.chips()->chips().size() == 1);
        CHECK(page.chips()->chips().constFirst()->text().contains(QStringLiteral("Created:")));
    }
    SECTION("active or final")
    {
        LeadFilter filter;
        filter.finality = LeadFilter::Finality::Final;
        page.setLeadFilter(filter);
        for (const QString &s : column(model, LeadTableModel::IsFinalRole))
            CHECK(s == u"true");
        filter.finality = LeadFilter::Finality::Active;
        page.setLeadFilter(filter);
        for (const QString &s : column(model, LeadTableModel::IsFinalRole))
            CHECK(s == u"false");
    }
    SECTION("a combination with search; chips remove one filter at a time; clear all")
    {
        const QString id = f.create(QStringLiteral("Quentin Zoltar"), QStringLiteral("+34 699 555 000"));
        LeadFilter filter;
        filter.search = QStringLiteral("zoltar");
        filter.statuses = {LeadStatus::New};
        filter.sources = {QStringLiteral("manual")};
        filter.finality = LeadFilter::Finality::Active;
        page.setLeadFilter(filter);
        CHECK(page.shownCount() == 1);
        CHECK(model->leadIdAt(0) == id);
        filter.statuses = {LeadStatus::Lost};
        page.setLeadFilter(filter);
        CHECK(page.shownCount() == 0);
        CHECK(page.state() == LeadsPage::State::NoResults);

        // Removing the status chip brings the lead back; the others stay.
        QList<QToolButton *> chips = page.chips()->chips();
        CHECK(chips.size() == 3);
        for (QToolButton *chip : chips) {
            if (chip->objectName() == u"chipStatus")
                chip->click();
        }
        CHECK(page.shownCount() == 1);
        CHECK(page.leadFilter().sources == QStringList{QStringLiteral("manual")});
        CHECK(page.leadFilter().statuses.isEmpty());
        page.chips()->findChild<QToolButton *>(QStringLiteral("clearAll"))->click();
        CHECK_FALSE(page.leadFilter().hasFilters());
        CHECK(page.leadFilter().search == u"zoltar"); // clear all keeps the search
        CHECK(page.state() == LeadsPage::State::Table);
    }
}

TEST_CASE("clicking a header sorts in SQL, by that column")
{
    Fixture f;
    LeadsPage page(f.service, f.clock);
    QHeaderView *header = page.view()->horizontalHeader();
    LeadTableModel *model = page.model();

    header->setSortIndicator(int(Column::Name), Qt::AscendingOrder);
    CHECK(model->sortKey() == LeadQuery::SortKey::Name);
    const QStringList names = column(model, Qt::DisplayRole, Column::Name);
    REQUIRE(names.size() == 300);
    for (int i = 1; i < names.size(); ++i)
        CHECK(asciiLessOrEqual(names[i - 1], names[i]));

    header->setSortIndicator(int(Column::Score), Qt::DescendingOrder);
    const QStringList scores = column(model, LeadTableModel::ScoreRole);
    int previous = 101;
    bool sawNull = false;
    for (const QString &s : scores) {
        if (s.isEmpty()) {
            sawNull = true; // unscored leads come last
            continue;
        }
        CHECK_FALSE(sawNull);
        CHECK(s.toInt() <= previous);
        previous = s.toInt();
    }

    header->setSortIndicator(int(Column::Status), Qt::AscendingOrder);
    const QStringList statuses = column(model, LeadTableModel::StatusRole);
    for (int i = 1; i < statuses.size(); ++i)
        CHECK(Status::index(*Status::fromId(statuses[i - 1])) <= Status::index(*Status::fromId(statuses[i])));
}

TEST_CASE("search results come newest first until a column is clicked")
{
    Fixture f;
    const QString older = f.create(QStringLiteral("Quirin Oldfield"), QStringLiteral("+34 699 100 001"));
    f.clock.advance(3600 * 1000);
    const QString newer = f.create(QStringLiteral("Quirin Newman"), QStringLiteral("+34 699 100 002"));
    LeadsPage page(f.service, f.clock);
    page.show();
    QHeaderView *header = page.view()->horizontalHeader();
    page.searchField()->setText(QStringLiteral("quirin"));
    page.applySearchNow();
    REQUIRE(page.model()->rowCount() == 2);
    CHECK(page.model()->isNewestFirst());
    CHECK(page.model()->leadIdAt(0) == newer);
    CHECK_FALSE(header->isSortIndicatorShown());
    CHECK(page.countsText().contains(QStringLiteral("newest first")));

    // A click on Name sorts the results by name instead.
    const int x = header->sectionViewportPosition(int(Column::Name)) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    CHECK_FALSE(page.model()->isNewestFirst());
    CHECK(header->isSortIndicatorShown());
    CHECK(page.model()->sortKey() == LeadQuery::SortKey::Name);
    const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
    CHECK(page.model()->leadIdAt(0) == (ascending ? newer : older)); // "Newman" < "Oldfield"

    // A new search starts newest first again.
    page.searchField()->setText(QStringLiteral("quir"));
    page.applySearchNow();
    CHECK(page.model()->isNewestFirst());
    CHECK(page.model()->leadIdAt(0) == newer);
}

TEST_CASE("selection and current lead survive a refresh even when rows move")
{
    Fixture f;
    LeadsPage page(f.service, f.clock);
    page.resize(1200, 700);
    page.show();
    LeadTableModel *model = page.model();
    // Recent activity first: a change moves a lead to the top, shifting every row below.
    const QString chosen = model->leadIdAt(5);
    page.selectLead(chosen);
    REQUIRE(page.currentLeadId() == chosen);
    REQUIRE(page.detail()->leadId() == chosen);

    QString other;
    for (int r = 10; r < model->rowCount(); ++r) {
        if (!model->data(model->index(r, 0), LeadTableModel::IsFinalRole).toBool()) {
            other = model->leadIdAt(r);
            break;
        }
    }
    REQUIRE_FALSE(other.isEmpty());
    f.clock.advance(60 * 1000);
    REQUIRE(f.service.addNote(other, QStringLiteral("Called, will buy next week")).ok());
    QCoreApplication::processEvents(); // the change reaches the page over a queued connection
    CHECK(model->leadIdAt(0) == other);
    CHECK(model->leadIdAt(6) == chosen);
    CHECK(page.currentLeadId() == chosen);
    CHECK(page.selectedLeadIds() == QStringList{chosen});
    CHECK(page.detail()->leadId() == chosen);
}

TEST_CASE("a status move through the detail pane goes through the rules and updates the table")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Mover Person"), QStringLiteral("+34 699 777 888"));
    LeadsPage page(f.service, f.clock);
    page.show();
    page.selectLead(id);
    LeadDetail *detail = page.detail();
    REQUIRE(detail->leadId() == id);
    CHECK(detail->offeredMoves().contains(LeadStatus::Contacted));
    CHECK_FALSE(detail->offeredMoves().contains(LeadStatus::New));

    auto *move = detail->findChild<QToolButton *>(QStringLiteral("moveStatus"));
    REQUIRE(move);
    CHECK(move->isVisible());
    QAction *contacted = nullptr;
    for (QAction *a : move->menu()->actions()) {
        if (a->data().toString() == u"contacted")
            contacted = a;
    }
    REQUIRE(contacted);
    contacted->trigger();
    QCoreApplication::processEvents();
    CHECK(f.service.lead(id).value().status == LeadStatus::Contacted);
    const int row = page.model()->rowOfLead(id);
    REQUIRE(row >= 0);
    CHECK(page.model()->data(page.model()->index(row, int(Column::Status)), LeadTableModel::StatusRole).toString() == u"contacted");
    CHECK(page.currentLeadId() == id);
    CHECK(detail->findChild<QLabel *>(QStringLiteral("timeline"))->text().contains(QStringLiteral("New → Contacted")));

    // Lost asks for a reason; cancelling changes nothing, choosing one applies it.
    detail->setLostReasonProvider([](QWidget *, const QStringList &) { return std::optional<QString>(); });
    CHECK_FALSE(detail->moveTo(LeadStatus::Lost));
    CHECK(f.service.lead(id).value().status == LeadStatus::Contacted);
    detail->setLostReasonProvider([](QWidget *, const QStringList &reasons) { return std::optional<QString>(reasons.value(0)); });
    CHECK(detail->moveTo(LeadStatus::Lost));
    CHECK(f.service.lead(id).value().status == LeadStatus::Lost);

    // Ctrl+Z undoes the last move through the rules: a final lead refuses to move back.
    QCoreApplication::processEvents();
    CHECK(page.canUndo());
    CHECK_FALSE(page.undo());
    CHECK(f.service.lead(id).value().status == LeadStatus::Lost);
}

TEST_CASE("undo reverts the last assignment made in this window")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Assign Me"), QStringLiteral("+34 699 121 212"));
    LeadsPage page(f.service, f.clock);
    page.show();
    page.selectLead(id);
    auto *combo = page.detail()->findChild<QComboBox *>(QStringLiteral("assignee"));
    REQUIRE(combo);
    REQUIRE(combo->isVisible());
    const int priya = combo->findData(QStringLiteral("u-priya"));
    REQUIRE(priya >= 0);
    combo->setCurrentIndex(priya);
    Q_EMIT combo->activated(priya);
    CHECK(f.service.lead(id).value().assigneeId == u"u-priya");
    QCoreApplication::processEvents();
    QTest::keySequence(&page, QKeySequence::Undo);
    CHECK(f.service.lead(id).value().assigneeId.isEmpty());
}

TEST_CASE("a final lead is read-only in the detail pane")
{
    Fixture f;
    LeadsPage page(f.service, f.clock);
    page.show();
    LeadFilter filter;
    filter.statuses = {LeadStatus::Converted};
    page.setLeadFilter(filter);
    REQUIRE(page.model()->rowCount() > 0);
    page.selectLead(page.model()->leadIdAt(0));
    LeadDetail *detail = page.detail();
    CHECK(detail->isReadOnly());
    CHECK(detail->offeredMoves().isEmpty());
    auto *banner = detail->findChild<QLabel *>(QStringLiteral("readOnlyBanner"));
    CHECK(banner->isVisible());
    CHECK(banner->text().contains(QStringLiteral("read-only")));
    CHECK_FALSE(detail->findChild<QToolButton *>(QStringLiteral("moveStatus"))->isVisible());
    CHECK_FALSE(detail->findChild<QComboBox *>(QStringLiteral("assignee"))->isVisible());
    CHECK_FALSE(detail->findChild<QSpinBox *>(QStringLiteral("manualScore"))->isVisible());
    CHECK_FALSE(detail->findChild<QDateTimeEdit *>(QStringLiteral("followUp"))->isVisible());
    // Notes remain possible: history is never frozen.
    CHECK(detail->findChild<QPlainTextEdit *>(QStringLiteral("noteEdit"))->isVisible());
}

TEST_CASE("the new lead dialog validates and offers the existing active lead")
{
    Fixture f(20);
    const QString existing = f.create(QStringLiteral("Already Here"), QStringLiteral("+34 699 333 444"));
    NewLeadDialog dialog(f.service);
    dialog.nameField()->setText(QStringLiteral("Someone"));
    CHECK_FALSE(dialog.submit());
    CHECK(dialog.message().contains(QStringLiteral("phone")));
    dialog.phoneField()->setText(QStringLiteral("+34 699 333 444"));
    CHECK_FALSE(dialog.submit());
    CHECK(dialog.message().contains(QStringLiteral("active lead")));
    auto *open = dialog.findChild<QPushButton *>();
    Q_UNUSED(open)
    bool offered = false;
    for (QPushButton *b : dialog.findChildren<QPushButton *>()) {
        if (b->text() == u"Open existing lead") {
            offered = !b->isHidden();
            b->click();
        }
    }
    CHECK(offered);
    CHECK(dialog.leadId() == existing);
    CHECK(dialog.openedExisting());
}

TEST_CASE("window geometry, splitter, columns and filters are restored on the next start")
{
    Fixture f;
    LeadFilter filter;
    filter.statuses = {LeadStatus::Qualified, LeadStatus::FollowUp};
    filter.search = QStringLiteral("ana");
    filter.minScore = 30;
    QList<int> splitterSizes;
    QSize windowSize;
    {
        MainWindow first(f.service, f.clock);
        first.resize(1600, 900);
        first.show();
        LeadsPage *page = first.leadsPage();
        page->setLeadFilter(filter);
        page->view()->horizontalHeader()->resizeSection(int(Column::Company), 233);
        page->view()->horizontalHeader()->setSectionHidden(int(Column::Created), true);
        page->view()->horizontalHeader()->setSortIndicator(int(Column::Company), Qt::AscendingOrder);
        page->splitter()->setSizes({960, 420});
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        splitterSizes = page->splitter()->sizes();

        windowSize = first.size();
        first.close();
    }
    MainWindow second(f.service, f.clock);
    second.show();
    LeadsPage *page = second.leadsPage();
    CHECK(second.size() == windowSize);
    CHECK(windowSize != QSize(1280, 800)); // not the default size
    CHECK(page->leadFilter() == filter);
    CHECK(page->searchField()->text() == u"ana");
    CHECK(page->filterBar()->button(QStringLiteral("status"))->text().contains(QStringLiteral("2")));
    CHECK(page->view()->horizontalHeader()->sectionSize(int(Column::Company)) == 233);
    CHECK(page->view()->horizontalHeader()->isSectionHidden(int(Column::Created)));
    CHECK(page->model()->sortKey() == LeadQuery::SortKey::Company);
    QCoreApplication::processEvents();
    CHECK(page->splitter()->sizes().value(1) == splitterSizes.value(1)); // the detail pane's width
    CHECK(page->shownCount() < page->totalCount());
}

TEST_CASE("the status bar shows the user, the database and the counts")
{
    Fixture f(50);
    MainWindow window(f.service, f.clock, false);
    window.show();
    CHECK(window.statusText().contains(QStringLiteral("Alex Morgan")));
    CHECK(window.statusText().contains(QStringLiteral("Admin")));
    CHECK(window.statusText().contains(QStringLiteral("50 leads")));
}

TEST_CASE("an empty database shows the empty state with create and sample actions")
{
    LeadsTest::useTemporarySettings();
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    LeadsPage page(service, clock);
    CHECK(page.state() == LeadsPage::State::NoLeads);
    bool loaded = false;
    for (QPushButton *b : page.findChildren<QPushButton *>()) {
        if (b->text() == u"Load sample data") {
            b->click();
            loaded = true;
        }
    }
    REQUIRE(loaded);
    CHECK(page.state() == LeadsPage::State::Table);
    CHECK(page.totalCount() == 500);
}

TEST_CASE("on a database file the counts arrive from a worker thread without blocking the list")
{
    LeadsTest::useTemporarySettings();
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("leads.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    SampleData::Options options;
    options.leads = 400;
    options.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(db, options).ok());
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    {
        LeadsPage page(service, clock);
        CHECK(page.model()->rowCount() > 0); // rows are there before any count
        REQUIRE(QTest::qWaitFor([&] { return page.totalCount() == 400; }, 5000));
        LeadFilter filter;
        filter.statuses = {LeadStatus::New};
        page.setLeadFilter(filter);
        REQUIRE(QTest::qWaitFor([&] { return page.countsText().contains(QStringLiteral("shown")); }, 5000));
        CHECK(page.shownCount() == countWhere(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'new'")));
        // Quick successive filters: only the newest count is shown.
        filter.statuses = {LeadStatus::Lost};
        page.setLeadFilter(filter);
        filter.statuses = {LeadStatus::Converted};
        page.setLeadFilter(filter);
        REQUIRE(QTest::qWaitFor([&] { return page.countsText().contains(QStringLiteral("shown")); }, 5000));
        CHECK(page.shownCount() == countWhere(db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'converted'")));
    } // the page (and its counting thread) goes away cleanly
}

TEST_CASE("the page works from the keyboard: Ctrl+F, Esc, Enter opens the detail")
{
    Fixture f(40);
    MainWindow window(f.service, f.clock, false);
    window.show();
    QApplication::setActiveWindow(&window);
    LeadsPage *page = window.leadsPage();
    page->view()->setFocus();
    QTest::keySequence(&window, QKeySequence::Find);
    CHECK(page->searchField()->hasFocus());
    QTest::keyClicks(page->searchField(), QStringLiteral("zzzz"));
    page->applySearchNow();
    CHECK(page->state() == LeadsPage::State::NoResults);
    QTest::keyClick(page->searchField(), Qt::Key_Escape);
    CHECK(page->state() == LeadsPage::State::Table);

    // Enter on a row moves into the detail pane (its first control).
    page->view()->setFocus();
    page->selectLead(page->model()->leadIdAt(0));
    QTest::keyClick(page->view(), Qt::Key_Return);
    QWidget *focus = QApplication::focusWidget();
    REQUIRE(focus);
    CHECK(page->detail()->isAncestorOf(focus));
}

TEST_CASE("a database error shows a message, not a blank table")
{
    Fixture f(30);
    LeadsPage page(f.service, f.clock);
    REQUIRE(page.state() == LeadsPage::State::Table);
    // A broken search index (as a damaged file would have) makes the search query fail.
    REQUIRE(f.db->exec(QStringLiteral("DROP TABLE leads_fts")).ok());
    page.searchField()->setText(QStringLiteral("anna"));
    page.applySearchNow();
    CHECK(page.state() == LeadsPage::State::Error);
    bool shown = false;
    for (QLabel *l : page.findChildren<QLabel *>(QStringLiteral("emptyText"))) {
        if (l->text().contains(QStringLiteral("could not be read")))
            shown = true;
    }
    CHECK(shown);
}

TEST_CASE("a switch to a dark palette reaches the table and the status colours")
{
    Fixture f(30);
    MainWindow window(f.service, f.clock, false);
    window.show();
    QTableView *view = window.leadsPage()->view();
    const QPalette light = QApplication::palette();
    REQUIRE_FALSE(StatusPalette::isDark(view->palette()));
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x25, 0x27, 0x2a));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    QApplication::setPalette(dark);
    QCoreApplication::processEvents();
    CHECK(StatusPalette::isDark(view->palette()));
    CHECK(view->viewport()->palette().color(QPalette::Base) == dark.color(QPalette::Base));
    CHECK(StatusPalette::isDark(window.leadsPage()->detail()->palette()));
    CHECK(StatusPalette::isDark(window.sidebar()->palette()));
    QApplication::setPalette(light);
    QCoreApplication::processEvents();
    CHECK_FALSE(StatusPalette::isDark(view->palette()));
}

TEST_CASE("the screenshot command writes the documentation PNGs at the documented size")
{
    QTemporaryDir dir;
    auto written = Screenshots::render(dir.path());
    REQUIRE(written.ok());
    REQUIRE(written.value().size() == 5);
    CHECK(QImage(dir.filePath(QStringLiteral("settings.png"))).width() >= 800);
    CHECK(QImage(dir.filePath(QStringLiteral("leads-board.png"))).size() == Screenshots::kWindowSize);
    const QImage signIn(dir.filePath(QStringLiteral("sign-in.png")));
    CHECK(signIn.width() >= 380);
    CHECK(signIn.height() >= 150);
    const QImage page(dir.filePath(QStringLiteral("leads-page.png")));
    const QImage sidebar(dir.filePath(QStringLiteral("leads-sidebar.png")));
    CHECK(page.size() == Screenshots::kWindowSize);
    CHECK(sidebar.height() > Screenshots::kWindowSize.height() - 60); // all but the status bar
    CHECK(sidebar.width() > 150);
    CHECK(QFileInfo(dir.filePath(QStringLiteral("leads-page.png"))).size() > 20000);
}

TEST_CASE("the detail pane shows the AI score's reasons beside the manual score")
{
    Fixture f(0);
    const QString id = f.create(QStringLiteral("Ana Reasons"), QStringLiteral("+34600111222"));
    REQUIRE(f.service.applyAiScore(id, 64, {QStringLiteral("+12 asked about price"),
                                            QStringLiteral("-9 silent for over 30 days")}).ok());
    REQUIRE(f.service.qualifyManually(id, 80).ok());
    LeadsPage page(f.service, f.clock);
    page.show();
    page.refresh();
    page.selectLead(id);
    LeadDetail *detail = page.detail();
    REQUIRE(detail->leadId() == id);
    auto *ai = detail->findChild<QLabel *>(QStringLiteral("aiScore"));
    auto *reasons = detail->findChild<QLabel *>(QStringLiteral("aiReasons"));
    REQUIRE(reasons);
    CHECK(ai->text().contains(QStringLiteral("64")));
    CHECK(reasons->isVisible());
    CHECK(reasons->text().contains(QStringLiteral("asked about price")));
    CHECK(reasons->text().contains(QStringLiteral("silent for over 30 days")));
    CHECK(detail->findChild<QSpinBox *>(QStringLiteral("manualScore"))->value() == 80);

    // A lead the AI never scored shows no reasons line.
    const QString other = f.create(QStringLiteral("Bo Plain"), QStringLiteral("+34600111333"));
    page.refresh();
    page.selectLead(other);
    CHECK_FALSE(reasons->isVisible());
}

TEST_CASE("the lead counter answers the newest count and drops the ones it replaced", "[ui][counts]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("counts.sqlite"));
    auto db = Database::open(path);
    REQUIRE(db.ok());
    LeadsTest::insertGeneratedLeads(db.value()->connection(), 50000, 5);
    LeadCounter counter(*db.value());
    REQUIRE(counter.isAsync());
    QList<std::pair<QString, qint64>> shown;
    QStringList failures;
    QObject::connect(&counter, &LeadCounter::counted, [&](const QString &key, const QString &where, qint64 n) {
        if (key == u"shown")
            shown.append({where, n});
    });
    QObject::connect(&counter, &LeadCounter::failed, [&](const QString &, const QString &message) { failures << message; });
    // Typing: each pause asks for a count that the next one replaces; slow scans that are
    // stale by the time they run (or while they run) are neither answered nor errors.
    for (int i = 0; i < 20; ++i)
        counter.request(QStringLiteral("shown"), QStringLiteral("name LIKE '%%1%9%'").arg(i));
    counter.request(QStringLiteral("shown"), QStringLiteral("is_final = 0"));
    REQUIRE(LeadsTest::waitFor([&] { return !shown.isEmpty() && shown.constLast().first == u"is_final = 0"; }));
    QTest::qWait(50);
    CHECK(failures.isEmpty());
    CHECK(shown.constLast().second == 40000);
}
