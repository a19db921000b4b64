// SPDX-License-Identifier: GPL-3.0-or-later
#include "syntheticleads.h"

#include "featureextractor.h"
#include "storage/database.h"
#include "storage/transaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <array>
#include <cmath>

namespace Leads {

namespace {
// Self-contained generator so the same seed gives the same workspace on every platform
// (the standard distributions are implementation-defined).
class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return uniform() < p; }
    int below(int n) { return int(next() % quint64(n)); }
    double normal()
    {
        const double u1 = std::max(uniform(), 1e-300);
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    int poisson(double mean)
    {
        const double limit = std::exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit && k < 50) {
            p *= uniform();
            ++k;
        }
        return k;
    }

private:
    quint64 m_state;
};

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

const std::array<const char16_t *, 6> kPrice = {u"What is the price?", u"¿Cuál es el precio?", u"Quel est le prix ?",
                                                u"Wie viel kostet das?", u"Qual é o preço?", u"Qual è il prezzo?"};
const std::array<const char16_t *, 6> kBuy = {u"I want to buy it", u"Quiero comprar dos", u"Je veux acheter",
                                              u"Ich möchte es kaufen", u"Quero comprar", u"Voglio comprare"};
const std::array<const char16_t *, 4> kDemo = {u"Can I get a demo?", u"¿Tienen una demostración?",
                                               u"Une démo possible ?", u"Gibt es eine Testversion?"};
const std::array<const char16_t *, 8> kChatter = {u"Hello", u"Thanks!", u"Ok", u"Hola, buenas",
                                                  u"Bonjour", u"Can you call me later?", u"Hallo", u"Ciao"};
const std::array<const char16_t *, 4> kRefusal = {u"Not interested, thanks", u"No me interesa",
                                                  u"Kein Interesse", u"Non mi interessa"};
const std::array<const char *, 5> kCampaigns = {"spring-promo", "webinar", "newsletter", "trade-fair", "retarget"};
const std::array<double, 5> kCampaignEffect = {0.5, 0.2, -0.2, 0.0, -0.3};
const std::array<const char *, 5> kSources = {"broadcast", "chat", "integration", "manual", "import"};
const std::array<const char *, 6> kIndustries = {"retail", "health", "education", "logistics", "finance", "media"};

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

Interaction message(InteractionKind kind, qint64 at, const char16_t *text)
{
    Interaction in;
    in.kind = kind;
    in.occurredAt = QDateTime::fromMSecsSinceEpoch(at, Qt::UTC);
    if (text)
        in.body = QString::fromUtf16(text);
    return in;
}
} // namespace

