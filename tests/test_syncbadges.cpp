// SPDX-License-Identifier: GPL-3.0-or-later
// The per-lead sync marks a signed-in user sees in the Leads table and the detail header:
// "Waiting to sync" while the server cannot be reached, "Synced" once a round with the
// real leads-server went through, "Not applied: <reason>" when the server refused the
// change; and no marks at all for a workspace that is not signed in.
#include "test_clientsupport.h"
#include "test_serverharness.h"
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/leadstatus.h"
#include "leaddetail.h"
#include "leadspage.h"
#include "leadtablemodel.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/authclient.h"
#include "syncbadges.h"
#include "synccontroller.h"
#include "themes.h"

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QNetworkAccessManager>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Leads;
using LeadsTest::ServerHarness;
using LeadsTest::serverUrl;
using LeadsTest::signInDirectly;
using LeadsTest::waitFor;

namespace {
// An address where nothing answers: a port that was free a moment ago.
QUrl unreachableUrl()
{
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

QString markOf(LeadsPage *page, const QString &leadId)
{
    LeadTableModel *model = page->model();
    const int row = model->rowOfLead(leadId);
    if (row < 0)
        return QStringLiteral("<row missing>");
    return model->index(row, int(LeadTableModel::Column::Name)).data(LeadTableModel::SyncTextRole).toString();
}

// A picture of the window for people checking how the marks look (not asserted on).
void saveShot(QWidget *window, const QString &name)
{
    const QByteArray dir = qgetenv("LEADS_TEST_SHOTS");
    if (dir.isEmpty())
        return;
    window->grab().save(QString::fromLocal8Bit(dir) + u'/' + name);
}
} // namespace

TEST_CASE("Each lead row shows whether its changes wait, went through or were refused by the server",
          "[syncui][badges][e2e]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    server.createUser(admin, QStringLiteral("mona"), QStringLiteral("manager"));
    const QString ada = server.createLead(admin, {{QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                                                  {QStringLiteral("company"), QStringLiteral("Analytical Engines")},
                                                  {QStringLiteral("phone"), QStringLiteral("+34612000111")}});
    const QString bob = server.createLead(admin, {{QStringLiteral("name"), QStringLiteral("Bob Babbage")},
                                                  {QStringLiteral("phone"), QStringLiteral("+34612000222")}});
    REQUIRE_FALSE(ada.isEmpty());
    REQUIRE_FALSE(bob.isEmpty());
    const AuthSession session = signInDirectly(serverUrl(server), QStringLiteral("mona"),
                                       server.userPassword(QStringLiteral("mona")));

    QTemporaryDir dir;
    auto opened = Database::open(dir.filePath(QStringLiteral("team.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    LeadService service(db, session.actor(), Clock::system());
    SyncController::Options options;
    options.autoSyncMs = 300;
    options.timeoutMs = 3000;
    SyncController controller(db, options);
    MainWindow window(service, Clock::system(), false);
    window.attachSync(&controller);
    window.resize(1600, 800);
    window.show();
    LeadsPage *page = window.leadsPage();
    LeadTableModel *model = page->model();

    // Not signed in: a workspace on its own shows no marks.
    NewLead local;
    local.name = QStringLiteral("Personal Prospect");
    local.phone = QStringLiteral("+34612000999");
    auto localId = service.createLead(local);
    REQUIRE(localId.ok());
    page->refresh();
    const int localRow = model->rowOfLead(localId.value());
    REQUIRE(localRow >= 0);
    const QModelIndex localName = model->index(localRow, int(LeadTableModel::Column::Name));
    CHECK(localName.data(LeadTableModel::SyncStateRole).toInt() == int(SyncBadges::State::None));
    CHECK(localName.data(LeadTableModel::SyncTextRole).toString().isEmpty());
    CHECK(localName.data(Qt::DecorationRole).isNull());
    CHECK(localName.data(Qt::ToolTipRole).toString() == QStringLiteral("Personal Prospect"));
    // (That lead was made before signing in; the server gets it with the first round.)

    controller.start(session);
    REQUIRE(waitFor([&] { return controller.state() == SyncController::State::Synced; }));
    REQUIRE(waitFor([&] { return markOf(page, ada) == QStringLiteral("Synced"); }));
    CHECK(markOf(page, bob) == QStringLiteral("Synced"));
    CHECK(markOf(page, localId.value()) == QStringLiteral("Synced"));

    // The server cannot be reached: an edit waits, and says so in the row, its tooltip,
    // what a screen reader reads, and the detail header; other rows stay synced.
    controller.stop();
    AuthSession away = session;
    away.server = unreachableUrl();
    controller.start(away);
    REQUIRE(service.addNote(ada, QStringLiteral("Call back on Monday")).ok());
    REQUIRE(waitFor([&] { return markOf(page, ada) == QStringLiteral("Waiting to sync"); }));
    CHECK(markOf(page, bob) == QStringLiteral("Synced"));
    {
        const QModelIndex name = model->index(model->rowOfLead(ada), int(LeadTableModel::Column::Name));
        CHECK(name.data(LeadTableModel::SyncStateRole).toInt() == int(SyncBadges::State::Waiting));
        CHECK_FALSE(name.data(Qt::DecorationRole).value<QIcon>().isNull());
        CHECK(name.data(Qt::ToolTipRole).toString() == QStringLiteral("Ada Lovelace\nWaiting to sync"));
        CHECK(name.data(Qt::AccessibleTextRole).toString() == QStringLiteral("Ada Lovelace, Waiting to sync"));
        // A pixel check that the icon is drawn, not only announced.
        const QImage img = name.data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).toImage();
        int painted = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                painted += qAlpha(img.pixel(x, y)) > 0 ? 1 : 0;
        CHECK(painted > 10);
    }
    page->detail()->setLead(ada);
    CHECK(page->detail()->syncMarkText() == QStringLiteral("Waiting to sync"));
    REQUIRE(waitFor([&] { return controller.state() == SyncController::State::Retrying; }, 10000));
    CHECK(markOf(page, ada) == QStringLiteral("Waiting to sync"));
    saveShot(&window, QStringLiteral("badges-waiting-light.png"));
    Themes::apply(QStringLiteral("dark"));
    QCoreApplication::processEvents();
    saveShot(&window, QStringLiteral("badges-waiting-dark.png"));
    page->setMode(LeadsPage::Mode::Board);
    QCoreApplication::processEvents();
    saveShot(&window, QStringLiteral("badges-board-dark.png"));
    Themes::apply(QStringLiteral("light"));
    QCoreApplication::processEvents();
    saveShot(&window, QStringLiteral("badges-board-light.png"));
    page->setMode(LeadsPage::Mode::Table);

    // The server is back: after a successful round the row is synced again.
    controller.stop();
    controller.start(session);
    REQUIRE(waitFor([&] { return controller.state() == SyncController::State::Synced; }));
    REQUIRE(waitFor([&] { return markOf(page, ada) == QStringLiteral("Synced"); }));
    CHECK(page->detail()->syncMarkText() == QStringLiteral("Synced"));

    // A change the server refuses (Bob was converted meanwhile on another computer): the
    // row says "Not applied" with the server's reason.
    controller.stop();
    REQUIRE(service.setStatus(bob, LeadStatus::Contacted).ok());
    REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(bob),
                           {{QStringLiteral("to"), QStringLiteral("converted")}}, admin)
                .status == 200);
    controller.start(session);
    REQUIRE(waitFor([&] { return controller.notAppliedCount() == 1; }));
    REQUIRE(waitFor([&] { return markOf(page, bob).startsWith(QStringLiteral("Not applied: ")); }));
    const QString refused = markOf(page, bob);
    INFO(refused.toStdString());
    CHECK(refused.size() > QStringLiteral("Not applied: ").size() + 5); // the reason is there
    CHECK(refused.contains(QStringLiteral("Converted"), Qt::CaseInsensitive));
    CHECK(markOf(page, ada) == QStringLiteral("Synced"));
    page->detail()->setLead(bob);
    CHECK(page->detail()->syncMarkText() == refused);
    saveShot(&window, QStringLiteral("badges-refused-light.png"));

    // Signed out: the marks go away.
    controller.stop();
    REQUIRE(waitFor([&] { return markOf(page, bob).isEmpty(); }));
    CHECK(page->detail()->syncMarkText().isEmpty());
}
