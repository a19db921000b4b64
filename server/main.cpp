// SPDX-License-Identifier: GPL-3.0-or-later
// leads-server: the team server. Binds to localhost by default and must sit behind a
// reverse proxy (nginx: TLS, limits, timeouts); see docs/deploy.md.
#include "apiserver.h"
#include "auth/passwordhasher.h"
#include "guardedtcpserver.h"
#include "sampleimport.h"
#include "scoringworker.h"
#include "serverclock.h"
#include "serverdatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Leads;
using namespace Leads::Server;

namespace {

QTextStream &errStream()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &outStream()
{
    static QTextStream stream(stdout);
    return stream;
}

int fail(const QString &message, int code = 2)
{
    errStream() << "leads-server: " << message << Qt::endl;
    return code;
}

// The bootstrap password never travels on the command line (it would show in ps and
// shell history): LEADS_ADMIN_PASSWORD, or one line on stdin (not echoed on a terminal).
QString readAdminPassword()
{
    if (qEnvironmentVariableIsSet("LEADS_ADMIN_PASSWORD"))
        return qEnvironmentVariable("LEADS_ADMIN_PASSWORD");
    const bool tty = isatty(STDIN_FILENO);
    termios saved {};
    if (tty) {
        errStream() << "Password for the admin account: " << Qt::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        errStream() << Qt::endl;
    }
    return password;
}

// SIGTERM/SIGINT only write a byte to a pipe (all a signal handler may safely do); the
// event loop reads it and quits, so requests in progress finish and the database closes.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("leads-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEADS_SERVER_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));

