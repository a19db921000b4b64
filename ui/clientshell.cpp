// SPDX-License-Identifier: GPL-3.0-or-later
#include "clientshell.h"

#include "crashreport.h"

#include "domain/clock.h"
#include "leadspage.h"
#include "mainwindow.h"
#include "savedviewscontroller.h"
#include "sidebar.h"
#include "scoring/scoringscheduler.h"
#include "scoring/scoringservice.h"
#include "scoring/serveraisettings.h"
#include "settingsdialog.h"
#include "teamsettings.h"
#include "signindialog.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"
#include "sync/syncengine.h"
#include "synccontroller.h"
#include "tokenstore.h"

#include <QApplication>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

#include <algorithm>

namespace Leads {

namespace {
const QString kGroup = QStringLiteral("session");

QString accountKey(const QUrl &server, const QString &username)
{
    return username + u'@' + server.toString(QUrl::RemoveUserInfo);
}

Actor localOwner()
{
    return Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
}
} // namespace

ClientShell::ClientShell(Options options, const Clock &clock, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_clock(clock), m_tokens(std::make_unique<TokenStore>())
{
}

ClientShell::~ClientShell()
{
    closeWorkspace();
}

QString ClientShell::teamDatabasePath(const QString &localDatabase, const QUrl &server, const QString &userId)
{
    const QByteArray key = server.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash).toUtf8() + '|'
                           + userId.toUtf8();
    const QString name = QStringLiteral("team-%1.sqlite")
                             .arg(QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256)
                                                          .toHex()
                                                          .left(16)));
    return QFileInfo(localDatabase).absoluteDir().filePath(name);
}

void ClientShell::fail(const QString &message)
{
    m_lastError = message;
    if (m_options.interactive)
        QMessageBox::critical(m_window.get(), tr("Leads"), message);
}

bool ClientShell::start()
{
    if (m_options.interactive) {
        SettingsDialog::applyTheme();
        // A crash report from the previous run first, then guard this one.
        const QString crashes = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        CrashReport::offer(crashes, nullptr);
        CrashReport::install(crashes, QCoreApplication::applicationVersion());
    }
    QSettings settings;
    settings.beginGroup(kGroup);
    const QUrl server(settings.value(QStringLiteral("server")).toString());
    const QString userId = settings.value(QStringLiteral("userId")).toString();
    if (server.isValid() && !userId.isEmpty()) {
        const Actor actor{userId, settings.value(QStringLiteral("displayName")).toString(),
                          roleFromId(settings.value(QStringLiteral("role")).toString()).value_or(Role::Agent)};
        settings.endGroup();
        if (!openWorkspace(teamDatabasePath(m_options.localDatabase, server, userId), actor, false))
            return false;
        resumeRememberedSession();
        return true;
    }
    settings.endGroup();
    return openWorkspace(m_options.localDatabase, localOwner(), m_options.sampleData);
}

bool ClientShell::openWorkspace(const QString &path, const Actor &actor, bool sample)
{
    closeWorkspace();
    auto opened = Database::open(path);
    if (!opened) {
        fail(opened.error().message());
        return false;
    }
    m_db = std::move(opened.value());
    if (sample && SampleData::isEmpty(*m_db)) {
        SampleData::Options options;
        options.leads = 500;
        if (auto seeded = SampleData::generate(*m_db, options); !seeded) {
            fail(seeded.error().message());
            return false;
        }
    }
    m_service = std::make_unique<LeadService>(*m_db, actor, m_clock);
    // AI scores kept current here when working alone; in a team the server scores.
    m_scoringService = std::make_unique<ScoringService>(*m_service, m_clock);
    m_scheduler = std::make_unique<ScoringScheduler>(*m_service, *m_scoringService);
    m_scheduler->setTeamMode(path != m_options.localDatabase); // in a team the server scores
    SyncController::Options syncOptions;
    syncOptions.autoSyncMs = m_options.autoSyncMs;
    m_sync = std::make_unique<SyncController>(*m_db, syncOptions);
    m_window = std::make_unique<MainWindow>(*m_service, m_clock, m_options.persistWindowState);
    m_window->attachSync(m_sync.get());
    connect(m_window.get(), &MainWindow::signInRequested, this, [this] { signIn(); });
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ClientShell::askSignOut);
    connect(m_window.get(), &MainWindow::settingsRequested, this, &ClientShell::openSettings);
    connect(m_sync.get(), &SyncController::sessionRenewed, this, &ClientShell::rememberSession);
    // Every local change goes up after a short pause (a burst of edits in one round).
    auto changedLocally = [this] {
        if (m_sync && m_sync->engine())
            m_sync->engine()->scheduleSoon();
    };
    connect(m_service.get(), &LeadService::leadChanged, this, changedLocally);
    connect(m_service.get(), &LeadService::leadCreated, this, changedLocally);
    connect(m_sync.get(), &SyncController::sessionEnded, this, [this](const QString &why) {
        m_window->statusBar()->showMessage(why, 10000);
        if (m_options.interactive)
            signIn(why);
    });
    connect(m_sync.get(), &SyncController::changed, this, [this] {
        if (m_download && m_sync->state() != SyncController::State::Syncing)
            m_download->close();
        // Once a minute while in step with the server, follow the admin's settings.
        if (m_sync->state() == SyncController::State::Synced
            && QDateTime::currentMSecsSinceEpoch() - m_lastMirrorMs > 60000)
            mirrorTeamSettings();
    });
    if (m_options.interactive)
        m_window->show();
    Q_EMIT workspaceChanged();
    return true;
}

