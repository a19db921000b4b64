// SPDX-License-Identifier: GPL-3.0-or-later
#include "soakrun.h"

#include "faultproxy.h"

#include "domain/lead.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <csignal>
#include <cstdio>
#include <functional>

namespace Soak {

namespace {

const QString kAdminPassword = QStringLiteral("soak-admin-password");

QString passwordOf(const QString &username)
{
    return username + QStringLiteral("-soak-password");
}

// A read-only connection to a SQLite file, closed and removed with the object.
class ReadOnlyDb
{
public:
    explicit ReadOnlyDb(const QString &path)
        : m_name(QStringLiteral("soak-check-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        m_ok = db.open();
    }
    ~ReadOnlyDb()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlQuery query() const { return QSqlQuery(QSqlDatabase::database(m_name, false)); }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

// What a user sees of a lead and changes, the same query on both sides.
QHash<QString, QString> summaries(const ReadOnlyDb &db, bool server)
{
    QHash<QString, QString> out;
    QSqlQuery q = db.query();
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, status, COALESCE(assignee_id, ''), COALESCE(manual_score, -1), "
                               "COALESCE(follow_up_at, 0), "
                               "(SELECT group_concat(body, '|') FROM (SELECT body FROM interactions "
                               " WHERE lead_id = leads.id AND kind = 'note' ORDER BY body)) FROM leads")
                + (server ? QStringLiteral(" WHERE deleted = 0") : QString()))) {
        std::fprintf(stderr, "soak: reading leads: %s\n", qPrintable(q.lastError().text()));
        return out;
    }
    while (q.next())
        out.insert(q.value(0).toString(), QStringLiteral("%1 assignee=%2 score=%3 followUp=%4 notes=%5")
                                              .arg(q.value(1).toString(), q.value(2).toString(),
                                                   q.value(3).toString(), q.value(4).toString(),
                                                   q.value(5).toString()));
    return out;
}

QString kindOf(const QString &mutation)
{
    using Leads::InteractionKind;
    if (mutation == QLatin1String("lead.setStatus"))
        return Leads::interactionKindId(InteractionKind::StatusChange);
    if (mutation == QLatin1String("lead.assign"))
        return Leads::interactionKindId(InteractionKind::Assignment);
    if (mutation == QLatin1String("lead.qualify"))
        return Leads::interactionKindId(InteractionKind::Qualification);
    if (mutation == QLatin1String("lead.addNote"))
        return Leads::interactionKindId(InteractionKind::Note);
    if (mutation == QLatin1String("lead.setFollowUp"))
        return Leads::interactionKindId(InteractionKind::FollowUp);
    return {};
}

} // namespace

