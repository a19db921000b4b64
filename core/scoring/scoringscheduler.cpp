// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringscheduler.h"

#include "domain/aiqualification.h"
#include "domain/clock.h"
#include "domain/permissions.h"
#include "domain/qualification.h"
#include "leadscore.h"
#include "modeltrainer.h"
#include "scoringservice.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

namespace Leads {

namespace {
// Restores a flag on every way out of a scope.
class FlagGuard
{
public:
    explicit FlagGuard(bool &flag) : m_flag(flag) { m_flag = true; }
    ~FlagGuard() { m_flag = false; }
    FlagGuard(const FlagGuard &) = delete;
    FlagGuard &operator=(const FlagGuard &) = delete;

private:
    bool &m_flag;
};
} // namespace

ScoringScheduler::ScoringScheduler(LeadService &leads, ScoringService &scoring, QObject *parent)
    : AiSettingsBackend(parent), m_leads(leads), m_scoring(scoring), m_debounce(new QTimer(this))
{
    // A burst of changes (an import, a sync pull, an agent typing notes) is scored once.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(400);
    connect(m_debounce, &QTimer::timeout, this, &ScoringScheduler::flush);
    connect(&m_leads, &LeadService::leadCreated, this, &ScoringScheduler::schedule);
    connect(&m_leads, &LeadService::leadChanged, this, &ScoringScheduler::schedule);
    // A bulk change (assigning many leads) touches each lead: agent touches are a feature.
    connect(&m_leads, &LeadService::leadsChanged, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            schedule(id);
    });
}

ScoringScheduler::~ScoringScheduler()
{
    // The worker only computes (no database); let it end before its result goes away.
    if (m_trainer) {
        m_trainer->wait();
        delete m_trainer;
    }
}

void ScoringScheduler::setTeamMode(bool team)
{
    m_teamMode = team;
    if (team) {
        m_debounce->stop();
        m_pending.clear();
        m_rescoreAfter.reset();
        m_rescoreAgain = false;
    }
}

void ScoringScheduler::setDebounceMs(int ms)
{
    m_debounce->setInterval(std::max(0, ms));
}

void ScoringScheduler::schedule(const QString &leadId)
{
    if (m_applying || m_teamMode)
        return;
    m_pending.insert(leadId);
    if (!m_debounce->isActive())
        m_debounce->start();
}

void ScoringScheduler::flush()
{
    if (m_teamMode || m_pending.isEmpty())
        return;
    if (!m_scoring.enabled()) {
        m_pending.clear();
        return;
    }
    // A lead that just closed is a new outcome: retrain in the background when enough
    // arrived (the full rescore that follows covers every lead again).
    if (!m_trainer) {
        if (auto due = m_scoring.retrainDue(); !due)
            qCWarning(lcCore) << "AI retraining check failed:" << due.error().message();
        else if (due.value())
            startTraining(true);
    }
    QStringList batch;
    for (auto it = m_pending.begin(); it != m_pending.end() && batch.size() < m_chunkSize;) {
        batch.append(*it);
        it = m_pending.erase(it);
    }
    Result<ScoringService::RescoreStats> done = ScoringService::RescoreStats{};
    {
        FlagGuard applying(m_applying);
        done = m_scoring.rescoreLeads(batch);
    }
    if (!done)
        qCWarning(lcCore) << "AI scoring failed:" << done.error().message();
    else
        Q_EMIT rescored(int(done.value().scored));
    // The rest in the next turn of the event loop, so the window stays responsive.
    if (!m_pending.isEmpty())
        QTimer::singleShot(0, this, &ScoringScheduler::flush);
}

void ScoringScheduler::retrainNow()
{
    if (m_teamMode)
        return;
    startTraining(true);
}

void ScoringScheduler::startTraining(bool thenRescore)
{
    m_rescoreAfterTraining = m_rescoreAfterTraining || thenRescore;
    if (m_trainer)
        return;
    auto result = std::make_shared<std::optional<Result<TrainingReport>>>();
    const QString path = m_leads.database().path();
    if (!path.isEmpty() && path != u":memory:") {
        // Reading every closed lead's timeline takes a while on a big workspace: the worker
        // does it too, on its own read-only connection (a connection belongs to its thread).
        const QDateTime now = m_scoring.clock().now();
        const Actor actor = m_leads.actor();
        m_trainer = QThread::create([path, now, actor, result]() {
            auto db = Database::open(path, Database::Mode::ReadOnly);
            if (!db) {
                result->emplace(db.error());
                return;
            }
            const FixedClock clock(now);
            LeadService leads(*db.value(), actor, clock);
            ScoringService scoring(leads, clock);
            auto prepared = scoring.prepareTraining();
            if (!prepared) {
                result->emplace(prepared.error());
                return;
            }
            result->emplace(ModelTrainer::trainAndEvaluate(prepared.value().examples, prepared.value().options));
        });
    } else {
        // An in-memory database has no second connection: read here, fit on the worker.
        auto prepared = m_scoring.prepareTraining();
        if (!prepared) {
            Q_EMIT trainingFinished(false, prepared.error().message());
            return;
        }
        m_trainer = QThread::create([input = std::move(prepared.value()), result]() {
            result->emplace(ModelTrainer::trainAndEvaluate(input.examples, input.options));
        });
    }
    m_trainingResult = result;
    connect(m_trainer, &QThread::finished, this, &ScoringScheduler::finishTraining);
    m_trainer->start(QThread::LowPriority);
    Q_EMIT trainingStarted();
}

