// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace Leads {

// What the settings page shows about the model in use.
struct ScoringModelInfo
{
    QDateTime trainedAt; // invalid: the built-in starting model
    int outcomes = 0;
    int converted = 0;
    int lost = 0;
    std::optional<double> holdoutAuc;
    bool tooFewOutcomes = true;
    QString warning; // empty when the model can be trusted
};

// The AI settings as the settings page edits them, wherever they live: the local database
// of a standalone client (ScoringScheduler) or, in a team, the server (GET
// /v1/scoring/model, PATCH /v1/settings, POST /v1/scoring/retrain).
class AiSettingsBackend : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual bool canManage() const = 0; // the ManageSettings permission
    virtual bool aiEnabled() const = 0;
    virtual int threshold() const = 0;
    virtual QStringList excludedAttributes() const = 0;
    virtual QStringList attributeKeys() const = 0; // custom attributes the model may use
    virtual ScoringModelInfo modelInfo() const = 0;
    virtual bool isTraining() const = 0;

    virtual Outcome setAiEnabled(bool enabled) = 0;
    virtual Outcome setThreshold(int threshold) = 0;
    virtual Outcome setExcludedAttributes(const QStringList &keys) = 0;
    virtual void retrainNow() = 0;

Q_SIGNALS:
    void settingsChanged();
    void trainingStarted();
    void trainingFinished(bool ok, const QString &message);
    void rescoreProgress(qint64 done, qint64 total);
    void rescoreFinished(qint64 scored, qint64 autoQualified);
    // A change or a request the backend could not carry out, in words for the page.
    void failed(const QString &message);
};

} // namespace Leads
