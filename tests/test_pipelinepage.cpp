// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "mainwindow.h"
#include "pipelinepage.h"
#include "screenshots.h"
#include "sidebar.h"
#include "domain/clock.h"
#include "domain/permissions.h"
#include "storage/database.h"
#include "storage/sampledata.h"
#include "widgets/statuspalette.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Leads;

namespace {

qint64 scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

// Waits for the page's figures (at once for an in-memory database).
void waitForFigures(PipelinePage &page)
{
    if (!page.isComputing() && page.stats())
        return;
    QSignalSpy done(&page, &PipelinePage::computed);
    REQUIRE(done.wait(20000));
}

// Clicks the middle of a status's bar the way a user would.
void clickStatusBar(PipelinePage &page, LeadStatus status)
{
    QChartView *view = page.chartView(PipelinePage::kStatusChart);
    REQUIRE(view);
    QChart *chart = view->chart();
    REQUIRE(!chart->series().isEmpty());
    const double value = double(page.stats()->count(status));
    const QPointF scene = chart->mapToScene(
        chart->mapToPosition(QPointF(Status::index(status), value / 2), chart->series().constFirst()));
    const QPoint at = view->mapFromScene(scene);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

TEST_CASE("Pipeline page shows the figures of the database", "[pipelinepage]")
{
    auto db = LeadsTest::memoryDatabase();
    SampleData::Options options;
    options.leads = 1500;
    options.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(*db, options));
    FixedClock clock(LeadsTest::fixedNow());
    PipelinePage page(*db, clock);
    page.resize(1440, 860);
    page.show();
    page.refresh();
    waitForFigures(page);
    REQUIRE(page.stats());
    REQUIRE(page.errorText().isEmpty());

    const QLocale locale;
    const qint64 converted = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'converted'"));
    const qint64 lost = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE status = 'lost'"));
    const qint64 overdue = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 0 AND follow_up_at < %1")
                                           .arg(LeadsTest::fixedNow().toMSecsSinceEpoch()));
    REQUIRE(overdue > 0);
    CHECK(page.figureText(QStringLiteral("total")) == locale.toString(1500));
    CHECK(page.figureText(QStringLiteral("active"))
          == locale.toString(scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 0"))));
    CHECK(page.figureText(QStringLiteral("conversion"))
          == locale.toString(100.0 * double(converted) / double(converted + lost), 'f', 1) + QStringLiteral(" %"));
    CHECK(page.figureText(QStringLiteral("overdue")) == locale.toString(overdue));
    CHECK(page.figureText(QStringLiteral("timeToConvert")).endsWith(QStringLiteral(" days")));

    // The status chart: a bar per status in its colour, with its name on the axis.
    QChart *chart = page.chartView(PipelinePage::kStatusChart)->chart();
    auto *bars = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
    REQUIRE(bars);
    REQUIRE(bars->count() == 8);
    CHECK(bars->isLabelsVisible());
    const bool dark = StatusPalette::isDark(page.palette());
    for (LeadStatus s : kAllStatuses) {
        QBarSet *set = bars->barSets().at(Status::index(s));
        CHECK(set->label() == Status::label(s));
        CHECK(set->at(Status::index(s)) == double(page.stats()->count(s)));
        const auto colours = StatusPalette::colors(s, dark);
        CHECK((set->color() == colours.text || set->color() == colours.background));
    }
    CHECK(page.agentTable()->model()->rowCount()
          == scalar(*db, QStringLiteral("SELECT COUNT(DISTINCT COALESCE(assignee_id, '')) FROM leads")));

    SECTION("clicking the Qualified bar asks for the qualified leads")
    {
        QList<LeadFilter> asked;
        QObject::connect(&page, &PipelinePage::openLeads, &page, [&asked](const LeadFilter &f) { asked.append(f); });
        clickStatusBar(page, LeadStatus::Qualified);
        REQUIRE(asked.size() == 1);
        CHECK(asked[0].statuses == QList<LeadStatus>{LeadStatus::Qualified});
        CHECK(asked[0].sources.isEmpty());
        CHECK(asked[0].assignees.isEmpty());
    }

    SECTION("a source filter narrows the figures and the leads asked for")
    {
        auto *source = page.findChild<QComboBox *>(QStringLiteral("sourceFilter"));
        REQUIRE(source);
        const int chat = source->findData(QStringLiteral("chat"));
        REQUIRE(chat > 0);
        source->setCurrentIndex(chat);
        waitForFigures(page);
        const qint64 chats = scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE source = 'chat'"));
        CHECK(page.figureText(QStringLiteral("total")) == locale.toString(chats));
        CHECK(page.stats()->count(LeadStatus::Qualified)
              == scalar(*db, QStringLiteral("SELECT COUNT(*) FROM leads WHERE source = 'chat' AND status = 'qualified'")));

        QList<LeadFilter> asked;
        QObject::connect(&page, &PipelinePage::openLeads, &page, [&asked](const LeadFilter &f) { asked.append(f); });
        clickStatusBar(page, LeadStatus::Qualified);
        REQUIRE(asked.size() == 1);
        CHECK(asked[0].statuses == QList<LeadStatus>{LeadStatus::Qualified});
        CHECK(asked[0].sources == QStringList{QStringLiteral("chat")});
    }

    SECTION("activating an agent asks for that agent's leads")
    {
        QList<LeadFilter> asked;
        QObject::connect(&page, &PipelinePage::openLeads, &page, [&asked](const LeadFilter &f) { asked.append(f); });
        QTableView *table = page.agentTable();
        const QModelIndex first = table->model()->index(0, 0);
        Q_EMIT table->activated(first);
        REQUIRE(asked.size() == 1);
        CHECK(asked[0].statuses.isEmpty());
        REQUIRE(asked[0].assignees.size() == 1);
        CHECK(asked[0].assignees[0] == page.stats()->agents[0].id);
    }

    SECTION("every chart can be saved as a PNG picture")
    {
        QTemporaryDir dir;
        for (const QString &name : {PipelinePage::kStatusChart, PipelinePage::kWeeklyChart, PipelinePage::kLostChart,
                                    PipelinePage::kAgingChart, PipelinePage::kAgentTable}) {
            INFO(name.toStdString());
            CHECK(page.findChild<QToolButton *>(QStringLiteral("save_") + name));
            const QString file = dir.filePath(name + QStringLiteral(".png"));
            REQUIRE(page.saveChart(name, file));
            QImage image(file);
            REQUIRE(!image.isNull());
            CHECK(image.width() > 150);
            CHECK(image.height() > 150);
            // Not a blank picture: the chart drew something.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 4) {
                for (int x = 0; x < image.width(); x += 4)
                    colours.insert(image.pixel(x, y));
            }
            CHECK(colours.size() > 3);
        }
    }
}

TEST_CASE("Pipeline page follows a dark palette", "[pipelinepage]")
{
    auto db = LeadsTest::memoryDatabase();
    SampleData::Options options;
    options.leads = 300;
    options.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(*db, options));
    FixedClock clock(LeadsTest::fixedNow());
    PipelinePage page(*db, clock);
    page.refresh();
    waitForFigures(page);

