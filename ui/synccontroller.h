// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/authclient.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace Leads {

class AuthClient;
class Database;
class SyncEngine;

// Keeps one signed-in workspace in step with leads-server: owns the SyncEngine, renews
// the access token before it expires (and when the server says it has), and sums the
// state up for the status bar. Without a session it reports "working offline" and the
// local database stays fully usable.
class SyncController : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Offline,      // not signed in: local only
        Syncing,
        Synced,       // last round succeeded, nothing waiting
        Pending,      // local changes not yet accepted by the server
        Retrying,     // last round failed for a reason time may fix (no network…)
        Error,        // needs the user: sign in again, update, …
    };
    Q_ENUM(State)

    struct Options
    {
        int autoSyncMs = 5000;
        int timeoutMs = 15000;
        int renewBeforeExpiryMs = 60000;
    };

    explicit SyncController(Database &db, QObject *parent = nullptr);
    SyncController(Database &db, Options options, QObject *parent = nullptr);
    ~SyncController() override;

    void start(const AuthSession &session);
    void stop();
    bool isSignedIn() const { return m_engine != nullptr; }
    const AuthSession &session() const { return m_session; }

    void syncNow();
    void cancel();
    // Renews the access token now with the refresh token.
    void renewNow();

    State state() const;
    // One short line for the status bar and a longer one for its tooltip.
    QString summary() const;
    QString detail() const;
    int pendingCount() const;
    int notAppliedCount() const;
    // Nothing has been pulled into this workspace yet (the first download is running or due).
    bool firstDownload() const;
    int changesApplied() const { return m_applied; }
    SyncEngine *engine() const { return m_engine.get(); }
    AuthClient *auth() const { return m_auth; }
    QNetworkAccessManager *network() const { return m_nam; }

Q_SIGNALS:
    void changed();
    // Rows changed in the local database because of a pull: views should re-read.
    void dataChanged();
    // New tokens: save the refresh token (it replaced the previous one on the server).
    void sessionRenewed(const Leads::AuthSession &session);
    // The session cannot be renewed (expired, revoked, reused): the user must sign in.
    void sessionEnded(const QString &why);
    // Progress of a round's pull, in rows applied so far in this round.
    void downloadProgress(int applied);
    // The first download of a workspace: leads written out of `total` (-1: not known yet),
    // then the indexes built after it, step by step.
    void firstDownloadProgress(qint64 leadsDone, qint64 total);
    void firstDownloadIndexing(int step, int steps);

private:
    void onStatus();
    void scheduleRenewal();

    Database &m_db;
    Options m_options;
    QNetworkAccessManager *m_nam;
    AuthClient *m_auth;
    std::unique_ptr<SyncEngine> m_engine;
    AuthSession m_session;
    QTimer m_renew;
    bool m_renewing = false;
    bool m_sessionEnded = false;
    int m_generation = 0;
    QString m_renewError; // why the last renewal failed, while it is retried
    int m_applied = 0;
    int m_roundApplied = 0;
    QDateTime m_lastSynced;
};

} // namespace Leads
