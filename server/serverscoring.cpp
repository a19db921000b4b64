// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverscoring.h"

#include "apiserver.h"
#include "domain/aiqualification.h"
#include "domain/pipeline.h"
#include "domain/qualification.h"
#include "leadrepository.h"
#include "scoring/featureextractor.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "settingsstore.h"
#include "writetransaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QUuid>

#include <optional>

Q_LOGGING_CATEGORY(lcServerScoring, "leads.server.scoring")

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerScoring", text);
}

const QString kEnabled = QStringLiteral("ai_enabled");
const QString kExcluded = QStringLiteral("ai_excluded_attributes");
const QString kModel = QStringLiteral("ai_model");

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

struct LoadedLead {
    LeadSnapshot snapshot;
    bool converted = false;
    qint64 closedMs = -1; // first move into a final status
    qint64 updatedMs = 0;
};

// "?, ?, ?" for n bound values: only placeholders are generated, never values.
QString placeholders(qsizetype n)
{
    QString s;
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

// Leads matching `condition` (a fixed SQL fragment over alias l, never user text) with
// their interactions and attributes, in creation order (then id) for the hold-out split.
Result<QList<LoadedLead>> loadLeads(ServerDatabase &db, const QString &condition, const QVariantList &binds,
                                    bool wantClosing)
{
    QList<LoadedLead> leads;
    QHash<QString, qsizetype> byId;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    const auto run = [&](const QString &sql, const QString &what) -> Outcome {
        q.prepare(sql.arg(condition));
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec())
            return dbError(q, what);
        return {};
    };
    if (auto done = run(QStringLiteral("SELECT l.id, l.created_at, l.source, l.campaign, l.status, l.updated_at "
                                       "FROM leads l WHERE l.deleted = 0 AND %1 ORDER BY l.created_at, l.id"),
                        tr("reading leads to score"));
        !done)
        return done.error();
    while (q.next()) {
        LoadedLead l;
        l.snapshot.leadId = q.value(0).toString();
        l.snapshot.createdAt = fromMs(q.value(1).toLongLong());
        l.snapshot.source = q.value(2).toString();
        l.snapshot.campaign = q.value(3).toString();
        l.converted = q.value(4).toString() == u"converted";
        l.updatedMs = q.value(5).toLongLong();
        byId.insert(l.snapshot.leadId, leads.size());
        leads.append(l);
    }
    q.finish();
    if (leads.isEmpty())
        return leads;

    // Message text only of what the contact wrote; status-change data only to find when a
    // lead was closed (never a feature).
    if (auto done = run(QStringLiteral(
                            "SELECT i.lead_id, i.kind, i.occurred_at, "
                            "CASE WHEN i.kind IN ('chat_in', 'broadcast_reply', 'integration') THEN i.body ELSE '' END, "
                            "CASE WHEN i.kind = 'status_change' THEN i.data ELSE '' END "
                            "FROM interactions i JOIN leads l ON l.id = i.lead_id WHERE l.deleted = 0 AND %1 "
                            "ORDER BY i.lead_id, i.occurred_at"),
                        tr("reading interactions to score"));
        !done)
        return done.error();
    while (q.next()) {
        const auto it = byId.constFind(q.value(0).toString());
        if (it == byId.cend())
            continue;
        LoadedLead &l = leads[*it];
        const auto kind = interactionKindFromId(q.value(1).toString());
        if (!kind)
            continue;
        const qint64 at = q.value(2).toLongLong();
        if (*kind == InteractionKind::StatusChange) {
            if (wantClosing && l.closedMs < 0) {
                const QJsonObject data = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
                const auto to = Status::fromId(data.value(QStringLiteral("to")).toString());
                if (to && Status::isFinal(*to))
                    l.closedMs = at;
            }
            continue;
        }
        Interaction in;
        in.kind = *kind;
        in.occurredAt = fromMs(at);
        in.body = q.value(3).toString();
        l.snapshot.interactions.append(in);
    }
    q.finish();

    // Integrations send attributes untyped: a number when it reads as one, else a category.
    if (auto done = run(QStringLiteral("SELECT a.lead_id, a.name, a.value FROM lead_attributes a "
                                       "JOIN leads l ON l.id = a.lead_id WHERE l.deleted = 0 AND %1"),
                        tr("reading lead attributes to score"));
        !done)
        return done.error();
    while (q.next()) {
        const auto it = byId.constFind(q.value(0).toString());
        if (it == byId.cend())
            continue;
        const QString value = q.value(2).toString();
        bool number = false;
        value.toDouble(&number);
        leads[*it].snapshot.attributes.append(
            {q.value(1).toString(), number ? QStringLiteral("number") : QStringLiteral("category"), value});
    }
    return leads;
}
} // namespace