std::vector<SyntheticLead> SyntheticLeads::generate(const Options &options)
{
    Random rng(options.seed);
    std::vector<SyntheticLead> leads;
    leads.reserve(size_t(options.leads));
    const qint64 start = options.start.toMSecsSinceEpoch();
    for (int i = 0; i < options.leads; ++i) {
        SyntheticLead lead;
        LeadSnapshot &s = lead.snapshot;
        const double quality = rng.normal();
        s.leadId = QStringLiteral("syn-%1").arg(i, 7, 10, QLatin1Char('0'));
        const qint64 created = start + qint64(i) * 37 * kMinute;
        s.createdAt = QDateTime::fromMSecsSinceEpoch(created, Qt::UTC);
        const int source = rng.below(int(kSources.size()));
        s.source = QString::fromLatin1(kSources[size_t(source)]);
        const int campaign = rng.below(int(kCampaigns.size()) + 2) - 2; // some leads have none
        if (campaign >= 0)
            s.campaign = QString::fromLatin1(kCampaigns[size_t(campaign)]);
        const int industry = rng.below(int(kIndustries.size()));
        s.attributes.append({QStringLiteral("industry"), QStringLiteral("category"),
                             QString::fromLatin1(kIndustries[size_t(industry)])});
        if (rng.chance(0.8)) {
            const double budget = std::exp(8.5 + 0.6 * quality * options.signal + 0.8 * rng.normal());
            s.attributes.append({QStringLiteral("budget"), QStringLiteral("number"), QString::number(std::round(budget))});
        }

        // The conversation: a better lead writes more, sooner, with buying words.
        const double q = quality * options.signal;
        const int inbound = rng.poisson(std::exp(0.4 + 0.6 * q));
        const qint64 replyDelay = rng.chance(0.45) ? qint64(rng.uniform() * 5 * kMinute)
                                                   : qint64(rng.uniform() * 2 * kDay);
        qint64 t = created + qint64(rng.uniform() * 2 * kHour);
        bool answered = false;
        bool fastReply = false;
        for (int m = 0; m < inbound; ++m) {
            const char16_t *text = kChatter[size_t(rng.below(int(kChatter.size())))];
            if (rng.chance(sigmoid(-1.3 + 1.4 * q)))
                text = kPrice[size_t(rng.below(int(kPrice.size())))];
            else if (rng.chance(sigmoid(-2.2 + 1.5 * q)))
                text = kBuy[size_t(rng.below(int(kBuy.size())))];
            else if (rng.chance(sigmoid(-2.5 + 0.8 * q)))
                text = kDemo[size_t(rng.below(int(kDemo.size())))];
            else if (rng.chance(sigmoid(-3.0 - 1.2 * q)))
                text = kRefusal[size_t(rng.below(int(kRefusal.size())))];
            const InteractionKind kind = (m == 0 && source == 0) ? InteractionKind::BroadcastReply
                                                                 : InteractionKind::ChatIn;
            s.interactions.append(message(kind, t, text));
            if (rng.chance(0.8)) {
                const qint64 delay = answered ? qint64(rng.uniform() * 6 * kHour) : replyDelay;
                if (!answered)
                    fastReply = delay <= 5 * kMinute;
                answered = true;
                s.interactions.append(message(InteractionKind::ChatOut, t + delay, u"Thanks for your message"));
                t += delay;
            }
            t += qint64(rng.uniform() * 3 * kDay);
        }
        if (rng.chance(0.6))
            s.interactions.append(message(InteractionKind::Note, t + kHour, u"Called, left a voicemail"));

        const bool active = rng.chance(options.activeShare);
        const double odds = -0.4 + 1.6 * q + (fastReply ? 0.6 * options.signal : 0.0)
                            + (campaign >= 0 ? kCampaignEffect[size_t(campaign)] * options.signal : 0.0)
                            + (industry == 0 ? 0.3 * options.signal : 0.0);
        lead.trueProbability = sigmoid(odds);
        if (active) {
            lead.status = std::array{LeadStatus::New, LeadStatus::Contacted, LeadStatus::Qualifying}[size_t(rng.below(3))];
        } else {
            lead.status = rng.chance(sigmoid(odds)) ? LeadStatus::Converted : LeadStatus::Lost;
            lead.closedMs = t + kDay + qint64(rng.uniform() * 5 * kDay);
            // After the verdict the history gives the outcome away: a model that reads past
            // the closing moment would look brilliant and be useless.
            if (lead.status == LeadStatus::Converted)
                s.interactions.append(message(InteractionKind::ChatIn, lead.closedMs + kHour,
                                              u"Order received, please send the invoice"));
            else
                s.interactions.append(message(InteractionKind::ChatIn, lead.closedMs + kHour, u"stop"));
        }
        leads.push_back(std::move(lead));
    }
    return leads;
}

std::vector<TrainingExample> SyntheticLeads::examples(const std::vector<SyntheticLead> &leads)
{
    std::vector<TrainingExample> examples;
    examples.reserve(leads.size());
    qint64 order = 0;
    for (const SyntheticLead &l : leads) {
        ++order;
        if (l.closedMs < 0)
            continue;
        TrainingExample e;
        e.features = FeatureExtractor::extract(l.snapshot, l.closedMs - 1);
        e.converted = l.status == LeadStatus::Converted;
        e.createdMs = l.snapshot.createdAt.toMSecsSinceEpoch();
        e.order = order;
        examples.push_back(std::move(e));
    }
    return examples;
}

