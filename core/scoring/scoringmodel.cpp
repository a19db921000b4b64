// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoringmodel.h"

#include "featureextractor.h"
#include "intentlexicon.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::ScoringModel), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::ScoringModel", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// The built-in groups: id, level phrases, prior log-odds weights and the level the prior
// treats as "the average lead". The weights encode what sales teams generally see
// (SCORING-NOTES): engagement, fast answers and buying words raise the odds, silence and
// refusals lower them. Training moves them toward the team's own outcomes.
struct BuiltinLevel
{
    const char *phrase;
    double prior;
};
struct BuiltinGroup
{
    const char *id;
    int reference;
    std::vector<BuiltinLevel> levels;
};

const std::vector<BuiltinGroup> &builtins()
{
    static const std::vector<BuiltinGroup> list = {
        {"inbound", 1,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not written to us"), -0.6},
          {QT_TRANSLATE_NOOP("ScoringModel", "wrote to us once"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "wrote to us 2-3 times"), 0.4},
          {QT_TRANSLATE_NOOP("ScoringModel", "wrote to us 4 or more times"), 0.7}}},
        {"outbound", 1,
         {{QT_TRANSLATE_NOOP("ScoringModel", "we have not written yet"), -0.2},
          {QT_TRANSLATE_NOOP("ScoringModel", "we wrote 1-2 times"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "we wrote 3 or more times"), 0.2}}},
        {"reply", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "no message to answer yet"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "replied within 5 minutes"), 0.6},
          {QT_TRANSLATE_NOOP("ScoringModel", "replied within an hour"), 0.3},
          {QT_TRANSLATE_NOOP("ScoringModel", "replied within a day"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "took over a day to reply"), -0.3},
          {QT_TRANSLATE_NOOP("ScoringModel", "the contact's message is still unanswered"), -0.4}}},
        {"turns", 1,
         {{QT_TRANSLATE_NOOP("ScoringModel", "no conversation yet"), -0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "a short exchange"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "a conversation of 3-5 turns"), 0.3},
          {QT_TRANSLATE_NOOP("ScoringModel", "a long conversation (6+ turns)"), 0.5}}},
        {"days", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "in touch on one day at most"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "in touch on 2-3 different days"), 0.2},
          {QT_TRANSLATE_NOOP("ScoringModel", "in touch on 4 or more different days"), 0.4}}},
        {"recency", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "never wrote"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "wrote in the last day"), 0.3},
          {QT_TRANSLATE_NOOP("ScoringModel", "wrote in the last week"), 0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "last wrote 1-4 weeks ago"), -0.2},
          {QT_TRANSLATE_NOOP("ScoringModel", "silent for over 30 days"), -0.6}}},
        {"age", 1,
         {{QT_TRANSLATE_NOOP("ScoringModel", "lead is less than a day old"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "lead is 1-7 days old"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "lead is 1-4 weeks old"), -0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "lead is over 30 days old"), -0.4}}},
        {"touches", 1,
         {{QT_TRANSLATE_NOOP("ScoringModel", "nobody has worked the lead yet"), -0.3},
          {QT_TRANSLATE_NOOP("ScoringModel", "worked 1-2 times"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "worked 3 or more times"), 0.2}}},
        {"broadcast", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "did not reply to a broadcast"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "replied to a broadcast"), 0.1}}},
        {"source", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "came from a broadcast"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "came from a chat"), 0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "came from an integration"), 0.2},
          {QT_TRANSLATE_NOOP("ScoringModel", "entered by hand"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "imported from a list"), -0.2},
          {QT_TRANSLATE_NOOP("ScoringModel", "came from another source"), 0.0}}},
        {"price", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not asked about price"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "asked about price"), 0.5}}},
        {"buy", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not said they want to buy"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "said they want to buy"), 0.8}}},
        {"demo", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not asked for a demo"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "asked for a demo or trial"), 0.6}}},
        {"order", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not talked about an order"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "talked about an order or delivery"), 0.7}}},
        {"interest", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not said they are interested"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "said they are interested"), 0.4}}},
        {"not_interested", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "has not turned us down"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "said they are not interested"), -1.2}}},
        {"followed_up", 0,
         {{QT_TRANSLATE_NOOP("ScoringModel", "we have never written"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "we wrote in the last day"), 0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "we wrote in the last week"), 0.0},
          {QT_TRANSLATE_NOOP("ScoringModel", "we last wrote 1-4 weeks ago"), -0.1},
          {QT_TRANSLATE_NOOP("ScoringModel", "we have not written for over 30 days"), -0.3}}},
    };
    return list;
}
constexpr double kPriorBias = -0.85;

