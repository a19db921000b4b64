// SPDX-License-Identifier: GPL-3.0-or-later
// Sync across crashes and restarts, end to end with the real leads-server on 127.0.0.1:
// a client process killed (SIGKILL) in the middle of a push, the server restarted in the
// middle of a download, and an access token that expires while a round runs.
#include "test_syncsupport.h"
#include "testsupport.h"

#include "domain/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using LeadsTest::FakeNam;
using LeadsTest::ServerHarness;
using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;
using Leads::SyncEngine;

namespace {
const QString kPush = QStringLiteral("/v1/sync/push");

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

// This test binary again, as a separate desktop client on the given database file.
class ChildClient
{
public:
    struct Run
    {
        QString prefix;  // notes typed are "<prefix>-<n>"
        int type = 0;    // how many notes to type while syncing
        int stallAt = 0; // the n-th push is applied by the server but its answer never arrives
    };

    ChildClient(const SyncTeam &team, const QString &dbPath, const QString &leadId, const Run &run)
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_URL"), team.url);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_TOKEN"), team.manager);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_USER"), team.managerId);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_DB"), dbPath);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_LEAD"), leadId);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_PREFIX"), run.prefix);
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_TYPE"), QString::number(run.type));
        e.insert(QStringLiteral("LEADS_SYNC_CHILD_STALL"), QString::number(run.stallAt));
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        m_process.setProcessEnvironment(e);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("[sync-child]")});
        REQUIRE(m_process.waitForStarted(10000));
    }

    ~ChildClient()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill(); // our own child, by its pid
            m_process.waitForFinished(5000);
        }
    }

    // Reads the child's report until `stop` holds for a line; false on exit or timeout.
    bool waitFor(const std::function<bool(const QString &)> &stop, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                lines << line;
                if (line.startsWith(QLatin1String("typed ")))
                    typed << line.mid(6);
                if (stop(line))
                    return true;
            }
            if (m_process.state() == QProcess::NotRunning && !m_process.canReadLine())
                return false;
            m_process.waitForReadyRead(50);
        }
        return false;
    }

    void killNow()
    {
        m_process.kill(); // SIGKILL: no destructor, no last write
        REQUIRE(m_process.waitForFinished(5000));
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line.startsWith(QLatin1String("typed ")))
                typed << line.mid(6);
        }
    }

    int exitCode()
    {
        m_process.waitForFinished(10000);
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QStringList lines;
    QStringList typed;

private:
    QProcess m_process;
};

QStringList localNotes(const QString &dbPath, const QString &leadId)
{
    auto db = Leads::Database::open(dbPath);
    REQUIRE(db);
    QSqlQuery q(db.value()->connection());
    q.prepare(QStringLiteral("SELECT body FROM interactions WHERE lead_id = ? AND kind = 'note' ORDER BY body"));
    q.addBindValue(leadId);
    REQUIRE(q.exec());
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

int serverLeadCount(ServerHarness &server)
{
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("server-count"));
        db.setDatabaseName(server.databasePath());
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        REQUIRE(db.open());
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next())
            n = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("server-count"));
    return n;
}
} // namespace