    QPalette dark = page.palette();
    dark.setColor(QPalette::Window, QColor(0x1F2937));
    dark.setColor(QPalette::Base, QColor(0x111827));
    dark.setColor(QPalette::Text, QColor(0xF3F4F6));
    dark.setColor(QPalette::WindowText, QColor(0xF3F4F6));
    page.setPalette(dark);
    REQUIRE(StatusPalette::isDark(page.palette()));

    QChart *chart = page.chartView(PipelinePage::kStatusChart)->chart();
    CHECK(chart->backgroundBrush().color() == QColor(0x111827));
    auto *bars = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
    REQUIRE(bars);
    for (LeadStatus s : kAllStatuses) {
        const auto colours = StatusPalette::colors(s, true);
        QBarSet *set = bars->barSets().at(Status::index(s));
        CHECK((set->color() == colours.text || set->color() == colours.background));
        // The value written on the bar is the other colour of the pair (AA contrast).
        CHECK(StatusPalette::contrastRatio(set->color(), set->labelColor()) >= 4.5);
    }
    for (QAbstractAxis *axis : chart->axes())
        CHECK(axis->labelsColor() == QColor(0xF3F4F6));
}

TEST_CASE("Pipeline page computes a file database on its own thread", "[pipelinepage]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipeline.sqlite"));
    FixedClock clock(LeadsTest::fixedNow());
    auto opened = Database::open(path);
    REQUIRE(opened);
    Database &db = *opened.value();
    SampleData::Options options;
    options.leads = 600;
    options.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(db, options));

    PipelinePage page(db, clock);
    QSignalSpy done(&page, &PipelinePage::computed);
    page.refresh();
    CHECK(page.isComputing()); // the UI thread goes on while the worker counts
    REQUIRE(done.wait(20000));
    REQUIRE(page.stats());
    CHECK(page.stats()->total == 600);
    CHECK(page.figureText(QStringLiteral("total")) == QLocale().toString(600));
    // The filters learnt the agents and campaigns from the worker's connection.
    CHECK(page.findChild<QComboBox *>(QStringLiteral("agentFilter"))->count() > 2);
    CHECK(page.findChild<QComboBox *>(QStringLiteral("campaignFilter"))->count() > 1);

    // A change made elsewhere shows after a refresh.
    const qint64 convertedBefore = page.stats()->converted;
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("UPDATE leads SET status = 'converted', status_rank = 5, is_final = 1 "
                                  "WHERE id = (SELECT id FROM leads WHERE status = 'qualified' LIMIT 1)")));
    page.refresh();
    REQUIRE(done.wait(20000));
    CHECK(page.stats()->converted == convertedBefore + 1);
    CHECK(page.stats()->total == 600);
}

