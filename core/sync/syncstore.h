// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "sync/snapshotchunk.h"
#include "sync/snapshotindexer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace Leads {

class Database;
class SyncStatements;

// A local mutation on its way to the server (an outbox row with its number).
struct PendingMutation
{
    qint64 seq = 0; // the outbox row
    qint64 mid = 0; // the number the server deduplicates by
    QString name;
    QString leadId;
    QJsonObject args;
};

// A mutation the server refused: shown to the user with the reason and the server's value.
struct NotApplied
{
    qint64 seq = 0;
    qint64 mid = 0;
    QString name;
    QString leadId;
    QJsonObject args;
    QString code;
    QString message;
    QJsonObject serverValue; // the lead as the server had it, when known
};

// One entry of a push answer.
struct PushOutcome
{
    qint64 mid = 0;
    QString outcome;  // applied, duplicate, rejected
    QString original; // for a duplicate: what happened the first time
    QString code;
    QString message;
    QJsonObject current;
};

// One pull page as the server sent it.
struct PullPage
{
    QString epoch;
    QJsonArray changes;
    qint64 ack = -1; // lastMutationId, -1 when the server sent none
    QString nextCursor;
    qint64 upTo = 0;
    bool hasMore = false;

    // Reads the answer of GET /v1/sync/pull (docs/sync.md); what is missing or of the wrong
    // type reads as empty, and the engine refuses a page without a cursor.
    static PullPage fromJson(const QJsonObject &answer);
};

// How far a first download got; stored with every chunk, so a client stopped in the
// middle (killed, cancelled, offline) continues after the last lead it has.
struct SnapshotProgress
{
    bool active = false;
    QString epoch;
    QString cursor;
    qint64 upTo = 0;
    QString after; // the last lead id applied; empty: nothing yet
    qint64 total = -1;
    qint64 done = 0; // leads applied so far
};

// The client's side of sync in its SQLite file: identity, cursor, numbering the outbox,
// recording push outcomes, and applying pull pages — each of them in one transaction, so
// a crash at any point leaves rows, cursor and acknowledgements consistent.
class SyncStore
{
public:
    explicit SyncStore(Database &db);

    struct State
    {
        QString clientId;
        QString epoch;
        QString cursor; // empty: nothing pulled yet
        qint64 cursorSeq = 0;
        qint64 lastMid = 0;
        qint64 ackedMid = 0;
    };
    // Creates the client identity (a new UUID) on first use.
    Result<State> state() const;

    // Numbers outbox mutations that have none yet (once: a retry reuses the number) and
    // returns up to `max` not yet accepted by the server, in number order.
    Result<QList<PendingMutation>> takePending(int max) const;
    Outcome recordPush(const QList<PushOutcome> &outcomes) const;
    // Applies one page: rows, acknowledgement and the new cursor together. Refuses (and
    // changes nothing) when the cursor moved since the page was asked for.
    Result<int> applyPage(const QString &requestCursor, const PullPage &page) const;
    // The server's history changed (restored, recreated): forget the cursor and every
    // server row that no local mutation still needs; the queue stays and is pushed again
    // under a new client id, numbered from 1.
    Outcome resetForResync(const QString &epoch) const;

    // The first download: chunks are written with prepared statements straight to SQLite
    // (the caller holds a BulkLoad, so the search index and secondary indexes are built
    // once at the end), each chunk in one transaction together with the progress. A chunk
    // is refused (stale_page) when the stored progress is no longer `after`.
    Result<SnapshotProgress> snapshotProgress() const;
    // With `searchRows`, the search-index text of every lead written is handed back under
    // the lead number it got (for a SnapshotIndexer).
    Result<int> applySnapshotChunk(const QString &after, const SnapshotChunk &chunk,
                                   SnapshotSearchRows *searchRows = nullptr) const;
    // The last chunk is in: the cursor takes over (the ordinary pull continues from the
    // snapshot's change number) and outstanding local mutations are replayed on top.
    Outcome finishSnapshot() const;

    int pendingCount() const; // not yet accepted by the server
    int awaitingAckCount() const; // accepted, effect not yet pulled
    QList<NotApplied> notApplied() const;
    Outcome dismiss(qint64 seq) const;

private:
    Outcome upsertLead(SyncStatements &statements, const QJsonObject &row, qint64 seq) const;
    Outcome replayAndTidy(SyncStatements &statements, const QSet<QString> &leadIds) const;

    Database &m_db;
};

} // namespace Leads