SoakRun::SoakRun(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_rng(m_options.seed)
{
    m_dir.setAutoRemove(!m_options.keep);
}

SoakRun::~SoakRun()
{
    for (Client &c : m_clients)
        killClient(c);
    if (m_simulate) {
        ::kill(pid_t(m_simulate->processId()), SIGKILL);
        m_simulate->waitForFinished(5000);
    }
    if (m_server) {
        m_server->terminate();
        if (!m_server->waitForFinished(10000)) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
    }
}

void SoakRun::say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

bool SoakRun::waitFor(const std::function<bool()> &done, int timeoutMs)
{
    // The proxy lives in this thread: waiting must keep the event loop running.
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

SoakRun::Reply SoakRun::http(const QByteArray &method, const QString &path, const QJsonObject &body,
                             const QString &token)
{
    // Straight to the server, never through the proxy: the soak's own calls must not fail.
    Reply reply;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_serverPort);
    if (!socket.waitForConnected(5000))
        return reply;
    const QByteArray payload = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray out = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty())
        out += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    if (method != "GET")
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n";
    out += "\r\n" + payload;
    socket.write(out);
    QByteArray data;
    QElapsedTimer t;
    t.start();
    qsizetype head = -1;
    qint64 length = -1;
    while (t.elapsed() < 30000) {
        const bool more = socket.waitForReadyRead(200);
        data += socket.readAll();
        if (head < 0 && (head = data.indexOf("\r\n\r\n")) >= 0) {
            for (const QByteArray &line : data.left(head).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
        }
        // The server keeps the connection open for a while: the length says when the answer is whole.
        if (head >= 0 && length >= 0 && data.size() >= head + 4 + length)
            break;
        if (!more && socket.state() != QAbstractSocket::ConnectedState)
            break;
    }
    if (head < 0)
        return reply;
    reply.status = data.left(head).split(' ').value(1).toInt();
    reply.json = QJsonDocument::fromJson(data.mid(head + 4)).object();
    return reply;
}

bool SoakRun::startServer(bool wait)
{
    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEADS_ADMIN_PASSWORD"), kAdminPassword);
    // The soak restarts clients hundreds of times; their sign-ins must not cost a second each.
    env.insert(QStringLiteral("LEADS_SERVER_TEST_PBKDF2_ITERATIONS"), QStringLiteral("1000"));
    p->setProcessEnvironment(env);
    p->setStandardErrorFile(m_dir.filePath(QStringLiteral("server.log")), QIODevice::Append);
    m_serverOut.clear();
    m_serverPort = 0;
    connect(p, &QProcess::readyReadStandardOutput, this, &SoakRun::onServerOutput);
    connect(p, &QProcess::finished, this, [this, p] {
        if (p != m_server || m_stopping)
            return; // killed by the soak, or stopped at the end
        // Nobody killed it: a crash (or a refusal to start) is a finding of its own.
        ++m_serverCrashes;
        say(QStringLiteral("soak: the server exited by itself (exit %1); see server.log").arg(p->exitCode()));
        m_server = nullptr;
        p->deleteLater();
        m_serverRestartPending = true;
        QTimer::singleShot(500, this, [this] { startServer(false); });
    });
    p->start(m_options.serverPath,
             {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"),
              QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("server.sqlite")),
              QStringLiteral("--bootstrap-admin"), QStringLiteral("admin"), QStringLiteral("--access-ttl"),
              QStringLiteral("86400")});
    m_server = p;
    if (!wait)
        return true;
    if (!waitFor([this] { return m_serverPort != 0 || !m_server || m_server->state() == QProcess::NotRunning; },
                 30000)
        || m_serverPort == 0) {
        say(QStringLiteral("soak: the server did not start (see server.log in %1)").arg(m_dir.path()));
        return false;
    }
    return true;
}

void SoakRun::onServerOutput()
{
    if (!m_server)
        return;
    m_serverOut += m_server->readAllStandardOutput();
    static const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)"));
    const auto match = listening.match(QString::fromUtf8(m_serverOut));
    if (match.hasMatch() && m_serverPort == 0) {
        m_serverPort = quint16(match.captured(1).toUInt());
        m_proxy->setUpstreamPort(m_serverPort);
        m_serverRestartPending = false;
    }
}

void SoakRun::killServer()
{
    if (!m_server)
        return;
    QProcess *p = m_server;
    m_server = nullptr;
    ::kill(pid_t(p->processId()), SIGKILL); // our own child, by its pid
    p->waitForFinished(5000);
    p->deleteLater();
    m_serverPort = 0;
    m_proxy->setUpstreamPort(1); // nothing listens there: connections are refused
}

void SoakRun::startClient(Client &c)
{
    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEADS_SOAK_TOKEN"), c.token); // not on the command line
    p->setProcessEnvironment(env);
    p->setStandardOutputFile(m_dir.filePath(c.name + QStringLiteral(".log")), QIODevice::Append);
    p->setStandardErrorFile(m_dir.filePath(c.name + QStringLiteral(".log")), QIODevice::Append);
    QStringList args {QStringLiteral("client"),
                      QStringLiteral("--url"),
                      QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port()),
                      QStringLiteral("--user-id"),
                      c.userId,
                      QStringLiteral("--name"),
                      c.name,
                      QStringLiteral("--db"),
                      c.dbPath,
                      QStringLiteral("--journal"),
                      c.journalPath,
                      QStringLiteral("--seed"),
                      QString::number(m_rng() % 1000000000 + 1)};
    if (c.manager) {
        args << QStringLiteral("--manager");
        QStringList agents;
        for (const Client &other : m_clients)
            if (!other.manager)
                agents << other.userId;
        args << QStringLiteral("--assignees") << agents.join(u',');
    }
    p->start(QCoreApplication::applicationFilePath(), args);
    c.process = p;
    c.restartPending = false;
}

