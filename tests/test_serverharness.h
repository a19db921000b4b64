// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace LeadsTest {

// One HTTP answer as the test client saw it.
struct HttpReply {
    int status = 0; // 0: no answer (connection closed or timed out)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QJsonObject json;

    QByteArray header(const QByteArray &name) const;
    QString errorCode() const;
    QString errorField() const;
    // Whether the body has the shape every error must have: {"error":{"code","message"}}.
    bool hasErrorShape() const;
};

// A real leads-server process on 127.0.0.1 with a random port and a temporary SQLite
// database, stopped by its own pid when the harness goes away.
class ServerHarness {
public:
    static inline const QString kAdminPassword = QStringLiteral("admin-password-1");

    struct Options {
        bool bootstrap = true;
        bool testHooks = true;
        int pbkdf2Iterations = 1000; // 0: the production default
        QStringList extraArgs;
        QString dbUrl; // empty: a temporary SQLite file
    };

    ServerHarness();
    explicit ServerHarness(const Options &options);
    ~ServerHarness();
    ServerHarness(const ServerHarness &) = delete;
    ServerHarness &operator=(const ServerHarness &) = delete;

    // Starts and waits for /v1/health; false (with why()) when it did not come up.
    bool start();
    const QString &why() const { return m_why; }
    quint16 port() const { return m_port; }
    QString databasePath() const;
    // Stops the process and returns everything it wrote to stderr (the log).
    QByteArray stopAndCollectLog();
    QByteArray logSoFar();
    int exitCode() const { return m_process.exitCode(); }

    HttpReply request(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                      const QString &token = {});
    HttpReply requestRaw(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QString &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // Writes bytes as they are and reads until the server answers or closes.
    HttpReply raw(const QByteArray &bytes, int timeoutMs = 5000);

    HttpReply loginReply(const QString &username, const QString &password);
    QString login(const QString &username, const QString &password);
    QString adminToken();
    QString createUser(const QString &adminToken, const QString &username, const QString &role);
    QString userPassword(const QString &username) const { return username + QStringLiteral("-password"); }
    QString createLead(const QString &token, QJsonObject fields);
    void setClockOffset(qint64 seconds);

private:
    Options m_options;
    QString m_pgDatabase; // created for this harness when the suite runs on PostgreSQL
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    QString m_why;
    QString m_adminToken;
};

// A distinct phone number per call, so leads never collide as the same contact.
QString uniquePhone();

// A throwaway PostgreSQL cluster in a temporary directory (initdb + pg_ctl, run as the
// postgres user when the tests run as root), or the server named by LEADS_TEST_PG_URL.
// While active, every ServerHarness without an explicit --db gets a fresh database on it.
class PostgresBackend {
public:
    // Starts (once) and returns an empty string, or says why PostgreSQL is unavailable.
    static QString activate();
    static void deactivate();
    static bool isActive();
    // "postgresql://user@127.0.0.1:port/" for a database name to be appended.
    static QString baseUrl();
    static QString createDatabase();
    static void dropDatabase(const QString &name);
    static void shutdown();
};

// Server scenarios that run on SQLite as their own test case and again, all together,
// on PostgreSQL (test_server_postgres.cpp).
using Scenario = void (*)();
struct ScenarioEntry {
    const char *name;
    Scenario run;
};
std::vector<ScenarioEntry> &portableScenarios();
struct ScenarioRegistrar {
    ScenarioRegistrar(const char *name, Scenario run) { portableScenarios().push_back({name, run}); }
};

} // namespace LeadsTest

#define LEADS_SERVER_SCENARIO(fn, name, tags)                                                                \
    static void fn();                                                                                        \
    static const LeadsTest::ScenarioRegistrar fn##Registrar(name, &fn);                                      \
    TEST_CASE(name, tags)                                                                                    \
    {                                                                                                        \
        fn();                                                                                                \
    }                                                                                                        \
    static void fn()

namespace LeadsTest {

} // namespace LeadsTest
