// SPDX-License-Identifier: GPL-3.0-or-later
// Signing in and syncing from the desktop client as a user meets it: the sign-in dialog,
// the sync indicator, the team workspace beside the personal one, token renewal and
// signing out, against the real leads-server on 127.0.0.1.
#include "test_clientsupport.h"
#include "test_serverharness.h"
#include "testsupport.h"

#include "clientshell.h"
#include "domain/clock.h"
#include "domain/leadstatus.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "notapplieddialog.h"
#include "signindialog.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/authclient.h"
#include "synccontroller.h"
#include "syncstatusbutton.h"
#include "tokenstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QAction>

#include <functional>

using namespace Leads;
using LeadsTest::ServerHarness;
using LeadsTest::serverUrl;
using LeadsTest::signInDirectly;
using LeadsTest::waitFor;

namespace {
// Settings and keychain state of one test, kept away from the user's own.
struct IsolatedSettings
{
    IsolatedSettings()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("session"));
    }
    ~IsolatedSettings() { QSettings().remove(QStringLiteral("session")); }
};

struct NoKeychain
{
    NoKeychain() { qputenv("LEADS_NO_KEYCHAIN", "1"); }
    ~NoKeychain() { qunsetenv("LEADS_NO_KEYCHAIN"); }
};

int serverLeadCount(ServerHarness &server, const QString &token)
{
    return server.request("GET", QStringLiteral("/v1/leads?limit=200"), {}, token)
        .json.value(QStringLiteral("leads"))
        .toArray()
        .size();
}
} // namespace

TEST_CASE("The sign-in dialog says what is wrong and keeps what was typed", "[syncui]")
{
    ServerHarness server;
    REQUIRE(server.start());
    server.createUser(server.adminToken(), QStringLiteral("ana"), QStringLiteral("agent"));
    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    SignInDialog dialog(&auth);
    dialog.show();
    CHECK_FALSE(dialog.signInButton()->isEnabled()); // nothing typed yet

    dialog.serverEdit()->setText(serverUrl(server).toString());
    dialog.usernameEdit()->setText(QStringLiteral("ana"));
    dialog.passwordEdit()->setText(QStringLiteral("not-her-password"));
    REQUIRE(dialog.signInButton()->isEnabled());
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    REQUIRE(waitFor([&] { return !dialog.isBusy() && !dialog.errorText().isEmpty(); }));
    CHECK(dialog.errorText().contains(QStringLiteral("wrong")));
    CHECK(dialog.isVisible());
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(dialog.usernameEdit()->text() == QStringLiteral("ana"));

    dialog.passwordEdit()->setText(server.userPassword(QStringLiteral("ana")));
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    REQUIRE(waitFor([&] { return dialog.result() == QDialog::Accepted; }));
    CHECK(dialog.session().username == QStringLiteral("ana"));
    CHECK(dialog.session().role == Role::Agent);
    CHECK_FALSE(dialog.session().refreshToken.isEmpty());
    CHECK(dialog.passwordEdit()->text().isEmpty()); // no password left in memory of the widget
}

TEST_CASE("The sign-in dialog explains an address that cannot work or does not answer", "[syncui]")
{
    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    auth.setTimeoutMs(3000);
    SignInDialog dialog(&auth);
    dialog.show();
    dialog.serverEdit()->setText(QStringLiteral("ftp://"));
    dialog.usernameEdit()->setText(QStringLiteral("ana"));
    dialog.passwordEdit()->setText(QStringLiteral("whatever-password"));
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    CHECK(dialog.errorText().contains(QStringLiteral("not a server address")));

    // Nobody listens on port 1 of this machine.
    dialog.serverEdit()->setText(QStringLiteral("http://127.0.0.1:1"));
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
    REQUIRE(waitFor([&] { return !dialog.isBusy() && !dialog.errorText().isEmpty(); }));
    CHECK(dialog.errorText().contains(QStringLiteral("reach")));
    CHECK(dialog.isVisible());
}

TEST_CASE("Server addresses are completed the way people type them", "[syncui]")
{
    CHECK(AuthClient::normalisedServerUrl(QStringLiteral(" leads.example.com ")).toString()
          == QStringLiteral("https://leads.example.com"));
    CHECK(AuthClient::normalisedServerUrl(QStringLiteral("http://10.0.0.5:8080/crm/")).toString()
          == QStringLiteral("http://10.0.0.5:8080/crm"));
    CHECK_FALSE(AuthClient::normalisedServerUrl(QString()).isValid());
    CHECK_FALSE(AuthClient::normalisedServerUrl(QStringLiteral("ftp://files.example.com")).isValid());
}