ServerScoring::ServerScoring(ServerDatabase &db, const ServerClock &clock) : m_db(db), m_clock(clock) { }

QString ServerScoring::setting(const QString &name, const QString &fallback) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

bool ServerScoring::enabled() const
{
    return AiQualification::enabledFromSetting(setting(kEnabled));
}

int ServerScoring::threshold() const
{
    return SettingsStore(m_db).aiThreshold();
}

QStringList ServerScoring::excludedAttributes() const
{
    return AiQualification::excludedFromSetting(setting(kExcluded));
}

ScoringModel ServerScoring::currentModel() const
{
    QString problem;
    ScoringModel model = ScoringModel::fromStored(setting(kModel), &problem);
    if (!problem.isEmpty())
        qCWarning(lcServerScoring) << "stored AI model unusable, scoring with the prior:" << problem;
    return model;
}

QJsonObject ServerScoring::describe(const ScoringModel &model)
{
    return {
        {QStringLiteral("trainedAt"), model.trainedAt.isValid() ? QJsonValue(LeadRepository::iso(model.trainedAt))
                                                                : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("outcomes"), model.outcomes},
        {QStringLiteral("converted"), model.converted},
        {QStringLiteral("lost"), model.lost},
        {QStringLiteral("holdoutAuc"), model.holdoutAuc ? QJsonValue(*model.holdoutAuc) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("tooFewOutcomes"), model.outcomes < ScoringModel::kTrustedOutcomes},
        {QStringLiteral("minOutcomes"), ScoringModel::kTrustedOutcomes},
        {QStringLiteral("warning"), model.warning()},
        {QStringLiteral("excludedAttributes"), QJsonArray::fromStringList(model.excludedAttributes)},
    };
}

Result<std::vector<TrainingExample>> ServerScoring::loadOutcomes() const
{
    // Archived leads are neither won nor lost: left out.
    auto leads = loadLeads(m_db, QStringLiteral("l.status IN ('converted', 'lost')"), {}, true);
    if (!leads)
        return leads.error();
    std::vector<TrainingExample> examples;
    examples.reserve(size_t(leads.value().size()));
    qint64 order = 0;
    for (const LoadedLead &l : leads.value()) {
        const qint64 closed = l.closedMs >= 0 ? l.closedMs : l.updatedMs;
        TrainingExample e;
        e.features = FeatureExtractor::extract(l.snapshot, closed - 1); // strictly before the verdict
        e.converted = l.converted;
        e.createdMs = l.snapshot.createdAt.toMSecsSinceEpoch();
        e.order = ++order;
        examples.push_back(std::move(e));
    }
    return examples;
}

TrainingOptions ServerScoring::trainingOptions() const
{
    TrainingOptions options;
    options.excludedAttributes = excludedAttributes();
    options.now = m_clock.now();
    return options;
}

Result<TrainingReport> ServerScoring::train()
{
    auto examples = loadOutcomes();
    if (!examples)
        return examples.error();
    auto report = ModelTrainer::trainAndEvaluate(examples.value(), trainingOptions());
    if (!report)
        return report.error();
    if (auto stored = storeTraining(report.value()); !stored)
        return stored.error();
    return report;
}

Outcome ServerScoring::storeTraining(const TrainingReport &report)
{
    {
        WriteTransaction tx(m_db);
        if (auto begun = tx.begin(); !begun)
            return begun.error();
        const QString json = QString::fromUtf8(QJsonDocument(report.model.toJson()).toJson(QJsonDocument::Compact));
        if (auto saved = SettingsStore(m_db).set(kModel, json, tx.seq()); !saved)
            return saved.error();
        if (auto done = tx.commit(); !done)
            return done.error();
    }
    qCInfo(lcServerScoring) << "AI model trained on" << report.model.outcomes << "outcomes, hold-out AUC"
                            << report.evaluation.auc;
    if (auto rescored = scoreAll(); !rescored)
        return rescored.error();
    return {};
}

Result<bool> ServerScoring::retrainIfDue()
{
    auto due = retrainDue();
    if (!due || !due.value())
        return due;
    auto trained = train();
    if (!trained)
        return trained.error();
    return true;
}