void SoakRun::killClient(Client &c)
{
    if (!c.process)
        return;
    QProcess *p = c.process;
    c.process = nullptr;
    if (p->state() != QProcess::NotRunning) {
        ::kill(pid_t(p->processId()), SIGKILL); // our own child, by its pid
        p->waitForFinished(5000);
    }
    p->deleteLater();
}

void SoakRun::startSimulate()
{
    if (m_stopping || m_simulate)
        return;
    auto *p = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEADS_INGEST_SECRET"), m_secret);
    p->setProcessEnvironment(env);
    p->setStandardErrorFile(m_dir.filePath(QStringLiteral("simulate.log")), QIODevice::Append);
    const double duration = std::min(20.0, std::max(3.0, m_options.seconds / 3));
    connect(p, &QProcess::finished, this, &SoakRun::onSimulateFinished);
    p->start(m_options.leadsctlPath,
             {QStringLiteral("simulate"), QStringLiteral("--server"),
              QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port()), QStringLiteral("--rate"),
              QString::number(m_options.eventRate), QStringLiteral("--duration"), QString::number(duration),
              QStringLiteral("--seed"), QString::number(m_options.seed * 1000 + quint64(++m_simulateRuns)),
              QStringLiteral("--integration"), QStringLiteral("soak")});
    m_simulate = p;
}

void SoakRun::onSimulateFinished()
{
    QProcess *p = m_simulate;
    m_simulate = nullptr;
    if (!p)
        return;
    // "sent N  created C  appended A  duplicate D  recorded R  ignored I  error E"
    const QString out = QString::fromUtf8(p->readAllStandardOutput());
    static const QRegularExpression counts(
        QStringLiteral("sent (\\d+)\\s+created (\\d+)\\s+appended (\\d+)\\s+duplicate (\\d+)\\s+recorded (\\d+)\\s+"
                       "ignored (\\d+)\\s+error (\\d+)"));
    const auto m = counts.match(out);
    if (m.hasMatch()) {
        m_eventsSent += m.captured(1).toLongLong();
        // A first delivery the server answered: it must be in the ledger exactly once.
        const qint64 first = m.captured(2).toLongLong() + m.captured(3).toLongLong() + m.captured(5).toLongLong()
            + m.captured(6).toLongLong();
        m_eventsAnsweredFirst += first;
        m_eventsAnswered += first + m.captured(4).toLongLong();
        m_eventsErrors += m.captured(7).toLongLong();
    } else {
        say(QStringLiteral("soak: could not read the output of leadsctl simulate: %1").arg(out.trimmed()));
    }
    p->deleteLater();
    if (!m_stopping)
        QTimer::singleShot(pick(1000), this, &SoakRun::startSimulate);
}

void SoakRun::chaos()
{
    constexpr double tick = 0.25; // seconds, the chaos timer's interval
    if (std::uniform_real_distribution<double>(0, 1)(m_rng) < tick / m_options.clientKillEverySeconds) {
        Client &c = m_clients.at(size_t(pick(int(m_clients.size()))));
        if (c.process && !c.restartPending) {
            killClient(c);
            ++m_clientKills;
            c.restartPending = true;
            QTimer::singleShot(100 + pick(2000), this, [this, &c] {
                if (!m_stopping)
                    startClient(c);
            });
        }
    }
    if (m_server && !m_serverRestartPending
        && std::uniform_real_distribution<double>(0, 1)(m_rng) < tick / m_options.serverKillEverySeconds) {
        killServer();
        ++m_serverKills;
        m_serverRestartPending = true;
        QTimer::singleShot(200 + pick(1500), this, [this] { startServer(false); });
    }
}

