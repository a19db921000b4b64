// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkRequest;

namespace Leads {

// One HTTP request of the sync protocol: owns its reply, has its own deadline (a hung
// connection never stalls the queue), follows no redirects, and ends with a status, a
// parsed JSON body and a sentence a person can read.
class SyncJob : public QObject
{
    Q_OBJECT
public:
    enum class Result {
        Ok,          // 2xx with a JSON object
        Transient,   // network error, timeout, 408, 429, 5xx, garbled body: retry later
        Unauthorized,
        Refused,     // any other 4xx: the answer will not change by retrying
        Cancelled,   // abort() was called
    };

    SyncJob(QNetworkAccessManager *nam, QNetworkRequest request, QByteArray method, QByteArray body,
            int timeoutMs, QObject *parent = nullptr);
    ~SyncJob() override;

    void start();
    void abort();

    Result result() const { return m_result; }
    int httpStatus() const { return m_status; }
    const QJsonObject &json() const { return m_json; }
    // A successful answer in CBOR (the first download asks for it) is kept as it came.
    const QByteArray &cbor() const { return m_cbor; }
    bool isCbor() const { return !m_cbor.isEmpty(); }
    QString errorCode() const;
    const QString &errorText() const { return m_errorText; }
    qint64 retryAfterMs() const { return m_retryAfterMs; }
    bool timedOut() const { return m_timedOut; }

Q_SIGNALS:
    void finished(Leads::SyncJob *job);

private:
    void onFinished();
    void onTimeout();

    QNetworkAccessManager *m_nam;
    QNetworkRequest m_request;
    QByteArray m_method;
    QByteArray m_body;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    Result m_result = Result::Transient;
    int m_status = 0;
    QJsonObject m_json;
    QByteArray m_cbor;
    QString m_errorText;
    qint64 m_retryAfterMs = 0;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace Leads
