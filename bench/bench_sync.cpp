// SPDX-License-Identifier: GPL-3.0-or-later
// bench_sync: the first sync of a large workspace from leads-server on loopback into an
// empty client database (rows per second end to end, client and server CPU time), and
// the round trip of one change from client A to client B (A's round that pushes it, B's
// round that pulls it; median of 20).
// Usage: bench_sync [--leads N (default 20000: a server seeded in one transaction sends it as one page, so a million does not fit in memory yet — see docs/sync.md)] [--page N (default the engine's)]
//                   [--keep DIR (leave the databases there)]
#include "benchsupport.h"
#include "test_serverharness.h"

#include "domain/clock.h"
#include "domain/permissions.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using LeadsTest::ServerHarness;

namespace {

// CPU seconds (user + system) of our own leads-server children, from /proc.
double serverCpuSeconds()
{
    double total = 0;
    const long tick = sysconf(_SC_CLK_TCK);
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        if (close < 0 || !line.left(close).contains("(leads-server"))
            continue;
        const QList<QByteArray> f = line.mid(close + 2).split(' ');
        // after the name: state(0) ppid(1) ... utime(11) stime(12)
        if (f.size() > 12 && f.at(1).toLongLong() == getpid())
            total += double(f.at(11).toLongLong() + f.at(12).toLongLong()) / double(tick);
    }
    return total;
}

bool waitSynced(Leads::SyncEngine &engine, int timeoutMs, QString *why)
{
    QEventLoop loop;
    bool ok = false;
    QObject::connect(&engine, &Leads::SyncEngine::synced, &loop, [&] {
        ok = true;
        loop.quit();
    });
    QObject::connect(&engine, &Leads::SyncEngine::failed, &loop, [&](const QString &reason, bool retrying) {
        *why = reason;
        if (!retrying)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine.syncNow();
    loop.exec();
    return ok;
}

QString userId(ServerHarness &server, const QString &token)
{
    return server.request("GET", QStringLiteral("/v1/me"), {}, token)
        .json.value(QStringLiteral("user"))
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v.at(v.size() / 2);
}

int firstSync(qint64 leads, int page, const QString &keep)
{
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    const QString serverDb = dir + QStringLiteral("/server.sqlite");
    const QString clientDb = dir + QStringLiteral("/client.sqlite");
    QFile::remove(clientDb);
    QFile::remove(clientDb + QStringLiteral("-wal"));
    QFile::remove(clientDb + QStringLiteral("-shm"));

    // The server's workspace, made once (and reused with --keep).
    if (!QFile::exists(serverDb)) {
        std::printf("seeding the server with %lld leads...\n", static_cast<long long>(leads));
        std::fflush(stdout);
        QElapsedTimer t;
        t.start();
        QProcess init;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LEADS_ADMIN_PASSWORD"), ServerHarness::kAdminPassword);
        env.insert(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"), QStringLiteral("1000"));
        init.setProcessEnvironment(env);
        init.setProcessChannelMode(QProcess::ForwardedChannels);
        init.start(QStringLiteral(LEADS_SERVER_PATH),
                   {QStringLiteral("--db"), QStringLiteral("sqlite:") + serverDb, QStringLiteral("--bootstrap-admin"),
                    QStringLiteral("admin"), QStringLiteral("--sample-data"), QString::number(leads),
                    QStringLiteral("--init-only")});
        if (!init.waitForFinished(-1) || init.exitCode() != 0) {
            std::fprintf(stderr, "bench_sync: seeding the server failed\n");
            return 1;
        }
        std::printf("  seeded in %.1f s\n", double(t.elapsed()) / 1000.0);
    }
    ServerHarness::Options options;
    options.bootstrap = false;
    options.dbUrl = QStringLiteral("sqlite:") + serverDb;
    ServerHarness server(options);
    if (!server.start()) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(server.why()));
        return 1;
    }
    const QString admin = server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword);

    auto opened = Leads::Database::open(clientDb);
    if (!opened) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(opened.error().message()));
        return 1;
    }
    Leads::Database &db = *opened.value();
    QNetworkAccessManager nam;
    Leads::SyncEngine::Config config;
    config.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    config.timeoutMs = 120000;
    if (page > 0)
        config.pullLimit = page;
    Leads::SyncEngine engine(db, &nam, config);
    engine.setAccessToken(admin);
    int lastProgress = 0;
    QElapsedTimer wall;
    QElapsedTimer progressClock;
    progressClock.start();
    QObject::connect(&engine, &Leads::SyncEngine::progress, &engine, [&](int n) {
        lastProgress = n;
        if (progressClock.elapsed() >= 5000 || qEnvironmentVariableIsSet("BENCH_SYNC_VERBOSE")) {
            progressClock.restart();
            std::printf("  ... %d changes at %.1f s\n", n, double(wall.elapsed()) / 1000.0);
            std::fflush(stdout);
        }
    });

    const double cpu0 = Bench::cpuSeconds(RUSAGE_SELF);
    const double server0 = serverCpuSeconds();
    wall.start();
    QString why;
    if (!waitSynced(engine, 3600 * 1000, &why)) {
        std::fprintf(stderr, "bench_sync: the first sync failed: %s\n", qPrintable(why));
        return 1;
    }
    const double seconds = double(wall.elapsed()) / 1000.0;
    const double cpu = Bench::cpuSeconds(RUSAGE_SELF) - cpu0;
    const double serverCpu = serverCpuSeconds() - server0;
    QSqlQuery q(db.connection());
    const qint64 rows = q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next() ? q.value(0).toLongLong() : -1;
    std::printf("first sync: %lld leads (%d changes) in %.1f s = %.0f leads/s end to end (target >= 50000)\n",
                static_cast<long long>(rows), lastProgress, seconds, double(rows) / seconds);
    std::printf("  CPU: client %.1f s, server %.1f s; %d requests\n", cpu, serverCpu, engine.requestsSent());
    return rows == leads ? 0 : 1;
}

