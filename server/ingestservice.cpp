// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingestservice.h"

#include "apiserver.h"
#include "domain/contactidentity.h"
#include "domain/lead.h"
#include "fieldreader.h"
#include "integrationsecrets.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "settingsstore.h"
#include "writetransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcServerApi)

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("IngestService", text);
}

constexpr int kMaxText = 10000;
constexpr int kMaxField = 200;
constexpr int kMaxAttributes = 50;

const QString kBroadcastCreates = QStringLiteral("capture_broadcast_creates_lead");
const QString kBroadcastKeyword = QStringLiteral("capture_broadcast_keyword");
const QString kChatFirstInbound = QStringLiteral("capture_chat_first_inbound_creates_lead");

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

ApiResponse busy()
{
    return ApiResponse::error(503, QStringLiteral("busy"), tr("The server is busy; try again in a moment."))
        .withHeader("Retry-After", "1");
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QString kindSource(IngestService::Kind kind)
{
    switch (kind) {
    case IngestService::Kind::BroadcastReply:
        return Source::Broadcast;
    case IngestService::Kind::ChatMessage:
        return Source::Chat;
    case IngestService::Kind::IntegrationLead:
        break;
    }
    return Source::Integration;
}
} // namespace

struct IngestService::Event {
    Kind kind = Kind::IntegrationLead;
    QString integration;
    QString eventId;
    ContactIdentity identity;
    QString name;
    QString company;
    QString sourceDetail;
    QString campaign;
    QString text;
    QString direction; // chat: "in" or "out"
    QString conversationId;
    QJsonObject attributes;
    bool flagAsLead = false;
    qint64 atMs = 0;
};

IngestService::IngestService(ServerDatabase &db, SettingsStore &settings, const ServerClock &clock)
    : m_db(db), m_settings(settings), m_clock(clock), m_secrets(std::make_unique<IntegrationSecrets>(db, clock))
{
}

IngestService::~IngestService() = default;

IngestService::Settings IngestService::readSettings() const
{
    Settings s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT name, value FROM settings WHERE name IN (?, ?, ?)"));
    q.addBindValue(kBroadcastCreates);
    q.addBindValue(kBroadcastKeyword);
    q.addBindValue(kChatFirstInbound);
    if (q.exec()) {
        while (q.next()) {
            const QString name = q.value(0).toString();
            const QString value = q.value(1).toString();
            if (name == kBroadcastCreates)
                s.broadcastCreatesLead = value == QLatin1String("1");
            else if (name == kBroadcastKeyword)
                s.broadcastKeyword = value;
            else if (name == kChatFirstInbound)
                s.chatFirstInboundCreatesLead = value == QLatin1String("1");
        }
    }
    return s;
}

