// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/backoff.h"
#include "sync/syncstore.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace Leads {

class BulkLoad;
class SnapshotIndexer;
class Database;
class SyncJob;

// The client's sync loop (docs/sync.md): pushes the outbox in numbered batches, then pulls
// pages until the server has no more, one request at a time. Failures that time can fix
// are retried on a timer with exponential backoff and jitter, whether or not the user
// changes anything meanwhile. The network access manager is injected so tests can put a
// fake in its place.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QUrl serverUrl;
        int pushBatch = 100;
        int pullLimit = 500;
        // Leads per chunk of the first download (GET /v1/sync/snapshot); 0: download
        // everything through the paged pull instead.
        int snapshotLimit = 2000;
        int timeoutMs = 15000;
        qint64 backoffMinMs = 1000;
        qint64 backoffMaxMs = 5 * 60 * 1000;
        quint64 seed = 0; // 0: random
        bool retryAutomatically = true;
        int changeDelayMs = 500; // scheduleSoon(): a burst of edits goes in one round
    };
    enum class Status {
        Idle,    // nothing running; the last round succeeded (or none ran)
        Syncing,
        Waiting, // the last round failed for a reason time may fix; a retry is scheduled
        Failed,  // the last round failed for a reason that needs the user (sign-in, update)
    };
    Q_ENUM(Status)

    SyncEngine(Database &db, QNetworkAccessManager *nam, Config config, QObject *parent = nullptr);
    ~SyncEngine() override;

    // A different, non-empty token after accessTokenExpired() starts a new round at once.
    void setAccessToken(const QString &token);
    bool isAccessTokenExpired() const { return m_tokenExpired; }
    // Starts a round now (or once the running one ends).
    void syncNow();
    void cancel();
    // A local change happened: sync after a short pause, unless a retry is already
    // scheduled or the last round needs the user (sign-in, update).
    void scheduleSoon();
    // Also sync every `intervalMs` while the last round succeeded (0: never), so that
    // others' changes arrive without a local edit.
    void setAutoSync(int intervalMs);

    // Whether the network is reachable as far as anyone told us (default: yes). A change
    // to reachable starts a round at once and forgets the backoff: whatever failed before
    // may work now. Being unreachable stops nothing, because the operating system's view
    // can be wrong (a server on this machine or the LAN answers without "internet").
    void setOnline(bool online);
    bool isOnline() const { return m_online; }
    // The machine woke from sleep or the network was swapped under us: sync now.
    void networkChanged();
    // Follows the operating system: QNetworkInformation's reachability when a backend
    // loads, and a wake from sleep seen as the wall clock jumping ahead of the monotonic
    // one. Tests leave this off and call setOnline()/networkChanged() themselves.
    void watchSystem();

    Status status() const { return m_status; }
    const QString &lastError() const { return m_lastError; }
    qint64 retryDelayMs() const { return m_retryDelayMs; }
    int requestsSent() const { return m_requests; }
    const SyncStore &store() const { return m_store; }
    // Where the time of the last first download went (for the benchmark): writing chunks,
    // building the indexes once at the end, and everything else (mostly waiting for the
    // server and the network, which overlap with the writing).
    struct DownloadStats
    {
        int chunks = 0;
        qint64 writeMs = 0;
        qint64 indexMs = 0;
        qint64 decodeMs = 0;
        bool searchIndexAlongside = false; // built on a second thread while chunks were written
    };
    const DownloadStats &downloadStats() const { return m_downloadStats; }

Q_SIGNALS:
    void statusChanged(Leads::SyncEngine::Status status);
    // A round ended with the queue pushed and every page pulled.
    void synced();
    // A round ended early; `retrying` says whether a retry is scheduled.
    void failed(const QString &reason, bool retrying);
    void progress(int changesApplied);
    // The first download of a workspace: leads written so far out of `total` (-1: not
    // known yet). For the progress dialog; cancel() stops it, and the next round
    // continues after the last lead written.
    void downloadProgress(qint64 leadsDone, qint64 total);
    // After its last chunk: building the indexes and the search index, step `step` of
    // `steps` (one index per step; the event loop runs between steps). Not cancellable.
    void downloadIndexing(int step, int steps);
    // The server refused the access token (HTTP 401): the round stopped with status Failed.
    // Refresh or sign in and call setAccessToken(); the engine then syncs by itself.
    void accessTokenExpired();
    void onlineChanged(bool online);

private:
    enum class Step { Push, Pull };
    void startRound();
    void hello();
    void onHello(SyncJob *job);
    bool resync(const QString &epoch);
    void push();
    void pull();
    void onPushed(SyncJob *job);
    // A 409 resync_required (the server was restored, or the cursor expired): starts the
    // full resync once per round, queue first; false when the failure is something else.
    bool restartOnResync(SyncJob *job);
    void onPulled(SyncJob *job, const QString &requestCursor);
    void snapshot();
    SyncJob *requestSnapshot(const QString &after, const QString &epoch);
    void onSnapshot(SyncJob *job, const QString &after);
    Outcome endBulkLoad(bool complete = false);
    void finishDownload(int step);
    void startIndexer();
    SyncJob *send(const QByteArray &method, const QString &path, const QByteArray &body,
                  const QByteArray &accept = QByteArrayLiteral("application/json"));
    void succeed();
    bool cancelled(SyncJob *job);
    void fail(const QString &reason, bool transient, qint64 retryAfterMs = 0);
    void failUnauthorized(SyncJob *job);
    void checkForWake();
    void setStatus(Status status);
    void autoSync();

    Database &m_db;
    QNetworkAccessManager *m_nam;
    Config m_config;
    SyncStore m_store;
    Backoff m_backoff;
    QString m_token;
    QString m_clientId;
    QPointer<SyncJob> m_job;
    std::unique_ptr<BulkLoad> m_bulk; // while a first download writes its chunks
    std::unique_ptr<SnapshotIndexer> m_indexer; // its search index, when built alongside
    qint64 m_indexerOutbox = 0;                 // the outbox's last number when it started
    qint64 m_indexingStartedMs = 0;
    bool m_serverSnapshots = false;   // the server's hello offered /v1/sync/snapshot
    DownloadStats m_downloadStats;
    QTimer m_retry;
    QTimer m_soon;
    QTimer m_periodic;
    QTimer m_wakeCheck;
    qint64 m_wallMinusMonotonic = 0;
    Status m_status = Status::Idle;
    QString m_lastError;
    qint64 m_retryDelayMs = 0;
    int m_requests = 0;
    int m_applied = 0;
    int m_resyncs = 0;
    bool m_running = false;
    bool m_again = false;
    bool m_tokenExpired = false;
    bool m_online = true;
};

} // namespace Leads