void ClientShell::closeWorkspace()
{
    if (m_download)
        m_download->close();
    if (m_sync)
        m_sync->stop();
    m_teamSettings.reset();
    m_window.reset();
    m_scheduler.reset();
    m_scoringService.reset();
    m_sync.reset();
    m_service.reset();
    m_db.reset();
}

void ClientShell::rememberSession(const AuthSession &session)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("server"), session.server.toString());
    settings.setValue(QStringLiteral("username"), session.username);
    settings.setValue(QStringLiteral("userId"), session.userId);
    settings.setValue(QStringLiteral("displayName"), session.displayName);
    settings.setValue(QStringLiteral("role"), roleId(session.role));
    settings.endGroup();
    m_tokens->save(accountKey(session.server, session.username), session.refreshToken,
                   [this, guard = QPointer<ClientShell>(this)](bool stored, const QString &why) {
        if (!guard || stored)
            return;
        if (m_window)
            m_window->statusBar()->showMessage(why, 15000);
        Q_EMIT notice(why);
    });
}

void ClientShell::forgetSession()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    const QUrl server(settings.value(QStringLiteral("server")).toString());
    const QString username = settings.value(QStringLiteral("username")).toString();
    settings.remove(QString());
    settings.endGroup();
    if (server.isValid() && !username.isEmpty())
        m_tokens->remove(accountKey(server, username));
}

void ClientShell::resumeRememberedSession()
{
    QSettings settings;
    settings.beginGroup(kGroup);
    AuthSession session;
    session.server = QUrl(settings.value(QStringLiteral("server")).toString());
    session.username = settings.value(QStringLiteral("username")).toString();
    session.userId = settings.value(QStringLiteral("userId")).toString();
    session.displayName = settings.value(QStringLiteral("displayName")).toString();
    session.role = roleFromId(settings.value(QStringLiteral("role")).toString()).value_or(Role::Agent);
    settings.endGroup();
    m_tokens->load(accountKey(session.server, session.username),
                   [this, session, guard = QPointer<ClientShell>(this)](const QString &token, const QString &why) mutable {
        if (!guard || !m_sync)
            return;
        if (token.isEmpty()) {
            // Nothing to renew with: the team copy stays usable offline until the user signs in.
            if (m_window)
                m_window->statusBar()->showMessage(why, 15000);
            Q_EMIT notice(why);
            if (m_options.interactive)
                signIn(tr("Sign in to sync with %1. %2").arg(session.server.host(), why));
            return;
        }
        session.refreshToken = token;
        startTeam(session); // renews the access token first
    });
}

void ClientShell::signIn(const QString &notice)
{
    if (!m_sync)
        return;
    SignInDialog dialog(m_sync->auth(), m_window.get());
    QSettings settings;
    settings.beginGroup(kGroup);
    dialog.setServer(settings.value(QStringLiteral("server"), settings.value(QStringLiteral("lastServer"))).toString());
    dialog.setUsername(settings.value(QStringLiteral("username"), settings.value(QStringLiteral("lastUsername"))).toString());
    settings.endGroup();
    dialog.setNotice(notice);
    if (dialog.exec() != QDialog::Accepted)
        return;
    useSession(dialog.session());
}

bool ClientShell::useSession(const AuthSession &session)
{
    QSettings settings;
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("lastServer"), session.server.toString());
    settings.setValue(QStringLiteral("lastUsername"), session.username);
    settings.endGroup();
    rememberSession(session);
    const QString path = teamDatabasePath(m_options.localDatabase, session.server, session.userId);
    if (!m_db || m_db->path() != path) {
        if (!openWorkspace(path, session.actor(), false))
            return false;
    } else {
        m_service->setActor(session.actor());
    }
    startTeam(session);
    if (m_sync->firstDownload())
        showFirstDownload();
    return true;
}

void ClientShell::startTeam(const AuthSession &session)
{
    m_scheduler->setTeamMode(true);
    m_teamSettings = std::make_unique<ServerTeamSettings>(*m_service, m_sync->network(), session.server,
                                                          [this] { return m_sync ? m_sync->session().accessToken : QString(); });
    connect(m_teamSettings.get(), &TeamSettings::changed, m_window.get(), &MainWindow::applyPermissions);
    if (m_window->leadsPage() && m_window->leadsPage()->savedViews())
        m_window->leadsPage()->savedViews()->setTeamSettings(m_teamSettings.get());
    m_lastMirrorMs = 0;
    m_sync->start(session);
}