    QCommandLineParser cli;
    cli.setApplicationDescription(
        QStringLiteral("The Leads team server: accounts, roles and the JSON API under /v1.\n"
                       "It listens on 127.0.0.1 by default and must sit behind a reverse proxy such as nginx "
                       "that terminates TLS and enforces its own size limits and timeouts; never expose it "
                       "directly to a network. See docs/deploy.md."));
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address and port (default 127.0.0.1:8787; port 0 picks a free one)."),
        QStringLiteral("host:port"), QStringLiteral("127.0.0.1:8787"));
    const QCommandLineOption dbOpt(
        QStringLiteral("db"),
        QStringLiteral(
            "sqlite:PATH (default sqlite:leads-server.sqlite) or postgresql://user@host[:port]/db."),
        QStringLiteral("url"), QStringLiteral("sqlite:leads-server.sqlite"));
    const QCommandLineOption bootstrap(
        QStringLiteral("bootstrap-admin"),
        QStringLiteral(
            "On first start, create this admin; the password comes from LEADS_ADMIN_PASSWORD or stdin."),
        QStringLiteral("name"));
    const QCommandLineOption sample(QStringLiteral("sample-data"),
                                    QStringLiteral("Fill an empty database with N sample leads."),
                                    QStringLiteral("n"));
    const QCommandLineOption maxBody(QStringLiteral("max-body"),
                                     QStringLiteral("Largest request body in bytes (default 1048576)."),
                                     QStringLiteral("bytes"), QStringLiteral("1048576"));
    const QCommandLineOption idle(QStringLiteral("idle-timeout"),
                                  QStringLiteral("Close a connection idle this long (default 30 s)."),
                                  QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption maxHeaders(QStringLiteral("max-headers"),
                                        QStringLiteral("Most headers per request (default 64)."),
                                        QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption maxHeaderBytes(QStringLiteral("max-header-bytes"),
                                            QStringLiteral("Largest request head in bytes (default 16384)."),
                                            QStringLiteral("bytes"), QStringLiteral("16384"));
    const QCommandLineOption accessTtl(QStringLiteral("access-ttl"),
                                       QStringLiteral("Access token lifetime (default 900 s)."),
                                       QStringLiteral("seconds"), QStringLiteral("900"));
    const QCommandLineOption refreshTtl(
        QStringLiteral("refresh-ttl"),
        QStringLiteral("Refresh token lifetime (default 2592000 s = 30 days)."), QStringLiteral("seconds"),
        QStringLiteral("2592000"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
                                            QStringLiteral("Most open client connections (default 512)."),
                                            QStringLiteral("n"), QStringLiteral("512"));
    const QCommandLineOption initOnly(
        QStringLiteral("init-only"),
        QStringLiteral("Migrate the database, create the bootstrap admin and sample data, then exit."));
    const QCommandLineOption trustProxy(
        QStringLiteral("trust-proxy"),
        QStringLiteral("Take the client address from X-Real-IP (only behind your own proxy)."));
    cli.addOptions({listen, dbOpt, bootstrap, sample, maxBody, idle, maxHeaders, maxHeaderBytes, accessTtl,
                    refreshTtl, trustProxy, initOnly, maxConnections});
    cli.process(app);

    const QString hostPort = cli.value(listen);
    const qsizetype colon = hostPort.lastIndexOf(u':');
    bool portOk = false;
    const int port = colon > 0 ? hostPort.mid(colon + 1).toInt(&portOk) : -1;
    const QHostAddress address(hostPort.left(colon).remove(u'[').remove(u']'));
    if (!portOk || port < 0 || port > 65535 || address.isNull())
        return fail(QStringLiteral("--listen takes host:port, e.g. 127.0.0.1:8787"));
    const auto number = [&](const QCommandLineOption &o, qint64 min, qint64 max, qint64 *out) {
        bool ok = false;
        *out = cli.value(o).toLongLong(&ok);
        return ok && *out >= min && *out <= max;
    };
    qint64 connectionLimit = 0;
    if (!number(maxConnections, 1, 100000, &connectionLimit))
        return fail(QStringLiteral("--max-connections takes 1 to 100000"));
    qint64 bodyLimit = 0, idleSeconds = 0, headerCount = 0, headerBytes = 0, accessSeconds = 0,
           refreshSeconds = 0;
    if (!number(maxBody, 1024, 1LL << 30, &bodyLimit) || !number(idle, 1, 3600, &idleSeconds)
        || !number(maxHeaders, 8, 1000, &headerCount) || !number(maxHeaderBytes, 1024, 1 << 20, &headerBytes)
        || !number(accessTtl, 10, 86400, &accessSeconds)
        || !number(refreshTtl, 60, 365LL * 86400, &refreshSeconds))
        return fail(QStringLiteral("a numeric option is out of range; see --help"));

    ApiServer::Config config;
    config.maxBodyBytes = bodyLimit;
    config.trustProxy = cli.isSet(trustProxy);
    config.auth.accessTtlMs = accessSeconds * 1000;
    config.auth.refreshTtlMs = refreshSeconds * 1000;
    // Test-only knobs, read from the environment so they never appear in a service unit by
    // accident: a cheaper password hash and the clock endpoint.
    if (qEnvironmentVariableIsSet("LEADS_SERVER_TEST_PBKDF2_ITERATIONS")) {
        config.auth.pbkdf2Iterations
            = qMax(1, qEnvironmentVariableIntValue("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"));
        qWarning("TEST MODE: password hashing lowered to %d PBKDF2 iterations", config.auth.pbkdf2Iterations);
    }
    config.testHooks = qEnvironmentVariableIntValue("LEADS_SERVER_TEST_HOOKS") == 1;
    if (config.testHooks)
        qWarning("TEST MODE: the /v1/test endpoints are enabled");

    auto db = ServerDatabase::open(cli.value(dbOpt));
    if (!db)
        return fail(db.error().message());
    if (auto migrated = db.value()->migrate(); !migrated)
        return fail(migrated.error().message());

    ServerClock clock;
    ApiServer api(*db.value(), clock, config);
    if (cli.isSet(bootstrap)) {
        if (api.auth().userCount() > 0) {
            errStream() << "leads-server: accounts exist already; --bootstrap-admin ignored" << Qt::endl;
        } else {
            const QString password = readAdminPassword();
            if (auto made = api.auth().bootstrapAdmin(cli.value(bootstrap), password); !made)
                return fail(made.error().message());
            errStream() << "leads-server: created admin account " << cli.value(bootstrap).trimmed().toLower()
                        << Qt::endl;
        }
    }
    if (api.auth().userCount() == 0)
        return fail(QStringLiteral("the database has no account; start once with --bootstrap-admin NAME "
                                   "(password from LEADS_ADMIN_PASSWORD or stdin)"));
    if (cli.isSet(sample)) {
        bool ok = false;
        const qint64 n = cli.value(sample).toLongLong(&ok);
        if (!ok || n < 1 || n > 1000000)
            return fail(QStringLiteral("--sample-data takes 1 to 1000000"));
        auto imported = SampleImport::run(*db.value(), n);
        if (!imported)
            return fail(imported.error().message());
        if (imported.value() > 0)
            errStream() << "leads-server: added " << imported.value() << " sample leads" << Qt::endl;
    }

    if (cli.isSet(initOnly))
        return 0;

    GuardedTcpServer::Limits limits;
    limits.maxBodyBytes = bodyLimit;
    limits.idleTimeoutMs = int(idleSeconds * 1000);
    limits.maxHeaderCount = int(headerCount);
    limits.maxHeaderBytes = int(headerBytes);
    limits.maxConnections = int(connectionLimit);
    auto *tcp = new GuardedTcpServer(limits, &api);
    if (!tcp->listen(address, quint16(port)))
        return fail(QStringLiteral("cannot listen on %1: %2").arg(hostPort, tcp->errorString()));
    api.bind(tcp);
    // AI qualification: trains and scores from the event loop (see docs/scoring.md).
    ScoringWorker scoring(*db.value(), clock, ScoringWorker::Config {});
    scoring.start();
    if (!address.isLoopback())
        qWarning(
            "listening on a non-loopback address: put a reverse proxy with TLS in front (docs/deploy.md)");
    // Tests and scripts read the real port from this line (port 0 picks a free one).
    outStream() << "leads-server listening on http://"
                << (address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                        : address.toString())
                << ':' << tcp->serverPort() << Qt::endl;

    if (::pipe(g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            qInfo("stopping");
            QCoreApplication::quit();
        });
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    return app.exec();
}
