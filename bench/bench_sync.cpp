// SPDX-License-Identifier: GPL-3.0-or-later
// bench_sync: the first sync of a large workspace from leads-server on loopback into an
// empty client database (rows per second end to end, client and server CPU time), and
// the round trip of one change from client A to client B (A's round that pushes it, B's
// round that pulls it; median of 20).
// Before that, the baseline: the old paged pull and the snapshot on a small workspace, and
// after it a sqlite3-shell copy of the same rows into a fresh client file.
// Usage: bench_sync [--leads N (default LEADS_BENCH_LEADS or 1000000)] [--chunk N (leads per snapshot chunk)]
//                   [--baseline-leads N (default 5000; 0 skips)] [--page N (changes per pull page)]
//                   [--keep DIR (leave the databases there; the seeded servers are reused)] [--no-sqlite-copy]
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
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
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

// A server database with `leads` sample leads in `dir` (made once, reused with --keep).
bool seedServer(const QString &serverDb, qint64 leads)
{
    if (QFile::exists(serverDb))
        return true;
    std::printf("seeding a server with %lld leads...\n", static_cast<long long>(leads));
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
        return false;
    }
    std::printf("  seeded in %.1f s\n", double(t.elapsed()) / 1000.0);
    return true;
}

// leads-server on an existing database file, waited for however long it takes to listen.
class BigServer
{
public:
    explicit BigServer(const QString &db) : m_db(db) { }
    ~BigServer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate(); // our own child, by its pid
            if (!m_process.waitForFinished(30000))
                m_process.kill();
        }
    }
    bool start()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"), QStringLiteral("1000"));
        m_process.setProcessEnvironment(env);
        m_process.setStandardErrorFile(QProcess::nullDevice());
        // A first sync of a million leads on a busy machine outlasts the default access
        // token (15 min); refreshing it is the application's job, not the engine's.
        m_process.start(QStringLiteral(LEADS_SERVER_PATH),
                        {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
                         QStringLiteral("sqlite:") + m_db, QStringLiteral("--access-ttl"), QStringLiteral("14400")});
        if (!m_process.waitForStarted(10000))
            return false;
        QByteArray out;
        while (m_port == 0 && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(500);
            out += m_process.readAllStandardOutput();
            const qsizetype at = out.indexOf("listening on http://127.0.0.1:");
            const qsizetype end = out.indexOf('\n', at);
            if (at >= 0 && end > at)
                m_port = quint16(out.mid(at + 30, end - at - 30).trimmed().toUInt());
        }
        return m_port != 0;
    }
    quint16 port() const { return m_port; }
    QString login()
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/auth/login").arg(m_port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const QJsonObject body {{QStringLiteral("username"), QStringLiteral("admin")},
                                {QStringLiteral("password"), ServerHarness::kAdminPassword}};
        QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QString token =
            QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("accessToken")).toString();
        reply->deleteLater();
        return token;
    }

private:
    QString m_db;
    QProcess m_process;
    quint16 m_port = 0;
};

struct FirstSync
{
    bool ok = false;
    qint64 leads = 0;
    qint64 interactions = 0;
    double seconds = 0;
    double clientCpu = 0;
    double serverCpu = 0;
    int requests = 0;
    Leads::SyncEngine::DownloadStats stats;
};