Result<bool> ServerScoring::retrainDue() const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT status, COUNT(*) FROM leads WHERE status_rank IN (?, ?) AND deleted = 0 "
                             "GROUP BY status"));
    q.addBindValue(Status::index(LeadStatus::Converted));
    q.addBindValue(Status::index(LeadStatus::Lost));
    if (!q.exec())
        return dbError(q, tr("counting outcomes"));
    int converted = 0, lost = 0;
    while (q.next())
        (q.value(0).toString() == u"converted" ? converted : lost) = q.value(1).toInt();
    q.finish();
    const ScoringModel model = currentModel();
    const int fresh = converted + lost - model.outcomes;
    const QStringList excluded = excludedAttributes();
    const bool exclusionsChanged = !model.isPrior()
        && QSet<QString>(excluded.cbegin(), excluded.cend())
               != QSet<QString>(model.excludedAttributes.cbegin(), model.excludedAttributes.cend());
    // The client's rule (ScoringService::kMinNewOutcomes): at least 20 new, or 10 %.
    return converted > 0 && lost > 0 && (fresh >= std::max(20, model.outcomes / 10) || exclusionsChanged);
}

Result<ServerScoring::Stats> ServerScoring::scoreStale(int limit)
{
    if (!enabled())
        return Stats{};
    QSqlQuery q(m_db.connection());
    // The same condition as the partial index leads_ai_stale.
    q.prepare(QStringLiteral("SELECT id FROM leads WHERE deleted = 0 AND is_final = 0 "
                             "AND (ai_scored_at IS NULL OR last_activity_at > ai_scored_at) LIMIT ?"));
    q.addBindValue(std::max(1, limit));
    if (!q.exec())
        return dbError(q, tr("finding leads to score"));
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return scoreLeads(ids);
}

Result<ServerScoring::Stats> ServerScoring::scoreAll(int batchSize)
{
    Stats total;
    if (!enabled())
        return total;
    std::optional<QString> after; // keyset paging by id
    for (;;) {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT id FROM leads WHERE deleted = 0 AND is_final = 0%1 ORDER BY id LIMIT ?")
                      .arg(after ? QStringLiteral(" AND id > ?") : QString()));
        if (after)
            q.addBindValue(*after);
        q.addBindValue(std::max(1, batchSize));
        if (!q.exec())
            return dbError(q, tr("finding leads to score"));
        QStringList ids;
        while (q.next())
            ids.append(q.value(0).toString());
        if (ids.isEmpty())
            break;
        after = ids.constLast();
        auto done = scoreLeads(ids);
        if (!done)
            return done.error();
        total.scored += done.value().scored;
        total.autoQualified += done.value().autoQualified;
    }
    return total;
}

