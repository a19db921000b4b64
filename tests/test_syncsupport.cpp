// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_syncsupport.h"

#include "testsupport.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimer>

namespace LeadsTest {

namespace {
// A reply whose content, status and errors the fake sets; everything is delivered later
// through the event loop, as a real reply would.
class FakeReply : public QNetworkReply
{
public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request, QObject *parent)
        : QNetworkReply(parent)
    {
        setRequest(request);
        setOperation(op);
        setUrl(request.url());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    void respond(int status, const QList<QNetworkReply::RawHeaderPair> &headers, const QByteArray &body)
    {
        QMetaObject::invokeMethod(
            this,
            [this, status, headers, body] {
                if (isFinished())
                    return;
                m_data = body;
                setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
                for (const auto &h : headers)
                    setRawHeader(h.first, h.second);
                Q_EMIT metaDataChanged();
                Q_EMIT readyRead();
                setFinished(true);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    }

    void failNetwork(QNetworkReply::NetworkError code, const QString &text)
    {
        QMetaObject::invokeMethod(
            this,
            [this, code, text] {
                if (isFinished())
                    return;
                setError(code, text);
                setFinished(true);
                Q_EMIT errorOccurred(code);
                Q_EMIT finished();
            },
            Qt::QueuedConnection);
    }

    void abort() override
    {
        if (isFinished())
            return;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        setFinished(true);
        Q_EMIT errorOccurred(OperationCanceledError);
        Q_EMIT finished();
    }

    qint64 bytesAvailable() const override { return m_data.size() - m_offset + QIODevice::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = std::min<qint64>(max, m_data.size() - m_offset);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        memcpy(out, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_offset = 0;
};

QByteArray errorBody(const char *code)
{
    return QByteArrayLiteral("{\"error\":{\"code\":\"") + code + QByteArrayLiteral("\",\"message\":\"injected\"}}");
}
} // namespace

FakeNam::FakeNam(QObject *parent) : QNetworkAccessManager(parent) { }

QNetworkReply *FakeNam::createRequest(Operation op, const QNetworkRequest &request, QIODevice *outgoingData)
{
    QByteArray verb = op == GetOperation ? QByteArray("GET")
                      : op == PostOperation ? QByteArray("POST")
                                            : request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    const QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
    const QString path = request.url().path();
    requests << QString::fromLatin1(verb) + u' ' + path;
    requestBodies << body;
    Fault fault = Fault::None;
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).path == path) {
            fault = m_rules.takeAt(i).fault;
            break;
        }
    }
    auto *reply = new FakeReply(op, request, this);
    switch (fault) {
    case Fault::DropRequest:
        reply->failNetwork(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
        return reply;
    case Fault::Answer500:
        reply->respond(500, {{"Content-Type", "application/json"}}, errorBody("internal"));
        return reply;
    case Fault::Answer503:
        reply->respond(503, {{"Content-Type", "application/json"}}, errorBody("busy"));
        return reply;
    case Fault::Answer429:
        reply->respond(429, {{"Content-Type", "application/json"}, {"Retry-After", "1"}}, errorBody("rate_limited"));
        return reply;
    case Fault::Answer401:
        reply->respond(401, {{"Content-Type", "application/json"}}, errorBody("token_expired"));
        return reply;
    case Fault::Hang:
        return reply;
    case Fault::None:
    case Fault::Stall:
    case Fault::DropResponse:
    case Fault::CutBody:
    case Fault::Duplicate:
        break;
    }
    QNetworkRequest forward(request);
    if (fault == Fault::Duplicate) {
        // The first copy's answer goes nowhere; the second is forwarded below once the
        // first has been handled, as a proxy retrying on its own would do.
        QNetworkReply *first = m_real.sendCustomRequest(forward, verb, body);
        QEventLoop wait;
        connect(first, &QNetworkReply::finished, &wait, &QEventLoop::quit);
        wait.exec();
        serverBodies << first->readAll();
        first->deleteLater();
    }
    QNetworkReply *real = m_real.sendCustomRequest(forward, verb, body);
    QPointer<FakeReply> target(reply);
    connect(real, &QNetworkReply::finished, this, [this, real, target, fault, path] {
        real->deleteLater();
        const int status = real->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray data = real->readAll();
        serverBodies << data;
        Q_EMIT answered(path, status);
        if (!target || fault == Fault::Stall)
            return;
        if (fault == Fault::DropResponse) {
            target->failNetwork(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
            return;
        }
        if (fault == Fault::CutBody)
            data.truncate(data.size() / 2);
        if (status == 0) {
            target->failNetwork(real->error(), real->errorString());
            return;
        }
        target->respond(status, real->rawHeaderPairs(), data);
    });
    return reply;
}

SyncTeam::SyncTeam()
{
    REQUIRE(server.start());
    url = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    admin = server.adminToken();
    adminId = server.request("GET", QStringLiteral("/v1/me"), {}, admin)
                  .json.value(QStringLiteral("user"))
                  .toObject()
                  .value(QStringLiteral("id"))
                  .toString();
    managerId = server.createUser(admin, QStringLiteral("mona"), QStringLiteral("manager"));
    agentId = server.createUser(admin, QStringLiteral("andy"), QStringLiteral("agent"));
    manager = server.login(QStringLiteral("mona"), server.userPassword(QStringLiteral("mona")));
    agent = server.login(QStringLiteral("andy"), server.userPassword(QStringLiteral("andy")));
    REQUIRE(!manager.isEmpty());
    REQUIRE(!agent.isEmpty());
}

QString SyncTeam::lead(const QJsonObject &fields)
{
    const QString id = server.createLead(admin, fields);
    REQUIRE(!id.isEmpty());
    return id;
}

QJsonObject SyncTeam::serverLead(const QString &leadId)
{
    return server.request("GET", QStringLiteral("/v1/leads/") + leadId, {}, admin).json;
}

QStringList SyncTeam::serverNotes(const QString &leadId)
{
    QStringList out;
    const QJsonArray timeline = serverLead(leadId).value(QStringLiteral("timeline")).toArray();
    for (const QJsonValue &v : timeline)
        if (v.toObject().value(QStringLiteral("kind")).toString() == QLatin1String("note"))
            out << v.toObject().value(QStringLiteral("body")).toString();
    out.sort();
    return out;
}

Leads::SyncEngine::Config fastConfig(const QString &serverUrl)
{
    Leads::SyncEngine::Config c;
    c.serverUrl = QUrl(serverUrl);
    c.timeoutMs = 5000;
    c.backoffMinMs = 10;
    c.backoffMaxMs = 200;
    c.seed = 42;
    return c;
}

SyncClient::SyncClient(const QString &serverUrl, const QString &token, const Leads::Actor &actor,
                       QNetworkAccessManager *nam, Leads::SyncEngine::Config config, const QString &dbPath)
{
    if (dbPath.isEmpty()) {
        db = memoryDatabase();
    } else {
        auto opened = Leads::Database::open(dbPath);
        INFO((opened ? QString() : opened.error().message() + u' ' + opened.error().detail()).toStdString());
        REQUIRE(opened);
        db = std::move(opened.value());
    }
    service = std::make_unique<Leads::LeadService>(*db, actor, Leads::Clock::system());
    if (!nam) {
        ownNam = std::make_unique<QNetworkAccessManager>();
        nam = ownNam.get();
    }
    if (config.serverUrl.isEmpty())
        config = fastConfig(serverUrl);
    engine = std::make_unique<Leads::SyncEngine>(*db, nam, config);
    engine->setAccessToken(token);
    QObject::connect(engine.get(), &Leads::SyncEngine::failed, engine.get(),
                     [this](const QString &reason, bool) { failures << reason; });
}

SyncClient::~SyncClient()
{
    engine.reset();
    service.reset();
    db.reset();
}

bool SyncClient::sync(int timeoutMs)
{
    QEventLoop loop;
    bool ok = false;
    auto done = QObject::connect(engine.get(), &Leads::SyncEngine::synced, &loop, [&] {
        ok = true;
        loop.quit();
    });
    auto lost = QObject::connect(engine.get(), &Leads::SyncEngine::failed, &loop,
                                 [&](const QString &, bool retrying) {
                                     if (!retrying)
                                         loop.quit();
                                 });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    engine->syncNow();
    loop.exec();
    QObject::disconnect(done);
    QObject::disconnect(lost);
    return ok;
}

QString SyncClient::status(const QString &leadId) const
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("SELECT status FROM leads WHERE id = ?"));
    q.addBindValue(leadId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

int SyncClient::notes(const QString &leadId) const
{
    QSqlQuery q(db->connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = ? AND kind = 'note'"));
    q.addBindValue(leadId);
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

int SyncClient::leads() const
{
    QSqlQuery q(db->connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) && q.next() ? q.value(0).toInt() : -1;
}

int SyncClient::outbox() const
{
    QSqlQuery q(db->connection());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state <> 'rejected'")) && q.next()
               ? q.value(0).toInt()
               : -1;
}

TableDigest tableDigest(const QSqlDatabase &db, const QString &sql)
{
    TableDigest d;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return d;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    d.rows = 0;
    const int columns = q.record().count();
    while (q.next()) {
        for (int i = 0; i < columns; ++i) {
            const QVariant v = q.value(i);
            hash.addData(v.isNull() ? QByteArrayLiteral("\\N") : v.toString().toUtf8());
            hash.addData(QByteArrayLiteral("\x1f"));
        }
        hash.addData(QByteArrayLiteral("\x1e"));
        ++d.rows;
    }
    d.hash = hash.result().toHex();
    return d;
}

TableDigest leadsDigest(const QSqlDatabase &db)
{
    return tableDigest(db, QStringLiteral(
        "SELECT id, contact_id, name, company, phone, email, search_phone, source, source_detail, campaign, status, "
        "status_rank, status_version, is_final, lost_reason, assignee_id, ai_score, manual_score, score, "
        "qualification_method, follow_up_at, created_at, updated_at, last_activity_at, version, server_seq, "
        "notes FROM leads ORDER BY id"));
}

TableDigest interactionsDigest(const QSqlDatabase &db)
{
    return tableDigest(db, QStringLiteral("SELECT id, lead_id, kind, occurred_at, author_id, author_name, body, "
                                          "json(data), synced FROM interactions ORDER BY id"));
}

TableDigest contactsDigest(const QSqlDatabase &db)
{
    return tableDigest(db, QStringLiteral("SELECT id, phone, email, display_name FROM contacts "
                                          "WHERE id IN (SELECT contact_id FROM leads) ORDER BY id"));
}

} // namespace LeadsTest
