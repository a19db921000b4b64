// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncengine.h"

#include "storage/bulkload.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/searchindexbuilder.h"
#include "sync/snapshotindexer.h"
#include "sync/syncjob.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkInformation>
#include <QNetworkRequest>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QUuid>

#include <limits>
#include <random>

Q_LOGGING_CATEGORY(lcSync, "leads.sync")

namespace Leads {

namespace {
constexpr int kProtocol = 1;
constexpr int kMaxResyncsPerRound = 2;
constexpr int kWakeCheckMs = 10000;
// More than this between the wall clock and the monotonic one (which stops while the
// machine sleeps) means we slept; small corrections by NTP stay below it.
constexpr qint64 kWakeJumpMs = 30000;

qint64 wallMinusMonotonic()
{
    QElapsedTimer t;
    t.start();
    return QDateTime::currentMSecsSinceEpoch() - t.msecsSinceReference();
}
} // namespace

SyncEngine::SyncEngine(Database &db, QNetworkAccessManager *nam, Config config, QObject *parent)
    : QObject(parent), m_db(db), m_nam(nam), m_config(std::move(config)), m_store(db),
      m_backoff(m_config.backoffMinMs, m_config.backoffMaxMs,
                m_config.seed ? m_config.seed : std::random_device {}())
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    m_soon.setSingleShot(true);
    m_soon.setInterval(m_config.changeDelayMs);
    connect(&m_soon, &QTimer::timeout, this, &SyncEngine::autoSync);
    connect(&m_periodic, &QTimer::timeout, this, &SyncEngine::autoSync);
}

void SyncEngine::scheduleSoon()
{
    m_soon.start();
}

void SyncEngine::setAutoSync(int intervalMs)
{
    if (intervalMs <= 0) {
        m_periodic.stop();
        return;
    }
    m_periodic.start(intervalMs);
}

void SyncEngine::autoSync()
{
    // Waiting: the backoff timer owns the next attempt; Failed: only the user restarts.
    if (m_status == Status::Waiting || m_status == Status::Failed)
        return;
    syncNow();
}

void SyncEngine::setAccessToken(const QString &token)
{
    const bool renewed = m_tokenExpired && !token.isEmpty() && token != m_token;
    m_token = token;
    if (!renewed)
        return;
    m_tokenExpired = false;
    syncNow();
}

void SyncEngine::setOnline(bool online)
{
    if (m_online == online)
        return;
    m_online = online;
    qCInfo(lcSync) << (online ? "network reachable" : "network unreachable");
    Q_EMIT onlineChanged(online);
    if (online)
        networkChanged();
}

void SyncEngine::networkChanged()
{
    // A refused token stays refused whatever the network does; the user must act.
    if (m_tokenExpired)
        return;
    m_backoff.reset();
    syncNow();
}

void SyncEngine::watchSystem()
{
    if (QNetworkInformation::loadDefaultBackend()
        || QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        if (auto *info = QNetworkInformation::instance()) {
            const auto apply = [this](QNetworkInformation::Reachability r) {
                // Unknown: the backend cannot tell; treat it as reachable.
                setOnline(r != QNetworkInformation::Reachability::Disconnected);
            };
            connect(info, &QNetworkInformation::reachabilityChanged, this, apply);
            apply(info->reachability());
        }
    }
    m_wallMinusMonotonic = wallMinusMonotonic();
    connect(&m_wakeCheck, &QTimer::timeout, this, &SyncEngine::checkForWake, Qt::UniqueConnection);
    m_wakeCheck.start(kWakeCheckMs);
}

void SyncEngine::checkForWake()
{
    const qint64 now = wallMinusMonotonic();
    const qint64 jump = now - m_wallMinusMonotonic;
    m_wallMinusMonotonic = now;
    if (jump > kWakeJumpMs) {
        qCInfo(lcSync) << "woke from sleep; syncing";
        networkChanged();
    }
}

SyncEngine::~SyncEngine()
{
    delete m_job.data();
    if (auto done = endBulkLoad(); !done)
        qCWarning(lcSync).noquote() << "finishing the download's indexes:" << done.error().message();
}

void SyncEngine::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    Q_EMIT statusChanged(status);
}

void SyncEngine::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_retry.stop();
    startRound();
}

void SyncEngine::cancel()
{
    m_retry.stop();
    m_soon.stop();
    m_again = false;
    if (m_job)
        m_job->abort();
}

void SyncEngine::startRound()
{
    m_running = true;
    m_again = false;
    m_applied = 0;
    m_resyncs = 0;
    setStatus(Status::Syncing);
    auto state = m_store.state();
    if (!state) {
        fail(state.error().message(), false);
        return;
    }
    m_clientId = state.value().clientId;
    hello();
}