bool SoakRun::setUp()
{
    m_proxy = new FaultProxy(m_options.seed, this);
    if (!m_proxy->listen()) {
        say(QStringLiteral("soak: the proxy cannot listen"));
        return false;
    }
    if (!startServer(true))
        return false;
    m_adminToken = http("POST", QStringLiteral("/v1/auth/login"),
                        {{QStringLiteral("username"), QStringLiteral("admin")},
                         {QStringLiteral("password"), kAdminPassword}})
                       .json.value(QStringLiteral("accessToken"))
                       .toString();
    if (m_adminToken.isEmpty()) {
        say(QStringLiteral("soak: the admin cannot sign in"));
        return false;
    }
    const auto createUser = [this](const QString &username, const QString &role) {
        const Reply r = http("POST", QStringLiteral("/v1/users"),
                             {{QStringLiteral("username"), username},
                              {QStringLiteral("displayName"), username.toUpper()},
                              {QStringLiteral("role"), role},
                              {QStringLiteral("password"), passwordOf(username)}},
                             m_adminToken);
        return r.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    };
    // One manager on two devices (the same user's changes from two places), and agents.
    struct Device
    {
        QString name, username;
        bool manager;
    };
    std::vector<Device> devices {{QStringLiteral("mona-laptop"), QStringLiteral("mona"), true},
                                 {QStringLiteral("mona-phone"), QStringLiteral("mona"), true}};
    for (int i = 0; i < m_options.agents; ++i) {
        const QString agent = QStringLiteral("agent%1").arg(i + 1);
        devices.push_back({agent, agent, false});
    }
    QHash<QString, QString> ids;
    for (const Device &d : devices) {
        if (!ids.contains(d.username)) {
            ids.insert(d.username, createUser(d.username, d.manager ? QStringLiteral("manager") : QStringLiteral("agent")));
            if (ids.value(d.username).isEmpty()) {
                say(QStringLiteral("soak: cannot create the user %1").arg(d.username));
                return false;
            }
            m_userIds << ids.value(d.username);
        }
        Client c;
        c.name = d.name;
        c.username = d.username;
        c.userId = ids.value(d.username);
        c.manager = d.manager;
        c.token = http("POST", QStringLiteral("/v1/auth/login"),
                       {{QStringLiteral("username"), d.username}, {QStringLiteral("password"), passwordOf(d.username)}})
                      .json.value(QStringLiteral("accessToken"))
                      .toString();
        if (c.token.isEmpty()) {
            say(QStringLiteral("soak: %1 cannot sign in").arg(d.username));
            return false;
        }
        c.dbPath = m_dir.filePath(d.name + QStringLiteral(".sqlite"));
        c.journalPath = m_dir.filePath(d.name + QStringLiteral(".journal"));
        m_clients.push_back(c);
    }
    m_secret = http("POST", QStringLiteral("/v1/integrations"), {{QStringLiteral("name"), QStringLiteral("soak")}},
                    m_adminToken)
                   .json.value(QStringLiteral("secret"))
                   .toString();
    if (m_secret.isEmpty()) {
        say(QStringLiteral("soak: cannot create the integration"));
        return false;
    }
    return true;
}