ApiResponse IngestService::ingest(Kind kind, const QString &integration, const QByteArray &timestamp,
                                  const QByteArray &signature, const QByteArray &rawBody, const QJsonObject &body)
{
    auto refusal = m_secrets->verify(integration, timestamp, signature, rawBody);
    if (!refusal)
        return ApiResponse::fromError(refusal.error());
    if (!refusal.value().isEmpty()) {
        qCInfo(lcServerApi).noquote() << "refused an unsigned or badly signed delivery for" << integration.left(64);
        return ApiResponse::error(401, QStringLiteral("invalid_signature"), refusal.value());
    }

    Event e;
    e.kind = kind;
    e.integration = integration;
    FieldReader in(body, kMaxText);
    const auto eventId = in.string(QStringLiteral("eventId"), FieldReader::Need::Required, 128);
    const auto phone = in.string(QStringLiteral("phone"), FieldReader::Need::Optional, 64);
    const auto email = in.string(QStringLiteral("email"), FieldReader::Need::Optional, 254);
    const auto name = in.string(QStringLiteral("name"), FieldReader::Need::Optional, kMaxField);
    const auto at = in.string(QStringLiteral("at"), FieldReader::Need::Optional, 64);
    std::optional<QString> textArg, campaign, company, detail, direction, conversation;
    std::optional<QJsonObject> attributes;
    std::optional<bool> flag;
    switch (kind) {
    case Kind::BroadcastReply:
        campaign = in.string(QStringLiteral("campaign"), FieldReader::Need::Required, kMaxField);
        textArg = in.string(QStringLiteral("text"), FieldReader::Need::Required, kMaxText);
        break;
    case Kind::ChatMessage:
        direction = in.string(QStringLiteral("direction"), FieldReader::Need::Required, 3);
        textArg = in.string(QStringLiteral("text"), FieldReader::Need::Required, kMaxText);
        conversation = in.string(QStringLiteral("conversationId"), FieldReader::Need::Optional, 128);
        flag = in.boolean(QStringLiteral("flagAsLead"), FieldReader::Need::Optional);
        break;
    case Kind::IntegrationLead:
        company = in.string(QStringLiteral("company"), FieldReader::Need::Optional, kMaxField);
        detail = in.string(QStringLiteral("sourceDetail"), FieldReader::Need::Optional, kMaxField);
        textArg = in.string(QStringLiteral("message"), FieldReader::Need::Optional, kMaxText);
        attributes = in.object(QStringLiteral("attributes"), FieldReader::Need::Optional);
        break;
    }
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    e.eventId = eventId->trimmed();
    if (e.eventId.isEmpty())
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput, tr("Every event needs an id."), QStringLiteral("eventId")));
    auto identity = ContactIdentity::make(phone.value_or(QString()), email.value_or(QString()),
                                          m_settings.defaultCountry());
    if (!identity)
        return ApiResponse::fromError(identity.error());
    if (identity.value().isEmpty())
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                            tr("An event needs the contact's phone number or e-mail address."),
                                            QStringLiteral("phone")));
    e.identity = identity.value();
    e.name = name.value_or(QString()).trimmed();
    e.text = textArg.value_or(QString()).trimmed();
    e.campaign = campaign.value_or(QString()).trimmed();
    e.company = company.value_or(QString()).trimmed();
    e.sourceDetail = detail.value_or(QString()).trimmed();
    e.conversationId = conversation.value_or(QString());
    e.flagAsLead = flag.value_or(false);
    e.attributes = attributes.value_or(QJsonObject());
    if (kind == Kind::ChatMessage) {
        e.direction = *direction;
        if (e.direction != QLatin1String("in") && e.direction != QLatin1String("out"))
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("\"direction\" is \"in\" or \"out\"."),
                                                QStringLiteral("direction")));
    }
    if (e.attributes.size() > kMaxAttributes)
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                            tr("At most %1 custom attributes.").arg(kMaxAttributes),
                                            QStringLiteral("attributes")));
    for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key().size() > 64 || it.value().isObject() || it.value().isArray()
            || it.value().toVariant().toString().size() > kMaxField)
            return ApiResponse::fromError(Error(
                ErrorCode::InvalidInput,
                tr("Custom attributes are names of up to 64 characters with a text, number or true/false value."),
                QStringLiteral("attributes")));
    }
    e.atMs = m_clock.nowMs();
    if (at && !at->isEmpty()) {
        const QDateTime when = QDateTime::fromString(*at, Qt::ISODateWithMs);
        if (!when.isValid())
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput, tr("\"at\" must be an ISO 8601 time."),
                                                QStringLiteral("at")));
        e.atMs = when.toMSecsSinceEpoch();
    }
    if (e.name.isEmpty())
        e.name = e.identity.phone().isEmpty() ? e.identity.email() : e.identity.phone();
    return process(e);
}

namespace {

// The writes every capture path shares, inside one transaction stamped with `seq`.
class CaptureWriter {
public:
    CaptureWriter(ServerDatabase &db, SettingsStore &settings, qint64 seq, qint64 now)
        : m_db(db), m_settings(settings), m_q(db.connection()), m_seq(seq), m_now(now)
    {
    }

    Result<QString> findContact(const ContactIdentity &identity)
    {
        m_q.prepare(QStringLiteral("SELECT id FROM contacts WHERE (phone = ? AND phone IS NOT NULL) "
                                   "OR (email = ? AND email IS NOT NULL) ORDER BY created_at, id LIMIT 1"));
        m_q.addBindValue(textOrNull(identity.phone()));
        m_q.addBindValue(textOrNull(identity.email()));
        if (!m_q.exec())
            return dbError(m_q, tr("looking up the contact"));
        QString id = m_q.next() ? m_q.value(0).toString() : QString();
        m_q.finish();
        return id;
    }

