// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "test_serverharness.h"

#include "domain/clock.h"
#include "domain/permissions.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/syncengine.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QSqlDatabase>
#include <QNetworkReply>
#include <QPointer>

#include <memory>

namespace LeadsTest {

// A network access manager for fault injection (the Nextcloud FakeQNAM pattern): each
// request takes the next fault from a script; requests without a fault, and the faults
// that need the server's answer, are forwarded to the real server through a real manager.
class FakeNam : public QNetworkAccessManager
{
    Q_OBJECT
public:
    enum class Fault {
        None,
        DropRequest,  // the connection fails before the server sees anything
        DropResponse, // the server handles the request; its answer is lost
        Answer500,
        Answer503,
        Answer429,    // with Retry-After: 1
        Answer401,    // the access token expired
        Hang,         // never answers (the client's deadline must end it)
        CutBody,      // the server's answer arrives cut in half
        Duplicate,    // the request reaches the server twice; the client sees the second answer
        Stall,        // the server handles the request; its answer never arrives
    };
    struct Rule {
        QString path; // the request path this rule waits for, e.g. /v1/sync/push
        Fault fault;
    };

    explicit FakeNam(QObject *parent = nullptr);
    // The next request to `path` gets `fault`; rules fire in order of addition.
    void addFault(const QString &path, Fault fault) { m_rules.append({path, fault}); }
    int pendingFaults() const { return int(m_rules.size()); }
    void clearFaults() { m_rules.clear(); }

    // What went over the wire: "POST /v1/sync/push" and the server's body when it answered.
    QStringList requests;
    QList<QByteArray> requestBodies; // beside `requests`, one per request
    QList<QByteArray> serverBodies;

Q_SIGNALS:
    // The server answered a request (whatever the fault then does with the answer).
    void answered(const QString &path, int status);

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData) override;

private:
    QList<Rule> m_rules;
    QNetworkAccessManager m_real;
};

// One desktop client: its own local database, lead service and sync engine.
struct SyncClient
{
    SyncClient(const QString &serverUrl, const QString &token, const Leads::Actor &actor,
               QNetworkAccessManager *nam, Leads::SyncEngine::Config config = {}, const QString &dbPath = {});
    ~SyncClient();

    // Runs rounds until one succeeds (automatic retries included) or `timeoutMs` passes;
    // false on a failure that will not be retried, or on the timeout.
    bool sync(int timeoutMs = 15000);

    QString status(const QString &leadId) const;
    int notes(const QString &leadId) const;
    int leads() const;
    int outbox() const;

    std::unique_ptr<Leads::Database> db;
    std::unique_ptr<QNetworkAccessManager> ownNam;
    std::unique_ptr<Leads::LeadService> service;
    std::unique_ptr<Leads::SyncEngine> engine;
    QStringList failures;
};

Leads::SyncEngine::Config fastConfig(const QString &serverUrl);

// A digest of what `sql` returns (every column of every row, in its order) and how many
// rows, so two databases can be compared table by table.
struct TableDigest
{
    qint64 rows = -1;
    QByteArray hash;
    bool operator==(const TableDigest &o) const { return rows == o.rows && hash == o.hash; }
};
TableDigest tableDigest(const QSqlDatabase &db, const QString &sql);
// What a client shows of the workspace: leads, contacts, timelines (the columns the
// server decides, in id order).
TableDigest leadsDigest(const QSqlDatabase &db);
TableDigest interactionsDigest(const QSqlDatabase &db);
TableDigest contactsDigest(const QSqlDatabase &db);

// A running leads-server with a manager and an agent besides the admin.
struct SyncTeam
{
    SyncTeam();
    ServerHarness server;
    QString url;
    QString admin, manager, agent;       // access tokens
    QString adminId, managerId, agentId; // user ids
    Leads::Actor managerActor() const { return {managerId, QStringLiteral("MONA"), Leads::Role::Manager}; }
    Leads::Actor agentActor() const { return {agentId, QStringLiteral("ANDY"), Leads::Role::Agent}; }

    QString lead(const QJsonObject &fields = {});
    QJsonObject serverLead(const QString &leadId);
    QStringList serverNotes(const QString &leadId);
};

} // namespace LeadsTest