int SoakRun::run()
{
    if (!m_dir.isValid() || !setUp())
        return 2;
    say(QStringLiteral("soak: %1 s, %2 clients, seed %3, fault rate %4, working in %5")
            .arg(m_options.seconds)
            .arg(m_clients.size())
            .arg(m_options.seed)
            .arg(m_options.faultRate)
            .arg(m_dir.path()));
    m_proxy->setFaultRate(m_options.faultRate);
    for (Client &c : m_clients)
        startClient(c);
    startSimulate();
    m_chaos = new QTimer(this);
    connect(m_chaos, &QTimer::timeout, this, &SoakRun::chaos);
    m_chaos->start(250);
    QElapsedTimer wall;
    wall.start();
    qint64 lastReport = 0;
    waitFor(
        [&] {
            if (wall.elapsed() - lastReport >= 30000) {
                lastReport = wall.elapsed();
                say(QStringLiteral("  %1 s: %2 client kills, %3 server kills, %4 faults, %5 events answered")
                        .arg(lastReport / 1000)
                        .arg(m_clientKills)
                        .arg(m_serverKills)
                        .arg(m_proxy->totalFaults())
                        .arg(m_eventsAnswered));
            }
            return wall.elapsed() >= qint64(m_options.seconds * 1000);
        },
        INT_MAX);

    // Wind down: no more chaos; the capture run in progress ends by itself (its counts
    // are part of the figures); clients stop as abruptly as they ran.
    m_stopping = true;
    m_chaos->stop();
    for (Client &c : m_clients)
        killClient(c);
    if (!m_server || m_serverRestartPending)
        waitFor([this] { return m_serverPort != 0; }, 30000);
    if (!m_server || m_serverPort == 0) {
        if (!startServer(true))
            return 2;
    }
    waitFor([this] { return !m_simulate; }, 120000);
    m_proxy->setFaultRate(0);
    if (!finalSync()) {
        say(QStringLiteral("soak: FAILED: a client could not finish its final sync (logs in %1)").arg(m_dir.path()));
        m_dir.setAutoRemove(false);
        return 1;
    }
    const int failures = check();
    if (failures != 0) {
        m_dir.setAutoRemove(false);
        say(QStringLiteral("soak: FAILED; everything is kept in %1").arg(m_dir.path()));
    }
    return failures == 0 ? 0 : 1;
}

bool SoakRun::runFinal(Client &c)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEADS_SOAK_TOKEN"), c.token);
    p.setProcessEnvironment(env);
    p.setStandardOutputFile(m_dir.filePath(c.name + QStringLiteral(".log")), QIODevice::Append);
    p.setStandardErrorFile(m_dir.filePath(c.name + QStringLiteral(".log")), QIODevice::Append);
    p.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("client"), QStringLiteral("--final"), QStringLiteral("--url"),
             QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port()), QStringLiteral("--user-id"), c.userId,
             QStringLiteral("--name"), c.name, QStringLiteral("--db"), c.dbPath, QStringLiteral("--journal"),
             c.journalPath, QStringLiteral("--seed"), QStringLiteral("1"),
             c.manager ? QStringLiteral("--manager") : QStringLiteral("--agent")});
    if (!waitFor([&p] { return p.state() == QProcess::NotRunning; }, 180000)) {
        p.kill();
        p.waitForFinished(5000);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool SoakRun::finalSync()
{
    // Two passes: the first pushes every queue, the second brings everyone the others' changes.
    for (int pass = 0; pass < 2; ++pass) {
        for (Client &c : m_clients) {
            if (!runFinal(c)) {
                say(QStringLiteral("soak: the final sync of %1 failed").arg(c.name));
                return false;
            }
        }
    }
    return true;
}

QStringList SoakRun::scopeOf(const Client &c)
{
    QStringList ids;
    QString after;
    for (int page = 0; page < 100000; ++page) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("limit"), QStringLiteral("200"));
        if (!after.isEmpty())
            query.addQueryItem(QStringLiteral("after"), after);
        const Reply r = http("GET", QStringLiteral("/v1/leads?") + query.toString(QUrl::FullyEncoded), {}, c.token);
        if (r.status != 200) {
            say(QStringLiteral("soak: listing %1's leads: HTTP %2").arg(c.name).arg(r.status));
            return {};
        }
        for (const QJsonValue &v : r.json.value(QStringLiteral("leads")).toArray())
            ids << v.toObject().value(QStringLiteral("id")).toString();
        if (!r.json.value(QStringLiteral("hasMore")).toBool())
            break;
        after = r.json.value(QStringLiteral("nextCursor")).toString();
    }
    return ids;
}