// Each round starts by asking the server who it is: a changed epoch (a restore) is
// handled before anything is pushed to a history that no longer matches ours.
void SyncEngine::hello()
{
    SyncJob *job = send("GET", QStringLiteral("/v1/sync/hello"), {});
    connect(job, &SyncJob::finished, this, &SyncEngine::onHello);
    job->start();
}

void SyncEngine::onHello(SyncJob *job)
{
    job->deleteLater();
    if (cancelled(job))
        return;
    if (job->result() == SyncJob::Result::Unauthorized) {
        failUnauthorized(job);
        return;
    }
    if (job->result() != SyncJob::Result::Ok) {
        fail(job->errorText(), job->result() == SyncJob::Result::Transient, job->retryAfterMs());
        return;
    }
    const QJsonArray protocol = job->json().value(QStringLiteral("protocol")).toArray();
    if (protocol.size() != 2 || protocol.at(0).toInt() > kProtocol || protocol.at(1).toInt() < kProtocol) {
        fail(tr("This server needs a different version of Leads; your changes are kept until you update."),
             false);
        return;
    }
    const QString epoch = job->json().value(QStringLiteral("serverEpoch")).toString();
    m_serverSnapshots = job->json().contains(QStringLiteral("maxSnapshotLimit"));
    auto state = m_store.state();
    if (!state) {
        fail(state.error().message(), false);
        return;
    }
    if (!state.value().epoch.isEmpty() && !epoch.isEmpty() && state.value().epoch != epoch && !resync(epoch))
        return;
    push();
}

bool SyncEngine::resync(const QString &epoch)
{
    qCInfo(lcSync) << "server history changed; downloading everything again";
    if (auto reset = m_store.resetForResync(epoch); !reset) {
        fail(reset.error().message(), false);
        return false;
    }
    auto state = m_store.state();
    if (!state) {
        fail(state.error().message(), false);
        return false;
    }
    m_clientId = state.value().clientId;
    return true;
}

SyncJob *SyncEngine::send(const QByteArray &method, const QString &path, const QByteArray &body,
                          const QByteArray &accept)
{
    QUrl url = m_config.serverUrl;
    const QUrl relative(path);
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + relative.path());
    url.setQuery(relative.query());
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("X-Sync-Protocol", QByteArray::number(kProtocol));
    request.setRawHeader("X-Client-Id", m_clientId.toLatin1());
    request.setRawHeader("X-Client-Schema", QByteArray::number(Database::kSchemaVersion));
    request.setRawHeader("X-Request-Id", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    request.setRawHeader("Accept", accept);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    auto *job = new SyncJob(m_nam, request, method, body, m_config.timeoutMs, this);
    m_job = job;
    ++m_requests;
    return job;
}

void SyncEngine::push()
{
    auto pending = m_store.takePending(m_config.pushBatch);
    if (!pending) {
        fail(pending.error().message(), false);
        return;
    }
    if (pending.value().isEmpty()) {
        pull();
        return;
    }
    QJsonArray mutations;
    for (const PendingMutation &m : pending.value())
        mutations.append(QJsonObject {{QStringLiteral("mid"), m.mid},
                                      {QStringLiteral("name"), m.name},
                                      {QStringLiteral("args"), m.args}});
    const QJsonObject body {{QStringLiteral("clientId"), m_clientId},
                            {QStringLiteral("schema"), Database::kSchemaVersion},
                            {QStringLiteral("mutations"), mutations}};
    SyncJob *job = send("POST", QStringLiteral("/v1/sync/push"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(job, &SyncJob::finished, this, &SyncEngine::onPushed);
    job->start();
}

void SyncEngine::onPushed(SyncJob *job)
{
    job->deleteLater();
    if (cancelled(job))
        return;
    if (job->result() != SyncJob::Result::Ok) {
        if (job->result() == SyncJob::Result::Unauthorized)
            failUnauthorized(job);
        else if (job->errorCode() == QLatin1String("mutation_gap"))
            fail(tr("This copy and the server disagree about which changes were sent (%1). "
                    "Contact your administrator.")
                     .arg(job->errorText()),
                 false);
        else
            fail(job->errorText(), job->result() == SyncJob::Result::Transient, job->retryAfterMs());
        return;
    }
    QList<PushOutcome> outcomes;
    const QJsonArray results = job->json().value(QStringLiteral("results")).toArray();
    for (const QJsonValue &v : results) {
        const QJsonObject r = v.toObject();
        outcomes.append({r.value(QStringLiteral("mid")).toInteger(),
                         r.value(QStringLiteral("outcome")).toString(),
                         r.value(QStringLiteral("original")).toString(),
                         r.value(QStringLiteral("code")).toString(),
                         r.value(QStringLiteral("message")).toString(),
                         r.value(QStringLiteral("current")).toObject()});
    }
    if (auto saved = m_store.recordPush(outcomes); !saved) {
        fail(saved.error().message(), false);
        return;
    }
    push(); // the next batch, or on to pull
}

void SyncEngine::pull()
{
    auto state = m_store.state();
    if (!state) {
        fail(state.error().message(), false);
        return;
    }
    const QString cursor = state.value().cursor;
    if (cursor.isEmpty() && m_config.snapshotLimit > 0 && m_serverSnapshots) {
        snapshot();
        return;
    }
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("cursor"), cursor);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.pullLimit));
    query.addQueryItem(QStringLiteral("clientId"), m_clientId);
    SyncJob *job = send("GET", QStringLiteral("/v1/sync/pull?") + query.toString(QUrl::FullyEncoded), {});
    connect(job, &SyncJob::finished, this, [this, cursor](SyncJob *j) { onPulled(j, cursor); });
    job->start();
}