TEST_CASE("Without a keychain the sign-in is not remembered and the user is told why", "[syncui][keychain]")
{
    {
        NoKeychain off;
        TokenStore store;
        bool saved = true;
        QString why;
        store.save(QStringLiteral("ana@test"), QStringLiteral("lr_secret"), [&](bool stored, const QString &w) {
            saved = stored;
            why = w;
        });
        CHECK_FALSE(saved);
        CHECK(why.contains(QStringLiteral("sign in again")));
        QString loaded = QStringLiteral("x");
        store.load(QStringLiteral("ana@test"), [&](const QString &token, const QString &) { loaded = token; });
        CHECK(loaded.isEmpty());
    }
    // The real keychain: on a desktop it keeps the token, on a headless machine it fails
    // cleanly — either way it answers, and never with someone else's token.
    TokenStore store;
    store.setTimeoutMs(5000);
    bool answered = false;
    bool stored = false;
    QString why;
    store.save(QStringLiteral("leads-test@localhost"), QStringLiteral("lr_probe"), [&](bool s, const QString &w) {
        answered = true;
        stored = s;
        why = w;
    });
    REQUIRE(waitFor([&] { return answered; }, 8000));
    INFO(why.toStdString());
    answered = false;
    QString loaded;
    store.load(QStringLiteral("leads-test@localhost"), [&](const QString &token, const QString &) {
        answered = true;
        loaded = token;
    });
    REQUIRE(waitFor([&] { return answered; }, 8000));
    if (stored) {
        CHECK(loaded == QStringLiteral("lr_probe"));
        bool removed = false;
        store.remove(QStringLiteral("leads-test@localhost"), [&] { removed = true; });
        CHECK(waitFor([&] { return removed; }, 8000));
    } else {
        CHECK(loaded.isEmpty());
        CHECK(why.contains(QStringLiteral("sign in again")));
    }
}