enum Builtin { kInbound, kOutbound, kReply, kTurns, kDays, kRecency, kAge, kTouches, kBroadcast,
               kSource, kPrice, kBuy, kDemo, kOrder, kInterest, kNotInterested, kFollowedUp, kBuiltinCount };


int sourceLevel(const QString &source)
{
    if (source == Source::Broadcast)
        return 0;
    if (source == Source::Chat)
        return 1;
    if (source == Source::Integration)
        return 2;
    if (source == Source::Manual)
        return 3;
    if (source == Source::Import)
        return 4;
    return 5;
}

int countLevel(int n, int a, int b) // 0 | 1..a-1 style three/four-way bins
{
    if (n <= 0)
        return 0;
    if (n < a)
        return 1;
    if (n < b)
        return 2;
    return 3;
}

constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 24 * kHour;
int recencyLevel(qint64 secs)
{
    if (secs < 0)
        return 0;
    if (secs <= kDay)
        return 1;
    if (secs <= 7 * kDay)
        return 2;
    if (secs <= 30 * kDay)
        return 3;
    return 4;
}

QString formatNumber(double v)
{
    return QString::number(v, 'g', 7);
}

QString groupKindId(FeatureGroup::Kind kind)
{
    switch (kind) {
    case FeatureGroup::Kind::Builtin: return QStringLiteral("builtin");
    case FeatureGroup::Kind::Campaign: return QStringLiteral("campaign");
    case FeatureGroup::Kind::Number: return QStringLiteral("number");
    case FeatureGroup::Kind::Category: return QStringLiteral("category");
    }
    return {};
}

