// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedtcpserver.h"

#include "apiresponse.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

Q_LOGGING_CATEGORY(lcServerNet, "leads.server.net")

namespace Leads::Server {

namespace {
QString guardText(const char *text)
{
    return QCoreApplication::translate("GuardedTcpServer", text);
}

// Scans the byte stream of one connection request by request (keep-alive included).
class ConnectionWatch : public QObject {
public:
    ConnectionWatch(QTcpSocket *socket, const GuardedTcpServer::Limits &limits)
        : QObject(socket), m_socket(socket), m_limits(limits)
    {
        m_idle.setSingleShot(true);
        m_idle.setInterval(limits.idleTimeoutMs);
        connect(&m_idle, &QTimer::timeout, this, [this] { onIdle(); });
        connect(socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { m_idle.start(); });
        m_idle.start();
        // A whole request must arrive within twice the idle timeout, so a client that
        // trickles one byte at a time (slowloris) cannot hold a connection forever.
        m_deadline.setSingleShot(true);
        m_deadline.setInterval(2 * limits.idleTimeoutMs);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            if (m_phase == Phase::Head || m_phase == Phase::Body)
                reject(ApiResponse::error(408, QStringLiteral("request_timeout"),
                                          guardText("The request did not arrive in time.")),
                       true);
        });
    }

private:
    enum class Phase { Head, Body, Draining, Closing };

    void onIdle()
    {
        qCInfo(lcServerNet) << "closing idle connection from" << m_socket->peerAddress().toString();
        if (m_phase == Phase::Head && !m_head.isEmpty())
            reject(ApiResponse::error(408, QStringLiteral("request_timeout"),
                                      guardText("The request did not arrive in time.")),
                   false);
        else
            m_socket->abort();
    }

    void onReadyRead()
    {
        m_idle.start();
        if (m_phase == Phase::Draining || m_phase == Phase::Closing) {
            const QByteArray discarded = m_socket->read(m_socket->bytesAvailable());
            m_drainRemaining -= discarded.size();
            if (m_phase == Phase::Draining && m_drainRemaining <= 0)
                closeAfterFlush();
            return;
        }
        const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
        qsizetype i = 0;
        m_chunkPos = 0;
        while (i < data.size() && m_phase != Phase::Draining && m_phase != Phase::Closing) {
            if (m_phase == Phase::Body) {
                const qint64 take = std::min<qint64>(m_bodyRemaining, data.size() - i);
                m_bodyRemaining -= take;
                i += take;
                if (m_bodyRemaining == 0) {
                    m_phase = Phase::Head;
                    m_deadline.stop();
                }
                continue;
            }
            if (m_head.isEmpty() && !m_deadline.isActive())
                m_deadline.start();
            // Head: collect until the blank line.
            const qsizetype end = data.indexOf("\r\n\r\n", i);
            const qsizetype stop = end < 0 ? data.size() : end + 4;
            m_head.append(data.constData() + i, stop - i);
            i = stop;
            m_chunkPos = i;
            if (m_head.size() > m_limits.maxHeaderBytes) {
                reject(ApiResponse::error(431, QStringLiteral("headers_too_large"),
                                          guardText("The request headers are larger than %1 bytes.")
                                              .arg(m_limits.maxHeaderBytes)),
                       true);
                break;
            }
            if (end < 0)
                break;
            // A head may begin with stray CRLFs between keep-alive requests.
            checkHead();
            m_head.clear();
        }
    }

    void checkHead()
    {
        const QList<QByteArray> lines = m_head.trimmed().split('\n');
        const qsizetype headerCount = lines.size() - 1;
        if (headerCount > m_limits.maxHeaderCount) {
            reject(ApiResponse::error(
                       431, QStringLiteral("too_many_headers"),
                       guardText("The request has more than %1 headers.").arg(m_limits.maxHeaderCount)),
                   true);
            return;
        }
        qint64 length = 0;
        int lengthHeaders = 0;
        bool expectContinue = false;
        for (qsizetype n = 1; n < lines.size(); ++n) {
            const QByteArray line = lines.at(n).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                length = value.toLongLong(&ok);
                ++lengthHeaders;
                if (!ok || length < 0) {
                    reject(ApiResponse::error(400, QStringLiteral("invalid_input"),
                                              guardText("Content-Length is not a number.")),
                           true);
                    return;
                }
            } else if (name == "expect") {
                expectContinue = value.toLower() == "100-continue";
            } else if (name == "transfer-encoding") {
                reject(
                    ApiResponse::error(
                        411, QStringLiteral("length_required"),
                        guardText("Send the body with a Content-Length (chunked bodies are not accepted).")),
                    true);
                return;
            }
        }
        if (lengthHeaders > 1) {
            reject(ApiResponse::error(400, QStringLiteral("invalid_input"),
                                      guardText("The request has more than one Content-Length.")),
                   true);
            return;
        }
        if (length > m_limits.maxBodyBytes) {
            // Read the body away before closing so the client receives the answer instead
            // of a connection reset; give up on bodies far beyond any sane size.
            m_drainRemaining = length <= 64 * m_limits.maxBodyBytes ? length : 0;
            reject(ApiResponse::error(413, QStringLiteral("payload_too_large"),
                                      guardText("The request body is larger than the limit of %1 bytes.")
                                          .arg(m_limits.maxBodyBytes)),
                   false);
            return;
        }
        // Qt HttpServer 6.4 never answers "Expect: 100-continue"; clients such as curl would
        // wait a second before sending the body. The size is acceptable, so say go on.
        if (expectContinue && length > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_bodyRemaining = length;
        m_phase = length > 0 ? Phase::Body : Phase::Head;
        if (length == 0)
            m_deadline.stop();
    }

    // Answers below Qt HttpServer and stops Qt from seeing anything more of this
    // connection: everything buffered is read away here, before Qt's readyRead slot runs.
    void reject(const ApiResponse &response, bool closeNow)
    {
        qCInfo(lcServerNet) << "refused a request from" << m_socket->peerAddress().toString() << "with"
                            << response.status;
        const QByteArray buffered = m_socket->read(m_socket->bytesAvailable());
        // Body bytes that already arrived behind the head in this chunk.
        m_drainRemaining -= std::max<qint64>(0, buffered.size() - m_chunkPos);
        m_socket->write(response.rawHttp(true));
        if (closeNow || m_drainRemaining <= 0) {
            m_phase = Phase::Closing;
            closeAfterFlush();
        } else {
            m_phase = Phase::Draining;
        }
    }

    void closeAfterFlush()
    {
        m_phase = Phase::Closing;
        m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    GuardedTcpServer::Limits m_limits;
    QTimer m_idle;
    QTimer m_deadline;
    Phase m_phase = Phase::Head;
    QByteArray m_head;
    qint64 m_bodyRemaining = 0;
    qint64 m_drainRemaining = 0;
    qsizetype m_chunkPos = 0;
};
} // namespace

GuardedTcpServer::GuardedTcpServer(const Limits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    if (m_open >= m_limits.maxConnections) {
        qCWarning(lcServerNet) << "connection limit reached; refusing a connection";
        socket->write(ApiResponse::error(503, QStringLiteral("busy"),
                                         guardText("The server is busy; try again shortly."))
                          .withHeader("Retry-After", "1")
                          .rawHttp(true));
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    new ConnectionWatch(socket, m_limits);
    addPendingConnection(socket);
}

} // namespace Leads::Server
