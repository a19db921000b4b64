// SPDX-License-Identifier: GPL-3.0-or-later
// Accessibility of the main window and its dialogs as a screen reader or keyboard user
// meets them: every control has a name, Tab reaches the main controls in reading order,
// focus is visible, and status is never colour alone.
#include "testsupport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "signindialog.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"
#include "sync/authclient.h"
#include "synccontroller.h"
#include "syncstatusbutton.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Leads;

namespace {
// Controls a user can reach (visible, enabled, focusable) that a screen reader cannot name.
QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->focusPolicy() == Qt::NoFocus)
            continue;
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                             || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractItemView *>(w);
        if (!control)
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString name = a ? a->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty())
            unnamed << QStringLiteral("%1 (%2)").arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
    }
    return unnamed;
}

QList<QWidget *> tabChain(QWidget *start, int max = 60)
{
    QList<QWidget *> chain;
    QWidget *w = start;
    for (int i = 0; i < max && w; ++i) {
        chain << w;
        w = w->nextInFocusChain();
        if (w == start)
            break;
    }
    return chain;
}
} // namespace

TEST_CASE("Every control of the main window and the sign-in dialog has an accessible name", "[a11y]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    SampleData::Options o;
    o.leads = 50;
    o.now = LeadsTest::fixedNow();
    REQUIRE(SampleData::generate(*db, o).ok());
    LeadService service(*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    MainWindow window(service, clock, false);
    window.show();
    QTest::qWait(30);
    INFO(unnamedControls(&window).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedControls(&window).isEmpty());

    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    SignInDialog dialog(&auth);
    dialog.show();
    INFO(unnamedControls(&dialog).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedControls(&dialog).isEmpty());
}

TEST_CASE("Tab walks the Leads page in reading order: search, filters, table", "[a11y]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    MainWindow window(service, clock, false);
    window.show();
    QApplication::setActiveWindow(&window);
    QTest::qWait(30);
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("search"));
    REQUIRE(search);
    const QList<QWidget *> chain = tabChain(search);
    int searchAt = -1, statusAt = -1, tableAt = -1;
    for (int i = 0; i < chain.size(); ++i) {
        QWidget *w = chain.at(i);
        if (w == search)
            searchAt = i;
        else if (auto *b = qobject_cast<QToolButton *>(w); b && b->text().startsWith(QStringLiteral("Status")) && statusAt < 0)
            statusAt = i;
        else if (qobject_cast<QTableView *>(w) && tableAt < 0)
            tableAt = i;
    }
    CHECK(searchAt == 0);
    CHECK(statusAt > searchAt);
    CHECK(tableAt > statusAt);
}

TEST_CASE("The sync state is said in words, not only by colour", "[a11y]")
{
    QStandardPaths::setTestModeEnabled(true);
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock);
    MainWindow window(service, clock, false);
    SyncController sync(*db);
    window.attachSync(&sync);
    window.show();
    CHECK_FALSE(window.syncStatus()->text().isEmpty());
    CHECK(window.syncStatus()->accessibleDescription() == window.syncStatus()->text());
}
