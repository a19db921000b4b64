// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_serverharness.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <unistd.h>

namespace LeadsTest {

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString HttpReply::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString HttpReply::errorField() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}

bool HttpReply::hasErrorShape() const
{
    const QJsonObject e = json.value(QStringLiteral("error")).toObject();
    return header("Content-Type").startsWith("application/json") && e.value(QStringLiteral("code")).isString()
        && !e.value(QStringLiteral("code")).toString().isEmpty()
        && e.value(QStringLiteral("message")).isString()
        && !e.value(QStringLiteral("message")).toString().isEmpty();
}

QString uniquePhone()
{
    static std::atomic<int> counter {0};
    return QStringLiteral("+3461%1").arg(1000000 + counter.fetch_add(1), 7, 10, QLatin1Char('0'));
}

ServerHarness::ServerHarness() : ServerHarness(Options {}) { }

ServerHarness::ServerHarness(const Options &options) : m_options(options) { }

ServerHarness::~ServerHarness()
{
    stopAndCollectLog();
    if (!m_pgDatabase.isEmpty())
        PostgresBackend::dropDatabase(m_pgDatabase);
}

QString ServerHarness::databasePath() const
{
    return m_dir.filePath(QStringLiteral("server.sqlite"));
}

bool ServerHarness::start()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEADS_ADMIN_PASSWORD"), kAdminPassword);
    if (m_options.pbkdf2Iterations > 0)
        env.insert(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"),
                   QString::number(m_options.pbkdf2Iterations));
    else
        env.remove(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"));
    if (m_options.testHooks)
        env.insert(QStringLiteral("LEADS_SERVER_TEST_HOOKS"), QStringLiteral("1"));
    else
        env.remove(QStringLiteral("LEADS_SERVER_TEST_HOOKS"));
    m_process.setProcessEnvironment(env);
    QString db = m_options.dbUrl;
    if (db.isEmpty() && PostgresBackend::isActive()) {
        m_pgDatabase = PostgresBackend::createDatabase();
        if (m_pgDatabase.isEmpty()) {
            m_why = QStringLiteral("could not create a PostgreSQL database");
            return false;
        }
        db = PostgresBackend::baseUrl() + m_pgDatabase;
    }
    if (db.isEmpty())
        db = QStringLiteral("sqlite:") + databasePath();
    QStringList args {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"), db};
    if (m_options.bootstrap)
        args << QStringLiteral("--bootstrap-admin") << QStringLiteral("admin");
    args << m_options.extraArgs;
    // The log goes to a file: a pipe nobody drains would stall a busy server.
    m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("server.log")));
    m_process.start(QStringLiteral(LEADS_SERVER_PATH), args);
    if (!m_process.waitForStarted(10000)) {
        m_why = QStringLiteral("the server did not start: ") + m_process.errorString();
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    while (m_port == 0 && timer.elapsed() < 20000) {
        if (m_process.state() != QProcess::Running) {
            logSoFar();
            m_why = QStringLiteral("the server exited: ") + QString::fromUtf8(m_log);
            return false;
        }
        m_process.waitForReadyRead(200);
        out += m_process.readAllStandardOutput();
        const qsizetype at = out.indexOf("listening on http://127.0.0.1:");
        const qsizetype end = out.indexOf('\n', at);
        if (at >= 0 && end > at)
            m_port = quint16(out.mid(at + 30, end - at - 30).trimmed().toUInt());
    }
    if (m_port == 0) {
        m_why = QStringLiteral("the server never said where it listens");
        return false;
    }
    while (timer.elapsed() < 20000) {
        if (request("GET", QStringLiteral("/v1/health")).status == 200)
            return true;
        QThread::msleep(20);
    }
    m_why = QStringLiteral("/v1/health never answered 200");
    return false;
}

QByteArray ServerHarness::logSoFar()
{
    QFile file(m_dir.filePath(QStringLiteral("server.log")));
    if (file.open(QIODevice::ReadOnly))
        m_log = file.readAll();
    return m_log;
}

QByteArray ServerHarness::stopAndCollectLog()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate(); // SIGTERM to our own child only
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }
    return logSoFar();
}