// Not run by default: renders the documentation picture docs/images/pipeline-page.png
// (test_pipelinepage "[.screenshot]", into $LEADS_SCREENSHOT_DIR or the temporary folder).
TEST_CASE("Pipeline page screenshot", "[.screenshot]")
{
    Screenshots::applyDeterministicLook();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    qApp->setStyleSheet(MainWindow::styleSheet());
    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("screenshots.sqlite")));
    REQUIRE(opened);
    SampleData::Options options;
    options.leads = 1200;
    options.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(*opened.value(), options));
    FixedClock clock(LeadsTest::fixedNow());

    QWidget window;
    auto *h = new QHBoxLayout(&window);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(0);
    auto *sidebar = new Sidebar(Actor{QStringLiteral("u-maria"), QStringLiteral("Maria Lopez"), Role::Manager}, &window);
    sidebar->addEntry(QStringLiteral("leads"), QStringLiteral("Leads"), Sidebar::leadsIcon(window.palette()));
    sidebar->addEntry(QStringLiteral("pipeline"), QStringLiteral("Pipeline"), PipelinePage::icon(window.palette()));
    sidebar->addEntry(QStringLiteral("followups"), QStringLiteral("Follow-ups"), Sidebar::followUpsIcon(window.palette()));
    sidebar->setCount(QStringLiteral("leads"), QLocale().toString(1200));
    sidebar->setCurrent(QStringLiteral("pipeline"));
    h->addWidget(sidebar);
    auto *page = new PipelinePage(*opened.value(), clock, &window);
    h->addWidget(page, 1);
    window.resize(1440, 900);
    QSignalSpy done(page, &PipelinePage::computed);
    window.show();
    REQUIRE(done.wait(20000));
    QCoreApplication::processEvents();
    const QString out = qEnvironmentVariable("LEADS_SCREENSHOT_DIR", QDir::tempPath());
    REQUIRE(window.grab().save(QDir(out).filePath(QStringLiteral("pipeline-page.png"))));
}