// One first sync of an empty client file from a server on `serverDb`: through the
// snapshot (chunk > 0, or 0 for the engine's default) or the old paged pull (chunk < 0).
FirstSync firstSync(const QString &serverDb, const QString &clientDb, int chunk, int page)
{
    FirstSync r;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(clientDb + suffix);
    // Started here rather than through the test harness: on a large workspace the
    // server trains its scoring model before it listens, which takes longer than the
    // harness waits.
    BigServer server(serverDb);
    if (!server.start()) {
        std::fprintf(stderr, "bench_sync: the server did not start\n");
        return r;
    }
    const QString admin = server.login();
    if (admin.isEmpty()) {
        std::fprintf(stderr, "bench_sync: signing in failed\n");
        return r;
    }
    auto opened = Leads::Database::open(clientDb);
    if (!opened) {
        std::fprintf(stderr, "bench_sync: %s\n", qPrintable(opened.error().message()));
        return r;
    }
    Leads::Database &db = *opened.value();
    QNetworkAccessManager nam;
    Leads::SyncEngine::Config config;
    config.serverUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    config.timeoutMs = 600000;
    if (chunk < 0)
        config.snapshotLimit = 0;
    else if (chunk > 0)
        config.snapshotLimit = chunk;
    if (page > 0)
        config.pullLimit = page;
    Leads::SyncEngine engine(db, &nam, config);
    engine.setAccessToken(admin);
    QElapsedTimer wall;
    QElapsedTimer progressClock;
    progressClock.start();
    QObject::connect(&engine, &Leads::SyncEngine::progress, &engine, [&](int n) {
        if (progressClock.elapsed() >= 5000 || qEnvironmentVariableIsSet("BENCH_SYNC_VERBOSE")) {
            progressClock.restart();
            std::printf("  ... %d rows at %.1f s\n", n, double(wall.elapsed()) / 1000.0);
            std::fflush(stdout);
        }
    });

    const double cpu0 = Bench::cpuSeconds(RUSAGE_SELF);
    const double server0 = serverCpuSeconds();
    wall.start();
    QString why;
    if (!waitSynced(engine, 3600 * 1000, &why)) {
        std::fprintf(stderr, "bench_sync: the first sync failed: %s\n", qPrintable(why));
        return r;
    }
    r.seconds = double(wall.elapsed()) / 1000.0;
    r.clientCpu = Bench::cpuSeconds(RUSAGE_SELF) - cpu0;
    r.serverCpu = serverCpuSeconds() - server0;
    r.requests = engine.requestsSent();
    r.stats = engine.downloadStats();
    QSqlQuery q(db.connection());
    r.leads = q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next() ? q.value(0).toLongLong() : -1;
    r.interactions =
        q.exec(QStringLiteral("SELECT COUNT(*) FROM interactions")) && q.next() ? q.value(0).toLongLong() : -1;
    r.ok = true;
    return r;
}

void report(const char *what, const FirstSync &r, bool snapshot)
{
    const double rows = double(r.leads + r.interactions);
    std::printf("%s: %lld leads + %lld timeline rows in %.1f s = %.0f leads/s, %.0f rows/s end to end\n", what,
                static_cast<long long>(r.leads), static_cast<long long>(r.interactions), r.seconds,
                double(r.leads) / r.seconds, rows / r.seconds);
    std::printf("  CPU: client %.1f s, server %.1f s; %d requests\n", r.clientCpu, r.serverCpu, r.requests);
    if (snapshot)
        std::printf("  client: decoding %d chunks %.1f s, writing them %.1f s, indexes %s %.1f s; "
                    "the rest (%.1f s) waiting for the server and the transfer beyond the overlap\n",
                    r.stats.chunks, double(r.stats.decodeMs) / 1000.0, double(r.stats.writeMs) / 1000.0,
                    r.stats.searchIndexAlongside ? "(search index built alongside)" : "and search index once",
                    double(r.stats.indexMs) / 1000.0,
                    r.seconds - double(r.stats.decodeMs + r.stats.writeMs + r.stats.indexMs) / 1000.0);
    std::fflush(stdout);
}