bool SyncEngine::restartOnResync(SyncJob *job)
{
    if (job->httpStatus() != 409 || job->errorCode() != QLatin1String("resync_required")
        || m_resyncs >= kMaxResyncsPerRound)
        return false;
    ++m_resyncs;
    const QString epoch =
        job->json().value(QStringLiteral("error")).toObject().value(QStringLiteral("serverEpoch")).toString();
    if (resync(epoch))
        push(); // the queue goes first, so its effects come down with the download
    return true;
}

void SyncEngine::onPulled(SyncJob *job, const QString &requestCursor)
{
    job->deleteLater();
    if (cancelled(job))
        return;
    if (job->result() != SyncJob::Result::Ok) {
        if (restartOnResync(job))
            return;
        if (job->result() == SyncJob::Result::Unauthorized)
            failUnauthorized(job);
        else
            fail(job->errorText(), job->result() == SyncJob::Result::Transient, job->retryAfterMs());
        return;
    }
    const QJsonObject &o = job->json();
    const PullPage page = PullPage::fromJson(o);
    if (page.nextCursor.isEmpty()) {
        fail(tr("The server's answer had no cursor."), true);
        return;
    }
    auto applied = m_store.applyPage(requestCursor, page);
    if (!applied) {
        if (applied.error().detail() == QLatin1String("stale_page")) {
            pull(); // someone else moved the cursor: ask again from where it is now
            return;
        }
        fail(applied.error().message(), false);
        return;
    }
    m_applied += applied.value();
    Q_EMIT progress(m_applied);
    if (page.hasMore)
        pull();
    else
        succeed();
}

// The first download: the caller's leads in key order, a chunk at a time, each written in
// one transaction with the position reached; the next chunk is asked for before this one
// is written, so the server reads and sends it meanwhile (the network runs on its own
// thread). Once the last chunk is in, the ordinary pull continues from the change number
// the snapshot started at.
void SyncEngine::snapshot()
{
    auto progress = m_store.snapshotProgress();
    if (!progress) {
        fail(progress.error().message(), false);
        return;
    }
    requestSnapshot(progress.value().after, progress.value().active ? progress.value().epoch : QString());
}

SyncJob *SyncEngine::requestSnapshot(const QString &after, const QString &epoch)
{
    QUrlQuery query;
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_config.snapshotLimit));
    if (!epoch.isEmpty())
        query.addQueryItem(QStringLiteral("epoch"), epoch);
    // CBOR: the chunks are the bulk of a first download, and this is the format both ends
    // read and write without building a document in memory.
    SyncJob *job = send("GET", QStringLiteral("/v1/sync/snapshot?") + query.toString(QUrl::FullyEncoded), {},
                        QByteArrayLiteral("application/cbor, application/json;q=0.5"));
    connect(job, &SyncJob::finished, this, [this, after](SyncJob *j) { onSnapshot(j, after); });
    job->start();
    return job;
}