    Result<QList<ActiveLeadRule::KnownLead>> leadsOf(const QString &contactId, const ContactIdentity &identity)
    {
        QList<ActiveLeadRule::KnownLead> leads;
        m_q.prepare(QStringLiteral("SELECT id, status FROM leads WHERE deleted = 0 AND (contact_id = ? "
                                   "OR (phone = ? AND phone <> '') OR (email = ? AND email <> '')) "
                                   "ORDER BY is_final, created_at DESC"));
        m_q.addBindValue(contactId);
        m_q.addBindValue(text(identity.phone()));
        m_q.addBindValue(text(identity.email()));
        if (!m_q.exec())
            return dbError(m_q, tr("looking up the contact's leads"));
        while (m_q.next())
            leads.append({m_q.value(0).toString(),
                          Status::fromId(m_q.value(1).toString()).value_or(LeadStatus::New)});
        m_q.finish();
        return leads;
    }

    Result<QString> insertContact(const ContactIdentity &identity, const QString &name)
    {
        const QString id = newId();
        m_q.prepare(QStringLiteral("INSERT INTO contacts (id, phone, email, display_name, created_at, change_seq) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"));
        m_q.addBindValue(id);
        m_q.addBindValue(textOrNull(identity.phone()));
        m_q.addBindValue(textOrNull(identity.email()));
        m_q.addBindValue(text(name));
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_seq);
        if (!m_q.exec())
            return dbError(m_q, tr("saving the contact"));
        return id;
    }

