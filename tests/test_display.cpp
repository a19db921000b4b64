// SPDX-License-Identifier: GPL-3.0-or-later
// How the client looks to people who need more than the default: every theme's text
// contrast (WCAG AA, AAA for the high-contrast theme), and at 200 % scaling (run with
// QT_SCALE_FACTOR=2, set before the application starts) and with a larger font, the windows
// fit a 1920 × 1080 screen and no label or button is cut off.
#include "testsupport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "mainwindow.h"
#include "newleaddialog.h"
#include "settingsdialog.h"
#include "signindialog.h"
#include "widgets/statuspalette.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"
#include "sync/authclient.h"
#include "teamsettings.h"
#include "themes.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QApplication>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace Leads;

namespace {

// Labels and buttons on screen that are smaller than their text needs.
QStringList clippedText(QWidget *root)
{
    QStringList clipped;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->window() != root->window())
            continue;
        QString text;
        QSize need;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->text().trimmed().isEmpty() || label->wordWrap() || !label->pixmap().isNull())
                continue;
            text = label->text();
            need = label->minimumSizeHint();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (button->text().trimmed().isEmpty())
                continue;
            text = button->text();
            need = button->minimumSizeHint();
            // A button sized to its text on purpose ("Set") needs its text, not the
            // style's minimum push-button width.
            if (button->maximumWidth() < QWIDGETSIZE_MAX)
                need.setWidth(std::min(need.width(), button->fontMetrics().horizontalAdvance(text) + 16));
        } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
            if (box->title().isEmpty())
                continue;
            text = box->title();
            need = QSize(box->fontMetrics().horizontalAdvance(box->title()) + 8, 0);
        } else {
            continue;
        }
        if (w->width() + 1 < need.width() || w->height() + 1 < need.height())
            clipped << QStringLiteral("%1 \"%2\": %3×%4, needs %5×%6")
                           .arg(QString::fromLatin1(w->metaObject()->className()), text.left(40))
                           .arg(w->width())
                           .arg(w->height())
                           .arg(need.width())
                           .arg(need.height());
    }
    return clipped;
}

// Controls that are partly outside what their ancestors show, horizontally: a scroll area
// may hide them vertically (the user scrolls), but nothing should need a wider window.
QStringList cutOffControls(QWidget *root)
{
    QStringList cut;
    QWidget *window = root->window();
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->window() != window || w->width() <= 0)
            continue;
        QString text;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            text = button->text().isEmpty() ? button->toolTip() : button->text();
        else if (auto *label = qobject_cast<QLabel *>(w))
            text = label->text();
        if (text.trimmed().isEmpty())
            continue;
        QRect shown(w->mapTo(window, QPoint()), w->size());
        for (QWidget *a = w->parentWidget(); a && a != window; a = a->parentWidget()) {
            const QRect area(a->mapTo(window, QPoint()), a->size());
            auto *scroll = qobject_cast<QAbstractScrollArea *>(a->parentWidget());
            if (scroll && scroll->viewport() == a)
                shown = QRect(std::max(shown.left(), area.left()), shown.top(),
                              std::min(shown.right(), area.right()) - std::max(shown.left(), area.left()) + 1,
                              shown.height());
            else
                shown = shown.intersected(area);
        }
        if (shown.width() + 1 < w->width())
            cut << QStringLiteral("%1 \"%2\": %3 of %4 px shown")
                       .arg(QString::fromLatin1(w->metaObject()->className()), text.left(40))
                       .arg(shown.width())
                       .arg(w->width());
    }
    return cut;
}

// List entries (the sidebar, the settings navigation) whose text does not fit the list.
QStringList clippedItems(QListWidget *list)
{
    QStringList clipped;
    const int available = list->viewport()->width();
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem *item = list->item(i);
        if (item->isHidden())
            continue;
        const int need = list->visualItemRect(item).left() + list->fontMetrics().horizontalAdvance(item->text())
                         + (item->icon().isNull() ? 0 : list->iconSize().width() + 8);
        if (need > available)
            clipped << QStringLiteral("%1 \"%2\": %3 px, needs %4").arg(list->objectName(), item->text()).arg(available).arg(need);
    }
    return clipped;
}

