// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampledata.h"

#include "database.h"
#include "domain/leadstatus.h"
#include "bulkload.h"
#include "bulkstatement.h"
#include "leadscore.h"
#include "searchindex.h"
#include "transaction.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <array>
#include <random>

namespace Leads {

namespace {

constexpr std::array kFirstNames = {
    "Ana", "Tom", "Maria", "Lukas", "Sofia", "James", "Chloé", "Mateo", "Aisha", "Noah",
    "Emma", "Liam", "Yuki", "Omar", "Elena", "Jonas", "Priya", "Diego", "Hannah", "Ravi",
    "Léa", "Marco", "Fatima", "Ethan", "Ingrid", "Kenji", "Zoe", "Pablo", "Amara", "Felix",
    "Nora", "Ahmed", "Isabel", "Oskar", "Mei", "Lucas", "Sara", "Tariq", "Julia", "Björn",
};
constexpr std::array kLastNames = {
    "Ruiz", "Becker", "Rossi", "Schmidt", "García", "Smith", "Dubois", "Fernández", "Khan",
    "Müller", "Johnson", "Tanaka", "Haddad", "Popescu", "Novak", "Patel", "López", "Weber",
    "Sharma", "Moreau", "Bianchi", "Okafor", "Brown", "Larsen", "Sato", "Kowalski", "Silva",
    "Nguyen", "Fischer", "Costa", "Jensen", "Ali", "Martín", "Lindqvist", "Wang", "Taylor",
};
constexpr std::array kCompanyWords = {
    "Lumen", "Beck", "Nordic", "Atlas", "Verde", "Solaris", "Kite", "Harbor", "Pixel", "Quanta",
    "Ember", "Cobalt", "Maple", "Orbit", "Vista", "Zephyr", "Granite", "Nimbus", "Aurora", "Delta",
};
constexpr std::array kCompanySuffixes = {
    "AG", "GmbH", "S.L.", "Ltd", "Inc.", "SARL", "BV", "Group", "Labs", "& Co", "Studio", "Foods",
};
struct PhonePlan
{
    const char *code;
    const char *lead; // first digit(s) of a mobile number
    int length;       // national significant number length
};
constexpr std::array kPhones = {
    PhonePlan{"34", "6", 9},  PhonePlan{"49", "15", 11}, PhonePlan{"44", "7", 10},
    PhonePlan{"33", "6", 9},  PhonePlan{"39", "3", 10},  PhonePlan{"1", "415", 10},
    PhonePlan{"31", "6", 9},  PhonePlan{"91", "9", 10},  PhonePlan{"55", "11", 11},
};
constexpr std::array kSources = {"broadcast", "broadcast", "broadcast", "chat", "chat",
                                 "integration", "integration", "manual", "import"};
constexpr std::array kCampaigns = {"Spring promo", "Black Friday", "Webinar invite",
                                   "New catalogue", "Loyalty offer", "Product launch"};
constexpr std::array kInbound = {
    "Hi, is this still available? What is the price?",
    "Yes, I'm interested. Can you send more details?",
    "Could we book a demo next week?",
    "How much for 50 units?",
    "Thanks for the offer, I'd like to order.",
    "Not now, maybe next quarter.",
    "Do you ship to Portugal?",
    "Please call me tomorrow morning.",
    "Hola, ¿tienen disponibilidad este mes?",
    "Bonjour, quel est le prix ?",
};
constexpr std::array kOutbound = {
    "Thanks for reaching out! Here is our brochure.",
    "Sure, I've sent you the price list.",
    "Happy to set up a demo. Does Tuesday 10:00 work?",
    "Following up on our call — any questions?",
};
constexpr std::array kNotes = {
    "Decision maker is the CFO.",
    "Wants a quote for the premium plan.",
    "Call back after the trade fair.",
    "Budget approved for Q3.",
    "Prefers WhatsApp over e-mail.",
};
constexpr std::array kLostReasons = {"No budget", "Chose a competitor", "No response",
                                     "Not a fit", "Bad timing"};

struct Member
{
    const char *id;
    const char *username;
    const char *name;
    const char *role;
};
constexpr std::array kTeam = {
    Member{"u-admin", "alex", "Alex Morgan", "admin"},
    Member{"u-maria", "maria", "Maria Lopez", "manager"},
    Member{"u-daniel", "daniel", "Daniel Kim", "manager"},
    Member{"u-sam", "sam", "Sam Carter", "agent"},
    Member{"u-priya", "priya", "Priya Nair", "agent"},
    Member{"u-jonas", "jonas", "Jonas Weber", "agent"},
    Member{"u-lucia", "lucia", "Lucía Romero", "agent"},
    Member{"u-kofi", "kofi", "Kofi Mensah", "agent"},
    Member{"u-emma", "emma", "Emma Dubois", "agent"},
};

class Generator
{
public:
    explicit Generator(quint64 seed) : m_rng(seed), m_base(static_cast<quint32>(m_rng() >> 32)) {}