    // A new lead in New, given to whoever the admin's assignment rule picks (or nobody).
    Result<QString> insertLead(const QString &contactId, const ContactIdentity &identity, const QString &name,
                               const QString &company, const QString &source, const QString &detail,
                               const QString &campaign, const QString &author)
    {
        const QString id = newId();
        m_q.prepare(QStringLiteral("INSERT INTO leads (id, contact_id, name, company, phone, email, source, "
                                   "source_detail, campaign, status, status_rank, is_final, assignee_id, "
                                   "created_at, updated_at, last_activity_at, change_seq) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, 0, NULL, ?, ?, ?, ?)"));
        m_q.addBindValue(id);
        m_q.addBindValue(contactId);
        m_q.addBindValue(name);
        m_q.addBindValue(text(company));
        m_q.addBindValue(text(identity.phone()));
        m_q.addBindValue(text(identity.email()));
        m_q.addBindValue(source);
        m_q.addBindValue(text(detail));
        m_q.addBindValue(text(campaign));
        m_q.addBindValue(Status::index(LeadStatus::New));
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_seq);
        if (!m_q.exec())
            return dbError(m_q, tr("saving the lead"));
        if (auto w = interaction(id, InteractionKind::Created, {}, {{QStringLiteral("source"), source}}, m_now,
                                 author);
            !w)
            return w.error();
        if (auto a = applyAssignmentRule(id); !a)
            return a.error();
        return id;
    }

    // The admin's rule for new leads (core/domain/assignmentrule.h): among the rule's agents
    // who are active, in turn or the least loaded; the move is on the timeline.
    Outcome applyAssignmentRule(const QString &leadId)
    {
        const AssignmentRule rule = m_settings.assignmentRule();
        if (rule.mode == AssignmentRule::Mode::Manual || rule.agents.isEmpty())
            return {};
        QStringList placeholders;
        for (qsizetype i = 0; i < rule.agents.size(); ++i)
            placeholders << QStringLiteral("?");
        const QString in = placeholders.join(u',');
        QStringList eligible;
        QHash<QString, QString> names;
        m_q.prepare(QStringLiteral("SELECT id, display_name FROM users WHERE active = 1 AND id IN (%1)").arg(in));
        for (const QString &agent : rule.agents)
            m_q.addBindValue(agent);
        if (!m_q.exec())
            return dbError(m_q, tr("applying the assignment rule"));
        while (m_q.next()) {
            eligible << m_q.value(0).toString();
            names.insert(m_q.value(0).toString(), m_q.value(1).toString());
        }
        m_q.finish();
        QHash<QString, int> loads;
        if (rule.mode == AssignmentRule::Mode::LeastLoaded) {
            m_q.prepare(QStringLiteral("SELECT assignee_id, COUNT(*) FROM leads WHERE deleted = 0 AND is_final = 0 "
                                       "AND assignee_id IN (%1) GROUP BY assignee_id").arg(in));
            for (const QString &agent : rule.agents)
                m_q.addBindValue(agent);
            if (!m_q.exec())
                return dbError(m_q, tr("applying the assignment rule"));
            while (m_q.next())
                loads.insert(m_q.value(0).toString(), m_q.value(1).toInt());
            m_q.finish();
        }
        const AssignmentRule::Pick pick = rule.pick(eligible, loads, m_settings.assignmentCursor());
        if (pick.assigneeId.isEmpty())
            return {};
        m_q.prepare(QStringLiteral("UPDATE leads SET assignee_id = ? WHERE id = ?"));
        m_q.addBindValue(pick.assigneeId);
        m_q.addBindValue(leadId);
        if (!m_q.exec())
            return dbError(m_q, tr("applying the assignment rule"));
        if (auto w = interaction(leadId, InteractionKind::Assignment, {},
                                 {{QStringLiteral("from"), QString()},
                                  {QStringLiteral("to"), pick.assigneeId},
                                  {QStringLiteral("toName"), names.value(pick.assigneeId)},
                                  {QStringLiteral("rule"), AssignmentRule::modeId(rule.mode)}},
                                 m_now, QString());
            !w)
            return w;
        if (rule.mode == AssignmentRule::Mode::RoundRobin)
            return m_settings.set(QStringLiteral("assignment_cursor"), QString::number(pick.nextCursor), m_seq);
        return {};
    }

    Outcome touchLead(const QString &leadId)
    {
        m_q.prepare(QStringLiteral("UPDATE leads SET version = version + 1, updated_at = ?, last_activity_at = ?, "
                                   "change_seq = ? WHERE id = ?"));
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_now);
        m_q.addBindValue(m_seq);
        m_q.addBindValue(leadId);
        if (!m_q.exec())
            return dbError(m_q, tr("updating the lead"));
        return {};
    }

    Outcome interaction(const QString &leadId, InteractionKind kind, const QString &body, const QJsonObject &data,
                        qint64 atMs, const QString &author, const QString &id = {})
    {
        m_q.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, "
                                   "author_name, body, data, change_seq) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)"));
        m_q.addBindValue(id.isEmpty() ? newId() : id);
        m_q.addBindValue(leadId);
        m_q.addBindValue(interactionKindId(kind));
        m_q.addBindValue(atMs);
        m_q.addBindValue(text(author));
        m_q.addBindValue(text(body));
        m_q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
        m_q.addBindValue(m_seq);
        if (!m_q.exec())
            return dbError(m_q, tr("recording the timeline"));
        return {};
    }

    Outcome chatMessage(const QString &contactId, const QString &leadId, const QString &conversation,
                        const QString &direction, const QString &body, qint64 atMs)
    {
        m_q.prepare(QStringLiteral("INSERT INTO chat_messages (id, contact_id, lead_id, conversation_id, direction, "
                                   "body, occurred_at, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        m_q.addBindValue(newId());
        m_q.addBindValue(contactId);
        m_q.addBindValue(textOrNull(leadId));
        m_q.addBindValue(text(conversation));
        m_q.addBindValue(direction);
        m_q.addBindValue(text(body));
        m_q.addBindValue(atMs);
        m_q.addBindValue(m_seq);
        if (!m_q.exec())
            return dbError(m_q, tr("recording the message"));
        return {};
    }

    // The conversation recorded before the contact was a lead joins the new lead's timeline.
    Outcome attachChatHistory(const QString &contactId, const QString &leadId, const QString &author)
    {
        struct Msg {
            QString id, conversation, direction, body;
            qint64 at;
        };
        QList<Msg> pending;
        m_q.prepare(QStringLiteral("SELECT id, conversation_id, direction, body, occurred_at FROM chat_messages "
                                   "WHERE contact_id = ? AND lead_id IS NULL ORDER BY occurred_at, id"));
        m_q.addBindValue(contactId);
        if (!m_q.exec())
            return dbError(m_q, tr("reading the conversation"));
        while (m_q.next())
            pending.append({m_q.value(0).toString(), m_q.value(1).toString(), m_q.value(2).toString(),
                            m_q.value(3).toString(), m_q.value(4).toLongLong()});
        m_q.finish();
        for (const Msg &m : std::as_const(pending)) {
            const auto kind = m.direction == QLatin1String("in") ? InteractionKind::ChatIn : InteractionKind::ChatOut;
            if (auto w = interaction(leadId, kind, m.body, {{QStringLiteral("conversationId"), m.conversation}}, m.at,
                                     author);
                !w)
                return w;
        }
        m_q.prepare(QStringLiteral("UPDATE chat_messages SET lead_id = ?, change_seq = ? "
                                   "WHERE contact_id = ? AND lead_id IS NULL"));
        m_q.addBindValue(leadId);
        m_q.addBindValue(m_seq);
        m_q.addBindValue(contactId);
        if (!m_q.exec())
            return dbError(m_q, tr("attaching the conversation"));
        return {};
    }

    Outcome attributes(const QString &leadId, const QJsonObject &attributes)
    {
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it) {
            m_q.prepare(QStringLiteral("INSERT INTO lead_attributes (lead_id, name, value, change_seq) "
                                       "VALUES (?, ?, ?, ?) ON CONFLICT (lead_id, name) DO UPDATE SET "
                                       "value = excluded.value, change_seq = excluded.change_seq"));
            m_q.addBindValue(leadId);
            m_q.addBindValue(it.key());
            m_q.addBindValue(it.value().isString() ? it.value().toString()
                                                   : QString::fromUtf8(QJsonDocument(QJsonArray {it.value()})
                                                                           .toJson(QJsonDocument::Compact))
                                                         .mid(1)
                                                         .chopped(1));
            m_q.addBindValue(m_seq);
            if (!m_q.exec())
                return dbError(m_q, tr("saving the attributes"));
        }
        return {};
    }

    Outcome record(const QString &source, const QString &eventId, const QString &outcome, const QString &leadId,
                   const QString &contactId)
    {
        m_q.prepare(QStringLiteral("INSERT INTO ingest_events (source, event_id, outcome, lead_id, contact_id, "
                                   "processed_at) VALUES (?, ?, ?, ?, ?, ?)"));
        m_q.addBindValue(source);
        m_q.addBindValue(eventId);
        m_q.addBindValue(outcome);
        m_q.addBindValue(textOrNull(leadId));
        m_q.addBindValue(textOrNull(contactId));
        m_q.addBindValue(m_now);
        if (!m_q.exec())
            return dbError(m_q, tr("recording the event"));
        return {};
    }

private:
    ServerDatabase &m_db;
    SettingsStore &m_settings;
    QSqlQuery m_q;
    qint64 m_seq;
    qint64 m_now;
};