Result<ServerScoring::Stats> ServerScoring::scoreLeads(const QStringList &leadIds)
{
    Stats stats;
    if (leadIds.isEmpty() || !enabled())
        return stats;
    QVariantList binds;
    for (const QString &id : leadIds)
        binds << id;
    const QString condition = QStringLiteral("l.is_final = 0 AND l.id IN (%1)").arg(placeholders(leadIds.size()));
    auto leads = loadLeads(m_db, condition, binds, false);
    if (!leads)
        return leads.error();
    const ScoringModel model = currentModel();
    const QStringList excluded = excludedAttributes();
    const QDateTime now = m_clock.now();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const int threshold = this->threshold();

    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return begun.error();
    QSqlQuery read(m_db.connection());
    read.prepare(QStringLiteral("SELECT status, status_v, ai_score, manual_score, qualification_method, "
                                "qualified_by, qualified_at, ai_qualified_at, is_final FROM leads WHERE id = ?"));
    QSqlQuery write(m_db.connection());
    write.prepare(QStringLiteral("UPDATE leads SET ai_score = ?, score = ?, qualification_method = ?, qualified_by = ?, "
                                 "qualified_at = ?, ai_reasons = ?, ai_scored_at = ?, change_seq = ? "
                                 "WHERE id = ? AND is_final = 0"));
    QSqlQuery move(m_db.connection());
    // Derived data: a score alone leaves the row version (what people changed) alone, as in
    // the client; the move to Qualified is a change like any other.
    move.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, status_v = status_v + 1, "
                                "version = version + 1, "
                                "updated_at = ?, last_activity_at = ?, ai_qualified_at = ?, ai_scored_at = ? "
                                "WHERE id = ? AND status_v = ? AND ai_qualified_at IS NULL"));
    QSqlQuery entry(m_db.connection());
    entry.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, "
                                 "body, data, change_seq) VALUES (?, ?, ?, ?, NULL, ?, '', ?, ?)"));
    const QString aiName = tr("AI qualification");
    for (LoadedLead &l : leads.value()) {
        if (!excluded.isEmpty())
            l.snapshot.attributes.removeIf([&](const LeadAttribute &a) { return excluded.contains(a.key); });
        const ScoreExplanation e = model.explain(FeatureExtractor::extract(l.snapshot, now));

        read.addBindValue(l.snapshot.leadId);
        if (!read.exec())
            return dbError(read, tr("reading a lead to score"));
        if (!read.next())
            continue; // deleted meanwhile
        const LeadStatus status = Status::fromId(read.value(0).toString()).value_or(LeadStatus::New);
        const int statusVersion = read.value(1).toInt();
        Qualification current;
        if (!read.value(2).isNull())
            current.aiScore = read.value(2).toInt();
        if (!read.value(3).isNull())
            current.manualScore = read.value(3).toInt();
        current.method = qualificationMethodFromId(read.value(4).toString());
        current.author = read.value(5).toString();
        if (!read.value(6).isNull())
            current.at = fromMs(read.value(6).toLongLong());
        const bool alreadyMoved = !read.value(7).isNull();
        read.finish();
        if (Status::isFinal(status))
            continue; // final leads are frozen
        auto next = Qualification::applyAi(current, status, e.score, now);
        if (!next)
            continue;
        const Qualification &qn = next.value();
        const QStringList reasons = e.reasons();
        write.addBindValue(qn.aiScore ? QVariant(*qn.aiScore) : QVariant(QMetaType(QMetaType::Int)));
        write.addBindValue(qn.effectiveScore() ? QVariant(*qn.effectiveScore()) : QVariant(QMetaType(QMetaType::Int)));
        write.addBindValue(qualificationMethodId(qn.method));
        write.addBindValue(qn.author.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(qn.author));
        write.addBindValue(qn.at.isValid() ? QVariant(qn.at.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong)));
        write.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(reasons)).toJson(QJsonDocument::Compact)));
        write.addBindValue(nowMs);
        write.addBindValue(tx.seq());
        write.addBindValue(l.snapshot.leadId);
        if (!write.exec())
            return dbError(write, tr("saving the AI score"));
        ++stats.scored;

        if (!enabled() || !AiQualification::shouldAutoQualify(status, e.score, threshold, alreadyMoved)
            || !Pipeline::checkMove(status, LeadStatus::Qualified).ok())
            continue;
        move.addBindValue(Status::id(LeadStatus::Qualified));
        move.addBindValue(Status::index(LeadStatus::Qualified));
        for (int i = 0; i < 4; ++i)
            move.addBindValue(nowMs);
        move.addBindValue(l.snapshot.leadId);
        move.addBindValue(statusVersion);
        if (!move.exec())
            return dbError(move, tr("qualifying the lead"));
        if (move.numRowsAffected() != 1)
            continue;
        const QJsonObject data{{QStringLiteral("from"), Status::id(status)},
                               {QStringLiteral("to"), Status::id(LeadStatus::Qualified)},
                               {QStringLiteral("by"), QStringLiteral("ai")},
                               {QStringLiteral("score"), e.score},
                               {QStringLiteral("threshold"), threshold}};
        entry.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        entry.addBindValue(l.snapshot.leadId);
        entry.addBindValue(interactionKindId(InteractionKind::StatusChange));
        entry.addBindValue(nowMs);
        entry.addBindValue(aiName);
        entry.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
        entry.addBindValue(tx.seq());
        if (!entry.exec())
            return dbError(entry, tr("recording the timeline"));
        ++stats.autoQualified;
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    return stats;
}

// --- routes

void ApiServer::scoreChangedLeads()
{
    if (auto scored = m_scoring->scoreStale(100); !scored)
        qCWarning(lcServerScoring) << "AI scoring after a change failed:" << scored.error().message();
}

void ApiServer::registerScoringRoutes()
{
    auto scoring = std::make_shared<ServerScoring>(m_db, m_clock);
    m_scoring = scoring;
    // Any signed-in user may see how far to trust the scores they are shown.
    addRoute("GET", QStringLiteral("/v1/scoring/model"), Body::None, true, [scoring](Request &) {
        QJsonObject model = ServerScoring::describe(scoring->currentModel());
        model.insert(QStringLiteral("enabled"), scoring->enabled());
        model.insert(QStringLiteral("threshold"), scoring->threshold());
        return ApiResponse::ok({{QStringLiteral("model"), model}});
    });
    addRoute("POST", QStringLiteral("/v1/scoring/retrain"), Body::OptionalJson, true, [this, scoring](Request &r) {
        if (auto denied = requirePermission(*r.user, Permission::ManageSettings); denied.status != 200)
            return denied;
        auto report = scoring->train();
        if (!report)
            return ApiResponse::fromError(report.error());
        QJsonObject model = ServerScoring::describe(report.value().model);
        model.insert(QStringLiteral("enabled"), scoring->enabled());
        model.insert(QStringLiteral("threshold"), scoring->threshold());
        return ApiResponse::ok({{QStringLiteral("model"), model}});
    });
}

} // namespace Leads::Server
