// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <random>
#include <vector>

class QProcess;
class QSqlDatabase;
class QTimer;

namespace Soak {

class FaultProxy;

// The soak run (docs/soak.md): one leads-server, several client processes and the
// `leadsctl simulate` capture feed, all on loopback through a faulty proxy, for a fixed
// time, with kill -9 of clients and of the server; then a clean final sync and the check
// that nothing was lost or applied twice and that every client equals the server.
class SoakRun : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        double seconds = 600;
        int agents = 2;           // besides one manager on two devices
        quint64 seed = 1;
        double faultRate = 0.15;  // share of proxy connections broken on purpose
        double eventRate = 4;     // capture events per second
        double clientKillEverySeconds = 5;
        double serverKillEverySeconds = 30;
        bool keep = false;        // keep the working directory
        QString serverPath;
        QString leadsctlPath;
    };

    explicit SoakRun(Options options, QObject *parent = nullptr);
    ~SoakRun() override;

    // Runs everything and returns the process exit code: 0 when nothing was lost or
    // duplicated and every client equals the server.
    int run();

private:
    struct Client
    {
        QString name;
        QString username;
        QString userId;
        bool manager = false;
        QString token;
        QString dbPath;
        QString journalPath;
        QPointer<QProcess> process;
        bool restartPending = false;
    };
    struct Reply
    {
        int status = 0;
        QJsonObject json;
    };

    bool setUp();
    bool startServer(bool wait);
    void onServerOutput();
    void killServer();
    void startClient(Client &c);
    void killClient(Client &c);
    void startSimulate();
    void onSimulateFinished();
    void chaos();
    bool finalSync();
    bool runFinal(Client &c);
    QStringList scopeOf(const Client &c);
    int check();
    Reply http(const QByteArray &method, const QString &path, const QJsonObject &body = {},
               const QString &token = {});
    bool waitFor(const std::function<bool()> &done, int timeoutMs);
    void say(const QString &line);
    int pick(int n) { return int(m_rng() % quint64(n)); }

    Options m_options;
    std::mt19937_64 m_rng;
    QTemporaryDir m_dir;
    FaultProxy *m_proxy = nullptr;
    QPointer<QProcess> m_server;
    QByteArray m_serverOut;
    quint16 m_serverPort = 0;
    bool m_serverRestartPending = false;
    QString m_adminToken;
    QString m_secret;
    std::vector<Client> m_clients;
    QStringList m_userIds;
    QPointer<QProcess> m_simulate;
    int m_simulateRuns = 0;
    bool m_stopping = false;
    QTimer *m_chaos = nullptr;
    // Figures.
    qint64 m_eventsSent = 0, m_eventsAnswered = 0, m_eventsAnsweredFirst = 0, m_eventsErrors = 0;
    int m_clientKills = 0, m_serverKills = 0, m_serverCrashes = 0;
};

} // namespace Soak
