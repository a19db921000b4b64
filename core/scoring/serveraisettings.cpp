// SPDX-License-Identifier: GPL-3.0-or-later
#include "serveraisettings.h"

#include "domain/aiqualification.h"
#include "domain/qualification.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace Leads {

ServerAiSettings::ServerAiSettings(QNetworkAccessManager *network, QUrl server, TokenSource accessToken,
                                   bool canManage, QObject *parent)
    : AiSettingsBackend(parent), m_network(network), m_server(std::move(server)), m_token(std::move(accessToken)),
      m_canManage(canManage)
{
    m_threshold = AiQualification::kDefaultThreshold;
    m_model.warning = tr("Reading the model from the server…");
}

QNetworkReply *ServerAiSettings::send(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QUrl url = m_server;
    url.setPath(url.path().remove(QRegularExpression(QStringLiteral("/+$"))) + path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + (m_token ? m_token() : QString()).toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(60000);
    const QByteArray payload = body.isEmpty() && verb == "GET" ? QByteArray()
                                                               : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return m_network->sendCustomRequest(request, verb, payload);
}

QString ServerAiSettings::errorOf(QNetworkReply *reply, const QJsonObject &answer)
{
    const QString message = answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (!message.isEmpty())
        return message;
    return tr("The server could not be reached: %1").arg(reply->errorString());
}

void ServerAiSettings::refresh()
{
    QNetworkReply *settings = send("GET", QStringLiteral("/v1/settings"));
    connect(settings, &QNetworkReply::finished, this, [this, settings] {
        settings->deleteLater();
        const QJsonObject answer = QJsonDocument::fromJson(settings->readAll()).object();
        if (settings->error() != QNetworkReply::NoError) {
            Q_EMIT failed(errorOf(settings, answer));
            return;
        }
        const QJsonObject s = answer.value(QStringLiteral("settings")).toObject();
        m_enabled = s.value(QStringLiteral("aiEnabled")).toBool(true);
        m_threshold = s.value(QStringLiteral("aiThreshold")).toInt(AiQualification::kDefaultThreshold);
        const bool hasExcluded = s.contains(QStringLiteral("aiExcludedAttributes"));
        QStringList excluded;
        for (const QJsonValue &v : s.value(QStringLiteral("aiExcludedAttributes")).toArray())
            excluded.append(v.toString());
        QNetworkReply *model = send("GET", QStringLiteral("/v1/scoring/model"));
        connect(model, &QNetworkReply::finished, this, [this, model, hasExcluded, excluded] {
            model->deleteLater();
            const QJsonObject modelAnswer = QJsonDocument::fromJson(model->readAll()).object();
            if (model->error() != QNetworkReply::NoError) {
                Q_EMIT failed(errorOf(model, modelAnswer));
                return;
            }
            readModel(modelAnswer.value(QStringLiteral("model")).toObject());
            if (hasExcluded)
                m_excluded = excluded; // what the admin chose, even before the next training
            Q_EMIT settingsChanged();
        });
    });
}

void ServerAiSettings::readModel(const QJsonObject &model)
{
    ScoringModelInfo info;
    info.trainedAt = QDateTime::fromString(model.value(QStringLiteral("trainedAt")).toString(), Qt::ISODateWithMs);
    info.outcomes = model.value(QStringLiteral("outcomes")).toInt();
    info.converted = model.value(QStringLiteral("converted")).toInt();
    info.lost = model.value(QStringLiteral("lost")).toInt();
    if (model.value(QStringLiteral("holdoutAuc")).isDouble())
        info.holdoutAuc = model.value(QStringLiteral("holdoutAuc")).toDouble();
    info.tooFewOutcomes = model.value(QStringLiteral("tooFewOutcomes")).toBool(true);
    info.warning = model.value(QStringLiteral("warning")).toString();
    m_model = info;
    m_excluded.clear();
    const QJsonArray excluded = model.value(QStringLiteral("excludedAttributes")).toArray();
    for (const QJsonValue &v : excluded)
        m_excluded.append(v.toString());
}

Outcome ServerAiSettings::patchSettings(const QJsonObject &changes)
{
    // The server decides; refusing here only spares a round trip.
    if (!m_canManage)
        return Error(ErrorCode::PermissionDenied, tr("Only people allowed to manage settings can change AI qualification."));
    QNetworkReply *reply = send("PATCH", QStringLiteral("/v1/settings"), changes);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError)
            Q_EMIT failed(errorOf(reply, answer));
        refresh(); // what the server now holds, refused or not
    });
    return {};
}

Outcome ServerAiSettings::setAiEnabled(bool enabled)
{
    auto sent = patchSettings({{QStringLiteral("aiEnabled"), enabled}});
    if (sent)
        m_enabled = enabled;
    return sent;
}

Outcome ServerAiSettings::setThreshold(int threshold)
{
    if (auto valid = Qualification::checkScore(threshold); !valid)
        return valid;
    auto sent = patchSettings({{QStringLiteral("aiThreshold"), threshold}});
    if (sent)
        m_threshold = threshold;
    return sent;
}

Outcome ServerAiSettings::setExcludedAttributes(const QStringList &keys)
{
    auto sent = patchSettings({{QStringLiteral("aiExcludedAttributes"), QJsonArray::fromStringList(keys)}});
    if (sent)
        m_excluded = keys;
    return sent;
}

QStringList ServerAiSettings::attributeKeys() const
{
    QStringList keys = m_attributeKeys ? m_attributeKeys() : QStringList();
    for (const QString &k : m_excluded) {
        if (!keys.contains(k))
            keys.append(k);
    }
    keys.sort();
    return keys;
}

void ServerAiSettings::retrainNow()
{
    if (!m_canManage || m_training)
        return;
    m_training = true;
    Q_EMIT trainingStarted();
    QNetworkReply *reply = send("POST", QStringLiteral("/v1/scoring/retrain"));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_training = false;
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError) {
            Q_EMIT trainingFinished(false, errorOf(reply, answer));
            return;
        }
        readModel(answer.value(QStringLiteral("model")).toObject());
        Q_EMIT trainingFinished(true, tr("Trained on the server."));
        Q_EMIT settingsChanged();
    });
}

} // namespace Leads