    int below(int n) { return static_cast<int>(m_rng() % static_cast<quint64>(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename A>
    const char *pick(const A &array) { return array[static_cast<size_t>(below(int(array.size())))]; }

    // Ids follow creation order (like UUIDv7) so the unique indexes grow by appending
    // instead of random inserts; the low bits stay random.
    QByteArray uuid()
    {
        const quint64 order = ++m_counter;
        const quint64 b = m_rng();
        char buf[48];
        std::snprintf(buf, sizeof buf, "%08x-%04x-7%03x-%04x-%012llx",
                      static_cast<unsigned>(m_base >> 16), static_cast<unsigned>((m_base & 0xffff) ^ (order >> 44)),
                      static_cast<unsigned>((order >> 32) & 0xfff),
                      static_cast<unsigned>(0x8000 | ((order >> 18) & 0x3fff)),
                      static_cast<unsigned long long>(((order & 0x3ffff) << 30) | (b & 0x3fffffff)));
        return QByteArray(buf);
    }

    QString phone()
    {
        const PhonePlan &p = kPhones[static_cast<size_t>(below(int(kPhones.size())))];
        QString s = QStringLiteral("+") + QLatin1String(p.code) + QLatin1String(p.lead);
        const int rest = p.length - int(qstrlen(p.lead));
        for (int i = 0; i < rest; ++i)
            s.append(QChar(u'0' + below(10)));
        return s;
    }

private:
    std::mt19937_64 m_rng;
    quint32 m_base;
    quint64 m_counter = 0;
};

QString asciiFold(const QString &s)
{
    QString folded = s.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(folded.size());
    for (QChar c : folded) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            out.append(c.toLower());
    }
    return out;
}

QByteArray raw(const char *text)
{
    return QByteArray::fromRawData(text, qsizetype(qstrlen(text)));
}

// ASCII forms of the name lists for e-mail addresses, computed once (normalisation is slow).
template<typename A>
QStringList foldedList(const A &array)
{
    QStringList list;
    for (const char *word : array)
        list.append(asciiFold(QString::fromUtf8(word)));
    return list;
}

// The statuses a lead passes through, ending in `final`, in pipeline order.
LeadStatus pickStatus(Generator &g)
{
    const int r = g.below(100);
    if (r < 22) return LeadStatus::New;
    if (r < 38) return LeadStatus::Contacted;
    if (r < 50) return LeadStatus::Qualifying;
    if (r < 60) return LeadStatus::Qualified;
    if (r < 70) return LeadStatus::FollowUp;
    if (r < 82) return LeadStatus::Converted;
    if (r < 94) return LeadStatus::Lost;
    return LeadStatus::Archived;
}

} // namespace

bool SampleData::isEmpty(Database &db)
{
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM leads)")) && q.next() && !q.value(0).toBool();
}

Result<SampleData::Stats> SampleData::generate(Database &db, const Options &options,
                                               const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase conn = db.connection();
    Generator g(options.seed);
    Stats stats;
    const qint64 nowMs = options.now.toMSecsSinceEpoch();
    constexpr qint64 kDay = 24LL * 3600 * 1000;

    {
        Transaction tx(conn);
        if (auto b = tx.begun(); !b)
            return b.error();
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO users (id, username, display_name, role, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)"));
        for (const Member &m : kTeam) {
            q.addBindValue(QString::fromUtf8(m.id));
            q.addBindValue(QString::fromUtf8(m.username));
            q.addBindValue(QString::fromUtf8(m.name));
            q.addBindValue(QString::fromUtf8(m.role));
            q.addBindValue(nowMs - 400 * kDay);
            if (!q.exec())
                return storageError(q, QStringLiteral("creating the sample team"));
            ++stats.users;
        }
        if (auto c = tx.commit(); !c)
            return c.error();
    }

    BulkStatement contact(conn, "INSERT INTO contacts (id, phone, email, display_name, created_at) "
                                "VALUES (?, ?, ?, ?, ?)");
    BulkStatement lead(conn,
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, "
        "campaign, status, status_rank, status_version, is_final, lost_reason, assignee_id, ai_score, "
        "manual_score, score, qualification_method, qualified_by, qualified_at, follow_up_at, notes, "
        "created_at, updated_at, last_activity_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BulkStatement interaction(conn,
        "INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, body, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    constexpr int kAgents = 6; // kTeam[3..8]

    auto addInteraction = [&](QByteArrayView leadId, const char *kind, qint64 at, const Member *who,
                              QByteArrayView body, QByteArrayView data) -> Outcome {
        interaction.bind(1, g.uuid());
        interaction.bind(2, leadId);
        interaction.bind(3, QByteArrayView(kind));
        interaction.bind(4, at);
        if (who) {
            interaction.bind(5, QByteArrayView(who->id));
            interaction.bind(6, QByteArrayView(who->name));
        } else {
            interaction.bindNull(5);
            interaction.bind(6, QByteArrayView(""));
        }
        interaction.bind(7, body);
        interaction.bind(8, data);
        if (auto r = interaction.step("writing sample interactions"); !r)
            return r;
        ++stats.interactions;
        return {};
    };
    auto bindOptional = [](BulkStatement &st, int pos, bool present, auto value) {
        if (present)
            st.bind(pos, value);
        else
            st.bindNull(pos);
    };

    // The generator writes only valid rows in dependency order.
    BulkLoad bulk(conn);
    if (auto b = bulk.begin(); !b)
        return b.error();

    const QStringList foldedFirst = foldedList(kFirstNames);
    const QStringList foldedLast = foldedList(kLastNames);
    const QStringList foldedCompany = foldedList(kCompanyWords);

    qint64 done = 0;
    while (done < options.leads) {
        Transaction tx(conn);
        if (auto b = tx.begun(); !b)
            return b.error();
        const qint64 end = std::min(options.leads, done + options.batchSize);
        for (qint64 i = done; i < end; ++i) {
            const int firstIndex = g.below(int(kFirstNames.size()));
            const int lastIndex = g.below(int(kLastNames.size()));
            const QString first = QString::fromUtf8(kFirstNames[size_t(firstIndex)]);
            const QString last = QString::fromUtf8(kLastNames[size_t(lastIndex)]);
            const QString name = first + u' ' + last;
            const int companyIndex = g.chance(85) ? g.below(int(kCompanyWords.size())) : -1;
            const QString company = companyIndex >= 0
                                        ? QString::fromUtf8(kCompanyWords[size_t(companyIndex)]) + u' '
                                              + QString::fromUtf8(g.pick(kCompanySuffixes))
                                        : QString();
            const bool hasPhone = g.chance(90);
            const QString phone = hasPhone ? g.phone() : QString();
            const bool hasEmail = !hasPhone || g.chance(60);
            const QString email = hasEmail ? foldedFirst.at(firstIndex) + u'.' + foldedLast.at(lastIndex)
                                                 + QString::number(i) + u'@'
                                                 + (companyIndex < 0 ? QStringLiteral("mail.example")
                                                                     : foldedCompany.at(companyIndex)
                                                                           + QStringLiteral(".example"))
                                           : QString();
            const QString source = QString::fromLatin1(g.pick(kSources));
            const QString campaign = source == u"broadcast" ? QString::fromUtf8(g.pick(kCampaigns)) : QString();
            const LeadStatus status = pickStatus(g);
            const bool final = Status::isFinal(status);
            // Older leads are likelier to be final; recent ones cluster in the last weeks.
            const qint64 ageDays = final ? 20 + g.below(340) : g.below(60);
            const qint64 created = nowMs - ageDays * kDay - g.below(int(kDay / 1000)) * 1000LL;
            const Member *assignee = (status == LeadStatus::New && g.chance(55))
                                         ? nullptr
                                         : &kTeam[static_cast<size_t>(3 + g.below(kAgents))];
            const QByteArray contactId = g.uuid();
            const QByteArray leadId = g.uuid();

            contact.bind(1, contactId);
            bindOptional(contact, 2, hasPhone, phone);
            bindOptional(contact, 3, hasEmail, email);
            contact.bind(4, name);
            contact.bind(5, created);
            if (auto r = contact.step("writing sample contacts"); !r)
                return r.error();

            // Timeline: created, the channel's first message, then replies and moves.
            qint64 t = created;
            const int messages = 1 + g.below(4);
            qint64 lastActivity = created;
            const bool ai = g.chance(70);
            const int aiScore = std::clamp(20 + Status::index(status) * 9 + g.below(35) - 10, 0, 100);
            const bool manual = g.chance(15);
            const int manualScore = std::clamp(aiScore + g.below(30) - 15, 0, 100);
            QString notes;
            if (g.chance(30))
                notes = QString::fromUtf8(g.pick(kNotes));

            const bool followUp = !final && status != LeadStatus::New && g.chance(45);
            lead.bind(1, leadId);
            lead.bind(2, contactId);
            lead.bind(3, name);
            lead.bind(4, company);
            lead.bind(5, phone);
            lead.bind(6, email);
            lead.bind(7, SearchIndex::phoneTokens(phone));
            lead.bind(8, source);
            lead.bind(9, campaign);
            lead.bind(10, Status::id(status));
            lead.bind(11, qint64(Status::index(status)));
            lead.bind(12, qint64(1 + Status::index(status)));
            lead.bind(13, qint64(final ? 1 : 0));
            bindOptional(lead, 14, status == LeadStatus::Lost, QByteArrayView(g.pick(kLostReasons)));
            bindOptional(lead, 15, assignee != nullptr, QByteArrayView(assignee ? assignee->id : ""));
            bindOptional(lead, 16, ai, qint64(aiScore));
            bindOptional(lead, 17, manual, qint64(manualScore));
            bindOptional(lead, 18, manual || ai, qint64(manual ? manualScore : aiScore));
            lead.bind(19, QByteArrayView(manual ? "manual" : ai ? "ai" : ""));
            bindOptional(lead, 20, manual || ai,
                         QByteArrayView(manual && assignee ? assignee->id : manual ? "" : "ai"));
            bindOptional(lead, 21, manual || ai, qint64(created + kDay));
            bindOptional(lead, 22, followUp, qint64(nowMs + (g.below(14 * 24) - 3 * 24) * 3600LL * 1000));
            lead.bind(23, notes);
            lead.bind(24, created);

            // Interactions are written after the lead (foreign key), times computed first.
            const char *channel = source == u"broadcast"     ? "broadcast_reply"
                                  : source == u"integration" ? "integration"
                                  : source == u"chat"        ? "chat_in"
                                                             : nullptr;
            struct Pending { const char *kind; qint64 at; const Member *who; QByteArray body; QByteArray data; };
            QList<Pending> pending;
            pending.append({"created", t, nullptr, QByteArray(), "{\"source\":\"" + source.toUtf8() + "\"}"});
            if (channel)
                pending.append({channel, t, nullptr, raw(g.pick(kInbound)),
                                campaign.isEmpty() ? QByteArray("{}")
                                                   : "{\"campaign\":\"" + campaign.toUtf8() + "\"}"});
            const qint64 span = std::max<qint64>(nowMs - created, 3600 * 1000);
            for (int m = 1; m < messages; ++m) {
                t = std::min(nowMs, t + g.below(int(std::min<qint64>(span / messages / 1000, 2000000000LL)) + 60) * 1000LL);
                const bool out = m % 2 == 1;
                pending.append({out ? "chat_out" : "chat_in", t, out ? assignee : nullptr,
                                raw(out ? g.pick(kOutbound) : g.pick(kInbound)), QByteArray("{}")});
            }
            if (status != LeadStatus::New) {
                t = std::min(nowMs, t + g.below(3 * 24 * 3600) * 1000LL);
                pending.append({"status_change", t, assignee, QByteArray(),
                                "{\"from\":\"new\",\"to\":\"" + Status::id(status).toUtf8() + "\"}"});
            }
            if (!notes.isEmpty())
                pending.append({"note", std::min(nowMs, t + 600000), assignee, notes.toUtf8(), QByteArray("{}")});
            for (const Pending &p : std::as_const(pending))
                lastActivity = std::max(lastActivity, p.at);

            lead.bind(25, lastActivity);
            lead.bind(26, lastActivity);
            if (auto r = lead.step("writing sample leads"); !r)
                return r.error();
            for (const Pending &p : std::as_const(pending)) {
                if (auto w = addInteraction(leadId, p.kind, p.at, p.who, p.body, p.data); !w)
                    return w.error();
            }
            ++stats.leads;
        }
        if (auto c = tx.commit(); !c)
            return c.error();
        done = end;
        if (progress && !progress(done, options.leads))
            break;
    }

    const qint64 rowsMs = timer.elapsed();
    if (auto f = bulk.finish(); !f)
        return f.error();
    stats.elapsedMs = timer.elapsed();
    qCInfo(lcStorage) << "sample data:" << stats.leads << "leads," << stats.interactions
                      << "interactions in" << stats.elapsedMs << "ms (rows" << rowsMs << "ms, indexes and search index"
                      << stats.elapsedMs - rowsMs << "ms)";
    return stats;
}

} // namespace Leads
