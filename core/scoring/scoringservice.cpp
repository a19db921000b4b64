// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringservice.h"

#include "domain/aiqualification.h"
#include "domain/clock.h"
#include "featureextractor.h"
#include "leadscore.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ScoringService), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ScoringService", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

struct LoadedLead
{
    LeadSnapshot snapshot;
    qint64 leadNo = 0;
    bool converted = false;
    qint64 closedMs = -1; // first move into a final status
    qint64 updatedMs = 0;
};

// Reads leads matching `condition` (a fixed SQL fragment over alias l, never user text)
// with their interactions and attributes, in lead_no order.
Result<QList<LoadedLead>> loadLeads(Database &db, const QString &condition, const QVariantList &binds,
                                    bool wantClosing)
{
    QList<LoadedLead> leads;
    QHash<qint64, qsizetype> byNo;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    auto bindAll = [&]() {
        for (const QVariant &v : binds)
            q.addBindValue(v);
    };
    q.prepare(QStringLiteral("SELECT l.lead_no, l.id, l.created_at, l.source, l.campaign, l.status, l.updated_at "
                             "FROM leads l WHERE %1 ORDER BY l.lead_no")
                  .arg(condition));
    bindAll();
    if (!q.exec())
        return storageError(q, tr("reading leads to score"));
    while (q.next()) {
        LoadedLead l;
        l.leadNo = q.value(0).toLongLong();
        l.snapshot.leadId = q.value(1).toString();
        l.snapshot.createdAt = fromMs(q.value(2).toLongLong());
        l.snapshot.source = q.value(3).toString();
        l.snapshot.campaign = q.value(4).toString();
        l.converted = q.value(5).toString() == u"converted";
        l.updatedMs = q.value(6).toLongLong();
        byNo.insert(l.leadNo, leads.size());
        leads.append(l);
    }
    q.finish();
    if (leads.isEmpty())
        return leads;

    // Message text is only read for what the contact wrote; status-change data only to
    // find when a lead was closed.
    q.prepare(QStringLiteral(
                  "SELECT l.lead_no, i.kind, i.occurred_at, "
                  "CASE WHEN i.kind IN ('chat_in', 'broadcast_reply', 'integration') THEN i.body ELSE '' END, "
                  "CASE WHEN i.kind = 'status_change' THEN i.data ELSE '' END "
                  "FROM leads l JOIN interactions i ON i.lead_id = l.id WHERE %1 "
                  "ORDER BY l.lead_no, i.occurred_at, i.interaction_no")
                  .arg(condition));
    bindAll();
    if (!q.exec())
        return storageError(q, tr("reading interactions to score"));
    LoadedLead *current = nullptr;
    qint64 currentNo = -1;
    while (q.next()) {
        const qint64 no = q.value(0).toLongLong();
        if (no != currentNo) {
            currentNo = no;
            const auto it = byNo.constFind(no);
            current = it == byNo.cend() ? nullptr : &leads[*it];
        }
        if (!current)
            continue;
        const auto kind = interactionKindFromId(q.value(1).toString());
        if (!kind)
            continue;
        const qint64 at = q.value(2).toLongLong();
        if (*kind == InteractionKind::StatusChange) {
            if (wantClosing && current->closedMs < 0) {
                const QJsonObject data = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
                const auto to = Status::fromId(data.value(QStringLiteral("to")).toString());
                if (to && Status::isFinal(*to))
                    current->closedMs = at;
            }
            continue;
        }
        Interaction in;
        in.kind = *kind;
        in.occurredAt = fromMs(at);
        in.body = q.value(3).toString();
        current->snapshot.interactions.append(in);
    }
    q.finish();

    q.prepare(QStringLiteral("SELECT l.lead_no, a.key, a.type, a.value FROM leads l "
                             "JOIN lead_attributes a ON a.lead_id = l.id WHERE %1")
                  .arg(condition));
    bindAll();
    if (!q.exec())
        return storageError(q, tr("reading lead attributes to score"));
    while (q.next()) {
        const auto it = byNo.constFind(q.value(0).toLongLong());
        if (it == byNo.cend())
            continue;
        leads[*it].snapshot.attributes.append({q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    return leads;
}
} // namespace

ScoringService::ScoringService(LeadService &leads, const Clock &clock) : m_leads(leads), m_clock(clock) {}

bool ScoringService::enabled() const
{
    return AiQualification::enabledFromSetting(m_leads.setting(AiQualification::enabledKey()));
}

int ScoringService::threshold() const
{
    return AiQualification::thresholdFromSetting(m_leads.setting(AiQualification::thresholdKey()));
}

QStringList ScoringService::excludedAttributes() const
{
    return AiQualification::excludedFromSetting(m_leads.setting(AiQualification::excludedAttributesKey()));
}

ScoringModel ScoringService::currentModel() const
{
    QString problem;
    ScoringModel model = ScoringModel::fromStored(m_leads.setting(AiQualification::modelKey()), &problem);
    if (!problem.isEmpty())
        qCWarning(lcCore) << "stored AI model unusable, scoring with the prior:" << problem;
    return model;
}

Outcome ScoringService::saveModel(const ScoringModel &model)
{
    return m_leads.setSetting(AiQualification::modelKey(),
                              QString::fromUtf8(QJsonDocument(model.toJson()).toJson(QJsonDocument::Compact)));
}

Result<std::vector<TrainingExample>> ScoringService::loadOutcomes() const
{
    // Archived leads are neither won nor lost: left out.
    auto leads = loadLeads(m_leads.database(), QStringLiteral("l.status IN ('converted', 'lost')"), {}, true);
    if (!leads)
        return leads.error();
    std::vector<TrainingExample> examples;
    examples.reserve(size_t(leads.value().size()));
    for (const LoadedLead &l : leads.value()) {
        const qint64 closed = l.closedMs >= 0 ? l.closedMs : l.updatedMs;
        TrainingExample e;
        e.features = FeatureExtractor::extract(l.snapshot, closed - 1); // strictly before the verdict
        e.converted = l.converted;
        e.createdMs = l.snapshot.createdAt.toMSecsSinceEpoch();
        e.order = l.leadNo;
        examples.push_back(std::move(e));
    }
    return examples;
}

Result<ScoringService::PreparedTraining> ScoringService::prepareTraining(TrainingOptions options) const
{
    auto examples = loadOutcomes();
    if (!examples)
        return examples.error();
    options.excludedAttributes = excludedAttributes();
    options.now = m_clock.now();
    return PreparedTraining{std::move(examples.value()), std::move(options)};
}

Outcome ScoringService::storeTraining(const TrainingReport &report)
{
    if (auto saved = saveModel(report.model); !saved)
        return saved.error();
    qCInfo(lcCore) << "AI model trained on" << report.model.outcomes << "outcomes, hold-out AUC"
                   << report.evaluation.auc;
    return {};
}

Result<TrainingReport> ScoringService::train(TrainingOptions options)
{
    auto prepared = prepareTraining(std::move(options));
    if (!prepared)
        return prepared.error();
    auto report = ModelTrainer::trainAndEvaluate(prepared.value().examples, prepared.value().options);
    if (!report)
        return report.error();
    if (auto stored = storeTraining(report.value()); !stored)
        return stored.error();
    return report;
}

Result<bool> ScoringService::retrainDue() const
{
    QSqlQuery q(m_leads.database().connection());
    // By status_rank, which is indexed: this runs after every change in a client.
    q.prepare(QStringLiteral("SELECT SUM(status_rank = ?), SUM(status_rank = ?) FROM leads "
                             "WHERE status_rank IN (?, ?)"));
    for (int i = 0; i < 2; ++i) {
        q.addBindValue(Status::index(LeadStatus::Converted));
        q.addBindValue(Status::index(LeadStatus::Lost));
    }
    if (!q.exec() || !q.next())
        return storageError(q, tr("counting outcomes"));
    const int converted = q.value(0).toInt();
    const int lost = q.value(1).toInt();
    q.finish();
    const ScoringModel model = currentModel();
    const int fresh = converted + lost - model.outcomes;
    const QStringList excluded = excludedAttributes();
    // An admin who excludes an attribute wants it gone from the model, not in ten days.
    const bool exclusionsChanged = !model.isPrior()
        && QSet<QString>(excluded.cbegin(), excluded.cend())
               != QSet<QString>(model.excludedAttributes.cbegin(), model.excludedAttributes.cend());
    return converted > 0 && lost > 0
        && (fresh >= std::max(kMinNewOutcomes, model.outcomes / 10) || exclusionsChanged);
}

Result<bool> ScoringService::retrainIfDue()
{
    auto due = retrainDue();
    if (!due || !due.value())
        return due;
    auto trained = train();
    if (!trained)
        return trained.error();
    return true;
}

Result<ScoringService::RescoreStats> ScoringService::rescoreAll(bool onlyStale, int batchSize,
                                                               const Progress &progress)
{
    return rescore({}, onlyStale, batchSize, progress);
}

Outcome ScoringService::rescoreLead(const QString &leadId)
{
    auto done = rescore(leadId, false, 1, {});
    if (!done)
        return done.error();
    return {};
}

Result<ScoringService::RescoreStats> ScoringService::rescoreLeads(const QStringList &leadIds)
{
    if (!enabled())
        return Error(ErrorCode::InvalidInput, tr("AI qualification is switched off in the settings."));
    RescoreStats stats;
    if (leadIds.isEmpty())
        return stats;
    QElapsedTimer timer;
    timer.start();
    // The ids travel as one bound JSON array, never as SQL text.
    const QString ids = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(leadIds)).toJson(QJsonDocument::Compact));
    if (auto done = rescoreWhere(QStringLiteral("l.is_final = 0 AND l.id IN (SELECT value FROM json_each(?))"),
                                 {ids}, currentModel(), excludedAttributes(), stats);
        !done)
        return done.error();
    stats.elapsedMs = timer.elapsed();
    return stats;
}