QString eventSource(IngestService::Kind kind, const QString &integration)
{
    switch (kind) {
    case IngestService::Kind::BroadcastReply:
        return integration + QStringLiteral("/broadcast-reply");
    case IngestService::Kind::ChatMessage:
        return integration + QStringLiteral("/chat-message");
    case IngestService::Kind::IntegrationLead:
        break;
    }
    return integration + QStringLiteral("/lead");
}

} // namespace

ApiResponse IngestService::process(const Event &e)
{
    const Settings settings = readSettings();
    const QString source = eventSource(e.kind, e.integration);
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    CaptureWriter w(m_db, m_settings, tx.seq(), m_clock.nowMs());

    // The write lock taken by the transaction serialises deliveries, so this check and the
    // ledger row below cannot interleave with a concurrent copy of the same event.
    {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("SELECT outcome, lead_id, contact_id FROM ingest_events "
                                 "WHERE source = ? AND event_id = ?"));
        q.addBindValue(source);
        q.addBindValue(e.eventId);
        if (!q.exec())
            return ApiResponse::fromError(dbError(q, tr("looking up the event")));
        if (q.next()) {
            QJsonObject out {{QStringLiteral("outcome"), QStringLiteral("duplicate")},
                             {QStringLiteral("firstOutcome"), q.value(0).toString()}};
            if (!q.value(1).isNull())
                out.insert(QStringLiteral("leadId"), q.value(1).toString());
            if (!q.value(2).isNull())
                out.insert(QStringLiteral("contactId"), q.value(2).toString());
            return ApiResponse::ok(out);
        }
    }

    auto contact = w.findContact(e.identity);
    if (!contact)
        return ApiResponse::fromError(contact.error());
    QString contactId = contact.value();
    auto leads = w.leadsOf(contactId, e.identity);
    if (!leads)
        return ApiResponse::fromError(leads.error());
    const ActiveLeadRule::Decision decision = ActiveLeadRule::decide(!contactId.isEmpty(), leads.value());

    const QString author = e.integration;
    InteractionKind kind = InteractionKind::Integration;
    QJsonObject data {{QStringLiteral("integration"), e.integration}, {QStringLiteral("eventId"), e.eventId}};
    bool mayCreate = true;
    switch (e.kind) {
    case Kind::BroadcastReply:
        kind = InteractionKind::BroadcastReply;
        data.insert(QStringLiteral("campaign"), e.campaign);
        mayCreate = settings.broadcastCreatesLead
            && (settings.broadcastKeyword.isEmpty() || e.text.contains(settings.broadcastKeyword, Qt::CaseInsensitive));
        break;
    case Kind::ChatMessage:
        kind = e.direction == QLatin1String("in") ? InteractionKind::ChatIn : InteractionKind::ChatOut;
        data.insert(QStringLiteral("conversationId"), e.conversationId);
        mayCreate = e.flagAsLead
            || (e.direction == QLatin1String("in") && settings.chatFirstInboundCreatesLead
                && decision.action == ActiveLeadRule::Action::NewLeadNewContact);
        break;
    case Kind::IntegrationLead:
        if (!e.sourceDetail.isEmpty())
            data.insert(QStringLiteral("sourceDetail"), e.sourceDetail);
        if (!e.attributes.isEmpty())
            data.insert(QStringLiteral("attributes"), e.attributes);
        break;
    }

    QString outcome;
    QString leadId;
    if (decision.action == ActiveLeadRule::Action::AppendToActive) {
        leadId = decision.leadId;
        outcome = QStringLiteral("appended");
        if (auto t = w.touchLead(leadId); !t)
            return ApiResponse::fromError(t.error());
        if (e.kind == Kind::ChatMessage) {
            if (contactId.isEmpty()) {
                QSqlQuery q(m_db.connection());
                q.prepare(QStringLiteral("SELECT contact_id FROM leads WHERE id = ?"));
                q.addBindValue(leadId);
                if (!q.exec() || !q.next())
                    return ApiResponse::fromError(dbError(q, tr("looking up the contact")));
                contactId = q.value(0).toString();
            }
            if (auto m = w.chatMessage(contactId, leadId, e.conversationId, e.direction, e.text, e.atMs); !m)
                return ApiResponse::fromError(m.error());
        }
        if (e.kind == Kind::IntegrationLead) {
            if (auto a = w.attributes(leadId, e.attributes); !a)
                return ApiResponse::fromError(a.error());
        }
        if (auto i = w.interaction(leadId, kind, e.text, data, e.atMs, author); !i)
            return ApiResponse::fromError(i.error());
    } else if (mayCreate) {
        if (contactId.isEmpty()) {
            auto made = w.insertContact(e.identity, e.name);
            if (!made)
                return ApiResponse::fromError(made.error());
            contactId = made.value();
        }
        const QString detail = e.kind == Kind::IntegrationLead && e.sourceDetail.isEmpty() ? e.integration
                                                                                             : e.sourceDetail;
        auto made = w.insertLead(contactId, e.identity, e.name, e.company, kindSource(e.kind), detail, e.campaign,
                                 author);
        if (!made)
            return ApiResponse::fromError(made.error());
        leadId = made.value();
        outcome = QStringLiteral("created");
        if (e.kind == Kind::ChatMessage) {
            if (auto m = w.chatMessage(contactId, {}, e.conversationId, e.direction, e.text, e.atMs); !m)
                return ApiResponse::fromError(m.error());
            if (auto h = w.attachChatHistory(contactId, leadId, author); !h)
                return ApiResponse::fromError(h.error());
        } else {
            if (auto a = w.attributes(leadId, e.attributes); !a)
                return ApiResponse::fromError(a.error());
            if (auto i = w.interaction(leadId, kind, e.text, data, e.atMs, author); !i)
                return ApiResponse::fromError(i.error());
        }
    } else if (e.kind == Kind::ChatMessage) {
        // Not a lead (yet): the conversation is kept on the contact until someone flags it.
        if (contactId.isEmpty()) {
            auto made = w.insertContact(e.identity, e.name);
            if (!made)
                return ApiResponse::fromError(made.error());
            contactId = made.value();
        }
        if (auto m = w.chatMessage(contactId, {}, e.conversationId, e.direction, e.text, e.atMs); !m)
            return ApiResponse::fromError(m.error());
        outcome = QStringLiteral("recorded");
    } else {
        // A reply the admin's rule does not turn into a lead: remembered only as delivered.
        outcome = QStringLiteral("ignored");
    }
    if (auto r = w.record(source, e.eventId, outcome, leadId, contactId); !r)
        return ApiResponse::fromError(r.error());
    if (auto done = tx.commit(); !done)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(done.error());
    QJsonObject out {{QStringLiteral("outcome"), outcome}, {QStringLiteral("appliedSeq"), tx.seq()}};
    if (!leadId.isEmpty())
        out.insert(QStringLiteral("leadId"), leadId);
    if (!contactId.isEmpty())
        out.insert(QStringLiteral("contactId"), contactId);
    return ApiResponse::ok(out, outcome == QLatin1String("created") ? 201 : 200);
}

