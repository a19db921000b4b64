// SPDX-License-Identifier: GPL-3.0-or-later
// bench_server: how many lead mutations per second leads-server applies, and at what
// latency, with 1, 10 and 50 concurrent clients on loopback. Each client keeps one
// HTTP/1.1 connection and alternates lead.qualify and lead.addNote on its own lead.
// Usage: bench_server [seconds-per-run, default 3]
#include "benchsupport.h"
#include "test_serverharness.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using LeadsTest::PostgresBackend;
using LeadsTest::ServerHarness;

namespace {

// One keep-alive connection; reconnects when the server closes it.
class Client {
public:
    explicit Client(quint16 port) : m_port(port) { }

    // Returns the status code, or 0 on a transport failure.
    int post(const QByteArray &path, const QByteArray &body, const QByteArray &token)
    {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            m_socket = std::make_unique<QTcpSocket>();
            m_socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (!m_socket->waitForConnected(5000))
                return 0;
        }
        m_socket->write("POST " + path
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
                          "Content-Type: application/json\r\nAuthorization: Bearer "
                        + token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                        + body);
        QByteArray data;
        qsizetype headEnd = -1;
        qint64 length = -1;
        while (true) {
            if (!m_socket->waitForReadyRead(10000))
                return 0;
            data += m_socket->readAll();
            if (headEnd < 0 && (headEnd = data.indexOf("\r\n\r\n")) >= 0) {
                const qsizetype at = data.toLower().indexOf("content-length:");
                length = at >= 0 ? data.mid(at + 15, data.indexOf('\r', at) - at - 15).trimmed().toLongLong()
                                 : 0;
            }
            if (headEnd >= 0 && data.size() >= headEnd + 4 + length)
                break;
        }
        if (data.toLower().contains("connection: close"))
            m_socket.reset();
        return data.mid(9, 3).toInt();
    }

private:
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
};

struct RunResult {
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    qint64 total = 0;
    qint64 failed = 0;
};

RunResult run(ServerHarness &server, int clients, double seconds)
{
    const QString admin = server.adminToken();
    std::vector<QByteArray> tokens;
    std::vector<QByteArray> leads;
    for (int i = 0; i < clients; ++i) {
        tokens.push_back(server.login(QStringLiteral("admin"), ServerHarness::kAdminPassword).toUtf8());
        leads.push_back(server.createLead(admin, {}).toUtf8());
    }
    std::vector<std::vector<qint64>> latencies;
    latencies.resize(size_t(clients));
    std::atomic<qint64> failed {0};
    std::atomic<bool> go {false};
    const qint64 durationNs = qint64(seconds * 1e9);
    std::vector<std::thread> threads;
    QElapsedTimer wall;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            Client client(server.port());
            while (!go.load())
                std::this_thread::yield();
            QElapsedTimer clock;
            clock.start();
            int n = 0;
            while (clock.nsecsElapsed() < durationNs) {
                const bool note = (n++ % 2) == 1;
                const QByteArray path = "/v1/leads/" + leads[size_t(c)] + (note ? "/notes" : "/qualify");
                const QByteArray body = note ? QByteArray("{\"text\":\"Called, left a message\"}")
                                             : "{\"score\":" + QByteArray::number(n % 101) + "}";
                const qint64 start = clock.nsecsElapsed();
                const int status = client.post(path, body, tokens[size_t(c)]);
                latencies[size_t(c)].push_back(clock.nsecsElapsed() - start);
                if (status != 200)
                    failed.fetch_add(1);
            }
        });
    }
    wall.start();
    go.store(true);
    for (auto &t : threads)
        t.join();
    const double elapsed = double(wall.nsecsElapsed()) / 1e9;
    std::vector<qint64> all;
    for (const auto &l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    RunResult r;
    r.total = qint64(all.size());
    r.failed = failed.load();
    r.perSecond = double(all.size()) / elapsed;
    if (!all.empty()) {
        r.p50Ms = double(all[all.size() / 2]) / 1e6;
        r.p99Ms = double(all[std::min(all.size() - 1, all.size() * 99 / 100)]) / 1e6;
    }
    return r;
}

void bench(const char *backend, double seconds)
{
    for (int clients : {1, 10, 50}) {
        ServerHarness server;
        if (!server.start()) {
            std::printf("%-10s %3d clients: server did not start: %s\n", backend, clients,
                        qPrintable(server.why()));
            return;
        }
        const RunResult r = run(server, clients, seconds);
        std::printf("%-10s %3d clients: %8.0f mutations/s   p50 %7.2f ms   p99 %7.2f ms   (%lld requests, "
                    "%lld failed)\n",
                    backend, clients, r.perSecond, r.p50Ms, r.p99Ms, static_cast<long long>(r.total),
                    static_cast<long long>(r.failed));
        // No issue names a number; a team of 50 agents makes a few mutations per second at its
        // busiest, so 100/s leaves a margin of more than ten (docs/performance.md).
        const QByteArray name = "server_" + QByteArray(backend) + '_' + QByteArray::number(clients) + "clients";
        Bench::result(name.constData(), r.perSecond, "/s", ">=100");
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::max(0.5, QByteArray(argv[1]).toDouble()) : 3.0;
    std::printf(
        "leads-server, loopback, %.1f s per run, alternating lead.qualify / lead.addNote, keep-alive\n",
        seconds);
    bench("sqlite", seconds);
    const QString why = PostgresBackend::activate();
    if (why.isEmpty())
        bench("postgresql", seconds);
    else
        std::printf("postgresql skipped: %s\n", qPrintable(why));
    PostgresBackend::shutdown();
    return 0;
}