// The child side of the kill test: types notes (each committed locally before it says
// "typed"), syncs all the while in small batches, and says "answered" for every push the
// server handled, so the parent can kill it exactly between the server's commit and ours.
TEST_CASE("sync child process", "[.][sync-child]")
{
    if (env("LEADS_SYNC_CHILD_DB").isEmpty())
        return; // only ever run by the kill test, which says where
    auto opened = Leads::Database::open(env("LEADS_SYNC_CHILD_DB"));
    REQUIRE(opened);
    Leads::Database &db = *opened.value();
    Leads::LeadService service(db, {env("LEADS_SYNC_CHILD_USER"), QStringLiteral("MONA"), Leads::Role::Manager},
                               Leads::Clock::system());
    FakeNam nam;
    auto config = LeadsTest::fastConfig(env("LEADS_SYNC_CHILD_URL"));
    config.pushBatch = 5;
    SyncEngine engine(db, &nam, config);
    engine.setAccessToken(env("LEADS_SYNC_CHILD_TOKEN"));
    QTextStream out(stdout);
    QObject::connect(&nam, &FakeNam::answered, &nam, [&](const QString &path, int status) {
        out << "answered " << path << ' ' << status << Qt::endl;
    });
    const QString leadId = env("LEADS_SYNC_CHILD_LEAD");
    const QString prefix = env("LEADS_SYNC_CHILD_PREFIX");
    const int toType = env("LEADS_SYNC_CHILD_TYPE").toInt();
    const int stallAt = env("LEADS_SYNC_CHILD_STALL").toInt();

    QEventLoop loop;
    bool done = false;
    int typed = 0;
    QTimer typing;
    typing.setInterval(3);
    QObject::connect(&typing, &QTimer::timeout, &loop, [&] {
        if (typed == toType) {
            typing.stop();
            engine.syncNow();
            return;
        }
        const QString text = prefix + u'-' + QString::number(typed);
        REQUIRE(service.addNote(leadId, text));
        out << "typed " << text << Qt::endl;
        ++typed;
    });
    QObject::connect(&engine, &SyncEngine::synced, &loop, [&] {
        if (typed < toType || engine.store().pendingCount() > 0 || engine.store().awaitingAckCount() > 0)
            return;
        done = true;
        loop.quit();
    });
    QObject::connect(&engine, &SyncEngine::failed, &loop, [&](const QString &reason, bool retrying) {
        out << "failed " << reason << Qt::endl;
        if (!retrying)
            loop.quit();
    });

    // The lead must be here before anything is typed on it.
    QSignalSpy first(&engine, &SyncEngine::synced);
    engine.syncNow();
    REQUIRE(first.wait(15000));
    for (int i = 1; i < stallAt; ++i)
        nam.addFault(kPush, FakeNam::Fault::None);
    if (stallAt > 0)
        nam.addFault(kPush, FakeNam::Fault::Stall);
    engine.setAutoSync(30);
    typing.start();
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    REQUIRE(done);
    out << "done" << Qt::endl;
}

TEST_CASE("A client killed in the middle of a push loses nothing typed and nothing reaches the server twice",
          "[sync][e2e]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString dbPath = dir.filePath(QStringLiteral("client.sqlite"));
    QStringList typed;
    {
        // Killed right after the server applied its third push, before the answer arrived.
        ChildClient child(team, dbPath, leadId, {QStringLiteral("a"), 60, 3});
        int pushes = 0;
        REQUIRE(child.waitFor([&](const QString &line) {
            return line.startsWith(QLatin1String("answered ") + kPush) && ++pushes == 3;
        }));
        child.killNow();
        typed << child.typed;
        CHECK(child.typed.size() >= 10); // it was typing while it pushed
    }
    {
        // Killed again while typing and pushing, at a moment nobody chose.
        ChildClient child(team, dbPath, leadId, {QStringLiteral("b"), 60, 0});
        REQUIRE(child.waitFor([](const QString &line) { return line == QLatin1String("typed b-25"); }));
        child.killNow();
        typed << child.typed;
    }
    {
        ChildClient child(team, dbPath, leadId, {QStringLiteral("c"), 0, 0});
        REQUIRE(child.waitFor([](const QString &line) { return line == QLatin1String("done"); }));
        CHECK(child.exitCode() == 0);
    }

    const QStringList server = team.serverNotes(leadId);
    const QStringList local = localNotes(dbPath, leadId);
    CHECK(QSet<QString>(server.begin(), server.end()).size() == server.size()); // nothing twice
    for (const QString &text : std::as_const(typed)) {
        INFO("typed " << text.toStdString());
        CHECK(server.contains(text)); // nothing lost
    }
    CHECK(local == server);
    CHECK(server.size() >= typed.size());
}