void SyncEngine::onSnapshot(SyncJob *job, const QString &after)
{
    job->deleteLater();
    if (cancelled(job))
        return;
    if (job->result() != SyncJob::Result::Ok) {
        if (restartOnResync(job))
            return;
        if (job->result() == SyncJob::Result::Unauthorized)
            failUnauthorized(job);
        else
            fail(job->errorText(), job->result() == SyncJob::Result::Transient, job->retryAfterMs());
        return;
    }
    QElapsedTimer decoding;
    decoding.start();
    auto decoded = job->isCbor() ? SnapshotChunk::fromCbor(job->cbor()) : SnapshotChunk::fromJson(job->json());
    if (after.isEmpty())
        m_downloadStats = {};
    m_downloadStats.decodeMs += decoding.elapsed();
    if (!decoded) {
        // A cut or garbled body reads as malformed: asking again is safe. A format this
        // version does not read will not change by asking again.
        const bool otherFormat = decoded.error().detail() == QLatin1String("snapshot_format");
        fail(decoded.error().message(), !otherFormat);
        return;
    }
    const SnapshotChunk &chunk = decoded.value();
    if (chunk.epoch.isEmpty() || chunk.cursor.isEmpty()) {
        fail(tr("The server's answer had no cursor."), true);
        return;
    }
    QPointer<SyncJob> next;
    if (chunk.hasMore && !chunk.next.isEmpty())
        next = requestSnapshot(chunk.next, chunk.epoch);
    const auto dropNext = [this, &next] {
        if (!next)
            return;
        disconnect(next.data(), nullptr, this, nullptr);
        next->abort();
        next->deleteLater();
    };
    if (after.isEmpty())
        m_indexer.reset(); // a download that starts over: what was indexed no longer applies
    if (!m_bulk) {
        m_bulk = std::make_unique<BulkLoad>(m_db.connection());
        Outcome begun = m_bulk->begin();
        if (begun) {
            QSqlDatabase connection = m_db.connection();
            begun = Migrations::suspendStatusTrigger(connection);
        }
        if (!begun) {
            dropNext();
            fail(begun.error().message(), false);
            return;
        }
        if (after.isEmpty())
            startIndexer();
    }
    QElapsedTimer writing;
    writing.start();
    SnapshotSearchRows searchRows;
    auto applied = m_store.applySnapshotChunk(after, chunk, m_indexer ? &searchRows : nullptr);
    m_downloadStats.writeMs += writing.elapsed();
    ++m_downloadStats.chunks;
    if (!applied) {
        dropNext();
        if (applied.error().detail() == QLatin1String("stale_page")) {
            pull(); // the stored position moved: continue from where it is now
            return;
        }
        fail(applied.error().message(), false);
        return;
    }
    if (m_indexer)
        m_indexer->add(std::move(searchRows));
    m_applied += applied.value();
    Q_EMIT progress(m_applied);
    if (auto p = m_store.snapshotProgress(); p)
        Q_EMIT downloadProgress(p.value().done, p.value().total);
    if (next)
        return; // its answer carries on
    m_indexingStartedMs = QDateTime::currentMSecsSinceEpoch();
    if (m_indexer)
        m_indexer->requestFinish(); // the search index merges on its thread meanwhile
    finishDownload(0);
}

// The indexes a first download left out, one per turn of the event loop (a million leads
// take seconds each: the window repaints and the dialog shows the step in between), then
// the search index, the cursor, and the pull from it.
void SyncEngine::finishDownload(int step)
{
    const int indexes = Migrations::secondaryIndexCount();
    Q_EMIT downloadIndexing(step, indexes + 1);
    if (!m_bulk)
        return; // the round ended meanwhile (the engine stopped or failed)
    if (step < indexes) {
        QSqlDatabase connection = m_db.connection();
        if (auto made = Migrations::ensureSecondaryIndex(connection, step); !made) {
            if (auto done = endBulkLoad(); !done)
                qCWarning(lcSync).noquote() << "finishing the download's indexes:" << done.error().message();
            fail(made.error().message(), false);
            return;
        }
        QTimer::singleShot(0, this, [this, step] { finishDownload(step + 1); });
        return;
    }
    const Outcome built = endBulkLoad(true);
    m_downloadStats.indexMs += QDateTime::currentMSecsSinceEpoch() - m_indexingStartedMs;
    if (!built) {
        fail(built.error().message(), false);
        return;
    }
    if (auto finished = m_store.finishSnapshot(); !finished) {
        fail(finished.error().message(), false);
        return;
    }
    pull(); // whatever changed since the snapshot's change number, in ordinary pages
}

