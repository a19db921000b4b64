// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "aisettingsbackend.h"

#include <QJsonObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Leads {

// The AI settings of a team, kept by the server: read with GET /v1/settings and GET
// /v1/scoring/model, changed with PATCH /v1/settings, retrained with POST
// /v1/scoring/retrain. Values are cached for the page's synchronous getters and announced
// with settingsChanged when the server answered; a change is shown at once and corrected
// (with failed) when the server refuses it. Excluding attributes is not offered by the
// server yet: the model's exclusions are shown read-only.
class ServerAiSettings : public AiSettingsBackend
{
    Q_OBJECT
public:
    using TokenSource = std::function<QString()>;
    ServerAiSettings(QNetworkAccessManager *network, QUrl server, TokenSource accessToken, bool canManage,
                     QObject *parent = nullptr);

    // Reads settings and model from the server again.
    void refresh();

    bool canManage() const override { return m_canManage; }
    bool aiEnabled() const override { return m_enabled; }
    int threshold() const override { return m_threshold; }
    QStringList excludedAttributes() const override { return m_excluded; }
    QStringList attributeKeys() const override;
    // Where the attribute keys come from (the team copy on this computer holds the same
    // leads the server trains on); without it only the excluded keys are listed.
    void setAttributeKeysSource(std::function<QStringList()> source) { m_attributeKeys = std::move(source); }
    ScoringModelInfo modelInfo() const override { return m_model; }
    bool isTraining() const override { return m_training; }

    Outcome setAiEnabled(bool enabled) override;
    Outcome setThreshold(int threshold) override;
    Outcome setExcludedAttributes(const QStringList &keys) override;
    void retrainNow() override;

private:
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    Outcome patchSettings(const QJsonObject &changes);
    void readModel(const QJsonObject &model);
    static QString errorOf(QNetworkReply *reply, const QJsonObject &answer);

    QNetworkAccessManager *m_network;
    QUrl m_server;
    TokenSource m_token;
    bool m_canManage;
    bool m_enabled = true;
    int m_threshold = 70;
    QStringList m_excluded;
    std::function<QStringList()> m_attributeKeys;
    ScoringModelInfo m_model;
    bool m_training = false;
};

} // namespace Leads
