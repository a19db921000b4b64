// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/authclient.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QProgressDialog;

namespace Leads {

class Clock;
class Database;
class ScoringScheduler;
class ScoringService;
class ServerTeamSettings;
class LeadService;
class MainWindow;
class SyncController;
class TokenStore;

// The desktop client around its windows: which local database is open, who is signed in,
// and the moves between them. Working alone, the client uses its own database; signed
// in to a team server, a separate database per server and user holds the synced copy,
// so a personal workspace and a team's leads never mix. The session (server, user) is
// remembered in QSettings, the refresh token in the OS keychain (TokenStore).
class ClientShell : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString localDatabase;     // the personal workspace
        bool sampleData = true;    // fill an empty personal workspace with sample leads
        bool persistWindowState = true;
        bool interactive = true;   // ask with dialogs (tests drive the methods instead)
        int autoSyncMs = 5000;
    };

    ClientShell(Options options, const Clock &clock, QObject *parent = nullptr);
    ~ClientShell() override;

    // Opens the remembered workspace and shows the window; false after showing why not.
    bool start();

    // Signs in from the dialog (interactive) and switches to the team workspace.
    void signIn(const QString &notice = {});
    // Switches to the team workspace of an established session (what the dialog does).
    bool useSession(const AuthSession &session);
    // Signs out; with `removeLocalCopy` the team workspace file is deleted too.
    void signOut(bool removeLocalCopy);
    void askSignOut();
    // The settings dialog for this workspace: local settings, or the team's on the server.
    void openSettings();
    ScoringScheduler *scoring() const { return m_scheduler.get(); }
    // Reads the team's permissions and lost reasons from the server into this workspace
    // (what the client hides follows what the server enforces).
    void mirrorTeamSettings();

    MainWindow *window() const { return m_window.get(); }
    LeadService *service() const { return m_service.get(); }
    SyncController *sync() const { return m_sync.get(); }
    Database *database() const { return m_db.get(); }
    QString lastError() const { return m_lastError; }

    // Where the team workspace of `server` and `userId` lives, beside the personal one.
    static QString teamDatabasePath(const QString &localDatabase, const QUrl &server, const QString &userId);

Q_SIGNALS:
    void workspaceChanged();
    // The remembered refresh token could not be kept (no keychain): say so once.
    void notice(const QString &text);

private:
    bool openWorkspace(const QString &path, const Actor &actor, bool sample);
    void closeWorkspace();
    void rememberSession(const AuthSession &session);
    void forgetSession();
    void resumeRememberedSession();
    void showFirstDownload();
    void startTeam(const AuthSession &session);
    void fail(const QString &message);

    Options m_options;
    const Clock &m_clock;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LeadService> m_service;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<ScoringService> m_scoringService;
    std::unique_ptr<ScoringScheduler> m_scheduler;
    std::unique_ptr<ServerTeamSettings> m_teamSettings;
    qint64 m_lastMirrorMs = 0;
    std::unique_ptr<MainWindow> m_window;
    QPointer<QProgressDialog> m_download;
    QString m_lastError;
};

} // namespace Leads
