// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiresponse.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace Leads::Server {

struct AuthUser;
class MutationProcessor;
class ServerClock;
class ServerDatabase;
class SettingsStore;

// The sync protocol's server half (docs/sync.md): push applies a client's numbered
// mutations exactly once, pull hands out commit-ordered changes in the caller's scope, in
// pages that never split a transaction, with the acknowledgement of the client's mutations
// whose effects the page contains.
class SyncService {
public:
    static constexpr int kProtocol = 1;
    static constexpr int kMaxPushBatch = 200;
    static constexpr int kMaxPullLimit = 1000;
    static constexpr int kDefaultPullLimit = 500;
    static constexpr int kMaxSnapshotLimit = 5000;
    static constexpr int kDefaultSnapshotLimit = 2000;

    SyncService(ServerDatabase &db, SettingsStore &settings, MutationProcessor &mutations,
                const ServerClock &clock);

    // GET /v1/sync/hello
    ApiResponse hello() const;
    // POST /v1/sync/push
    ApiResponse push(const AuthUser &user, const QJsonObject &body);
    // GET /v1/sync/pull?cursor=&limit=&clientId=
    ApiResponse pull(const AuthUser &user, const QUrlQuery &query);
    // GET /v1/sync/snapshot?after=&limit=&epoch= — the first download in lead-key order,
    // as CBOR when the client accepts application/cbor, else as JSON.
    ApiResponse snapshot(const AuthUser &user, const QUrlQuery &query, bool cbor = false);

    static QString encodeCursor(const QString &epoch, qint64 seq);

private:
    ServerDatabase &m_db;
    SettingsStore &m_settings;
    MutationProcessor &m_mutations;
    const ServerClock &m_clock;
};

} // namespace Leads::Server