HttpReply ServerHarness::raw(const QByteArray &bytes, int timeoutMs)
{
    HttpReply reply;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    if (!socket.waitForConnected(timeoutMs))
        return reply;
    socket.write(bytes);
    QByteArray data;
    QElapsedTimer timer;
    timer.start();
    qsizetype headEnd = -1;
    qint64 length = -1;
    while (timer.elapsed() < timeoutMs) {
        if (socket.bytesToWrite() > 0)
            socket.waitForBytesWritten(100);
        if (!socket.waitForReadyRead(50) && socket.state() != QAbstractSocket::ConnectedState
            && socket.bytesAvailable() == 0)
            break;
        data += socket.readAll();
        if (headEnd < 0) {
            headEnd = data.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                const QList<QByteArray> lines = data.left(headEnd).split('\n');
                const QList<QByteArray> status = lines.value(0).split(' ');
                reply.status = status.value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    if (colon > 0)
                        reply.headers.append(
                            {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
                }
                length = reply.header("Content-Length").isEmpty()
                    ? -1
                    : reply.header("Content-Length").toLongLong();
            }
        }
        if (headEnd >= 0 && length >= 0 && data.size() >= headEnd + 4 + length)
            break;
    }
    if (headEnd >= 0) {
        reply.body = data.mid(headEnd + 4, length >= 0 ? length : -1);
        reply.json = QJsonDocument::fromJson(reply.body).object();
    }
    return reply;
}

HttpReply ServerHarness::requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                                    const QString &token, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool hasType = false;
    for (const auto &h : headers) {
        out += h.first + ": " + h.second + "\r\n";
        hasType = hasType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    }
    if (!token.isEmpty())
        out += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!hasType)
            out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    }
    out += "\r\n" + body;
    return raw(out);
}

HttpReply ServerHarness::request(const QByteArray &method, const QString &path, const QJsonObject &body,
                                 const QString &token)
{
    const QByteArray payload = body.isEmpty() && (method == "GET" || method == "DELETE")
        ? QByteArray()
        : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return requestRaw(method, path, payload, token);
}

HttpReply ServerHarness::loginReply(const QString &username, const QString &password)
{
    return request("POST", QStringLiteral("/v1/auth/login"),
                   {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
}

QString ServerHarness::login(const QString &username, const QString &password)
{
    return loginReply(username, password).json.value(QStringLiteral("accessToken")).toString();
}

QString ServerHarness::adminToken()
{
    if (m_adminToken.isEmpty())
        m_adminToken = login(QStringLiteral("admin"), kAdminPassword);
    return m_adminToken;
}

QString ServerHarness::createUser(const QString &adminToken, const QString &username, const QString &role)
{
    const HttpReply r = request("POST", QStringLiteral("/v1/users"),
                                {{QStringLiteral("username"), username},
                                 {QStringLiteral("displayName"), username.toUpper()},
                                 {QStringLiteral("role"), role},
                                 {QStringLiteral("password"), userPassword(username)}},
                                adminToken);
    return r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
}

QString ServerHarness::createLead(const QString &token, QJsonObject fields)
{
    if (!fields.contains(QStringLiteral("name")))
        fields.insert(QStringLiteral("name"), QStringLiteral("Test Lead"));
    if (!fields.contains(QStringLiteral("phone")) && !fields.contains(QStringLiteral("email")))
        fields.insert(QStringLiteral("phone"), uniquePhone());
    const HttpReply r = request("POST", QStringLiteral("/v1/leads"), fields, token);
    return r.json.value(QStringLiteral("lead")).toObject().value(QStringLiteral("id")).toString();
}

void ServerHarness::setClockOffset(qint64 seconds)
{
    request("POST", QStringLiteral("/v1/test/clock"), {{QStringLiteral("offsetSeconds"), double(seconds)}});
}

} // namespace LeadsTest

namespace LeadsTest {

std::vector<ScenarioEntry> &portableScenarios()
{
    static std::vector<ScenarioEntry> list;
    return list;
}

namespace {
struct PgState {
    bool started = false;
    bool active = false;
    QString why;
    QString base; // postgresql://user@host:port/
    QString adminHost;
    int adminPort = 0;
    QString adminUser;
    std::unique_ptr<QTemporaryDir> dir;
    QString pgCtl;
    bool asPostgresUser = false;
    int counter = 0;
};

PgState &pg()
{
    static PgState state;
    return state;
}

QString pgBinDir()
{
    const QDir root(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString bin = root.filePath(v + QStringLiteral("/bin"));
        if (QFile::exists(bin + QStringLiteral("/initdb")) && QFile::exists(bin + QStringLiteral("/pg_ctl")))
            return bin;
    }
    return {};
}

// Runs a PostgreSQL tool, as the postgres user when we are root (initdb refuses root).
int runTool(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (pg().asPostgresUser)
        p.start(QStringLiteral("runuser"),
                QStringList {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program}
                    + args);
    else
        p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(2000);
        return -1;
    }
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QSqlDatabase adminConnection()
{
    const QString name = QStringLiteral("leads-test-pg-admin");
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!db.isOpen()) {
        db.setHostName(pg().adminHost);
        db.setPort(pg().adminPort);
        db.setUserName(pg().adminUser);
        db.setDatabaseName(QStringLiteral("postgres"));
        db.open();
    }
    return db;
}

QString startCluster()
{
    PgState &s = pg();
    const QString bin = pgBinDir();
    if (bin.isEmpty())
        return QStringLiteral("no PostgreSQL server binaries (install postgresql; ./dev deps does)");
    if (geteuid() == 0) {
        QProcess id;
        id.start(QStringLiteral("id"), {QStringLiteral("-u"), QStringLiteral("postgres")});
        if (!id.waitForFinished(5000) || id.exitCode() != 0)
            return QStringLiteral("running as root and there is no postgres user to run initdb as");
        s.asPostgresUser = true;
    }
    s.dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/leads-pg-XXXXXX"));
    if (!s.dir->isValid())
        return QStringLiteral("cannot make a temporary directory");
    if (s.asPostgresUser) {
        QProcess chown;
        chown.start(QStringLiteral("chown"), {QStringLiteral("postgres"), s.dir->path()});
        if (!chown.waitForFinished(5000) || chown.exitCode() != 0)
            return QStringLiteral("cannot hand the temporary directory to the postgres user");
    }
    QTcpServer probe; // a free port for the cluster
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return QStringLiteral("no free port");
    const int port = probe.serverPort();
    probe.close();
    const QString data = s.dir->filePath(QStringLiteral("data"));
    QByteArray out;
    if (runTool(bin + QStringLiteral("/initdb"),
                {QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("leads"),
                 QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                 QStringLiteral("--no-sync")},
                &out)
        != 0)
        return QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(out.right(300));
    s.pgCtl = bin + QStringLiteral("/pg_ctl");
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                           "-c synchronous_commit=off -c full_page_writes=off")
                                .arg(port)
                                .arg(s.dir->path());
    if (runTool(s.pgCtl,
                {QStringLiteral("-D"), data, QStringLiteral("-o"), options, QStringLiteral("-l"),
                 s.dir->filePath(QStringLiteral("server.log")), QStringLiteral("-w"),
                 QStringLiteral("start")},
                &out)
        != 0)
        return QStringLiteral("pg_ctl start failed: ") + QString::fromLocal8Bit(out.right(300));
    s.started = true;
    s.adminHost = QStringLiteral("127.0.0.1");
    s.adminPort = port;
    s.adminUser = QStringLiteral("leads");
    s.base = QStringLiteral("postgresql://leads@127.0.0.1:%1/").arg(port);
    return {};
}
} // namespace