qint64 ScoringService::activeLeadCount() const
{
    QSqlQuery q(m_leads.database().connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE is_final = 0")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

Result<ScoringService::Chunk> ScoringService::rescoreChunk(qint64 afterLeadNo, int batchSize, bool onlyStale)
{
    if (!enabled())
        return Error(ErrorCode::InvalidInput, tr("AI qualification is switched off in the settings."));
    QElapsedTimer timer;
    timer.start();
    Chunk chunk;
    chunk.afterLeadNo = afterLeadNo;
    // The chunk is a range of lead_no, so interactions and attributes are read with the
    // same range condition (indexed) instead of a long IN list.
    QSqlQuery range(m_leads.database().connection());
    range.prepare(QStringLiteral("SELECT MAX(lead_no) FROM (SELECT lead_no FROM leads WHERE lead_no > ? "
                                 "ORDER BY lead_no LIMIT ?)"));
    range.addBindValue(afterLeadNo);
    range.addBindValue(std::max(1, batchSize));
    if (!range.exec() || !range.next())
        return storageError(range, tr("reading leads to score"));
    if (range.value(0).isNull()) {
        chunk.done = true;
        return chunk;
    }
    const qint64 last = range.value(0).toLongLong();
    range.finish();
    QString condition = QStringLiteral("l.is_final = 0 AND l.lead_no > ? AND l.lead_no <= ?");
    if (onlyStale)
        condition += QStringLiteral(" AND (l.ai_scored_at IS NULL OR l.last_activity_at > l.ai_scored_at)");
    if (auto done = rescoreWhere(condition, {afterLeadNo, last}, currentModel(), excludedAttributes(), chunk.stats);
        !done)
        return done.error();
    chunk.afterLeadNo = last;
    chunk.stats.elapsedMs = timer.elapsed();
    return chunk;
}

Outcome ScoringService::rescoreWhere(const QString &condition, const QVariantList &binds,
                                     const ScoringModel &model, const QStringList &excluded,
                                     RescoreStats &stats)
{
    QElapsedTimer phase;
    phase.start();
    auto leads = loadLeads(m_leads.database(), condition, binds, false);
    if (!leads)
        return leads.error();
    stats.readMs += phase.restart();
    const QDateTime now = m_clock.now();
    QList<AiScoreUpdate> updates;
    updates.reserve(leads.value().size());
    for (LoadedLead &l : leads.value()) {
        // Excluded since the model was trained: scored as "not set" until the next training.
        if (!excluded.isEmpty())
            l.snapshot.attributes.removeIf([&](const LeadAttribute &a) { return excluded.contains(a.key); });
        const ScoreExplanation e = model.explain(FeatureExtractor::extract(l.snapshot, now));
        updates.append({l.snapshot.leadId, e.score, e.reasons()});
    }
    stats.modelMs += phase.restart();
    auto applied = m_leads.applyAiScores(updates);
    if (!applied)
        return applied.error();
    stats.writeMs += phase.elapsed();
    stats.scored += applied.value().applied;
    stats.autoQualified += applied.value().autoQualified;
    stats.skippedFinal += applied.value().skippedFinal;
    return {};
}

Result<ScoringService::RescoreStats> ScoringService::rescore(const QString &leadId, bool onlyStale,
                                                             int batchSize, const Progress &progress)
{
    if (!enabled())
        return Error(ErrorCode::InvalidInput, tr("AI qualification is switched off in the settings."));
    QElapsedTimer timer;
    timer.start();
    RescoreStats stats;
    if (!leadId.isEmpty()) {
        if (auto done = rescoreWhere(QStringLiteral("l.is_final = 0 AND l.id = ?"), {leadId}, currentModel(),
                                     excludedAttributes(), stats);
            !done)
            return done.error();
        stats.elapsedMs = timer.elapsed();
        return stats;
    }
    qint64 after = -1;
    for (;;) {
        auto chunk = rescoreChunk(after, batchSize, onlyStale);
        if (!chunk)
            return chunk.error();
        if (chunk.value().done)
            break;
        const RescoreStats &s = chunk.value().stats;
        stats.scored += s.scored;
        stats.autoQualified += s.autoQualified;
        stats.skippedFinal += s.skippedFinal;
        stats.readMs += s.readMs;
        stats.modelMs += s.modelMs;
        stats.writeMs += s.writeMs;
        after = chunk.value().afterLeadNo;
        if (progress)
            progress(stats.scored);
    }
    stats.elapsedMs = timer.elapsed();
    return stats;
}

} // namespace Leads