// 200 % scaling for this whole binary: set before the shared test main creates the
// application (ctest's property lists cannot carry a second environment variable).
const bool kScaled = qputenv("QT_SCALE_FACTOR", "2");

// A 1920 × 1080 screen at 200 % leaves 960 × 540 logical pixels (less a panel).
constexpr QSize kScreen200(960, 540);

struct Workspace
{
    Workspace()
    {
        QStandardPaths::setTestModeEnabled(true);
        SampleData::Options o;
        o.leads = 60;
        o.now = LeadsTest::fixedNow();
        REQUIRE(SampleData::generate(*db, o).ok());
    }
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    Actor admin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
    LeadService service{*db, admin, clock};
};

void checkWindows(Workspace &w, QSize screen, const QString &shotName)
{
    MainWindow window(w.service, w.clock, false);
    window.resize(screen);
    window.show();
    QTest::qWait(50);
    INFO("main window " << window.width() << "×" << window.height());
    if (qEnvironmentVariableIsSet("LEADS_DEBUG_SIZES")) {
        for (QWidget *c : window.findChildren<QWidget *>()) {
            if (c->isVisible() && c->minimumSizeHint().width() > 250)
                qWarning() << c->metaObject()->className() << c->objectName() << c->minimumSizeHint() << c->minimumSize()
                           << (c->parentWidget() ? c->parentWidget()->metaObject()->className() : "");
        }
    }
    CHECK(window.minimumSizeHint().width() <= screen.width());
    CHECK(window.minimumSizeHint().height() <= screen.height());
    CHECK(clippedText(&window) == QStringList());
    for (QListWidget *list : window.findChildren<QListWidget *>()) {
        if (list->isVisible())
            CHECK(clippedItems(list) == QStringList());
    }
    if (!shotName.isEmpty())
        window.grab().save(QDir::temp().filePath(shotName));

    window.showPipeline();
    QTest::qWait(50);
    CHECK(clippedText(&window) == QStringList());

    LocalTeamSettings team(w.service);
    SettingsDialog settings(w.admin, team, nullptr);
    settings.resize(settings.sizeHint().boundedTo(screen));
    settings.show();
    QTest::qWait(20);
    CHECK(settings.minimumSizeHint().width() <= screen.width());
    CHECK(settings.minimumSizeHint().height() <= screen.height());
    auto *nav = settings.findChild<QListWidget *>(QStringLiteral("settingsNavigation"));
    REQUIRE(nav);
    CHECK(clippedItems(nav) == QStringList());
    for (int page = 0; page < nav->count(); ++page) {
        nav->setCurrentRow(page);
        QTest::qWait(10);
        INFO("settings page " << nav->item(page)->text().toStdString());
        CHECK(clippedText(&settings) == QStringList());
    }

    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    SignInDialog signIn(&auth);
    signIn.show();
    QTest::qWait(10);
    CHECK(signIn.width() <= screen.width());
    CHECK(signIn.height() <= screen.height());
    CHECK(clippedText(&signIn) == QStringList());

    NewLeadDialog newLead(w.service);
    newLead.show();
    QTest::qWait(10);
    CHECK(newLead.height() <= screen.height());
    CHECK(clippedText(&newLead) == QStringList());
}

} // namespace

TEST_CASE("Every theme's text and status colours meet WCAG contrast", "[a11y][display]")
{
    const QList<QPair<QPalette::ColorRole, QPalette::ColorRole>> pairs = {
        {QPalette::WindowText, QPalette::Window},      {QPalette::Text, QPalette::Base},
        {QPalette::Text, QPalette::AlternateBase},     {QPalette::ButtonText, QPalette::Button},
        {QPalette::HighlightedText, QPalette::Highlight}, {QPalette::PlaceholderText, QPalette::Base},
        {QPalette::ToolTipText, QPalette::ToolTipBase}, {QPalette::Link, QPalette::Base},
    };
    for (const QString &theme : Themes::names()) {
        if (theme == u"system")
            continue; // the platform's palette, not ours
        const QPalette p = Themes::palette(theme);
        const double minimum = theme == u"high-contrast" ? 7.0 : 4.5;
        for (const auto &[fg, bg] : pairs) {
            const double ratio = StatusPalette::contrastRatio(p.color(QPalette::Active, fg), p.color(QPalette::Active, bg));
            INFO(theme.toStdString() << ": role " << int(fg) << " on " << int(bg) << " = " << ratio);
            CHECK(ratio >= minimum);
        }
        // Disabled text stays legible (WCAG exempts it; people still read it).
        CHECK(StatusPalette::contrastRatio(p.color(QPalette::Disabled, QPalette::WindowText),
                                           p.color(QPalette::Disabled, QPalette::Window))
              >= 3.0);
        for (LeadStatus status : kAllStatuses) {
            const auto c = StatusPalette::colors(status, p);
            INFO(theme.toStdString() << ": status " << int(status));
            CHECK(StatusPalette::contrastRatio(c.text, c.background) >= 4.5);
        }
    }
    CHECK(StatusPalette::isDark(Themes::palette(QStringLiteral("high-contrast"))));
}