ApiResponse IngestService::flagContact(const AuthUser &user, const QString &contactId)
{
    if (auto allowed = m_settings.permissions().require(user.role, Permission::CreateLead); !allowed)
        return ApiResponse::fromError(allowed.error());
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT phone, email, display_name FROM contacts WHERE id = ?"));
    q.addBindValue(contactId);
    if (!q.exec())
        return ApiResponse::fromError(dbError(q, tr("looking up the contact")));
    if (!q.next())
        return ApiResponse::error(404, QStringLiteral("not_found"), tr("There is no such contact."));
    auto identity = ContactIdentity::make(q.value(0).toString(), q.value(1).toString(), m_settings.defaultCountry());
    if (!identity)
        return ApiResponse::fromError(identity.error());
    QString name = q.value(2).toString();
    q.finish();
    CaptureWriter w(m_db, m_settings, tx.seq(), m_clock.nowMs());
    auto leads = w.leadsOf(contactId, identity.value());
    if (!leads)
        return ApiResponse::fromError(leads.error());
    if (auto unique = ActiveLeadRule::checkCreate(leads.value()); !unique)
        return ApiResponse::fromError(unique.error());
    if (name.isEmpty())
        name = identity.value().phone().isEmpty() ? identity.value().email() : identity.value().phone();
    auto made = w.insertLead(contactId, identity.value(), name, {}, Source::Chat, tr("Flagged by %1").arg(user.displayName),
                             {}, user.displayName);
    if (!made)
        return ApiResponse::fromError(made.error());
    if (auto h = w.attachChatHistory(contactId, made.value(), user.displayName); !h)
        return ApiResponse::fromError(h.error());
    if (auto done = tx.commit(); !done)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(done.error());
    return ApiResponse::ok({{QStringLiteral("outcome"), QStringLiteral("created")},
                            {QStringLiteral("leadId"), made.value()},
                            {QStringLiteral("contactId"), contactId},
                            {QStringLiteral("appliedSeq"), tx.seq()}},
                           201);
}

