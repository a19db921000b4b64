// SPDX-License-Identifier: GPL-3.0-or-later
#include "faultproxy.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

#include <sys/socket.h>

namespace Soak {

FaultProxy::FaultProxy(quint64 seed, QObject *parent) : QObject(parent), m_listener(new QTcpServer(this)), m_rng(seed)
{
    connect(m_listener, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy() = default;

bool FaultProxy::listen()
{
    return m_listener->listen(QHostAddress::LocalHost, 0);
}

quint16 FaultProxy::port() const
{
    return m_listener->serverPort();
}

qint64 FaultProxy::totalFaults() const
{
    qint64 n = 0;
    for (int i = 1; i < kFaultKinds; ++i)
        n += m_counts[i];
    return n;
}

const char *FaultProxy::name(Fault kind)
{
    switch (kind) {
    case Fault::None:
        return "none";
    case Fault::Delay:
        return "delayed answer";
    case Fault::CutResponse:
        return "cut mid-answer";
    case Fault::ResetBeforeRequest:
        return "reset before the request";
    case Fault::ResetAfterRequest:
        return "reset after the request";
    }
    return "?";
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_listener->nextPendingConnection()) {
        auto link = std::make_shared<Link>();
        Link *l = link.get();
        m_links.insert(l, link);
        l->client = client;
        auto *server = new QTcpSocket(this);
        l->server = server;
        connect(client, &QTcpSocket::readyRead, this, [this, l] { fromClient(l); });
        connect(client, &QTcpSocket::disconnected, this, [this, l] { close(l, false); });
        connect(server, &QTcpSocket::connected, this, [this, l] {
            if (l->done)
                return;
            l->server->write(l->toServer);
            l->toServer.clear();
        });
        connect(server, &QTcpSocket::readyRead, this, [this, l] { fromServer(l); });
        // The server went away (killed, restarting): so does the client's connection.
        connect(server, &QTcpSocket::disconnected, this, [this, l] { close(l, false); });
        connect(server, &QTcpSocket::errorOccurred, this, [this, l] { close(l, false); });
        server->connectToHost(QHostAddress::LocalHost, m_upstream);
    }
}

void FaultProxy::fromClient(Link *l)
{
    if (l->done || !l->client)
        return;
    const QByteArray bytes = l->client->readAll();
    if (!l->exchange) {
        // A new request on this connection (clients keep connections alive, so faults are
        // drawn per request, not per connection).
        l->exchange = true;
        ++m_requests;
        l->answered = 0;
        l->fault = Fault::None;
        if (std::uniform_real_distribution<double>(0, 1)(m_rng) < m_rate)
            l->fault = Fault(1 + int(m_rng() % quint64(kFaultKinds - 1)));
        // Cut somewhere in the answer: often in its head, sometimes in its body.
        l->cutAfter = qint64(1 + m_rng() % 400);
    }
    if (l->fault == Fault::ResetBeforeRequest) {
        count(l->fault);
        close(l, true);
        return;
    }
    if (l->server && l->server->state() == QAbstractSocket::ConnectedState)
        l->server->write(bytes);
    else
        l->toServer += bytes;
}

void FaultProxy::fromServer(Link *l)
{
    if (l->done || !l->server || !l->client)
        return;
    QByteArray bytes = l->server->readAll();
    l->exchange = false; // the next bytes from the client are the next request
    switch (l->fault) {
    case Fault::ResetAfterRequest:
        count(l->fault);
        close(l, true);
        return;
    case Fault::CutResponse: {
        const qint64 room = l->cutAfter - l->answered;
        if (bytes.size() >= room) {
            l->client->write(bytes.left(room));
            l->client->flush();
            count(l->fault);
            close(l, false);
            return;
        }
        break;
    }
    case Fault::Delay:
        if (l->answered == 0 && !l->delaying) {
            // Hold the first answer for 0.2 to 2.5 s, then let everything through.
            l->delaying = true;
            l->heldAnswer = bytes;
            count(l->fault);
            QTimer::singleShot(int(200 + m_rng() % 2300), this, [this, l] {
                if (!m_links.contains(l) || l->done || !l->client)
                    return;
                l->delaying = false;
                l->answered += l->heldAnswer.size();
                l->client->write(l->heldAnswer);
                l->heldAnswer.clear();
                l->fault = Fault::None;
                if (l->server && l->server->bytesAvailable() > 0)
                    fromServer(l);
            });
            return;
        }
        if (l->delaying) {
            l->heldAnswer += bytes;
            return;
        }
        break;
    case Fault::None:
    case Fault::ResetBeforeRequest:
        break;
    }
    l->answered += bytes.size();
    l->client->write(bytes);
}

void FaultProxy::close(Link *l, bool reset)
{
    if (l->done)
        return;
    l->done = true;
    if (l->delaying && l->client && !reset) {
        // The server closed while an answer was held: deliver it, then close.
        l->client->write(l->heldAnswer);
        l->heldAnswer.clear();
    }
    for (QTcpSocket *s : {l->client.data(), l->server.data()}) {
        if (!s)
            continue;
        s->disconnect(this);
        if (reset && s == l->client.data() && s->socketDescriptor() >= 0) {
            // SO_LINGER 0: close() sends a reset instead of an orderly end.
            linger off {1, 0};
            ::setsockopt(int(s->socketDescriptor()), SOL_SOCKET, SO_LINGER, &off, sizeof off);
            s->abort();
        } else {
            s->flush();
            // Delete once the last bytes are out, not before (that would be a fault we did not count).
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            QTimer::singleShot(10000, s, &QObject::deleteLater);
            s->disconnectFromHost();
            if (s->state() == QAbstractSocket::UnconnectedState)
                s->deleteLater();
            continue;
        }
        s->deleteLater();
    }
    // The link may still be on the stack of the caller: forget it after this event.
    QTimer::singleShot(0, this, [this, l] { m_links.remove(l); });
}

} // namespace Soak
