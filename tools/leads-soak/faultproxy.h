// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <random>

class QTcpServer;
class QTcpSocket;

namespace Soak {

// A TCP proxy on 127.0.0.1 between the soak's clients and leads-server that breaks some
// connections on purpose, the way real networks do: it delays the answer, cuts the
// connection in the middle of the answer (the server did the work, the client never hears
// of it), or resets it before the request reaches the server. The upstream port can
// change, so the server can restart on a new port behind a stable address.
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Fault { None, Delay, CutResponse, ResetBeforeRequest, ResetAfterRequest };
    static constexpr int kFaultKinds = 5;

    explicit FaultProxy(quint64 seed, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    quint16 port() const;
    void setUpstreamPort(quint16 port) { m_upstream = port; }
    // Share of new connections that get a fault (0 to 1).
    void setFaultRate(double rate) { m_rate = rate; }
    qint64 faults(Fault kind) const { return m_counts[int(kind)]; }
    qint64 totalFaults() const;
    qint64 requests() const { return m_requests; }
    static const char *name(Fault kind);

private:
    struct Link
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> server;
        Fault fault = Fault::None;
        QByteArray toServer;   // what the client sent before the upstream was connected
        QByteArray heldAnswer; // a delayed answer, flushed by a timer
        qint64 cutAfter = 0;   // CutResponse: bytes of the answer let through
        qint64 answered = 0;
        bool exchange = false; // a request went up and its answer has not started
        bool delaying = false;
        bool done = false;
    };
    void accept();
    void fromClient(Link *link);
    void fromServer(Link *link);
    void close(Link *link, bool reset);
    void count(Fault kind) { ++m_counts[int(kind)]; }

    QTcpServer *m_listener = nullptr;
    quint16 m_upstream = 0;
    double m_rate = 0;
    std::mt19937_64 m_rng;
    qint64 m_counts[kFaultKinds] = {};
    qint64 m_requests = 0;
    QHash<Link *, std::shared_ptr<Link>> m_links;
};

} // namespace Soak