int roundTrip()
{
    ServerHarness::Options options;
    options.extraArgs = QStringList {QStringLiteral("--sample-data"), QStringLiteral("1000")};
    ServerHarness server(options);
    if (!server.start()) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(server.why()));
        return 1;
    }
    const QString admin = server.adminToken();
    server.createUser(admin, QStringLiteral("mona"), QStringLiteral("manager"));
    const QString tokenA = server.login(QStringLiteral("mona"), server.userPassword(QStringLiteral("mona")));
    const QString tokenB = server.login(QStringLiteral("mona"), server.userPassword(QStringLiteral("mona")));
    const Leads::Actor mona {userId(server, tokenA), QStringLiteral("MONA"), Leads::Role::Manager};
    QTemporaryDir dir;
    struct Client {
        std::unique_ptr<Leads::Database> db;
        std::unique_ptr<Leads::LeadService> service;
        std::unique_ptr<Leads::SyncEngine> engine;
    };
    QNetworkAccessManager nam;
    const auto make = [&](const QString &name, const QString &token) {
        auto opened = Leads::Database::open(dir.filePath(name));
        if (!opened)
            qFatal("bench_sync: %s", qPrintable(opened.error().message()));
        Client c;
        c.db = std::move(opened.value());
        c.service = std::make_unique<Leads::LeadService>(*c.db, mona, Leads::Clock::system());
        Leads::SyncEngine::Config config;
        config.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        c.engine = std::make_unique<Leads::SyncEngine>(*c.db, &nam, config);
        c.engine->setAccessToken(token);
        return c;
    };
    Client a = make(QStringLiteral("a.sqlite"), tokenA);
    Client b = make(QStringLiteral("b.sqlite"), tokenB);
    QString why;
    if (!waitSynced(*a.engine, 120000, &why) || !waitSynced(*b.engine, 120000, &why)) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(why));
        return 1;
    }
    QSqlQuery q(a.db->connection());
    q.exec(QStringLiteral("SELECT id FROM leads ORDER BY id LIMIT 1"));
    q.next();
    const QString leadId = q.value(0).toString();
    std::vector<double> push, pull, total;
    for (int i = 0; i < 20; ++i) {
        const QString text = QStringLiteral("round trip %1").arg(i);
        if (!a.service->addNote(leadId, text))
            return 1;
        QElapsedTimer t;
        t.start();
        if (!waitSynced(*a.engine, 30000, &why))
            return 1;
        const double pushed = double(t.nsecsElapsed()) / 1e6;
        if (!waitSynced(*b.engine, 30000, &why))
            return 1;
        const double both = double(t.nsecsElapsed()) / 1e6;
        QSqlQuery seen(b.db->connection());
        seen.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = ? AND body = ?"));
        seen.addBindValue(leadId);
        seen.addBindValue(text);
        if (!seen.exec() || !seen.next() || seen.value(0).toInt() != 1) {
            std::fprintf(stderr, "bench_sync: the change did not reach client B\n");
            return 1;
        }
        push.push_back(pushed);
        pull.push_back(both - pushed);
        total.push_back(both);
    }
    std::printf("round trip A -> B (median of 20): %.1f ms = A's round (push, then pull) %.1f ms + B's round (pull) "
                "%.1f ms\n",
                median(total), median(push), median(pull));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("First sync and round-trip latency against leads-server."));
    cli.addHelpOption();
    const QCommandLineOption leadsOpt(QStringLiteral("leads"), QStringLiteral("Leads on the server."),
                                      QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption pageOpt(QStringLiteral("page"), QStringLiteral("Changes per pull page."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption keepOpt(QStringLiteral("keep"),
                                     QStringLiteral("Keep the databases in DIR (the server's is reused)."),
                                     QStringLiteral("DIR"));
    cli.addOptions({leadsOpt, pageOpt, keepOpt});
    cli.process(app);
    const qint64 leads = cli.value(leadsOpt).toLongLong();
    if (leads < 1 || leads > 1000000) {
        std::fprintf(stderr, "bench_sync: --leads takes 1 to 1000000\n");
        return 2;
    }
    if (int rc = firstSync(leads, cli.value(pageOpt).toInt(), cli.value(keepOpt)); rc != 0)
        return rc;
    return roundTrip();
}
