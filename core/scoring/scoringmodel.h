// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace Leads {

struct LeadFeatures;

// One binned feature of the model: exactly one of its levels is active for every lead
// ("wrote to us 2–3 times", "asked about price", "budget 5,000–20,000"), so a group's
// contribution to a score is the weight of the level the lead is in.
struct FeatureGroup
{
    enum class Kind { Builtin, Campaign, Number, Category };
    QString id;
    Kind kind = Kind::Builtin;
    QString key;            // attribute key (Number/Category)
    QList<double> edges;    // Number: ascending bin edges (level 1 is below edges[0])
    QStringList values;     // Campaign/Category: values with their own level
    QStringList phrases;    // one per level, in a salesperson's words
    int offset = 0;         // index of the first level in the weight vector
};

// A factor of one score: what it was, and how many score points it moved.
struct ScoreFactor
{
    QString phrase;
    double logit = 0;  // contribution in log-odds, relative to the average lead
    int points = 0;    // share of (score − base score), integers that add up exactly
};

// A score with its reasons. baseScore + Σ factors[i].points == score, exactly.
struct ScoreExplanation
{
    int score = 0;
    int baseScore = 0; // what the average lead scores
    QList<ScoreFactor> factors; // every group, most positive first

    // The top reasons that raised and lowered the score ("+12 asked about price").
    QStringList reasons(int raised = 3, int lowered = 3) const;
};

// The scoring model: binned logistic regression over FeatureGroups. The built-in prior
// model scores from day one; training replaces its weights with ones learned from the
// team's own outcomes, shrunk toward the prior (see ModelTrainer).
class ScoringModel
{
public:
    // The starting model a workspace without outcomes uses (hand-set weights).
    static ScoringModel prior();

    // Learned groups (campaigns, custom attributes) are added by the trainer.
    static QList<FeatureGroup> builtinGroups();
    void addGroup(FeatureGroup group, const QList<double> &priorLevelWeights = {});
    // Learned groups with their phrases: levels are "none", "other/pooled", then values.
    static FeatureGroup campaignGroup(const QStringList &values);
    static FeatureGroup categoryGroup(const QString &key, const QStringList &values);
    // Levels: not set, below edges[0], …, edges.last() or more.
    static FeatureGroup numberGroup(const QString &key, const QList<double> &edges);

    // Active level (flat index) of every group for one lead.
    void encode(const LeadFeatures &features, std::vector<int> &active) const;
    double logit(const std::vector<int> &active) const;
    double probability(const LeadFeatures &features) const;
    int score(const LeadFeatures &features) const;
    ScoreExplanation explain(const LeadFeatures &features) const;
    static int toScore(double probability);

    QJsonObject toJson() const;
    static Result<ScoringModel> fromJson(const QJsonObject &json);
    // The model as stored in a settings table (client or server): the built-in prior when
    // nothing is stored or what is stored is unusable (then `problem` says why).
    static ScoringModel fromStored(const QString &json, QString *problem = nullptr);

    const QList<FeatureGroup> &groups() const { return m_groups; }
    int levelCount() const { return int(weights.size()); }
    QString levelPhrase(int level) const;
    int groupOfLevel(int level) const;

    // Parameters, one per level; the bias (intercept) separately. A plain data model so
    // that the trainer can fit it in place.
    std::vector<double> weights;
    std::vector<double> priorWeights; // what training shrinks toward
    std::vector<double> baseline;     // share of leads in each level (the "average lead")
    double bias = 0;
    double priorBias = 0;

    // What the settings page shows.
    QDateTime trainedAt;            // invalid for the built-in prior
    int outcomes = 0;               // final leads trained on (converted + lost)
    int converted = 0;
    int lost = 0;
    std::optional<double> holdoutAuc;
    int holdoutOutcomes = 0;
    double lambda = 0;
    QStringList excludedAttributes;

    static constexpr int kTrustedOutcomes = 200;
    bool isPrior() const { return outcomes == 0; }
    // A sentence for the settings page when the model should not be trusted yet.
    QString warning() const;

private:
    QList<FeatureGroup> m_groups;
    std::vector<int> m_levelGroup;
};

} // namespace Leads