ApiResponse IngestService::listIntegrations()
{
    auto list = m_secrets->list();
    if (!list)
        return ApiResponse::fromError(list.error());
    return ApiResponse::ok({{QStringLiteral("integrations"), list.value()}});
}

ApiResponse IngestService::createIntegration(const AuthUser &user, const QJsonObject &body)
{
    FieldReader in(body, 100);
    const auto name = in.string(QStringLiteral("name"), FieldReader::Need::Required, 64);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    if (!IntegrationSecrets::isValidName(*name))
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput,
                  tr("An integration name is lower-case letters, digits, \"-\" and \"_\" (at most 64)."),
                  QStringLiteral("name")));
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    auto secret = m_secrets->create(*name, user.id);
    if (!secret)
        return ApiResponse::fromError(secret.error());
    if (auto done = tx.commit(); !done)
        return ApiResponse::fromError(done.error());
    qCInfo(lcServerApi).noquote() << "integration" << *name << "created by" << user.username;
    return ApiResponse::ok({{QStringLiteral("name"), *name}, {QStringLiteral("secret"), secret.value()}}, 201);
}

ApiResponse IngestService::rotateIntegration(const QString &name)
{
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    auto secret = m_secrets->rotate(name);
    if (!secret)
        return ApiResponse::fromError(secret.error());
    if (auto done = tx.commit(); !done)
        return ApiResponse::fromError(done.error());
    return ApiResponse::ok({{QStringLiteral("name"), name}, {QStringLiteral("secret"), secret.value()}});
}

ApiResponse IngestService::revokeIntegration(const QString &name)
{
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    if (auto done = m_secrets->revoke(name); !done)
        return ApiResponse::fromError(done.error());
    if (auto done = tx.commit(); !done)
        return ApiResponse::fromError(done.error());
    return ApiResponse::ok({{QStringLiteral("name"), name}, {QStringLiteral("active"), false}});
}