TEST_CASE("At 200 % scaling the windows fit a 1920 × 1080 screen with no text cut off", "[a11y][display]")
{
    REQUIRE(kScaled);
    REQUIRE(qApp->devicePixelRatio() == 2.0);
    Workspace w;
    for (const QString &theme : {QStringLiteral("light"), QStringLiteral("high-contrast")}) {
        INFO("theme " << theme.toStdString());
        Themes::apply(theme);
        checkWindows(w, kScreen200, QStringLiteral("leads-200-%1.png").arg(theme));
    }
    Themes::apply(QStringLiteral("light"));
}

TEST_CASE("With a lead open, every control of the detail pane is fully in view", "[a11y][display]")
{
    Workspace w;
    for (const QSize size : {QSize(1280, 800), QSize(1600, 900), QSize(1366, 768), kScreen200}) {
        INFO("window " << size.width() << "×" << size.height());
        MainWindow window(w.service, w.clock, false);
        window.resize(size);
        window.show();
        LeadsPage *page = window.leadsPage();
        REQUIRE(page);
        page->selectLead(page->model()->leadIdAt(0));
        QTest::qWait(50);
        REQUIRE(page->detail()->isVisible());
        CHECK(cutOffControls(page->detail()) == QStringList());
        CHECK(clippedText(page->detail()) == QStringList());
        if (size == QSize(1280, 800))
            window.grab().save(QDir::temp().filePath(QStringLiteral("leads-detail-1280.png")));
    }
}

TEST_CASE("With a 150 % font no text is cut off", "[a11y][display]")
{
    const QFont before = QApplication::font();
    QFont large = before;
    large.setPointSizeF(before.pointSizeF() * 1.5);
    QApplication::setFont(large);
    auto restore = qScopeGuard([&] { QApplication::setFont(before); });
    Workspace w;
    // on a 1366 × 768 laptop screen
    checkWindows(w, QSize(1366, 768), QStringLiteral("leads-large-font.png"));
}

TEST_CASE("The lead list's first layout shows a whole waiting-for-reply age and phone number", "[display]")
{
    LeadsTest::useTemporarySettings(); // the first layout, not one a test saved
    // DejaVu Sans 10 pt, a common desktop default (and the documentation screenshots').
    const QFont before = QApplication::font();
    QFont desktop(QStringLiteral("DejaVu Sans"));
    desktop.setPointSize(10);
    QApplication::setFont(desktop);
    auto restore = qScopeGuard([&] { QApplication::setFont(before); });
    Workspace w;
    MainWindow window(w.service, w.clock, false);
    window.resize(1440, 900);
    window.show();
    QTest::qWait(20);
    QTableView *view = window.leadsPage()->view();
    const QFontMetrics metrics(view->font());
    // The cell's text margins, as QCommonStyle lays out an item view's text.
    const int margins = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    auto fits = [&](LeadTableModel::Column column, const QString &text) {
        INFO(text.toStdString() << ": " << metrics.horizontalAdvance(text) + margins << " px in "
                                << view->horizontalHeader()->sectionSize(int(column)));
        CHECK(metrics.horizontalAdvance(text) + margins <= view->horizontalHeader()->sectionSize(int(column)));
    };
    // A two-digit "no reply" age, the usual one (the tooltip has every age in full).
    fits(LeadTableModel::Column::LastActivity, LeadTableModel::tr("\u21A9 %1 no reply").arg(QStringLiteral("99 d")));
    fits(LeadTableModel::Column::Contact, QStringLiteral("+55 11 921 326 916"));
}