// Rebuilds the indexes and the search index a first download left out, once.
Outcome SyncEngine::endBulkLoad(bool complete)
{
    if (!m_bulk) {
        m_indexer.reset();
        return {};
    }
    // The index built alongside is used only when it describes exactly the table: every
    // row came from this run of the download and nothing was edited locally meanwhile.
    QString prebuilt;
    if (m_indexer && complete) {
        const qint64 indexed = m_indexer->indexed();
        // The search index merges on its thread while this one builds the other indexes.
        m_indexer->requestFinish();
        QSqlDatabase connection = m_db.connection();
        if (auto built = Migrations::ensureSecondaryIndexes(connection); !built)
            qCWarning(lcSync).noquote() << "building the indexes:" << built.error().message();
        Outcome merged = m_indexer->finish();
        if (!merged) {
            qCWarning(lcSync).noquote() << "the search index built alongside failed, rebuilding it:"
                                        << merged.error().message();
        } else if (QSqlQuery q(m_db.connection());
                   q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM leads), "
                                         "(SELECT COALESCE(MAX(seq), 0) FROM outbox)"))
                   && q.next() && q.value(0).toLongLong() == indexed && q.value(1).toLongLong() == m_indexerOutbox) {
            prebuilt = m_indexer->scratchPath();
        }
    }
    m_downloadStats.searchIndexAlongside = !prebuilt.isEmpty();
    // The download wrote status_changed_at with each lead; leads changed here meanwhile
    // (their timeline rows went in without the trigger) are recomputed.
    QSqlDatabase connection = m_db.connection();
    Outcome done = Migrations::resumeStatusTrigger(
        connection, QStringLiteral("id IN (SELECT lead_id FROM outbox WHERE lead_id IS NOT NULL)"));
    if (Outcome finished = m_bulk->finish(prebuilt); done)
        done = finished;
    m_bulk.reset();
    m_indexer.reset(); // removes the scratch file
    return done;
}

// A download into an empty, file-backed leads table builds its search index on a second
// thread while the chunks are written.
void SyncEngine::startIndexer()
{
    m_indexer.reset();
    const QString path = m_db.path();
    if (path.isEmpty() || path == u":memory:")
        return;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM leads), (SELECT COALESCE(MAX(seq), 0) FROM outbox)"))
        || !q.next() || q.value(0).toLongLong() != 0)
        return;
    m_indexerOutbox = q.value(1).toLongLong();
    q.finish();
    auto indexer = std::make_unique<SnapshotIndexer>(SearchIndexBuilder::scratchPathFor(path));
    if (auto started = indexer->start(); !started) {
        qCWarning(lcSync).noquote() << "building the search index alongside failed, it is rebuilt at the end:"
                                    << started.error().message();
        return;
    }
    m_indexer = std::move(indexer);
}

// The user stopped the round: no retry is scheduled; the next trigger starts again.
bool SyncEngine::cancelled(SyncJob *job)
{
    if (job->result() != SyncJob::Result::Cancelled)
        return false;
    m_running = false;
    m_again = false;
    if (auto done = endBulkLoad(); !done)
        qCWarning(lcSync).noquote() << "finishing the download's indexes:" << done.error().message();
    m_lastError = job->errorText();
    setStatus(Status::Idle);
    Q_EMIT failed(m_lastError, false);
    return true;
}

void SyncEngine::succeed()
{
    m_running = false;
    if (auto done = endBulkLoad(); !done)
        qCWarning(lcSync).noquote() << "finishing the download's indexes:" << done.error().message();
    m_tokenExpired = false;
    m_backoff.reset();
    m_retryDelayMs = 0;
    m_lastError.clear();
    setStatus(Status::Idle);
    Q_EMIT synced();
    if (m_again)
        syncNow();
}

void SyncEngine::failUnauthorized(SyncJob *job)
{
    m_tokenExpired = true;
    m_again = false; // another round with the same token would be refused again
    fail(tr("Sign in again to sync: %1").arg(job->errorText()), false);
    Q_EMIT accessTokenExpired();
}

void SyncEngine::fail(const QString &reason, bool transient, qint64 retryAfterMs)
{
    m_running = false;
    // A download stopped half-way stays usable meanwhile: indexes and search come back for
    // what it has; the next round continues after the last lead written.
    if (auto done = endBulkLoad(); !done)
        qCWarning(lcSync).noquote() << "finishing the download's indexes:" << done.error().message();
    m_lastError = reason;
    qCInfo(lcSync).noquote() << "sync failed:" << reason << (transient ? "(will retry)" : "");
    if (transient) {
        m_retryDelayMs = m_backoff.next(retryAfterMs);
        setStatus(Status::Waiting);
        if (m_config.retryAutomatically)
            m_retry.start(int(std::min<qint64>(m_retryDelayMs, std::numeric_limits<int>::max())));
    } else {
        m_retryDelayMs = 0;
        setStatus(Status::Failed);
    }
    const bool retrying = transient && m_config.retryAutomatically;
    Q_EMIT failed(reason, retrying);
    if (m_again && !retrying)
        syncNow();
}

} // namespace Leads
