// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTcpServer>

namespace Leads::Server {

// The listening socket under Qt HttpServer. Qt HttpServer 6.4 reads any body and any
// number of headers into memory and never times a connection out, so every connection is
// watched here first: header count and size, Content-Length against the body limit (413
// answered before the body is buffered), chunked bodies refused, and an idle timeout.
// It sees each byte before Qt's parser does because its readyRead slot is connected first.
class GuardedTcpServer : public QTcpServer {
    Q_OBJECT
public:
    struct Limits {
        qint64 maxBodyBytes = 1024 * 1024;
        int maxHeaderCount = 64;
        int maxHeaderBytes = 16 * 1024;
        int idleTimeoutMs = 30000;
        int maxConnections = 512;
    };

    explicit GuardedTcpServer(const Limits &limits, QObject *parent = nullptr);
    int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Limits m_limits;
    int m_open = 0;
};

} // namespace Leads::Server