void ClientShell::mirrorTeamSettings()
{
    if (!m_teamSettings)
        return;
    m_lastMirrorMs = QDateTime::currentMSecsSinceEpoch();
    m_teamSettings->load([](const QString &) {});
}

void ClientShell::openSettings()
{
    if (!m_service || !m_window)
        return;
    LocalTeamSettings local(*m_service);
    connect(&local, &TeamSettings::changed, m_window.get(), &MainWindow::applyPermissions);
    TeamSettings &team = m_teamSettings && m_sync && m_sync->isSignedIn() ? static_cast<TeamSettings &>(*m_teamSettings)
                                                                          : local;
    std::unique_ptr<ServerAiSettings> serverAi;
    AiSettingsBackend *ai = m_scheduler.get();
    if (&team != &local) {
        const bool canManage = team.permissions().allows(m_service->actor().role, Permission::ManageSettings);
        serverAi = std::make_unique<ServerAiSettings>(m_sync->network(), m_sync->session().server,
                                                      [this] { return m_sync ? m_sync->session().accessToken : QString(); },
                                                      canManage);
        serverAi->setAttributeKeysSource([this] { return m_scheduler ? m_scheduler->attributeKeys() : QStringList(); });
        serverAi->refresh();
        ai = serverAi.get();
    }
    SettingsDialog dialog(m_service->actor(), team, ai, m_window.get());
    dialog.exec();
}

void ClientShell::showFirstDownload()
{
    if (!m_options.interactive || !m_window)
        return;
    auto *dialog = new QProgressDialog(tr("Downloading your team's leads…"), tr("Cancel"), 0, 0, m_window.get());
    dialog->setWindowTitle(tr("First sync"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumDuration(800);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(m_sync.get(), &SyncController::downloadProgress, dialog, [dialog](int applied) {
        if (dialog->maximum() == 0) // until the first chunk says how many leads there are
            dialog->setLabelText(tr("Downloading your team's leads… %1 so far").arg(QLocale().toString(applied)));
    });
    // Scaled to 0–1000: a progress bar holds an int, a workspace may not.
    connect(m_sync.get(), &SyncController::firstDownloadProgress, dialog, [dialog](qint64 done, qint64 total) {
        if (total <= 0)
            return;
        dialog->setRange(0, 1000);
        dialog->setValue(int(std::min<qint64>(1000, done * 1000 / total)));
        dialog->setLabelText(tr("Downloading your team's leads… %1 of %2")
                                 .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    // The indexes are built once after the last lead, which cannot be stopped half-way.
    connect(m_sync.get(), &SyncController::firstDownloadIndexing, dialog, [dialog](int step, int steps) {
        dialog->setCancelButton(nullptr);
        dialog->setRange(0, std::max(1, steps));
        dialog->setValue(std::min(step, steps));
        dialog->setLabelText(tr("Preparing search and sorting (step %1 of %2)…").arg(step + 1).arg(steps));
    });
    connect(dialog, &QProgressDialog::canceled, m_sync.get(), &SyncController::cancel);
    m_download = dialog;
}

void ClientShell::askSignOut()
{
    if (!m_sync || !m_sync->isSignedIn())
        return;
    QMessageBox box(QMessageBox::Question, tr("Sign out"),
                    tr("Sign out of %1?").arg(m_sync->session().server.host()), QMessageBox::Cancel,
                    m_window.get());
    QPushButton *signOutButton = box.addButton(tr("Sign out"), QMessageBox::AcceptRole);
    auto *remove = new QCheckBox(tr("Also remove the team's leads from this computer"), &box);
    box.setCheckBox(remove);
    const int pending = m_sync->pendingCount();
    if (pending > 0) {
        box.setInformativeText(tr("%n change(s) have not reached the server yet. They stay on this computer "
                                  "and are sent when you sign in again — unless you remove the leads.",
                                  nullptr, pending));
    }
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != signOutButton)
        return;
    signOut(remove->isChecked());
}

void ClientShell::signOut(bool removeLocalCopy)
{
    if (!m_sync)
        return;
    const AuthSession session = m_sync->session();
    const QString teamPath = m_db ? m_db->path() : QString();
    // Tell the server (its answer does not matter: the tokens are dropped either way).
    if (!session.accessToken.isEmpty()) {
        auto *nam = new QNetworkAccessManager(this);
        auto *auth = new AuthClient(nam, nam);
        auth->setTimeoutMs(10000);
        auth->signOut(session.server, session.accessToken, false, [nam] { nam->deleteLater(); });
    }
    forgetSession();
    if (!openWorkspace(m_options.localDatabase, localOwner(), m_options.sampleData))
        return;
    if (removeLocalCopy && !teamPath.isEmpty() && teamPath != m_options.localDatabase) {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(teamPath + suffix);
    }
}

} // namespace Leads