int SoakRun::check()
{
    ReadOnlyDb server(m_dir.filePath(QStringLiteral("server.sqlite")));
    if (!server.ok()) {
        say(QStringLiteral("soak: cannot open the server database"));
        return 1;
    }
    qint64 lost = 0, duplicated = 0, diverged = 0;
    QStringList why;

    // Events: the ledger row is written in the transaction of the event's effect.
    qint64 ledger = 0;
    QHash<QString, qint64> effects; // eventId -> interactions that carry it
    {
        QSqlQuery q = server.query();
        q.exec(QStringLiteral("SELECT json_extract(data, '$.eventId') AS ev, COUNT(*) FROM interactions "
                              "WHERE ev IS NOT NULL GROUP BY ev"));
        while (q.next())
            effects.insert(q.value(0).toString(), q.value(1).toLongLong());
        QSet<QString> inLedger;
        q.exec(QStringLiteral("SELECT event_id, outcome, COALESCE(lead_id, ''), "
                              "(SELECT COUNT(*) FROM leads WHERE id = ingest_events.lead_id) FROM ingest_events"));
        while (q.next()) {
            ++ledger;
            const QString id = q.value(0).toString();
            const QString outcome = q.value(1).toString();
            const qint64 n = effects.value(id);
            inLedger.insert(id);
            if (n > 1) {
                duplicated += n - 1;
                why << QStringLiteral("event %1 is on the timeline %2 times").arg(id).arg(n);
            }
            if (outcome == QLatin1String("appended") && n == 0) {
                ++lost;
                why << QStringLiteral("event %1 was appended but is on no timeline").arg(id);
            }
            if (outcome == QLatin1String("created") && q.value(3).toInt() != 1) {
                ++lost;
                why << QStringLiteral("event %1 created lead %2, which is missing").arg(id, q.value(2).toString());
            }
        }
        for (auto it = effects.cbegin(); it != effects.cend(); ++it) {
            if (!inLedger.contains(it.key())) {
                // An effect without its ledger row: a re-delivery would apply it again.
                duplicated += it.value();
                why << QStringLiteral("event %1 is on a timeline but not in the ledger").arg(it.key());
            }
        }
    }
    if (ledger < m_eventsAnsweredFirst) {
        lost += m_eventsAnsweredFirst - ledger;
        why << QStringLiteral("%1 events were answered but only %2 are in the ledger")
                   .arg(m_eventsAnsweredFirst)
                   .arg(ledger);
    }

    // Mutations: what the server logged as applied, each with exactly one effect.
    const QString users = QStringLiteral("'") + m_userIds.join(QStringLiteral("','")) + u'\'';
    QHash<QString, qint64> effectCount; // "seq kind" -> interactions by the soak's users
    qint64 userEffects = 0;
    {
        QSqlQuery q = server.query();
        q.exec(QStringLiteral("SELECT change_seq, kind, COUNT(*) FROM interactions WHERE author_id IN (%1) "
                              "GROUP BY change_seq, kind")
                   .arg(users));
        while (q.next()) {
            effectCount.insert(q.value(0).toString() + u' ' + q.value(1).toString(), q.value(2).toLongLong());
            userEffects += q.value(2).toLongLong();
        }
    }
    QHash<QString, qint64> appliedBy, rejectedBy; // client id -> count
    qint64 applied = 0, rejected = 0, matched = 0;
    {
        QSqlQuery q = server.query();
        q.exec(QStringLiteral("SELECT client_id, name, outcome, COALESCE(applied_seq, -1), mid FROM mutation_log"));
        while (q.next()) {
            const QString client = q.value(0).toString();
            if (q.value(2).toString() != QLatin1String("applied")) {
                ++rejected;
                ++rejectedBy[client];
                continue;
            }
            ++applied;
            ++appliedBy[client];
            const QString kind = kindOf(q.value(1).toString());
            const qint64 n = effectCount.value(q.value(3).toString() + u' ' + kind);
            matched += std::min<qint64>(n, 1);
            if (n == 0) {
                ++lost;
                why << QStringLiteral("mutation %1/%2 (%3) was applied but has no effect")
                           .arg(client, q.value(4).toString(), q.value(1).toString());
            } else if (n > 1) {
                duplicated += n - 1;
                why << QStringLiteral("mutation %1/%2 (%3) took effect %4 times")
                           .arg(client, q.value(4).toString(), q.value(1).toString())
                           .arg(n);
            }
        }
    }
    if (userEffects > matched) {
        duplicated += userEffects - matched;
        why << QStringLiteral("%1 timeline entries by the soak's users belong to no applied mutation")
                   .arg(userEffects - matched);
    }
    QHash<QString, qint64> notesOnServer;
    {
        QSqlQuery q = server.query();
        q.exec(QStringLiteral("SELECT body, COUNT(*) FROM interactions WHERE kind = 'note' AND body LIKE 'soak %' "
                              "GROUP BY body"));
        while (q.next())
            notesOnServer.insert(q.value(0).toString(), q.value(1).toLongLong());
    }

    // Each client: what it made, what the server logged, what it shows.
    qint64 made = 0, unjournaled = 0;
    for (Client &c : m_clients) {
        QStringList lines;
        QFile journal(c.journalPath);
        if (journal.open(QIODevice::ReadOnly | QIODevice::Text))
            lines = QString::fromUtf8(journal.readAll()).split(u'\n', Qt::SkipEmptyParts);
        made += lines.size();
        ReadOnlyDb local(c.dbPath);
        QSqlQuery q = local.query();
        q.exec(QStringLiteral("SELECT client_id FROM sync_client"));
        const QString clientId = q.next() ? q.value(0).toString() : QString();
        q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sent')"));
        const qint64 waiting = q.next() ? q.value(0).toLongLong() : -1;
        if (waiting != 0) {
            lost += std::max<qint64>(1, waiting);
            why << QStringLiteral("%1 still has %2 changes queued after the final sync").arg(c.name).arg(waiting);
        }
        q.exec(QStringLiteral("SELECT payload FROM outbox WHERE state = 'rejected'"));
        QStringList refusedPayloads;
        while (q.next())
            refusedPayloads << q.value(0).toString();
        const qint64 logged = appliedBy.value(clientId) + rejectedBy.value(clientId);
        if (logged < lines.size()) {
            lost += lines.size() - logged;
            why << QStringLiteral("%1 made %2 changes, the server logged %3").arg(c.name).arg(lines.size()).arg(logged);
        } else {
            unjournaled += logged - lines.size(); // killed between its commit and the journal line
        }
        if (refusedPayloads.size() != rejectedBy.value(clientId)) {
            lost += std::abs(refusedPayloads.size() - rejectedBy.value(clientId));
            why << QStringLiteral("%1 lists %2 changes as not applied, the server refused %3")
                       .arg(c.name)
                       .arg(refusedPayloads.size())
                       .arg(rejectedBy.value(clientId));
        }
        for (const QString &line : std::as_const(lines)) {
            const QStringList f = line.split(u'\t');
            if (f.value(0) != QLatin1String("lead.addNote"))
                continue;
            const QString text = f.value(2);
            const qint64 n = notesOnServer.value(text);
            const bool refused = std::any_of(refusedPayloads.cbegin(), refusedPayloads.cend(),
                                             [&](const QString &p) { return p.contains(text); });
            if (n == 0 && !refused) {
                ++lost;
                why << QStringLiteral("note \"%1\" is neither on the server nor listed as not applied").arg(text);
            } else if (n > 1 || (n == 1 && refused)) {
                duplicated += n > 1 ? n - 1 : 1;
                why << QStringLiteral("note \"%1\" is on the server %2 times%3")
                           .arg(text)
                           .arg(n)
                           .arg(refused ? QStringLiteral(" and listed as not applied") : QString());
            }
        }

        // The copy equals the server within this user's scope.
        const QHash<QString, QString> mine = summaries(local, false);
        const QHash<QString, QString> theirs = summaries(server, true);
        const QStringList scope = scopeOf(c);
        const QSet<QString> scopeSet(scope.cbegin(), scope.cend());
        for (const QString &id : scope) {
            if (!mine.contains(id)) {
                ++diverged;
                why << QStringLiteral("%1 lacks lead %2").arg(c.name, id);
            } else if (mine.value(id) != theirs.value(id)) {
                ++diverged;
                why << QStringLiteral("%1 differs on lead %2: %3 / server %4")
                           .arg(c.name, id, mine.value(id), theirs.value(id));
            }
        }
        for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
            if (!scopeSet.contains(it.key())) {
                ++diverged;
                why << QStringLiteral("%1 has lead %2, which it may not see").arg(c.name, it.key());
            }
        }
        say(QStringLiteral("  %1: %2 changes made, %3 applied, %4 not applied (listed), %5 leads, equal to the "
                           "server: %6")
                .arg(c.name)
                .arg(lines.size())
                .arg(appliedBy.value(clientId))
                .arg(rejectedBy.value(clientId))
                .arg(mine.size())
                .arg(diverged == 0 ? QStringLiteral("yes") : QStringLiteral("NO")));
    }

    for (qsizetype i = 0; i < std::min<qsizetype>(why.size(), 20); ++i)
        say(QStringLiteral("  ! ") + why.at(i));
    if (why.size() > 20)
        say(QStringLiteral("  ! … and %1 more").arg(why.size() - 20));
    QStringList faultKinds;
    for (int k = 1; k < FaultProxy::kFaultKinds; ++k)
        faultKinds << QStringLiteral("%1 %2")
                          .arg(QString::fromLatin1(FaultProxy::name(FaultProxy::Fault(k))))
                          .arg(m_proxy->faults(FaultProxy::Fault(k)));
    say(QStringLiteral("soak figures:"));
    say(QStringLiteral("  minutes     %1").arg(m_options.seconds / 60.0, 0, 'f', 1));
    say(QStringLiteral("  clients     %1").arg(m_clients.size()));
    say(QStringLiteral("  events      %1 in the ledger (%2 sent by leadsctl simulate, %3 answered as first "
                       "deliveries, %4 answered as re-deliveries, %5 without an answer)")
            .arg(ledger)
            .arg(m_eventsSent)
            .arg(m_eventsAnsweredFirst)
            .arg(m_eventsAnswered - m_eventsAnsweredFirst)
            .arg(m_eventsErrors));
    say(QStringLiteral("  mutations   %1 accepted and applied, %2 refused by the rules (listed as not applied); "
                       "%3 made by the clients, %4 of them killed before the journal line")
            .arg(applied)
            .arg(rejected)
            .arg(made + unjournaled)
            .arg(unjournaled));
    say(QStringLiteral("  restarts    %1 (%2 clients, %3 server) by kill -9")
            .arg(m_clientKills + m_serverKills)
            .arg(m_clientKills)
            .arg(m_serverKills));
    say(QStringLiteral("  faults      %1 of %2 proxied requests (%3), and every request while the server was down")
            .arg(m_proxy->totalFaults())
            .arg(m_proxy->requests())
            .arg(faultKinds.join(QStringLiteral(", "))));
    if (m_serverCrashes > 0)
        say(QStringLiteral("  server crashes = %1 (exits nobody caused)").arg(m_serverCrashes));
    say(QStringLiteral("  lost        = %1").arg(lost));
    say(QStringLiteral("  duplicated  = %1").arg(duplicated));
    say(QStringLiteral("  diverged    = %1 (leads where a client differs from the server)").arg(diverged));
    return int(std::min<qint64>(lost + duplicated + diverged + m_serverCrashes, 1000000));
}

} // namespace Soak
