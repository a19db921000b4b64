// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampledata.h"

#include "database.h"
#include "domain/leadstatus.h"
#include "bulkload.h"
#include "bulkstatement.h"
#include "leadscore.h"
#include "migrations.h"
#include "searchindex.h"
#include "handover.h"
#include "searchindexbuilder.h"
#include "transaction.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <QScopeGuard>

#include <array>
#include <memory>
#include <optional>
#include <thread>
#include <vector>
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

    QByteArray phone()
    {
        const PhonePlan &p = kPhones[static_cast<size_t>(below(int(kPhones.size())))];
        QByteArray s = QByteArray("+") + p.code + p.lead;
        const int rest = p.length - int(qstrlen(p.lead));
        for (int i = 0; i < rest; ++i)
            s.append(char('0' + below(10)));
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
QByteArrayList foldedList(const A &array)
{
    QByteArrayList list;
    for (const char *word : array)
        list.append(asciiFold(QString::fromUtf8(word)).toLatin1());
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

namespace {

// One generated lead and its timeline, as the UTF-8 the statements bind.
struct InteractionRow
{
    QByteArray id;
    const char *kind;
    qint64 at;
    const Member *who;
    QByteArray body;
    QByteArray data;
};
struct LeadRow
{
    qint64 leadNo = 0;
    QByteArray id, contactId, name, company, phone, email, searchPhone, source, campaign, notes;
    bool hasPhone = false, hasEmail = false;
    LeadStatus status = LeadStatus::New;
    const char *lostReason = nullptr;
    const Member *assignee = nullptr;
    bool ai = false, manual = false, followUp = false;
    int aiScore = 0, manualScore = 0;
    qint64 followUpAt = 0, created = 0, lastActivity = 0;
    int firstInteraction = 0, interactionCount = 0;
};
struct Batch
{
    std::vector<LeadRow> leads;
    std::vector<InteractionRow> interactions;
};

constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr int kAgents = 6; // kTeam[3..8]

// Makes the rows; runs on its own thread while the caller's thread writes them. Every
// random draw happens here, in one order, so a seed always gives the same rows.
class RowMaker
{
public:
    RowMaker(quint64 seed, qint64 nowMs)
        : m_g(seed), m_nowMs(nowMs), m_foldedFirst(foldedList(kFirstNames)),
          m_foldedLast(foldedList(kLastNames)), m_foldedCompany(foldedList(kCompanyWords))
    {
    }

    void make(Batch &batch, qint64 from, qint64 to, qint64 firstLeadNo)
    {
        batch.leads.clear();
        batch.interactions.clear();
        batch.leads.reserve(size_t(to - from));
        for (qint64 i = from; i < to; ++i) {
            batch.leads.emplace_back();
            makeLead(batch.leads.back(), batch.interactions, i, firstLeadNo + (i - from));
        }
    }

private:
    void makeLead(LeadRow &r, std::vector<InteractionRow> &timeline, qint64 i, qint64 leadNo)
    {
        Generator &g = m_g;
        const qint64 nowMs = m_nowMs;
        r.leadNo = leadNo;
        const int firstIndex = g.below(int(kFirstNames.size()));
        const int lastIndex = g.below(int(kLastNames.size()));
        r.name = QByteArray(kFirstNames[size_t(firstIndex)]) + ' ' + kLastNames[size_t(lastIndex)];
        const int companyIndex = g.chance(85) ? g.below(int(kCompanyWords.size())) : -1;
        if (companyIndex >= 0)
            r.company = QByteArray(kCompanyWords[size_t(companyIndex)]) + ' ' + g.pick(kCompanySuffixes);
        r.hasPhone = g.chance(90);
        if (r.hasPhone)
            r.phone = g.phone();
        r.hasEmail = !r.hasPhone || g.chance(60);
        if (r.hasEmail) {
            r.email = m_foldedFirst.at(firstIndex) + '.' + m_foldedLast.at(lastIndex) + QByteArray::number(i)
                      + '@' + (companyIndex < 0 ? QByteArray("mail.example")
                                                : m_foldedCompany.at(companyIndex) + ".example");
        }
        r.source = QByteArray(g.pick(kSources));
        if (r.source == "broadcast")
            r.campaign = QByteArray(g.pick(kCampaigns));
        r.status = pickStatus(g);
        const bool final = Status::isFinal(r.status);
        // Older leads are likelier to be final; recent ones cluster in the last weeks.
        const qint64 ageDays = final ? 20 + g.below(340) : g.below(60);
        r.created = nowMs - ageDays * kDay - g.below(int(kDay / 1000)) * 1000LL;
        r.assignee = (r.status == LeadStatus::New && g.chance(55))
                         ? nullptr
                         : &kTeam[static_cast<size_t>(3 + g.below(kAgents))];
        r.contactId = g.uuid();
        r.id = g.uuid();

        // Timeline: created, the channel's first message, then replies and moves.
        qint64 t = r.created;
        const int messages = 1 + g.below(4);
        r.ai = g.chance(70);
        r.aiScore = std::clamp(20 + Status::index(r.status) * 9 + g.below(35) - 10, 0, 100);
        r.manual = g.chance(15);
        r.manualScore = std::clamp(r.aiScore + g.below(30) - 15, 0, 100);
        if (g.chance(30))
            r.notes = QByteArray(g.pick(kNotes));
        r.followUp = !final && r.status != LeadStatus::New && g.chance(45);
        r.lostReason = g.pick(kLostReasons);
        r.followUpAt = nowMs + (g.below(14 * 24) - 3 * 24) * 3600LL * 1000;
        r.searchPhone = SearchIndex::phoneTokens(QString::fromLatin1(r.phone)).toLatin1();

        r.firstInteraction = int(timeline.size());
        auto add = [&](const char *kind, qint64 at, const Member *who, QByteArray body, QByteArray data) {
            timeline.push_back({QByteArray(), kind, at, who, std::move(body), std::move(data)});
        };
        const char *channel = r.source == "broadcast"     ? "broadcast_reply"
                              : r.source == "integration" ? "integration"
                              : r.source == "chat"        ? "chat_in"
                                                          : nullptr;
        add("created", t, nullptr, QByteArray(), "{\"source\":\"" + r.source + "\"}");
        if (channel)
            add(channel, t, nullptr, raw(g.pick(kInbound)),
                r.campaign.isEmpty() ? QByteArray("{}") : "{\"campaign\":\"" + r.campaign + "\"}");
        const qint64 span = std::max<qint64>(nowMs - r.created, 3600 * 1000);
        for (int m = 1; m < messages; ++m) {
            t = std::min(nowMs, t + g.below(int(std::min<qint64>(span / messages / 1000, 2000000000LL)) + 60) * 1000LL);
            const bool out = m % 2 == 1;
            add(out ? "chat_out" : "chat_in", t, out ? r.assignee : nullptr,
                raw(out ? g.pick(kOutbound) : g.pick(kInbound)), QByteArray("{}"));
        }
        if (r.status != LeadStatus::New) {
            t = std::min(nowMs, t + g.below(3 * 24 * 3600) * 1000LL);
            add("status_change", t, r.assignee, QByteArray(),
                "{\"from\":\"new\",\"to\":\"" + Status::id(r.status).toUtf8() + "\"}");
        }
        if (!r.notes.isEmpty())
            add("note", std::min(nowMs, t + 600000), r.assignee, r.notes, QByteArray("{}"));
        r.interactionCount = int(timeline.size()) - r.firstInteraction;
        r.lastActivity = r.created;
        for (size_t k = size_t(r.firstInteraction); k < timeline.size(); ++k) {
            r.lastActivity = std::max(r.lastActivity, timeline[k].at);
            timeline[k].id = g.uuid(); // drawn after the lead's own values, as always
        }
    }

    Generator m_g;
    qint64 m_nowMs;
    QByteArrayList m_foldedFirst, m_foldedLast, m_foldedCompany;
};

// Batches from the maker thread to the writing thread.
using BatchQueue = Handover<std::shared_ptr<const Batch>>;

qint64 scalar(QSqlDatabase &conn, const QString &sql)
{
    QSqlQuery q(conn);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

Result<SampleData::Stats> SampleData::generate(Database &db, const Options &options,
                                               const Progress &progress)
{
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase conn = db.connection();
    Stats stats;
    const qint64 nowMs = options.now.toMSecsSinceEpoch();

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
        "created_at, updated_at, last_activity_at, lead_no) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    BulkStatement interaction(conn,
        "INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, body, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

    // Into an empty file-backed database the search index is built on the maker thread,
    // in a scratch file, while this thread writes rows and indexes (SearchIndexBuilder).
    const qint64 firstLeadNo = scalar(conn, QStringLiteral("SELECT COALESCE(MAX(lead_no), 0) FROM leads")) + 1;
    const QString path = db.path();
    std::optional<SearchIndexBuilder> searchBuilder;
    if (firstLeadNo == 1 && !path.isEmpty() && path != u":memory:") {
        searchBuilder.emplace(SearchIndexBuilder::scratchPathFor(path));
        if (auto opened = searchBuilder->open(); !opened) {
            qCWarning(lcStorage) << "building the search index on the side failed, rebuilding it at the end:"
                                 << opened.error().message();
            searchBuilder.reset();
        }
    }

    // The generator writes only valid rows in dependency order.
    BulkLoad bulk(conn);
    if (auto b = bulk.begin(); !b)
        return b.error();

    BatchQueue queue(2);
    std::optional<Error> makerError;
    std::thread maker([&] {
        RowMaker rows(options.seed, nowMs);
        for (qint64 from = 0; from < options.leads; from += options.batchSize) {
            const qint64 to = std::min(options.leads, from + options.batchSize);
            auto batch = std::make_shared<Batch>();
            rows.make(*batch, from, to, firstLeadNo + from);
            if (!queue.push(batch))
                return;
            if (searchBuilder) {
                if (Outcome indexed = searchBuilder->addAll(batch->leads); !indexed) {
                    makerError = indexed.error();
                    queue.stop();
                    return;
                }
            }
        }
        queue.stop(); // the writer drains what is queued, then sees the end
        if (searchBuilder) {
            if (auto finished = searchBuilder->finish(); !finished)
                makerError = finished.error();
        }
    });
    auto joinMaker = qScopeGuard([&] {
        queue.stop();
        if (maker.joinable())
            maker.join();
    });

    auto bindOptional = [](BulkStatement &st, int pos, bool present, auto value) {
        if (present)
            st.bind(pos, value);
        else
            st.bindNull(pos);
    };
    auto bindOptionalStatic = [](BulkStatement &st, int pos, bool present, QByteArrayView value) {
        if (present)
            st.bindStatic(pos, value);
        else
            st.bindNull(pos);
    };
    auto write = [&](const Batch &batch) -> Outcome {
        Transaction tx(conn);
        if (auto b = tx.begun(); !b)
            return b;
        for (const LeadRow &r : batch.leads) {
            contact.bindStatic(1, r.contactId);
            // Everything bound below lives in the batch (or is a literal) until the step:
            // no copies.
            bindOptionalStatic(contact, 2, r.hasPhone, r.phone);
            bindOptionalStatic(contact, 3, r.hasEmail, r.email);
            contact.bindStatic(4, r.name);
            contact.bind(5, r.created);
            if (auto w = contact.step("writing sample contacts"); !w)
                return w;

            const bool final = Status::isFinal(r.status);
            const bool scored = r.manual || r.ai;
            lead.bindStatic(1, r.id);
            lead.bindStatic(2, r.contactId);
            lead.bindStatic(3, r.name);
            lead.bindStatic(4, r.company);
            lead.bindStatic(5, r.phone);
            lead.bindStatic(6, r.email);
            lead.bindStatic(7, r.searchPhone);
            lead.bindStatic(8, r.source);
            lead.bindStatic(9, r.campaign);
            lead.bind(10, Status::id(r.status));
            lead.bind(11, qint64(Status::index(r.status)));
            lead.bind(12, qint64(1 + Status::index(r.status)));
            lead.bind(13, qint64(final ? 1 : 0));
            bindOptionalStatic(lead, 14, r.status == LeadStatus::Lost, QByteArrayView(r.lostReason));
            bindOptionalStatic(lead, 15, r.assignee != nullptr, QByteArrayView(r.assignee ? r.assignee->id : ""));
            bindOptional(lead, 16, r.ai, qint64(r.aiScore));
            bindOptional(lead, 17, r.manual, qint64(r.manualScore));
            bindOptional(lead, 18, scored, qint64(r.manual ? r.manualScore : r.aiScore));
            lead.bindStatic(19, QByteArrayView(r.manual ? "manual" : r.ai ? "ai" : ""));
            bindOptionalStatic(lead, 20, scored,
                         QByteArrayView(r.manual && r.assignee ? r.assignee->id : r.manual ? "" : "ai"));
            bindOptional(lead, 21, scored, qint64(r.created + kDay));
            bindOptional(lead, 22, r.followUp, r.followUpAt);
            lead.bindStatic(23, r.notes);
            lead.bind(24, r.created);
            lead.bind(25, r.lastActivity);
            lead.bind(26, r.lastActivity);
            lead.bind(27, r.leadNo);
            if (auto w = lead.step("writing sample leads"); !w)
                return w;

            // Interactions after their lead (foreign key).
            for (int k = 0; k < r.interactionCount; ++k) {
                const InteractionRow &x = batch.interactions[size_t(r.firstInteraction + k)];
                interaction.bindStatic(1, x.id);
                interaction.bindStatic(2, r.id);
                interaction.bindStatic(3, QByteArrayView(x.kind));
                interaction.bind(4, x.at);
                if (x.who) {
                    interaction.bindStatic(5, QByteArrayView(x.who->id));
                    interaction.bindStatic(6, QByteArrayView(x.who->name));
                } else {
                    interaction.bindNull(5);
                    interaction.bind(6, QByteArrayView(""));
                }
                interaction.bindStatic(7, x.body);
                interaction.bindStatic(8, x.data);
                if (auto w = interaction.step("writing sample interactions"); !w)
                    return w;
                ++stats.interactions;
            }
            ++stats.leads;
        }
        return tx.commit();
    };

    qint64 done = 0;
    bool cancelled = false;
    while (auto batch = queue.pop()) {
        if (auto w = write(**batch); !w)
            return w.error();
        done += qint64((*batch)->leads.size());
        if (progress && !progress(done, options.leads)) {
            cancelled = true;
            break;
        }
    }
    // The secondary indexes are built while the maker thread merges the search index.
    const qint64 rowsMs = timer.elapsed();
    if (!cancelled) {
        if (auto indexed = Migrations::ensureSecondaryIndexes(conn); !indexed)
            return indexed.error();
    }
    queue.stop();
    maker.join();
    if (makerError)
        return *makerError;
    const bool adopt = searchBuilder && !cancelled && done == options.leads;
    if (auto f = bulk.finish(adopt ? SearchIndexBuilder::scratchPathFor(path) : QString()); !f)
        return f.error();
    searchBuilder.reset(); // removes the scratch file
    stats.elapsedMs = timer.elapsed();
    qCInfo(lcStorage) << "sample data:" << stats.leads << "leads," << stats.interactions
                      << "interactions in" << stats.elapsedMs << "ms (rows" << rowsMs << "ms, indexes and search index"
                      << stats.elapsedMs - rowsMs << "ms," << (adopt ? "search index built alongside)" : "search index rebuilt)");
    return stats;
}

} // namespace Leads