TEST_CASE("Signing in opens the team's leads beside the personal ones, syncs both ways and survives a restart",
          "[syncui][e2e]")
{
    IsolatedSettings isolated;
    NoKeychain noKeychain;
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    server.createUser(admin, QStringLiteral("mona"), QStringLiteral("manager"));
    const QString teamLead = server.createLead(admin, {{QStringLiteral("name"), QStringLiteral("Team Lead Corp")}});
    REQUIRE_FALSE(teamLead.isEmpty());

    QTemporaryDir dir;
    ClientShell::Options options;
    options.localDatabase = dir.filePath(QStringLiteral("leads.sqlite"));
    options.sampleData = true;
    options.persistWindowState = false;
    options.interactive = false;
    options.autoSyncMs = 300;
    const QString teamPath = ClientShell::teamDatabasePath(options.localDatabase, serverUrl(server), QString());
    QString teamFile;
    {
        ClientShell shell(options, Clock::system());
        REQUIRE(shell.start());
        CHECK(shell.database()->path() == options.localDatabase);
        CHECK(shell.sync()->state() == SyncController::State::Offline);
        CHECK(shell.window()->syncStatus()->text() == QStringLiteral("Working offline"));
        // Sample leads in the personal workspace (counted in the background).
        CHECK(waitFor([&] { return shell.window()->leadsPage()->totalCount() == 500; }));

        const AuthSession session = signInDirectly(serverUrl(server), QStringLiteral("mona"),
                                                   server.userPassword(QStringLiteral("mona")));
        REQUIRE(shell.useSession(session));
        teamFile = shell.database()->path();
        CHECK(teamFile != options.localDatabase);
        CHECK(teamFile == ClientShell::teamDatabasePath(options.localDatabase, session.server, session.userId));
        REQUIRE(waitFor([&] { return shell.sync()->state() == SyncController::State::Synced; }));
        CHECK(shell.window()->syncStatus()->text() == QStringLiteral("Synced"));
        CHECK(shell.service()->actor().displayName == session.displayName);
        // The team's lead is here, the personal sample leads are not.
        REQUIRE(shell.service()->lead(teamLead).ok());
        REQUIRE(waitFor([&] { return shell.window()->leadsPage()->totalCount() == 1; }));

        // A lead typed here reaches the server without anyone pressing Sync.
        NewLead fresh;
        fresh.name = QStringLiteral("Typed Offline Ltd");
        fresh.phone = QStringLiteral("+34 612 000 111");
        REQUIRE(shell.service()->createLead(fresh).ok());
        const bool arrived = waitFor([&] { return serverLeadCount(server, admin) == 2; });
        INFO(shell.sync()->detail().toStdString() << " pending " << shell.sync()->pendingCount() << " server "
                                                  << server.request("GET", QStringLiteral("/v1/leads?limit=200"), {}, admin).body.left(300).toStdString());
        REQUIRE(arrived);
        REQUIRE(waitFor([&] { return shell.sync()->state() == SyncController::State::Synced; }));

        // The access token expires (the server's clock jumps 20 minutes): the next round is
        // refused once, the token is renewed, and the change still arrives.
        server.setClockOffset(20 * 60);
        QSignalSpy renewed(shell.sync(), &SyncController::sessionRenewed);
        REQUIRE(shell.service()->addNote(teamLead, QStringLiteral("after the token expired")).ok());
        REQUIRE(waitFor([&] { return renewed.count() >= 1; }));
        const QString adminNow = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);
        REQUIRE(waitFor([&] {
            const QJsonArray timeline = server.request("GET", QStringLiteral("/v1/leads/") + teamLead, {}, adminNow)
                                            .json.value(QStringLiteral("timeline"))
                                            .toArray();
            for (const QJsonValue &v : timeline) {
                if (v.toObject().value(QStringLiteral("body")).toString() == u"after the token expired")
                    return true;
            }
            return false;
        }));
    }

    // A change the server refuses (the lead was converted meanwhile by someone else) is
    // listed with its reason; retrying it on the lead as it now is explains why it cannot
    // be done, and dismissing it clears the list.
    {
        ClientShell shell(options, Clock::system());
        REQUIRE(shell.start());
        shell.sync()->stop(); // offline for a moment
        REQUIRE(shell.service()->setStatus(teamLead, LeadStatus::Contacted).ok());
        const QString adminNow = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);
        REQUIRE(server.request("POST", QStringLiteral("/v1/leads/%1/status").arg(teamLead),
                               {{QStringLiteral("to"), QStringLiteral("converted")}}, adminNow)
                    .status == 200);
        REQUIRE(shell.useSession(signInDirectly(serverUrl(server), QStringLiteral("mona"),
                                                server.userPassword(QStringLiteral("mona")))));
        REQUIRE(waitFor([&] { return shell.sync()->notAppliedCount() == 1; }));
        REQUIRE(waitFor([&] { return shell.sync()->state() == SyncController::State::Synced; }));
        CHECK(shell.window()->syncStatus()->notAppliedAction()->isEnabled());
        CHECK(shell.service()->lead(teamLead).value().status == LeadStatus::Converted); // server truth

        NotAppliedDialog dialog(*shell.service());
        REQUIRE(dialog.list()->topLevelItemCount() == 1);
        QTreeWidgetItem *row = dialog.list()->topLevelItem(0);
        CHECK(row->text(0) == QStringLiteral("Team Lead Corp"));
        CHECK(row->text(1) == QStringLiteral("Status → Contacted"));
        CHECK_FALSE(row->text(2).isEmpty());
        CHECK(row->text(3).contains(QStringLiteral("Converted")));
        row->setSelected(true);
        QTest::mouseClick(dialog.retryButton(), Qt::LeftButton);
        CHECK(dialog.list()->topLevelItemCount() == 1); // a final lead cannot move: still listed
        CHECK_FALSE(dialog.lastMessage().isEmpty());
        dialog.list()->topLevelItem(0)->setSelected(true);
        QTest::mouseClick(dialog.dismissButton(), Qt::LeftButton);
        CHECK(dialog.list()->topLevelItemCount() == 0);
        CHECK(shell.sync()->notAppliedCount() == 0);
    }

    // A restart on a machine without a keychain: the team copy opens (offline), the user
    // is told to sign in again, and nothing is lost.
    {
        ClientShell shell(options, Clock::system());
        QSignalSpy notices(&shell, &ClientShell::notice);
        REQUIRE(shell.start());
        CHECK(shell.database()->path() == teamFile);
        CHECK(shell.service()->lead(teamLead).ok());
        REQUIRE(waitFor([&] { return notices.count() >= 1; }));
        CHECK(notices.at(0).at(0).toString().contains(QStringLiteral("sign in again")));
        CHECK(shell.sync()->state() == SyncController::State::Offline);

        // Signing out with "remove the team's leads" goes back to the personal workspace.
        const AuthSession session = signInDirectly(serverUrl(server), QStringLiteral("mona"),
                                                   server.userPassword(QStringLiteral("mona")));
        REQUIRE(shell.useSession(session));
        REQUIRE(waitFor([&] { return shell.sync()->state() == SyncController::State::Synced; }));
        shell.signOut(true);
        CHECK(shell.database()->path() == options.localDatabase);
        CHECK(waitFor([&] { return shell.window()->leadsPage()->totalCount() == 500; }));
        CHECK_FALSE(QFile::exists(teamFile));
        CHECK_FALSE(QSettings().contains(QStringLiteral("session/server")));
    }
    Q_UNUSED(teamPath);
}