QString PostgresBackend::activate()
{
    PgState &s = pg();
    if (s.active)
        return {};
    if (!s.why.isEmpty())
        return s.why;
    if (qEnvironmentVariableIntValue("LEADS_TEST_NO_POSTGRES") == 1)
        return s.why = QStringLiteral("LEADS_TEST_NO_POSTGRES=1");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return s.why = QStringLiteral(
                   "the Qt PostgreSQL driver is not installed (libqt6sql6-psql; ./dev deps installs it)");
    if (!s.started) {
        const QString external = qEnvironmentVariable("LEADS_TEST_PG_URL");
        if (!external.isEmpty()) {
            const QUrl url(external);
            s.adminHost = url.host();
            s.adminPort = url.port(5432);
            s.adminUser = url.userName();
            s.base = QStringLiteral("postgresql://%1@%2:%3/").arg(s.adminUser, s.adminHost).arg(s.adminPort);
        } else if (const QString why = startCluster(); !why.isEmpty()) {
            return s.why = why;
        }
    }
    if (!adminConnection().isOpen())
        return s.why
            = QStringLiteral("cannot connect to PostgreSQL: ") + adminConnection().lastError().text();
    s.active = true;
    return {};
}

void PostgresBackend::deactivate()
{
    pg().active = false;
}

bool PostgresBackend::isActive()
{
    return pg().active;
}

QString PostgresBackend::baseUrl()
{
    return pg().base;
}

QString PostgresBackend::createDatabase()
{
    const QString name
        = QStringLiteral("leads_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(++pg().counter);
    QSqlQuery q(adminConnection());
    if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
        return {};
    return name;
}

void PostgresBackend::dropDatabase(const QString &name)
{
    QSqlQuery q(adminConnection());
    q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
}

void PostgresBackend::shutdown()
{
    PgState &s = pg();
    s.active = false;
    {
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("leads-test-pg-admin"), false);
        if (db.isOpen())
            db.close();
    }
    if (QSqlDatabase::contains(QStringLiteral("leads-test-pg-admin")))
        QSqlDatabase::removeDatabase(QStringLiteral("leads-test-pg-admin"));
    if (s.started) {
        // Stops the cluster this process started, through its own data directory's pid file.
        runTool(s.pgCtl,
                {QStringLiteral("-D"), s.dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
                 QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop")},
                nullptr);
        s.started = false;
    }
    s.dir.reset();
}

} // namespace LeadsTest