Outcome SyntheticLeads::write(Database &db, const std::vector<SyntheticLead> &leads)
{
    Transaction tx(db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun;
    QSqlQuery contact(db.connection());
    contact.prepare(QStringLiteral("INSERT INTO contacts (id, phone, created_at) VALUES (?, ?, ?)"));
    QSqlQuery lead(db.connection());
    lead.prepare(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, phone, source, campaign, status, status_rank, is_final, "
        "created_at, updated_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery interaction(db.connection());
    interaction.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, body, data) "
                                       "VALUES (?, ?, ?, ?, ?, ?)"));
    QSqlQuery attribute(db.connection());
    attribute.prepare(QStringLiteral("INSERT INTO lead_attributes (lead_id, key, type, value) VALUES (?, ?, ?, ?)"));
    int n = 0;
    for (const SyntheticLead &l : leads) {
        const LeadSnapshot &s = l.snapshot;
        const QString contactId = QStringLiteral("c-") + s.leadId;
        const QString phone = QStringLiteral("+3460%1").arg(n++, 7, 10, QLatin1Char('0'));
        const qint64 created = s.createdAt.toMSecsSinceEpoch();
        qint64 last = created;
        for (const Interaction &in : s.interactions)
            last = std::max(last, in.occurredAt.toMSecsSinceEpoch());
        contact.addBindValue(contactId);
        contact.addBindValue(phone);
        contact.addBindValue(created);
        if (!contact.exec())
            return storageError(contact, QStringLiteral("writing synthetic contacts"));
        lead.addBindValue(s.leadId);
        lead.addBindValue(contactId);
        lead.addBindValue(QString(QStringLiteral("Lead ") + s.leadId));
        lead.addBindValue(phone);
        lead.addBindValue(s.source);
        lead.addBindValue(s.campaign.isNull() ? QStringLiteral("") : s.campaign);
        lead.addBindValue(Status::id(l.status));
        lead.addBindValue(Status::index(l.status));
        lead.addBindValue(Status::isFinal(l.status) ? 1 : 0);
        lead.addBindValue(created);
        lead.addBindValue(last);
        lead.addBindValue(last);
        if (!lead.exec())
            return storageError(lead, QStringLiteral("writing synthetic leads"));
        int k = 0;
        auto add = [&](InteractionKind kind, qint64 at, const QString &body, const QJsonObject &data) {
            interaction.addBindValue(QString(s.leadId + QStringLiteral("-i%1").arg(k++)));
            interaction.addBindValue(s.leadId);
            interaction.addBindValue(interactionKindId(kind));
            interaction.addBindValue(at);
            interaction.addBindValue(body.isNull() ? QStringLiteral("") : body);
            interaction.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
            return interaction.exec();
        };
        if (!add(InteractionKind::Created, created, {}, {{QStringLiteral("source"), s.source}}))
            return storageError(interaction, QStringLiteral("writing synthetic interactions"));
        for (const Interaction &in : s.interactions) {
            if (!add(in.kind, in.occurredAt.toMSecsSinceEpoch(), in.body, {}))
                return storageError(interaction, QStringLiteral("writing synthetic interactions"));
        }
        if (l.closedMs >= 0
            && !add(InteractionKind::StatusChange, l.closedMs, {},
                    {{QStringLiteral("from"), QStringLiteral("qualifying")}, {QStringLiteral("to"), Status::id(l.status)}}))
            return storageError(interaction, QStringLiteral("writing synthetic interactions"));
        for (const LeadAttribute &a : s.attributes) {
            attribute.addBindValue(s.leadId);
            attribute.addBindValue(a.key);
            attribute.addBindValue(a.type);
            attribute.addBindValue(a.value);
            if (!attribute.exec())
                return storageError(attribute, QStringLiteral("writing synthetic attributes"));
        }
    }
    return tx.commit();
}

} // namespace Leads
