// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "aisettingsbackend.h"
#include "domain/result.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>

class QThread;
class QTimer;

namespace Leads {

class LeadService;
class ScoringService;
struct TrainingReport;

// Keeps AI scores current in a standalone client, without blocking the window: leads that
// were created or changed are rescored together after a short quiet period, a full
// rescore (new model, new threshold) runs in chunks from the event loop, and the model is
// retrained on a worker thread when enough new outcomes arrived. The auto-qualify rule
// and the manual-score rule are LeadService's (applyAiScores), so nothing is decided
// twice. In team mode the server scores and this object stays idle.
class ScoringScheduler : public AiSettingsBackend
{
    Q_OBJECT
public:
    ScoringScheduler(LeadService &leads, ScoringService &scoring, QObject *parent = nullptr);
    ~ScoringScheduler() override;

    void setTeamMode(bool team);
    bool teamMode() const { return m_teamMode; }
    void setDebounceMs(int ms);
    void setChunkSize(int leads) { m_chunkSize = std::max(1, leads); }

    // The admin's settings (need the ManageSettings permission of the current actor).
    bool aiEnabled() const override;
    int threshold() const override;
    QStringList excludedAttributes() const override;
    Outcome setAiEnabled(bool enabled) override;
    // Takes effect at once: every active lead is rescored against the new threshold.
    Outcome setThreshold(int threshold) override;
    Outcome setExcludedAttributes(const QStringList &keys) override;
    bool canManage() const override;

    ScoringModelInfo modelInfo() const override;
    // Custom attribute keys present on leads (number and category), for the exclusion list.
    QStringList attributeKeys() const override;

    // Fits a new model on a worker thread, then rescores every active lead.
    void retrainNow() override;
    void rescoreAllNow();
    bool isTraining() const override { return m_trainer != nullptr; }
    bool isRescoring() const { return m_rescoreAfter.has_value(); }
    int pending() const { return int(m_pending.size()); }

Q_SIGNALS:
    void rescored(int leads); // a batch of changed leads was scored

private:
    void schedule(const QString &leadId);
    void flush();
    void startTraining(bool thenRescore);
    void finishTraining();
    void rescoreNextChunk();
    Outcome requireManage() const;

    LeadService &m_leads;
    ScoringService &m_scoring;
    QTimer *m_debounce = nullptr;
    QSet<QString> m_pending;
    bool m_teamMode = false;
    bool m_applying = false; // our own writes announce leads as changed: never loop
    int m_chunkSize = 500;

    QThread *m_trainer = nullptr;
    std::shared_ptr<std::optional<Result<TrainingReport>>> m_trainingResult;
    bool m_rescoreAfterTraining = false;

    std::optional<qint64> m_rescoreAfter; // lead_no cursor of a running full rescore
    bool m_rescoreAgain = false;
    qint64 m_rescoreTotal = 0;
    qint64 m_rescoreDone = 0;
    qint64 m_rescoreQualified = 0;
};

} // namespace Leads
