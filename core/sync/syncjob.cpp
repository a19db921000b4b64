// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncjob.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkRequest>

namespace Leads {

SyncJob::SyncJob(QNetworkAccessManager *nam, QNetworkRequest request, QByteArray method, QByteArray body,
                 int timeoutMs, QObject *parent)
    : QObject(parent), m_nam(nam), m_request(std::move(request)), m_method(std::move(method)),
      m_body(std::move(body))
{
    // Qt's HTTP/2 has had stalls and lost bodies; sync needs plain, predictable HTTP/1.1.
    m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // A redirect of a write could replay it somewhere else: refuse all redirects.
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    m_request.setTransferTimeout(timeoutMs);
    m_deadline.setSingleShot(true);
    // The transfer timeout only covers stalls; the deadline also covers a trickling server
    // (and fake replies in tests, which have no transfer timeout).
    m_deadline.setInterval(timeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, &SyncJob::onTimeout);
}

SyncJob::~SyncJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void SyncJob::start()
{
    if (m_method == "GET")
        m_reply = m_nam->get(m_request);
    else
        m_reply = m_nam->sendCustomRequest(m_request, m_method, m_body);
    connect(m_reply.data(), &QNetworkReply::finished, this, &SyncJob::onFinished);
    m_deadline.start();
}

void SyncJob::abort()
{
    if (m_reply && !m_done) {
        m_cancelled = true;
        m_reply->abort();
    }
}

void SyncJob::onTimeout()
{
    if (m_done || !m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finished() follows with OperationCanceledError
}

QString SyncJob::errorCode() const
{
    return m_json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

void SyncJob::onFinished()
{
    if (m_done || !m_reply)
        return;
    m_done = true;
    m_deadline.stop();
    QNetworkReply *reply = m_reply.data();
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    const QByteArray retryAfter = reply->rawHeader("Retry-After");
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const qint64 seconds = retryAfter.trimmed().toLongLong(&ok);
        if (ok && seconds >= 0)
            m_retryAfterMs = seconds * 1000;
    }
    const bool cbor = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().startsWith("application/cbor");
    QJsonParseError parseError;
    QJsonDocument doc;
    if (cbor && m_status >= 200 && m_status < 300)
        m_cbor = data; // decoded (and checked) by whoever asked for it
    else
        doc = QJsonDocument::fromJson(data, &parseError);
    if (!cbor && parseError.error == QJsonParseError::NoError && doc.isObject())
        m_json = doc.object();

    if (m_cancelled) {
        m_result = Result::Cancelled;
        m_errorText = tr("Sync was cancelled.");
    } else if (m_timedOut) {
        m_result = Result::Transient;
        m_status = 0;
        m_errorText = tr("The server did not answer in time.");
    } else if (m_status == 0) {
        m_result = Result::Transient;
        m_errorText = tr("Cannot reach the server: %1").arg(reply->errorString());
    } else if (m_status >= 200 && m_status < 300) {
        if (doc.isObject() || !m_cbor.isEmpty()) {
            m_result = Result::Ok;
        } else {
            // A cut or garbled body: the request may have taken effect; retrying is safe.
            m_result = Result::Transient;
            m_errorText = tr("The server's answer was incomplete.");
        }
    } else {
        const QString message = m_json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
        if (m_status == 401)
            m_result = Result::Unauthorized;
        else if (m_status == 408 || m_status == 429 || m_status >= 500)
            m_result = Result::Transient;
        else
            m_result = Result::Refused;
        m_errorText = message.isEmpty() ? tr("The server answered %1.").arg(m_status) : message;
    }
    reply->deleteLater();
    m_reply.clear();
    Q_EMIT finished(this);
}

} // namespace Leads
