// SPDX-License-Identifier: GPL-3.0-or-later
// leads-soak: the soak test (docs/soak.md). Without a mode it runs the whole soak; the
// "client" mode is one desktop client, started (and killed) by the soak itself.
#include "soakclient.h"
#include "soakrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace {

int clientMain(QCoreApplication &app)
{
    QCommandLineParser p;
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Server URL."), QStringLiteral("url"));
    const QCommandLineOption userId(QStringLiteral("user-id"), QStringLiteral("User id."), QStringLiteral("id"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Device name."), QStringLiteral("name"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Local database."), QStringLiteral("file"));
    const QCommandLineOption journal(QStringLiteral("journal"), QStringLiteral("Journal of changes."),
                                     QStringLiteral("file"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("n"),
                                  QStringLiteral("1"));
    const QCommandLineOption manager(QStringLiteral("manager"), QStringLiteral("The user is a manager."));
    const QCommandLineOption agent(QStringLiteral("agent"), QStringLiteral("The user is an agent."));
    const QCommandLineOption assignees(QStringLiteral("assignees"), QStringLiteral("Comma-separated user ids."),
                                       QStringLiteral("ids"));
    const QCommandLineOption finalSync(QStringLiteral("final"), QStringLiteral("Sync until nothing waits, then exit."));
    p.addOptions({url, userId, name, db, journal, seed, manager, agent, assignees, finalSync});
    QStringList args = app.arguments();
    args.removeAt(1); // "client"
    p.process(args);
    Soak::SoakClient::Options o;
    o.url = p.value(url);
    o.token = qEnvironmentVariable("LEADS_SOAK_TOKEN");
    o.userId = p.value(userId);
    o.name = p.value(name);
    o.manager = p.isSet(manager);
    o.assignees = p.value(assignees).split(u',', Qt::SkipEmptyParts);
    o.dbPath = p.value(db);
    o.journalPath = p.value(journal);
    o.seed = p.value(seed).toULongLong();
    o.finalSync = p.isSet(finalSync);
    if (o.url.isEmpty() || o.token.isEmpty() || o.userId.isEmpty() || o.dbPath.isEmpty()) {
        std::fprintf(stderr, "leads-soak client: --url, --user-id, --db and $LEADS_SOAK_TOKEN are required\n");
        return 2;
    }
    Soak::SoakClient client(o);
    return client.run();
}

QString sibling(const QString &relative)
{
    // The soak lives in <build>/tests; the server and leadsctl in <build>/server and <build>/app.
    return QFileInfo(QCoreApplication::applicationDirPath() + QStringLiteral("/../") + relative).canonicalFilePath();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("leads-soak"));
    if (argc > 1 && QByteArray(argv[1]) == "client")
        return clientMain(app);

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Soak test: clients, the leadsctl simulate feed, kill -9 of clients and server and a faulty proxy, all\n"
        "on 127.0.0.1, for a fixed time; then a clean final sync and the check that every event and every\n"
        "accepted change is on the server exactly once and every client equals the server. Exits 1 when\n"
        "anything was lost, duplicated or differs."));
    p.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("Run time (default 10)."),
                                     QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Run time in seconds (instead)."),
                                     QStringLiteral("n"));
    const QCommandLineOption agents(QStringLiteral("agents"),
                                    QStringLiteral("Agents, one client each, besides the manager's two (default 2)."),
                                    QStringLiteral("n"), QStringLiteral("2"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed (default: from the clock)."),
                                  QStringLiteral("n"));
    const QCommandLineOption faults(QStringLiteral("fault-rate"),
                                    QStringLiteral("Share of connections the proxy breaks (default 0.15)."),
                                    QStringLiteral("r"), QStringLiteral("0.15"));
    const QCommandLineOption events(QStringLiteral("event-rate"),
                                    QStringLiteral("Capture events per second (default 4)."), QStringLiteral("n"),
                                    QStringLiteral("4"));
    const QCommandLineOption clientKills(QStringLiteral("client-kill-every"),
                                         QStringLiteral("Mean seconds between client kills (default 5)."),
                                         QStringLiteral("s"), QStringLiteral("5"));
    const QCommandLineOption serverKills(QStringLiteral("server-kill-every"),
                                         QStringLiteral("Mean seconds between server kills (default 30)."),
                                         QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the working directory."));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("leads-server executable."),
                                    QStringLiteral("path"), sibling(QStringLiteral("server/leads-server")));
    const QCommandLineOption ctl(QStringLiteral("leadsctl"), QStringLiteral("leadsctl executable."),
                                 QStringLiteral("path"), sibling(QStringLiteral("app/leadsctl")));
    p.addOptions({minutes, seconds, agents, seed, faults, events, clientKills, serverKills, keep, server, ctl});
    p.process(app);

    Soak::SoakRun::Options o;
    o.seconds = p.isSet(seconds) ? p.value(seconds).toDouble() : p.value(minutes).toDouble() * 60;
    o.agents = std::max(1, p.value(agents).toInt());
    o.seed = p.isSet(seed) ? p.value(seed).toULongLong() : quint64(QDateTime::currentMSecsSinceEpoch() % 1000000);
    o.faultRate = p.value(faults).toDouble();
    o.eventRate = std::max(0.1, p.value(events).toDouble());
    o.clientKillEverySeconds = std::max(0.5, p.value(clientKills).toDouble());
    o.serverKillEverySeconds = std::max(2.0, p.value(serverKills).toDouble());
    o.keep = p.isSet(keep);
    o.serverPath = p.value(server);
    o.leadsctlPath = p.value(ctl);
    if (o.seconds <= 0 || o.serverPath.isEmpty() || o.leadsctlPath.isEmpty()) {
        std::fprintf(stderr, "leads-soak: a positive run time and the leads-server and leadsctl executables are "
                             "needed (--server, --leadsctl)\n");
        return 2;
    }
    Soak::SoakRun soak(o);
    return soak.run();
}