TEST_CASE("A server restarted in the middle of a download: the client resumes where it was and converges",
          "[sync][e2e]")
{
    ServerHarness::Options options;
    options.extraArgs = QStringList {QStringLiteral("--sample-data"), QStringLiteral("2000")};
    auto first = std::make_unique<ServerHarness>(options);
    REQUIRE(first->start());
    const quint16 port = first->port();
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const QString admin = first->adminToken();
    const int total = serverLeadCount(*first);
    REQUIRE(total >= 2000);
    const QString adminId = first->request("GET", QStringLiteral("/v1/me"), {}, admin)
                                .json.value(QStringLiteral("user"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toString();

    auto config = LeadsTest::fastConfig(url);
    config.pullLimit = 100;
    SyncClient client(url, admin, {adminId, QStringLiteral("ADMIN"), Leads::Role::Admin}, nullptr, config);
    int applied = 0;
    int roundApplied = 0;
    std::unique_ptr<ServerHarness> second;
    bool stopped = false;
    QObject::connect(client.engine.get(), &SyncEngine::progress, client.engine.get(), [&](int n) {
        applied += n - roundApplied;
        roundApplied = n;
        if (!stopped && applied >= 800) {
            stopped = true;
            first->stopAndCollectLog();
            // Back on the same port and database a moment later, as after an upgrade.
            QTimer::singleShot(300, client.engine.get(), [&] {
                ServerHarness::Options again;
                again.bootstrap = false;
                again.dbUrl = QStringLiteral("sqlite:") + first->databasePath();
                again.extraArgs = QStringList {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port)};
                for (int attempt = 0; attempt < 3; ++attempt) {
                    second = std::make_unique<ServerHarness>(again);
                    if (second->start())
                        return;
                    qWarning() << "restarting the server:" << second->why();
                    second.reset();
                }
            });
        }
    });
    QObject::connect(client.engine.get(), &SyncEngine::statusChanged, client.engine.get(),
                     [&](SyncEngine::Status s) {
                         if (s == SyncEngine::Status::Syncing)
                             roundApplied = 0;
                     });
    const bool synced = client.sync(120000);
    INFO("failures: " << client.failures.join(QStringLiteral(" / ")).toStdString());
    INFO("status " << int(client.engine->status()));
    REQUIRE(synced);
    REQUIRE(stopped);
    REQUIRE(second);
    CHECK_FALSE(client.failures.isEmpty()); // it did see the server go away
    CHECK(client.leads() == total);
    CHECK(serverLeadCount(*first) == total);
    // Resumed from its cursor: what came before the restart was not downloaded again. A
    // client that never saw the restart is the measure.
    SyncClient fresh(url, admin, {adminId, QStringLiteral("ADMIN"), Leads::Role::Admin}, nullptr, config);
    int reference = 0;
    QObject::connect(fresh.engine.get(), &SyncEngine::progress, fresh.engine.get(), [&](int n) { reference = n; });
    REQUIRE(fresh.sync(120000));
    CHECK(fresh.leads() == total);
    CHECK(reference > 0);
    CHECK(applied <= reference + 2 * config.pullLimit);
}

TEST_CASE("An access token that expires during a round asks for a new one, then the round converges", "[sync][e2e]")
{
    SyncTeam team;
    const QString leadId = team.lead();
    auto config = LeadsTest::fastConfig(team.url);
    config.pullLimit = 5;
    SyncClient client(team.url, team.manager, team.managerActor(), nullptr, config);
    REQUIRE(client.sync());
    REQUIRE(client.service->addNote(leadId, QStringLiteral("Typed before the token expired")));
    for (int i = 0; i < 30; ++i)
        team.lead();

    // A day passes on the server after the first page: the 15-minute token is now stale.
    bool aged = false;
    QObject::connect(client.engine.get(), &SyncEngine::progress, client.engine.get(), [&] {
        if (!aged) {
            aged = true;
            team.server.setClockOffset(24 * 3600);
        }
    });
    int expired = 0;
    QObject::connect(client.engine.get(), &SyncEngine::accessTokenExpired, client.engine.get(), [&] {
        ++expired;
        CHECK(client.engine->status() == SyncEngine::Status::Failed);
        // What the application does: refresh (here: sign in again) and hand the token over.
        QTimer::singleShot(100, client.engine.get(), [&] {
            client.engine->setAccessToken(
                team.server.login(QStringLiteral("mona"), team.server.userPassword(QStringLiteral("mona"))));
        });
    });
    QSignalSpy synced(client.engine.get(), &SyncEngine::synced);
    client.engine->syncNow();
    REQUIRE(synced.wait(20000));
    CHECK(aged);
    CHECK(expired == 1);
    CHECK(client.engine->status() == SyncEngine::Status::Idle);
    CHECK(client.leads() == 31);
    team.admin = team.server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword); // aged too
    CHECK(team.serverNotes(leadId) == QStringList {QStringLiteral("Typed before the token expired")});
    CHECK(client.outbox() == 0);
}
