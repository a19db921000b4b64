// SPDX-License-Identifier: GPL-3.0-or-later
#include "synccontroller.h"

#include "storage/database.h"
#include "sync/authclient.h"
#include "sync/syncengine.h"
#include "sync/syncstore.h"

#include <QLocale>
#include <QNetworkAccessManager>
#include <QPointer>

namespace Leads {

SyncController::SyncController(Database &db, QObject *parent) : SyncController(db, Options(), parent) {}

SyncController::SyncController(Database &db, Options options, QObject *parent)
    : QObject(parent), m_db(db), m_options(options), m_nam(new QNetworkAccessManager(this)),
      m_auth(new AuthClient(m_nam, this))
{
    m_auth->setTimeoutMs(options.timeoutMs);
    m_renew.setSingleShot(true);
    connect(&m_renew, &QTimer::timeout, this, &SyncController::renewNow);
}

SyncController::~SyncController() = default;

void SyncController::start(const AuthSession &session)
{
    stop();
    m_session = session;
    m_sessionEnded = false;
    SyncEngine::Config config;
    config.serverUrl = session.server;
    config.timeoutMs = m_options.timeoutMs;
    m_engine = std::make_unique<SyncEngine>(m_db, m_nam, config);
    m_engine->setAccessToken(session.accessToken);
    connect(m_engine.get(), &SyncEngine::statusChanged, this, &SyncController::onStatus);
    connect(m_engine.get(), &SyncEngine::progress, this, [this](int applied) {
        const int fresh = applied - m_roundApplied;
        m_roundApplied = applied;
        m_applied += std::max(0, fresh);
        Q_EMIT downloadProgress(applied);
        if (fresh > 0)
            Q_EMIT dataChanged();
        Q_EMIT changed();
    });
    connect(m_engine.get(), &SyncEngine::downloadProgress, this, &SyncController::firstDownloadProgress);
    connect(m_engine.get(), &SyncEngine::downloadIndexing, this, &SyncController::firstDownloadIndexing);
    connect(m_engine.get(), &SyncEngine::synced, this, [this] {
        m_lastSynced = QDateTime::currentDateTime();
        Q_EMIT changed();
    });
    connect(m_engine.get(), &SyncEngine::failed, this, [this] { Q_EMIT changed(); });
    connect(m_engine.get(), static_cast<void (SyncEngine::*)()>(&SyncEngine::accessTokenExpired), this,
            &SyncController::renewNow);
    m_engine->watchSystem();
    m_engine->setAutoSync(m_options.autoSyncMs);
    if (session.accessToken.isEmpty()) {
        renewNow(); // a remembered session: only the refresh token survived the restart
    } else {
        scheduleRenewal();
        m_engine->syncNow();
    }
    Q_EMIT changed();
}

void SyncController::stop()
{
    ++m_generation;
    m_renew.stop();
    if (m_engine) {
        m_engine->cancel();
        m_engine.reset();
    }
    m_session = AuthSession();
    m_roundApplied = 0;
    m_renewError.clear();
    m_renewing = false;
    Q_EMIT changed();
}

void SyncController::syncNow()
{
    if (!m_engine)
        return;
    if (m_sessionEnded) {
        Q_EMIT sessionEnded(tr("Your session has ended. Sign in again to sync."));
        return;
    }
    m_engine->syncNow();
}

void SyncController::cancel()
{
    if (m_engine)
        m_engine->cancel();
}

void SyncController::scheduleRenewal()
{
    if (!m_session.accessExpiresAt.isValid())
        return;
    const qint64 in = QDateTime::currentDateTimeUtc().msecsTo(m_session.accessExpiresAt)
                      - m_options.renewBeforeExpiryMs;
    m_renew.start(int(std::clamp<qint64>(in, 1000, 24LL * 3600 * 1000)));
}

void SyncController::renewNow()
{
    if (!m_engine || m_renewing || m_session.refreshToken.isEmpty())
        return;
    m_renewing = true;
    const QString refreshToken = m_session.refreshToken;
    m_auth->refresh(m_session.server, refreshToken,
                    [this, generation = m_generation, guard = QPointer<SyncController>(this)](
                        const AuthSession *s, const AuthFailure *f) {
        if (!guard || generation != m_generation)
            return; // an answer for a session that was stopped meanwhile
        m_renewing = false;
        if (!m_engine)
            return;
        m_renewError = f ? f->message : QString();
        if (s) {
            m_session = *s;
            m_engine->setAccessToken(s->accessToken); // resumes a round the 401 stopped
            scheduleRenewal();
            Q_EMIT sessionRenewed(m_session);
        } else if (f->kind == AuthFailure::Kind::SessionEnded || f->kind == AuthFailure::Kind::BadCredentials) {
            m_sessionEnded = true;
            m_renew.stop();
            Q_EMIT sessionEnded(f->message);
        } else {
            // No network or a server hiccup: try again a little later; the engine keeps
            // its own backoff for the sync itself.
            m_renew.start(30000);
        }
        Q_EMIT changed();
    });
}

void SyncController::onStatus()
{
    if (m_engine && m_engine->status() == SyncEngine::Status::Syncing)
        m_roundApplied = 0;
    Q_EMIT changed();
}

int SyncController::pendingCount() const
{
    return m_engine ? m_engine->store().pendingCount() : SyncStore(m_db).pendingCount();
}

int SyncController::notAppliedCount() const
{
    return int(SyncStore(m_db).notApplied().size());
}

bool SyncController::firstDownload() const
{
    auto state = SyncStore(m_db).state();
    return state.ok() && state.value().cursor.isEmpty();
}

SyncController::State SyncController::state() const
{
    if (!m_engine)
        return State::Offline;
    if (m_sessionEnded)
        return State::Error;
    if (!m_renewError.isEmpty() && !m_renewing)
        return State::Retrying;
    if (m_renewing && m_session.accessToken.isEmpty())
        return State::Syncing;
    switch (m_engine->status()) {
    case SyncEngine::Status::Syncing:
        return State::Syncing;
    case SyncEngine::Status::Waiting:
        return State::Retrying;
    case SyncEngine::Status::Failed:
        return State::Error;
    case SyncEngine::Status::Idle:
        break;
    }
    return pendingCount() > 0 ? State::Pending : State::Synced;
}

QString SyncController::summary() const
{
    const QLocale locale;
    switch (state()) {
    case State::Offline:
        return tr("Working offline");
    case State::Syncing:
        return m_roundApplied > 0 ? tr("Syncing… %1 changes").arg(locale.toString(m_roundApplied))
                                  : tr("Syncing…");
    case State::Synced:
        return tr("Synced");
    case State::Pending:
        return tr("%n change(s) waiting", nullptr, pendingCount());
    case State::Retrying:
        return tr("Offline · %n change(s) waiting", nullptr, pendingCount());
    case State::Error:
        return m_sessionEnded ? tr("Sign in again to sync") : tr("Sync error");
    }
    return {};
}

QString SyncController::detail() const
{
    if (!m_engine)
        return tr("Not signed in: changes stay on this computer. Sign in from the File menu to work with your team.");
    QString text = tr("%1 on %2").arg(m_session.displayName, m_session.server.toDisplayString());
    if (m_lastSynced.isValid())
        text += u'\n' + tr("Last synced %1").arg(QLocale().toString(m_lastSynced, QLocale::ShortFormat));
    if (!m_renewError.isEmpty())
        text += u'\n' + m_renewError;
    else if (!m_engine->lastError().isEmpty() && state() != State::Synced)
        text += u'\n' + m_engine->lastError();
    if (m_engine->status() == SyncEngine::Status::Waiting && m_engine->retryDelayMs() > 0)
        text += u'\n' + tr("Trying again in %n second(s).", nullptr, int((m_engine->retryDelayMs() + 999) / 1000));
    if (const int n = notAppliedCount(); n > 0)
        text += u'\n' + tr("%n change(s) not applied by the server.", nullptr, n);
    return text;
}

} // namespace Leads