// The same rows copied by the sqlite3 shell from the server's file into a fresh client
// file (its schema, indexes and search-index triggers as the application creates them):
// what a local copy with no network and no protocol costs.
double sqliteCopy(const QString &serverDb, const QString &copyDb)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(copyDb + suffix);
    {
        auto opened = Leads::Database::open(copyDb);
        if (!opened)
            return -1;
    }
    const QString sql = QStringLiteral(
        "ATTACH '%1' AS s; BEGIN; "
        "INSERT INTO users (id, username, display_name, role, active, created_at) "
        "SELECT id, username, display_name, role, active, created_at FROM s.users; "
        "INSERT INTO contacts (id, phone, email, display_name, created_at) "
        "SELECT id, phone, email, display_name, created_at FROM s.contacts; "
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, source_detail, "
        "campaign, status, status_rank, status_version, is_final, lost_reason, assignee_id, ai_score, manual_score, "
        "score, qualification_method, follow_up_at, created_at, updated_at, last_activity_at, version, server_seq, "
        "ai_reasons) SELECT id, contact_id, name, company, phone, email, phone, source, source_detail, campaign, "
        "status, status_rank, status_v, is_final, lost_reason, assignee_id, ai_score, manual_score, score, "
        "qualification_method, follow_up_at, created_at, updated_at, last_activity_at, version, change_seq, "
        "ai_reasons FROM s.leads WHERE deleted = 0 ORDER BY id; "
        "INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, body, data, synced) "
        "SELECT id, lead_id, kind, occurred_at, author_id, author_name, body, data, 1 FROM s.interactions "
        "ORDER BY lead_id, occurred_at, id; COMMIT;")
                              .arg(serverDb);
    QElapsedTimer t;
    t.start();
    QProcess sqlite;
    sqlite.setProcessChannelMode(QProcess::ForwardedChannels);
    sqlite.start(QStringLiteral("sqlite3"), {copyDb, sql});
    if (!sqlite.waitForFinished(-1) || sqlite.exitCode() != 0)
        return -1;
    return double(t.elapsed()) / 1000.0;
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
    const QString defaultLeads = qEnvironmentVariableIsSet("LEADS_BENCH_LEADS")
                                     ? qEnvironmentVariable("LEADS_BENCH_LEADS")
                                     : QStringLiteral("1000000");
    const QCommandLineOption leadsOpt(QStringLiteral("leads"),
                                      QStringLiteral("Leads on the server (default LEADS_BENCH_LEADS or 1000000)."),
                                      QStringLiteral("N"), defaultLeads);
    const QCommandLineOption chunkOpt(QStringLiteral("chunk"), QStringLiteral("Leads per snapshot chunk."),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption baselineOpt(QStringLiteral("baseline-leads"),
                                         QStringLiteral("Leads for the paged-pull baseline (0: skip)."),
                                         QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption pageOpt(QStringLiteral("page"), QStringLiteral("Changes per pull page."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption keepOpt(QStringLiteral("keep"),
                                     QStringLiteral("Keep the databases in DIR (the servers' are reused)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption noCopyOpt(QStringLiteral("no-sqlite-copy"),
                                       QStringLiteral("Skip the sqlite3 copy of the same rows."));
    cli.addOptions({leadsOpt, chunkOpt, baselineOpt, pageOpt, keepOpt, noCopyOpt});
    cli.process(app);
    const qint64 leads = cli.value(leadsOpt).toLongLong();
    const qint64 baseline = cli.value(baselineOpt).toLongLong();
    if (leads < 1 || leads > 10000000 || baseline < 0 || baseline > 1000000) {
        std::fprintf(stderr, "bench_sync: --leads takes 1 to 10000000, --baseline-leads 0 to 1000000\n");
        return 2;
    }
    QTemporaryDir tmp;
    const QString dir = cli.isSet(keepOpt) ? cli.value(keepOpt) : tmp.path();
    QDir().mkpath(dir);
    const int chunk = cli.value(chunkOpt).toInt();
    const int page = cli.value(pageOpt).toInt();
    const QString client = dir + QStringLiteral("/client.sqlite");

    // The baseline first, on a small workspace: the paged pull from change number 0 (as
    // every first sync was before the snapshot), and the snapshot on the same rows.
    if (baseline > 0) {
        const QString small = dir + QStringLiteral("/server-%1.sqlite").arg(baseline);
        if (!seedServer(small, baseline))
            return 1;
        const FirstSync paged = firstSync(small, client, -1, page);
        if (!paged.ok || paged.leads != baseline)
            return 1;
        report("baseline, paged pull", paged, false);
        const FirstSync fast = firstSync(small, client, chunk, page);
        if (!fast.ok || fast.leads != baseline)
            return 1;
        report("snapshot, same rows", fast, true);
        std::printf("  snapshot / paged pull: %.1fx the leads per second\n",
                    (double(fast.leads) / fast.seconds) / (double(paged.leads) / paged.seconds));
    }

    const QString big = dir + QStringLiteral("/server-%1.sqlite").arg(leads);
    if (!seedServer(big, leads))
        return 1;
    const FirstSync fast = firstSync(big, client, chunk, page);
    if (!fast.ok)
        return 1;
    report("first sync through the snapshot", fast, true);
    std::printf("  target >= 50000 rows/s end to end: %s\n",
                double(fast.leads + fast.interactions) / fast.seconds >= 50000 ? "met" : "NOT met");
    if (fast.leads != leads) {
        std::fprintf(stderr, "bench_sync: %lld leads arrived, %lld expected\n", static_cast<long long>(fast.leads),
                     static_cast<long long>(leads));
        return 1;
    }
    QFile::remove(client);
    if (!cli.isSet(noCopyOpt)) {
        const double copy = sqliteCopy(big, dir + QStringLiteral("/copy.sqlite"));
        if (copy > 0)
            std::printf("baseline, sqlite3 copy of the same rows into a fresh client file (no network, indexes and "
                        "search triggers on): %.1f s = %.0f leads/s; snapshot / copy: %.2fx the time\n",
                        copy, double(leads) / copy, fast.seconds / copy);
        else
            std::printf("baseline, sqlite3 copy: failed (is the sqlite3 shell installed?)\n");
        QFile::remove(dir + QStringLiteral("/copy.sqlite"));
    }
    return roundTrip();
}
