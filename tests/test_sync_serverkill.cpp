// SPDX-License-Identifier: GPL-3.0-or-later
// The server killed with SIGKILL in the middle of a sync (no shutdown, no last write),
// then started again on the same database and port: the client resumes and converges,
// and every change typed offline reaches the server exactly once.
#include "test_syncsupport.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

using LeadsTest::ServerHarness;
using LeadsTest::SyncClient;
using Leads::SyncEngine;

namespace {

// leads-server on a database that already exists, on a fixed port, that the test can kill
// with SIGKILL (our own child, by its pid).
class KillableServer
{
public:
    KillableServer(const QString &dbPath, quint16 port)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"), QStringLiteral("1000"));
        m_process.setProcessEnvironment(env);
        m_process.setStandardErrorFile(QProcess::nullDevice());
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start(QStringLiteral(LEADS_SERVER_PATH),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--db"),
                         QStringLiteral("sqlite:") + dbPath});
        m_port = port;
    }
    ~KillableServer() { kill(); }

    // Waits until /v1/sync/hello answers.
    bool up(int timeoutMs = 20000)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            if (m_process.state() == QProcess::NotRunning)
                return false;
            QTcpSocket socket;
            socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (socket.waitForConnected(200)) {
                socket.write("GET /v1/sync/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                socket.waitForBytesWritten(500);
                QByteArray answer;
                while (socket.waitForReadyRead(500))
                    answer += socket.readAll();
                if (answer.startsWith("HTTP/1.1 200"))
                    return true;
            }
            QThread::msleep(50);
        }
        return false;
    }

    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // SIGKILL
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

QString userIdOf(ServerHarness &server, const QString &token)
{
    return server.request("GET", QStringLiteral("/v1/me"), {}, token)
        .json.value(QStringLiteral("user"))
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

qint64 serverScalar(const QString &dbPath, const QString &sql)
{
    qint64 n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("serverkill"));
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("serverkill"));
    return n;
}

} // namespace

TEST_CASE("The server killed with SIGKILL mid-sync, then restarted: the client converges, nothing lost or doubled",
          "[sync][e2e][serverkill]")
{
    // The workspace and the sign-in are made by an ordinary server, which then stops; the
    // session lives in the database, so the token works for the servers that follow.
    ServerHarness::Options options;
    options.extraArgs = QStringList {QStringLiteral("--sample-data"), QStringLiteral("1500")};
    ServerHarness seed(options);
    REQUIRE(seed.start());
    const quint16 port = seed.port();
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const QString admin = seed.adminToken();
    const Leads::Actor actor {userIdOf(seed, admin), QStringLiteral("ADMIN"), Leads::Role::Admin};
    const QString dbPath = seed.databasePath();
    seed.stopAndCollectLog();

    auto server = std::make_unique<KillableServer>(dbPath, port);
    REQUIRE(server->up());

    // Typed offline before the first sync: three new leads with two notes each.
    auto config = LeadsTest::fastConfig(url);
    config.snapshotLimit = 100;
    config.pushBatch = 2;
    LeadsTest::FakeNam nam; // the real network, with a lost answer on demand
    SyncClient client(url, admin, actor, &nam, config);
    QStringList typed;
    QStringList mine;
    for (int i = 0; i < 3; ++i) {
        Leads::NewLead lead;
        lead.name = QStringLiteral("Offline %1").arg(i);
        lead.phone = LeadsTest::uniquePhone();
        auto id = client.service->createLead(lead);
        REQUIRE(id);
        mine << id.value();
        for (int n = 0; n < 2; ++n) {
            const QString text = QStringLiteral("offline note %1.%2").arg(i).arg(n);
            REQUIRE(client.service->addNote(id.value(), text));
            typed << text;
        }
    }

    // Killed twice: once in the middle of the first download, once while the next
    // round pushes more notes. Each time it comes back on the same port a moment later.
    int kills = 0;
    auto restart = [&] {
        ++kills;
        server->kill();
        QTimer::singleShot(200, client.engine.get(), [&] {
            server = std::make_unique<KillableServer>(dbPath, port);
            CHECK(server->up());
        });
    };
    qint64 killedAt = 0;
    auto downloading = QObject::connect(client.engine.get(), &SyncEngine::downloadProgress, client.engine.get(),
                                        [&](qint64 done, qint64) {
                                            if (kills == 0 && done >= 500) {
                                                killedAt = done;
                                                restart();
                                            }
                                        });
    REQUIRE(client.sync(120000));
    QObject::disconnect(downloading);
    REQUIRE(kills == 1);
    INFO("killed after " << killedAt << " leads");
    CHECK_FALSE(client.failures.isEmpty()); // it did see the server go away

    const qint64 serverLeads = serverScalar(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads WHERE deleted = 0"));
    CHECK(serverLeads == 1503);
    CHECK(client.leads() == serverLeads);
    CHECK(client.outbox() == 0);

    // More notes, and a kill as soon as the server has answered the first push of them.
    for (int n = 0; n < 6; ++n) {
        const QString text = QStringLiteral("second round %1").arg(n);
        REQUIRE(client.service->addNote(mine.at(n % 3), text));
        typed << text;
    }
    // The server applies the first push of them, its answer is lost, and it dies.
    nam.addFault(QStringLiteral("/v1/sync/push"), LeadsTest::FakeNam::Fault::DropResponse);
    QObject::connect(&nam, &LeadsTest::FakeNam::answered, client.engine.get(), [&](const QString &path, int) {
        if (kills == 1 && path == QLatin1String("/v1/sync/push"))
            restart();
    });
    const bool converged = client.sync(120000);
    REQUIRE(converged);
    if (client.outbox() != 0)
        REQUIRE(client.sync(60000)); // a round that started before the restart may need one more
    CHECK(kills == 2);

    // Nothing lost, nothing twice: every typed note exactly once on the server and here.
    for (const QString &text : std::as_const(typed)) {
        INFO("note " << text.toStdString());
        CHECK(serverScalar(dbPath, QStringLiteral("SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND body = '%1'")
                                       .arg(text))
              == 1);
        QSqlQuery q(client.db->connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE kind = 'note' AND body = ?"));
        q.addBindValue(text);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 1);
    }
    for (const QString &id : std::as_const(mine))
        CHECK(serverScalar(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads WHERE id = '%1'").arg(id)) == 1);
    CHECK(client.outbox() == 0);
    CHECK(client.leads() == serverScalar(dbPath, QStringLiteral("SELECT COUNT(*) FROM leads WHERE deleted = 0")));
    CHECK(serverScalar(dbPath, QStringLiteral("SELECT COUNT(*) FROM interactions"))
          == [&] {
                 QSqlQuery q(client.db->connection());
                 return q.exec(QStringLiteral("SELECT COUNT(*) FROM interactions")) && q.next()
                            ? q.value(0).toLongLong()
                            : -2;
             }());
}