void ScoringScheduler::finishTraining()
{
    QThread *thread = std::exchange(m_trainer, nullptr);
    thread->deleteLater();
    const auto result = std::exchange(m_trainingResult, {});
    const bool rescore = std::exchange(m_rescoreAfterTraining, false);
    if (!result || !result->has_value() || !result->value()) {
        const QString message = result && result->has_value() ? result->value().error().message()
                                                              : tr("Training stopped unexpectedly.");
        qCWarning(lcCore) << "AI retraining failed:" << message;
        Q_EMIT trainingFinished(false, message);
        return;
    }
    const TrainingReport &report = result->value().value();
    if (auto stored = m_scoring.storeTraining(report); !stored) {
        Q_EMIT trainingFinished(false, stored.error().message());
        return;
    }
    Q_EMIT trainingFinished(true, tr("Trained on %n outcome(s).", nullptr, report.model.outcomes));
    if (rescore)
        rescoreAllNow();
}

void ScoringScheduler::rescoreAllNow()
{
    if (m_teamMode || !m_scoring.enabled())
        return;
    if (m_rescoreAfter) {
        m_rescoreAgain = true; // start over once the running pass ends
        return;
    }
    m_rescoreAfter = -1;
    m_rescoreTotal = m_scoring.activeLeadCount();
    m_rescoreDone = 0;
    m_rescoreQualified = 0;
    QTimer::singleShot(0, this, &ScoringScheduler::rescoreNextChunk);
}

void ScoringScheduler::rescoreNextChunk()
{
    if (!m_rescoreAfter)
        return;
    Result<ScoringService::Chunk> chunk = ScoringService::Chunk{};
    {
        FlagGuard applying(m_applying);
        chunk = m_scoring.rescoreChunk(*m_rescoreAfter, m_chunkSize);
    }
    const bool finished = !chunk || chunk.value().done;
    if (!chunk) {
        qCWarning(lcCore) << "AI rescoring failed:" << chunk.error().message();
    } else {
        m_rescoreDone += chunk.value().stats.scored;
        m_rescoreQualified += chunk.value().stats.autoQualified;
        m_rescoreAfter = chunk.value().afterLeadNo;
        Q_EMIT rescoreProgress(m_rescoreDone, std::max(m_rescoreTotal, m_rescoreDone));
    }
    if (!finished) {
        QTimer::singleShot(0, this, &ScoringScheduler::rescoreNextChunk);
        return;
    }
    m_rescoreAfter.reset();
    Q_EMIT rescoreFinished(m_rescoreDone, m_rescoreQualified);
    if (std::exchange(m_rescoreAgain, false))
        rescoreAllNow();
}

bool ScoringScheduler::aiEnabled() const
{
    return m_scoring.enabled();
}

int ScoringScheduler::threshold() const
{
    return m_scoring.threshold();
}

QStringList ScoringScheduler::excludedAttributes() const
{
    return m_scoring.excludedAttributes();
}

bool ScoringScheduler::canManage() const
{
    return m_leads.permissions().allows(m_leads.actor().role, Permission::ManageSettings);
}

Outcome ScoringScheduler::requireManage() const
{
    return m_leads.permissions().require(m_leads.actor().role, Permission::ManageSettings);
}

Outcome ScoringScheduler::setAiEnabled(bool enabled)
{
    if (auto allowed = requireManage(); !allowed)
        return allowed;
    if (auto saved = m_leads.setSetting(AiQualification::enabledKey(), enabled ? QStringLiteral("1") : QStringLiteral("0"));
        !saved)
        return saved;
    Q_EMIT settingsChanged();
    if (enabled)
        rescoreAllNow();
    return {};
}

Outcome ScoringScheduler::setThreshold(int threshold)
{
    if (auto allowed = requireManage(); !allowed)
        return allowed;
    if (auto valid = Qualification::checkScore(threshold); !valid)
        return valid;
    if (auto saved = m_leads.setSetting(AiQualification::thresholdKey(), QString::number(threshold)); !saved)
        return saved;
    Q_EMIT settingsChanged();
    // Leads already at or above a lowered threshold move now, not at their next message.
    rescoreAllNow();
    return {};
}

Outcome ScoringScheduler::setExcludedAttributes(const QStringList &keys)
{
    if (auto allowed = requireManage(); !allowed)
        return allowed;
    QStringList sorted = keys;
    sorted.removeDuplicates();
    sorted.sort();
    const QString json = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(sorted)).toJson(QJsonDocument::Compact));
    if (auto saved = m_leads.setSetting(AiQualification::excludedAttributesKey(), json); !saved)
        return saved;
    Q_EMIT settingsChanged();
    if (m_teamMode)
        return {};
    // A trained model is refitted without the attribute; the prior never used it.
    auto due = m_scoring.retrainDue();
    if (due && due.value())
        startTraining(true);
    else
        rescoreAllNow();
    return {};
}

ScoringModelInfo ScoringScheduler::modelInfo() const
{
    const ScoringModel model = m_scoring.currentModel();
    ScoringModelInfo info;
    info.trainedAt = model.trainedAt;
    info.outcomes = model.outcomes;
    info.converted = model.converted;
    info.lost = model.lost;
    info.holdoutAuc = model.holdoutAuc;
    info.tooFewOutcomes = model.outcomes < ScoringModel::kTrustedOutcomes;
    info.warning = model.warning();
    return info;
}

QStringList ScoringScheduler::attributeKeys() const
{
    QStringList keys;
    QSqlQuery q(m_leads.database().connection());
    // Free-text attributes are never features, so there is nothing to exclude.
    if (q.exec(QStringLiteral("SELECT DISTINCT key FROM lead_attributes WHERE type IN ('number', 'category') ORDER BY key"))) {
        while (q.next())
            keys.append(q.value(0).toString());
    }
    const QStringList excluded = excludedAttributes();
    for (const QString &k : excluded) {
        if (!keys.contains(k))
            keys.append(k);
    }
    keys.sort(Qt::CaseInsensitive);
    return keys;
}

} // namespace Leads