std::optional<FeatureGroup::Kind> groupKindFromId(const QString &id)
{
    for (auto kind : {FeatureGroup::Kind::Builtin, FeatureGroup::Kind::Campaign,
                      FeatureGroup::Kind::Number, FeatureGroup::Kind::Category}) {
        if (groupKindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

QJsonArray toArray(const std::vector<double> &v, int from, int count)
{
    QJsonArray a;
    for (int i = 0; i < count; ++i)
        a.append(v[size_t(from + i)]);
    return a;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}
} // namespace

QStringList ScoreExplanation::reasons(int raised, int lowered) const
{
    // factors are ordered by effect, most positive first.
    QStringList out;
    for (const ScoreFactor &f : factors) {
        if (out.size() >= raised || f.logit <= 0)
            break;
        if (f.points > 0)
            out.append(QLatin1Char('+') + QString::number(f.points) + QLatin1Char(' ') + f.phrase);
    }
    int down = 0;
    for (auto it = factors.crbegin(); it != factors.crend() && down < lowered && it->logit < 0; ++it) {
        if (it->points < 0) {
            out.append(QString::number(it->points) + QLatin1Char(' ') + it->phrase);
            ++down;
        }
    }
    return out;
}

QList<FeatureGroup> ScoringModel::builtinGroups()
{
    QList<FeatureGroup> groups;
    for (const BuiltinGroup &b : builtins()) {
        FeatureGroup g;
        g.id = QString::fromLatin1(b.id);
        g.kind = FeatureGroup::Kind::Builtin;
        for (const BuiltinLevel &level : b.levels)
            g.phrases.append(tr(level.phrase));
        groups.append(g);
    }
    return groups;
}

ScoringModel ScoringModel::prior()
{
    ScoringModel m;
    const QList<FeatureGroup> groups = builtinGroups();
    for (int g = 0; g < groups.size(); ++g) {
        const BuiltinGroup &b = builtins()[size_t(g)];
        QList<double> weights;
        for (const BuiltinLevel &level : b.levels)
            weights.append(level.prior);
        m.addGroup(groups.at(g), weights);
        m.baseline[size_t(m.m_groups.constLast().offset + b.reference)] = 1.0;
    }
    m.bias = kPriorBias;
    m.priorBias = kPriorBias;
    return m;
}

void ScoringModel::addGroup(FeatureGroup group, const QList<double> &priorLevelWeights)
{
    group.offset = int(weights.size());
    const int n = int(group.phrases.size());
    for (int i = 0; i < n; ++i) {
        const double p = i < priorLevelWeights.size() ? priorLevelWeights.at(i) : 0.0;
        weights.push_back(p);
        priorWeights.push_back(p);
        baseline.push_back(0.0);
        m_levelGroup.push_back(int(m_groups.size()));
    }
    m_groups.append(std::move(group));
}

QString ScoringModel::levelPhrase(int level) const
{
    const FeatureGroup &g = m_groups.at(groupOfLevel(level));
    return g.phrases.at(level - g.offset);
}

int ScoringModel::groupOfLevel(int level) const
{
    return m_levelGroup[size_t(level)];
}

void ScoringModel::encode(const LeadFeatures &f, std::vector<int> &active) const
{
    active.clear();
    active.reserve(size_t(m_groups.size()));
    for (const FeatureGroup &g : m_groups) {
        int level = 0;
        if (g.kind == FeatureGroup::Kind::Builtin) {
            const int b = int(active.size()); // builtins come first, in builtins() order
            switch (b) {
            case kInbound: level = countLevel(f.inbound, 2, 4); break;
            case kOutbound: level = f.outbound <= 0 ? 0 : (f.outbound < 3 ? 1 : 2); break;
            case kReply:
                if (f.inbound == 0)
                    level = 0;
                else if (f.firstReplySecs < 0)
                    level = 5;
                else if (f.firstReplySecs <= 5 * kMinute)
                    level = 1;
                else if (f.firstReplySecs <= kHour)
                    level = 2;
                else if (f.firstReplySecs <= kDay)
                    level = 3;
                else
                    level = 4;
                break;
            case kTurns: level = f.turns <= 0 ? 0 : (f.turns < 3 ? 1 : (f.turns < 6 ? 2 : 3)); break;
            case kDays: level = f.daysEngaged <= 1 ? 0 : (f.daysEngaged <= 3 ? 1 : 2); break;
            case kRecency: level = recencyLevel(f.sinceLastInboundSecs); break;
            case kFollowedUp: level = recencyLevel(f.sinceLastOutboundSecs); break;
            case kAge:
                level = f.ageSecs < kDay ? 0 : (f.ageSecs < 7 * kDay ? 1 : (f.ageSecs < 30 * kDay ? 2 : 3));
                break;
            case kTouches: level = f.agentTouches <= 0 ? 0 : (f.agentTouches < 3 ? 1 : 2); break;
            case kBroadcast: level = f.broadcastReply ? 1 : 0; break;
            case kSource: level = sourceLevel(f.source); break;
            case kPrice: level = (f.intents & IntentLexicon::Price) ? 1 : 0; break;
            case kBuy: level = (f.intents & IntentLexicon::Buy) ? 1 : 0; break;
            case kDemo: level = (f.intents & IntentLexicon::Demo) ? 1 : 0; break;
            case kOrder: level = (f.intents & IntentLexicon::Order) ? 1 : 0; break;
            case kInterest: level = (f.intents & IntentLexicon::Interest) ? 1 : 0; break;
            case kNotInterested: level = (f.intents & IntentLexicon::NotInterested) ? 1 : 0; break;
            default: break;
            }
        } else if (g.kind == FeatureGroup::Kind::Campaign) {
            if (!f.campaign.isEmpty()) {
                const qsizetype i = g.values.indexOf(f.campaign);
                level = i >= 0 ? int(i) + 2 : 1;
            }
        } else {
            const LeadAttribute *attr = nullptr;
            for (const LeadAttribute &a : f.attributes) {
                if (a.key == g.key) {
                    attr = &a;
                    break;
                }
            }
            if (attr && !attr->value.isEmpty()) {
                if (g.kind == FeatureGroup::Kind::Number) {
                    bool ok = false;
                    const double v = attr->value.toDouble(&ok);
                    if (ok && std::isfinite(v))
                        level = 1 + int(std::upper_bound(g.edges.cbegin(), g.edges.cend(), v) - g.edges.cbegin());
                } else {
                    const qsizetype i = g.values.indexOf(attr->value);
                    level = i >= 0 ? int(i) + 2 : 1;
                }
            }
        }
        active.push_back(g.offset + level);
    }
}

double ScoringModel::logit(const std::vector<int> &active) const
{
    double z = bias;
    for (int level : active)
        z += weights[size_t(level)];
    return z;
}

double ScoringModel::probability(const LeadFeatures &features) const
{
    thread_local std::vector<int> active;
    encode(features, active);
    return sigmoid(logit(active));
}

int ScoringModel::toScore(double probability)
{
    return std::clamp(int(std::lround(probability * 100.0)), 0, 100);
}

int ScoringModel::score(const LeadFeatures &features) const
{
    return toScore(probability(features));
}

// The score is σ(L) with L = bias + Σ w[active]. Against the average lead,
// L0 = bias + Σ baseline·w, each group g contributes c_g = w[active_g] − Σ_l baseline_l·w_l
// log-odds and Σ c_g = L − L0 exactly. Points are c_g scaled by the secant slope
// (σ(L) − σ(L0)) / (L − L0), so they add up to 100·(σ(L) − σ(L0)); a largest-remainder
// rounding then makes the integers add up to score − baseScore exactly.
ScoreExplanation ScoringModel::explain(const LeadFeatures &features) const
{
    std::vector<int> active;
    encode(features, active);
    const double L = logit(active);
    std::vector<double> contribution(size_t(m_groups.size()));
    double L0 = bias;
    for (int g = 0; g < m_groups.size(); ++g) {
        const FeatureGroup &group = m_groups.at(g);
        double expected = 0;
        for (int l = 0; l < group.phrases.size(); ++l)
            expected += baseline[size_t(group.offset + l)] * weights[size_t(group.offset + l)];
        L0 += expected;
        contribution[size_t(g)] = weights[size_t(active[size_t(g)])] - expected;
    }
    const double p = sigmoid(L);
    const double p0 = sigmoid(L0);
    const double slope = std::abs(L - L0) < 1e-9 ? p0 * (1 - p0) : (p - p0) / (L - L0);

    ScoreExplanation e;
    e.score = toScore(p);
    e.baseScore = toScore(p0);
    const int target = e.score - e.baseScore;
    std::vector<double> real(contribution.size());
    std::vector<int> points(contribution.size());
    int sum = 0;
    for (size_t g = 0; g < contribution.size(); ++g) {
        real[g] = 100.0 * slope * contribution[g];
        points[g] = int(std::lround(real[g]));
        sum += points[g];
    }
    // Rounded points miss the target by a unit or two at most: give the missing units to
    // the factors rounded down the most (take extra ones from those rounded up the most),
    // never flipping a factor to the wrong side; ties go to the earlier group.
    for (int left = target - sum; left != 0;) {
        const int step = left > 0 ? 1 : -1;
        size_t best = contribution.size();
        double bestResidual = 0;
        for (size_t g = 0; g < contribution.size(); ++g) {
            const int next = points[g] + step;
            if ((next > 0 && contribution[g] <= 0) || (next < 0 && contribution[g] >= 0))
                continue;
            const double residual = (real[g] - points[g]) * step;
            if (best == contribution.size() || residual > bestResidual) {
                best = g;
                bestResidual = residual;
            }
        }
        if (best == contribution.size())
            break; // unreachable: a unit is only missing on the side Σ real points to
        points[best] += step;
        left -= step;
    }
    std::vector<size_t> byEffect(contribution.size());
    std::iota(byEffect.begin(), byEffect.end(), 0);
    std::sort(byEffect.begin(), byEffect.end(), [&](size_t a, size_t b) {
        return contribution[a] != contribution[b] ? contribution[a] > contribution[b] : a < b;
    });
    e.factors.reserve(qsizetype(byEffect.size()));
    for (size_t g : byEffect)
        e.factors.append({levelPhrase(active[g]), contribution[g], points[g]});
    return e;
}

QString ScoringModel::warning() const
{
    if (isPrior())
        return tr("No converted or lost leads to learn from yet: scores come from the built-in "
                  "starting model.");
    if (outcomes < kTrustedOutcomes)
        return tr("Trained on only %1 converted or lost leads (at least %2 are needed to trust "
                  "it); scores lean on the built-in starting model.")
            .arg(outcomes)
            .arg(kTrustedOutcomes);
    return {};
}

QJsonObject ScoringModel::toJson() const
{
    QJsonArray groups;
    for (const FeatureGroup &g : m_groups) {
        const int n = int(g.phrases.size());
        QJsonObject o{{QStringLiteral("id"), g.id},
                      {QStringLiteral("kind"), groupKindId(g.kind)},
                      {QStringLiteral("weights"), toArray(weights, g.offset, n)},
                      {QStringLiteral("prior"), toArray(priorWeights, g.offset, n)},
                      {QStringLiteral("baseline"), toArray(baseline, g.offset, n)}};
        if (!g.key.isEmpty())
            o.insert(QStringLiteral("key"), g.key);
        if (g.kind == FeatureGroup::Kind::Number) {
            QJsonArray edges;
            for (double e : g.edges)
                edges.append(e);
            o.insert(QStringLiteral("edges"), edges);
        }
        if (g.kind == FeatureGroup::Kind::Campaign || g.kind == FeatureGroup::Kind::Category)
            o.insert(QStringLiteral("values"), QJsonArray::fromStringList(g.values));
        groups.append(o);
    }
    QJsonObject json{{QStringLiteral("format"), 1},
                     {QStringLiteral("bias"), bias},
                     {QStringLiteral("priorBias"), priorBias},
                     {QStringLiteral("outcomes"), outcomes},
                     {QStringLiteral("converted"), converted},
                     {QStringLiteral("lost"), lost},
                     {QStringLiteral("holdoutOutcomes"), holdoutOutcomes},
                     {QStringLiteral("lambda"), lambda},
                     {QStringLiteral("excludedAttributes"), QJsonArray::fromStringList(excludedAttributes)},
                     {QStringLiteral("groups"), groups}};
    if (trainedAt.isValid())
        json.insert(QStringLiteral("trainedAt"), trainedAt.toUTC().toString(Qt::ISODateWithMs));
    if (holdoutAuc)
        json.insert(QStringLiteral("holdoutAuc"), *holdoutAuc);
    return json;
}

ScoringModel ScoringModel::fromStored(const QString &json, QString *problem)
{
    if (json.isEmpty())
        return prior();
    auto model = fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!model) {
        if (problem)
            *problem = model.error().message();
        return prior();
    }
    return model.value();
}

Result<ScoringModel> ScoringModel::fromJson(const QJsonObject &json)
{
    auto invalid = [](const QString &why) {
        return Error(ErrorCode::InvalidInput, tr("The stored scoring model cannot be read (%1); train it again.").arg(why));
    };
    if (json.value(QStringLiteral("format")).toInt() != 1)
        return invalid(QStringLiteral("unknown format"));
    ScoringModel m;
    const QList<FeatureGroup> builtin = builtinGroups();
    const QJsonArray groups = json.value(QStringLiteral("groups")).toArray();
    int builtinSeen = 0;
    for (const QJsonValue &value : groups) {
        const QJsonObject o = value.toObject();
        const auto kind = groupKindFromId(o.value(QStringLiteral("kind")).toString());
        if (!kind)
            return invalid(QStringLiteral("unknown feature kind"));
        FeatureGroup g;
        g.id = o.value(QStringLiteral("id")).toString();
        g.kind = *kind;
        g.key = o.value(QStringLiteral("key")).toString();
        if (g.kind == FeatureGroup::Kind::Builtin) {
            if (builtinSeen >= builtin.size() || builtin.at(builtinSeen).id != g.id || builtinSeen != m.m_groups.size())
                return invalid(QStringLiteral("unexpected feature %1").arg(g.id));
            g.phrases = builtin.at(builtinSeen++).phrases;
        } else if (g.kind == FeatureGroup::Kind::Number) {
            const QJsonArray edges = o.value(QStringLiteral("edges")).toArray();
            for (const QJsonValue &e : edges)
                g.edges.append(e.toDouble());
            g = numberGroup(g.key, g.edges);
        } else {
            const QJsonArray values = o.value(QStringLiteral("values")).toArray();
            for (const QJsonValue &v : values)
                g.values.append(v.toString());
            g = g.kind == FeatureGroup::Kind::Campaign ? campaignGroup(g.values) : categoryGroup(g.key, g.values);
        }
        const QJsonArray w = o.value(QStringLiteral("weights")).toArray();
        const QJsonArray p = o.value(QStringLiteral("prior")).toArray();
        const QJsonArray b = o.value(QStringLiteral("baseline")).toArray();
        const qsizetype n = g.phrases.size();
        if (w.size() != n || p.size() != n || b.size() != n)
            return invalid(QStringLiteral("feature %1 has %2 weights for %3 levels").arg(g.id).arg(w.size()).arg(n));
        QList<double> pw;
        for (const QJsonValue &x : p)
            pw.append(x.toDouble());
        m.addGroup(g, pw);
        const int offset = m.m_groups.constLast().offset;
        for (int i = 0; i < n; ++i) {
            m.weights[size_t(offset + i)] = w.at(i).toDouble();
            m.baseline[size_t(offset + i)] = b.at(i).toDouble();
        }
    }
    if (builtinSeen != builtin.size())
        return invalid(QStringLiteral("built-in features missing"));
    m.bias = json.value(QStringLiteral("bias")).toDouble();
    m.priorBias = json.value(QStringLiteral("priorBias")).toDouble(kPriorBias);
    m.outcomes = json.value(QStringLiteral("outcomes")).toInt();
    m.converted = json.value(QStringLiteral("converted")).toInt();
    m.lost = json.value(QStringLiteral("lost")).toInt();
    m.holdoutOutcomes = json.value(QStringLiteral("holdoutOutcomes")).toInt();
    m.lambda = json.value(QStringLiteral("lambda")).toDouble();
    if (json.contains(QStringLiteral("holdoutAuc")))
        m.holdoutAuc = json.value(QStringLiteral("holdoutAuc")).toDouble();
    if (json.contains(QStringLiteral("trainedAt")))
        m.trainedAt = QDateTime::fromString(json.value(QStringLiteral("trainedAt")).toString(), Qt::ISODateWithMs);
    for (const QJsonValue &v : json.value(QStringLiteral("excludedAttributes")).toArray())
        m.excludedAttributes.append(v.toString());
    return m;
}

FeatureGroup ScoringModel::campaignGroup(const QStringList &values)
{
    FeatureGroup g;
    g.id = QStringLiteral("campaign");
    g.kind = FeatureGroup::Kind::Campaign;
    g.values = values;
    g.phrases = {tr("not from a campaign"), tr("came from a smaller campaign")};
    for (const QString &v : values)
        g.phrases.append(tr("came from campaign \u201c%1\u201d").arg(v));
    return g;
}

FeatureGroup ScoringModel::numberGroup(const QString &key, const QList<double> &edges)
{
    FeatureGroup g;
    g.id = QStringLiteral("attr:") + key;
    g.kind = FeatureGroup::Kind::Number;
    g.key = key;
    g.edges = edges;
    g.phrases.append(tr("%1 not set").arg(key));
    if (edges.isEmpty()) {
        g.phrases.append(tr("%1 set").arg(key));
        return g;
    }
    g.phrases.append(tr("%1 below %2").arg(key, formatNumber(edges.first())));
    for (qsizetype i = 1; i < edges.size(); ++i)
        g.phrases.append(tr("%1 %2 to %3").arg(key, formatNumber(edges.at(i - 1)), formatNumber(edges.at(i))));
    g.phrases.append(tr("%1 %2 or more").arg(key, formatNumber(edges.last())));
    return g;
}

FeatureGroup ScoringModel::categoryGroup(const QString &key, const QStringList &values)
{
    FeatureGroup g;
    g.id = QStringLiteral("attr:") + key;
    g.kind = FeatureGroup::Kind::Category;
    g.key = key;
    g.values = values;
    g.phrases = {tr("%1 not set").arg(key), tr("%1 is an uncommon value").arg(key)};
    for (const QString &v : values)
        g.phrases.append(tr("%1 is %2").arg(key, v));
    return g;
}

} // namespace Leads