ApiResponse IngestService::captureSettings()
{
    const Settings s = readSettings();
    return ApiResponse::ok({{QStringLiteral("broadcastCreatesLead"), s.broadcastCreatesLead},
                            {QStringLiteral("broadcastKeyword"), s.broadcastKeyword},
                            {QStringLiteral("chatFirstInboundCreatesLead"), s.chatFirstInboundCreatesLead},
                            {QStringLiteral("assignmentRule"), QJsonValue::Null}});
}

ApiResponse IngestService::updateCaptureSettings(const QJsonObject &body)
{
    FieldReader in(body, kMaxField);
    const auto creates = in.boolean(QStringLiteral("broadcastCreatesLead"), FieldReader::Need::Optional);
    const auto keyword = in.string(QStringLiteral("broadcastKeyword"), FieldReader::Need::Optional, 100);
    const auto chat = in.boolean(QStringLiteral("chatFirstInboundCreatesLead"), FieldReader::Need::Optional);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    WriteTransaction tx(m_db);
    if (auto begun = tx.begin(); !begun)
        return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
    const auto flag = [](bool on) { return on ? QStringLiteral("1") : QStringLiteral("0"); };
    if (creates) {
        if (auto saved = m_settings.set(kBroadcastCreates, flag(*creates), tx.seq()); !saved)
            return ApiResponse::fromError(saved.error());
    }
    if (keyword) {
        if (auto saved = m_settings.set(kBroadcastKeyword, text(keyword->trimmed()), tx.seq()); !saved)
            return ApiResponse::fromError(saved.error());
    }
    if (chat) {
        if (auto saved = m_settings.set(kChatFirstInbound, flag(*chat), tx.seq()); !saved)
            return ApiResponse::fromError(saved.error());
    }
    if (auto done = tx.commit(); !done)
        return ApiResponse::fromError(done.error());
    return captureSettings();
}

void ApiServer::registerIngestRoutes()
{
    auto ingest = std::make_shared<IngestService>(m_db, *m_settings, m_clock);
    const struct {
        const char *suffix;
        IngestService::Kind kind;
    } deliveries[] = {{"", IngestService::Kind::IntegrationLead},
                      {"/broadcast-reply", IngestService::Kind::BroadcastReply},
                      {"/chat-message", IngestService::Kind::ChatMessage}};
    for (const auto &d : deliveries) {
        const IngestService::Kind kind = d.kind;
        // Signed by the integration instead of a user's token: authenticated = false here.
        addRoute("POST", QStringLiteral("/v1/ingest/{id}") + QLatin1String(d.suffix), Body::Json, false,
                 [ingest, kind](Request &r) {
                     return ingest->ingest(kind, r.params.value(0), header(*r.http, "x-leads-timestamp"),
                                           header(*r.http, "x-leads-signature"), r.http->body(), r.body);
                 });
    }
    addRoute("POST", QStringLiteral("/v1/contacts/{id}/flag-as-lead"), Body::OptionalJson, true,
             [ingest](Request &r) { return ingest->flagContact(*r.user, r.params.value(0)); });

    const auto admin = [this](Request &r, const std::function<ApiResponse()> &then) {
        if (auto denied = requirePermission(*r.user, Permission::ManageSettings); denied.status != 200)
            return denied;
        return then();
    };
    addRoute("GET", QStringLiteral("/v1/integrations"), Body::None, true,
             [ingest, admin](Request &r) { return admin(r, [&] { return ingest->listIntegrations(); }); });
    addRoute("POST", QStringLiteral("/v1/integrations"), Body::Json, true, [ingest, admin](Request &r) {
        return admin(r, [&] { return ingest->createIntegration(*r.user, r.body); });
    });
    addRoute("POST", QStringLiteral("/v1/integrations/{id}/rotate"), Body::OptionalJson, true,
             [ingest, admin](Request &r) {
                 return admin(r, [&] { return ingest->rotateIntegration(r.params.value(0)); });
             });
    addRoute("DELETE", QStringLiteral("/v1/integrations/{id}"), Body::None, true, [ingest, admin](Request &r) {
        return admin(r, [&] { return ingest->revokeIntegration(r.params.value(0)); });
    });
    addRoute("GET", QStringLiteral("/v1/capture-settings"), Body::None, true,
             [ingest](Request &) { return ingest->captureSettings(); });
    addRoute("PATCH", QStringLiteral("/v1/capture-settings"), Body::Json, true, [ingest, admin](Request &r) {
        return admin(r, [&] { return ingest->updateCaptureSettings(r.body); });
    });
}

} // namespace Leads::Server
