// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadservice.h"

#include "database.h"
#include "domain/aiqualification.h"
#include "domain/clock.h"
#include "domain/pipeline.h"
#include "ids.h"
#include "leadrow.h"
#include "leadscore.h"
#include "mergeservice.h"
#include "searchindex.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::LeadService), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::LeadService", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

QVariant msOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant intOrNull(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

Error notFound(const QString &leadId)
{
    return Error(ErrorCode::NotFound, tr("No lead with id %1 exists (it may have been deleted).").arg(leadId));
}

constexpr int kMaxNameLength = 200;
constexpr int kMaxNoteLength = 10000;

const char kLeadColumns[] =
    "l.id, l.contact_id, l.name, l.company, l.phone, l.email, l.source, l.source_detail, "
    "l.campaign, l.status, l.status_version, l.lost_reason, l.assignee_id, u.display_name, "
    "l.ai_score, l.manual_score, l.qualification_method, l.qualified_by, l.qualified_at, "
    "l.follow_up_at, l.created_at, l.updated_at, l.last_activity_at, l.version";

} // namespace

LeadService::LeadService(Database &db, Actor actor, const Clock &clock, QObject *parent)
    : QObject(parent), m_db(db), m_actor(std::move(actor)), m_clock(clock)
{
}

LeadService::~LeadService() = default;

QString LeadService::setting(const QString &key, const QString &fallback) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return fallback;
}

Outcome LeadService::setSetting(const QString &key, const QString &value)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return storageError(q, tr("saving a setting"));
    return {};
}

Outcome LeadService::setPermissions(const PermissionMatrix &matrix)
{
    if (auto allowed = permissions().require(m_actor.role, Permission::ManagePermissions); !allowed)
        return allowed;
    // The domain rule keeps admins able to manage permissions; round-trip through it.
    auto checked = PermissionMatrix::fromJson(matrix.toJson());
    if (!checked)
        return checked.error();
    return setSetting(QStringLiteral("permissions"),
                      QString::fromUtf8(QJsonDocument(checked.value().toJson()).toJson(QJsonDocument::Compact)));
}

Outcome LeadService::setLostReasons(const QStringList &labels)
{
    if (auto allowed = permissions().require(m_actor.role, Permission::ManageSettings); !allowed)
        return allowed;
    QStringList clean;
    for (const QString &label : labels) {
        const QString t = label.trimmed();
        if (t.isEmpty() || t.size() > 100)
            return Error(ErrorCode::InvalidInput, tr("Lost reasons are non-empty texts of at most 100 characters."));
        if (clean.contains(t, Qt::CaseInsensitive))
            return Error(ErrorCode::InvalidInput, tr("\"%1\" is listed twice.").arg(t));
        clean.append(t);
    }
    if (clean.isEmpty() || clean.size() > 50)
        return Error(ErrorCode::InvalidInput, tr("Keep between 1 and 50 lost reasons."));
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    // The reason merges close leads with keeps its identity through renames and removals.
    if (auto followed = MergeService::followLostReasons(*this, lostReasons(), clean); !followed)
        return followed;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("UPDATE lost_reasons SET retired = 1")))
        return storageError(q, tr("saving the lost reasons"));
    q.prepare(QStringLiteral("INSERT INTO lost_reasons (label, retired, position) VALUES (?, 0, ?) "
                             "ON CONFLICT (label) DO UPDATE SET retired = 0, position = excluded.position"));
    for (int i = 0; i < clean.size(); ++i) {
        q.addBindValue(clean.at(i));
        q.addBindValue(i + 1);
        if (!q.exec())
            return storageError(q, tr("saving the lost reasons"));
    }
    return tx.commit();
}

QString LeadService::defaultCountry() const
{
    return setting(QStringLiteral("default_country"), QStringLiteral("US"));
}

PermissionMatrix LeadService::permissions() const
{
    const QString json = setting(QStringLiteral("permissions"));
    if (json.isEmpty())
        return PermissionMatrix::defaults();
    auto parsed = PermissionMatrix::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    if (!parsed) {
        qCWarning(lcStorage) << "stored permissions are invalid, using defaults:" << parsed.error().message();
        return PermissionMatrix::defaults();
    }
    return parsed.value();
}

QStringList LeadService::lostReasons() const
{
    QStringList reasons;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT label FROM lost_reasons WHERE retired = 0 ORDER BY position, label"))) {
        while (q.next())
            reasons.append(q.value(0).toString());
    }
    return reasons;
}

QList<UserInfo> LeadService::users() const
{
    QList<UserInfo> list;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT id, username, display_name, role, active FROM users "
                              "ORDER BY display_name COLLATE NOCASE"))) {
        while (q.next()) {
            list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                         roleFromId(q.value(3).toString()).value_or(Role::Agent), q.value(4).toBool()});
        }
    }
    return list;
}

int LeadService::pendingMutations() const
{
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Result<Lead> LeadService::lead(const QString &leadId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM leads l LEFT JOIN users u ON u.id = l.assignee_id "
                             "WHERE l.id = ?")
                  .arg(QLatin1String(kLeadColumns)));
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("reading a lead"));
    if (!q.next())
        return notFound(leadId);
    return leadFromRow(q);
}

Result<QList<Interaction>> LeadService::timeline(const QString &leadId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id, kind, occurred_at, author_id, author_name, body, data "
                             "FROM interactions WHERE lead_id = ? "
                             "ORDER BY occurred_at DESC, interaction_no DESC"));
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("reading the timeline"));
    QList<Interaction> list;
    while (q.next()) {
        Interaction i;
        i.id = q.value(0).toString();
        i.leadId = leadId;
        i.kind = interactionKindFromId(q.value(1).toString()).value_or(InteractionKind::Note);
        i.occurredAt = dateTimeFromMs(q.value(2));
        i.authorId = q.value(3).toString();
        i.authorName = q.value(4).toString();
        i.body = q.value(5).toString();
        i.data = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
        list.append(i);
    }
    return list;
}

Result<Lead> LeadService::loadForChange(const QString &leadId, Permission permission) const
{
    auto current = lead(leadId);
    if (!current)
        return current;
    if (auto access = checkLeadAccess(permissions(), m_actor, current.value().assigneeId, permission);
        !access)
        return access.error();
    return current;
}

Outcome LeadService::writeInteraction(const QString &leadId, InteractionKind kind,
                                      const QString &body, const QJsonObject &data,
                                      const QDateTime &at)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, "
                             "author_name, body, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(newId());
    q.addBindValue(leadId);
    q.addBindValue(interactionKindId(kind));
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(textOrNull(m_actor.userId));
    q.addBindValue(sqlText(m_actor.displayName));
    q.addBindValue(sqlText(body));
    q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return storageError(q, tr("recording the timeline"));
    return {};
}

Outcome LeadService::enqueue(const QString &type, const QString &leadId, const QJsonObject &payload)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO outbox (mutation_id, type, lead_id, payload, created_at) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(newId());
    q.addBindValue(type);
    q.addBindValue(leadId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(m_clock.now().toMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("queueing the change for sync"));
    return {};
}

Outcome LeadService::stage(const QString &leadId, InteractionKind kind, const QString &body,
                           const QJsonObject &data, const QDateTime &at, const QString &mutation,
                           const QJsonObject &payload)
{
    if (auto w = writeInteraction(leadId, kind, body, data, at); !w)
        return w;
    return enqueue(mutation, leadId, payload);
}

Outcome LeadService::commitChange(Transaction &tx, const QString &leadId)
{
    if (auto done = tx.commit(); !done)
        return done;
    Q_EMIT leadChanged(leadId);
    return {};
}

void LeadService::announce(const QStringList &leadIds)
{
    if (leadIds.size() == 1)
        Q_EMIT leadChanged(leadIds.constFirst());
    else if (!leadIds.isEmpty())
        Q_EMIT leadsChanged(leadIds);
}

Outcome LeadService::touch(const QString &leadId, const QDateTime &at)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leads SET last_activity_at = MAX(last_activity_at, ?), "
                             "updated_at = ?, version = version + 1 WHERE id = ?"));
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(m_clock.now().toMSecsSinceEpoch());
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("updating the lead"));
    return {};
}

Result<QString> LeadService::findOrCreateContact(const QString &phone, const QString &email,
                                                 const QString &name,
                                                 QList<ActiveLeadRule::KnownLead> *leads, bool *known)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT id FROM contacts WHERE (phone = ? AND phone IS NOT NULL) "
                             "OR (email = ? AND email IS NOT NULL) ORDER BY created_at LIMIT 1"));
    q.addBindValue(textOrNull(phone));
    q.addBindValue(textOrNull(email));
    if (!q.exec())
        return storageError(q, tr("looking up the contact"));
    QString contactId;
    if (q.next())
        contactId = q.value(0).toString();
    q.finish();
    *known = !contactId.isEmpty();

    // The leads of this contact, by contact link or by a matching phone/e-mail on the lead.
    q.prepare(QStringLiteral("SELECT id, status FROM leads WHERE contact_id = ? "
                             "OR (phone = ? AND phone <> '') OR (email = ? AND email <> '') "
                             "ORDER BY is_final, created_at DESC"));
    q.addBindValue(contactId);
    q.addBindValue(phone);
    q.addBindValue(email);
    if (!q.exec())
        return storageError(q, tr("looking up the contact's leads"));
    while (q.next())
        leads->append({q.value(0).toString(), Status::fromId(q.value(1).toString()).value_or(LeadStatus::New)});
    q.finish();

    if (contactId.isEmpty()) {
        contactId = newId();
        q.prepare(QStringLiteral("INSERT INTO contacts (id, phone, email, display_name, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(contactId);
        q.addBindValue(textOrNull(phone));
        q.addBindValue(textOrNull(email));
        q.addBindValue(sqlText(name));
        q.addBindValue(m_clock.now().toMSecsSinceEpoch());
        if (!q.exec())
            return storageError(q, tr("saving the contact"));
    }
    return contactId;
}

Result<QString> LeadService::insertLead(const NewLead &lead, const QString &contactId,
                                        const QString &phone, const QString &email,
                                        const QDateTime &at)
{
    const QString id = newId();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, "
        "source_detail, campaign, status, status_rank, assignee_id, notes, created_at, updated_at, "
        "last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', 0, ?, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(contactId);
    q.addBindValue(lead.name.trimmed());
    q.addBindValue(sqlText(lead.company.trimmed()));
    q.addBindValue(sqlText(phone));
    q.addBindValue(sqlText(email));
    q.addBindValue(sqlText(SearchIndex::phoneTokens(phone)));
    q.addBindValue(lead.source.isEmpty() ? Source::Manual : lead.source);
    q.addBindValue(sqlText(lead.sourceDetail));
    q.addBindValue(sqlText(lead.campaign));
    q.addBindValue(textOrNull(lead.assigneeId));
    q.addBindValue(sqlText(lead.note.trimmed()));
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(at.toMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("saving the lead"));
    return id;
}

Result<QString> LeadService::createLead(const NewLead &input)
{
    const PermissionMatrix matrix = permissions();
    if (auto allowed = matrix.require(m_actor.role, Permission::CreateLead); !allowed)
        return allowed.error();
    const QString name = input.name.trimmed();
    if (name.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("A lead needs a name."), QStringLiteral("name"));
    if (name.size() > kMaxNameLength)
        return Error(ErrorCode::InvalidInput,
                     tr("The name is too long (at most %1 characters).").arg(kMaxNameLength),
                     QStringLiteral("name"));
    auto identity = ContactIdentity::make(input.phone, input.email, defaultCountry());
    if (!identity)
        return identity.error();
    if (identity.value().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     tr("A lead needs a phone number or an e-mail address to reach the contact."),
                     QStringLiteral("phone"));
    if (!input.assigneeId.isEmpty() && input.assigneeId != m_actor.userId) {
        if (auto assign = matrix.require(m_actor.role, Permission::Assign); !assign)
            return assign.error();
    }

    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    QList<ActiveLeadRule::KnownLead> existing;
    bool known = false;
    auto contact = findOrCreateContact(identity.value().phone(), identity.value().email(), name,
                                       &existing, &known);
    if (!contact)
        return contact.error();
    if (auto unique = ActiveLeadRule::checkCreate(existing); !unique)
        return unique.error();

    const QDateTime now = m_clock.now();
    NewLead lead = input;
    lead.name = name;
    auto id = insertLead(lead, contact.value(), identity.value().phone(), identity.value().email(), now);
    if (!id)
        return id;
    const QJsonObject data{{QStringLiteral("source"), lead.source}};
    if (auto w = writeInteraction(id.value(), InteractionKind::Created, {}, data, now); !w)
        return w.error();
    if (!lead.note.trimmed().isEmpty()) {
        if (auto w = writeInteraction(id.value(), InteractionKind::Note, lead.note.trimmed(), {}, now); !w)
            return w.error();
    }
    const QJsonObject payload{
        {QStringLiteral("leadId"), id.value()},
        {QStringLiteral("contactId"), contact.value()},
        {QStringLiteral("name"), lead.name},
        {QStringLiteral("company"), lead.company.trimmed()},
        {QStringLiteral("phone"), identity.value().phone()},
        {QStringLiteral("email"), identity.value().email()},
        {QStringLiteral("source"), lead.source},
        {QStringLiteral("sourceDetail"), lead.sourceDetail},
        {QStringLiteral("campaign"), lead.campaign},
        {QStringLiteral("assigneeId"), lead.assigneeId},
        {QStringLiteral("note"), lead.note.trimmed()},
    };
    if (auto q = enqueue(QStringLiteral("lead.create"), id.value(), payload); !q)
        return q.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    Q_EMIT leadCreated(id.value());
    return id;
}

Result<InteractionOutcome> LeadService::recordInteraction(const IncomingInteraction &event)
{
    auto identity = ContactIdentity::make(event.phone, event.email, defaultCountry());
    if (!identity)
        return identity.error();
    if (identity.value().isEmpty())
        return Error(ErrorCode::InvalidInput,
                     tr("An interaction needs the contact's phone number or e-mail address."));
    const QDateTime at = event.occurredAt.isValid() ? event.occurredAt : m_clock.now();

    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    QList<ActiveLeadRule::KnownLead> existing;
    bool known = false;
    auto contact = findOrCreateContact(identity.value().phone(), identity.value().email(),
                                       event.name, &existing, &known);
    if (!contact)
        return contact.error();
    const auto decision = ActiveLeadRule::decide(known, existing);
    InteractionOutcome outcome;
    if (decision.action == ActiveLeadRule::Action::AppendToActive) {
        outcome.leadId = decision.leadId;
    } else {
        NewLead lead;
        lead.name = event.name.trimmed().isEmpty()
                        ? (identity.value().phone().isEmpty() ? identity.value().email()
                                                              : identity.value().phone())
                        : event.name.trimmed();
        lead.company = event.company;
        lead.source = event.source.isEmpty() ? Source::Chat : event.source;
        lead.campaign = event.campaign;
        auto id = insertLead(lead, contact.value(), identity.value().phone(), identity.value().email(), at);
        if (!id)
            return id.error();
        if (auto w = writeInteraction(id.value(), InteractionKind::Created, {},
                                      {{QStringLiteral("source"), lead.source}}, at);
            !w)
            return w.error();
        outcome.leadId = id.value();
        outcome.createdLead = true;
    }
    if (auto w = writeInteraction(outcome.leadId, event.kind, event.body,
                                  {{QStringLiteral("campaign"), event.campaign}}, at);
        !w)
        return w.error();
    if (auto t = touch(outcome.leadId, at); !t)
        return t.error();
    if (auto done = tx.commit(); !done)
        return done.error();
    if (outcome.createdLead)
        Q_EMIT leadCreated(outcome.leadId);
    else
        Q_EMIT leadChanged(outcome.leadId);
    return outcome;
}

Outcome LeadService::setStatus(const QString &leadId, LeadStatus to, const QString &lostReason)
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    if (auto staged = stageStatus(leadId, to, lostReason); !staged)
        return staged;
    return commitChange(tx, leadId);
}

Outcome LeadService::stageStatus(const QString &leadId, LeadStatus to, const QString &lostReason)
{
    auto current = loadForChange(leadId, Permission::ChangeStatus);
    if (!current)
        return current.error();
    const Lead &l = current.value();
    if (auto move = Pipeline::checkMove(l.status, to, lostReason, lostReasons()); !move)
        return move;
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "UPDATE leads SET status = ?, status_rank = ?, is_final = ?, lost_reason = ?, "
        "status_version = status_version + 1, version = version + 1, updated_at = ?, "
        "last_activity_at = ? WHERE id = ? AND status_version = ?"));
    q.addBindValue(Status::id(to));
    q.addBindValue(Status::index(to));
    q.addBindValue(Status::isFinal(to) ? 1 : 0);
    q.addBindValue(to == LeadStatus::Lost ? QVariant(lostReason.trimmed()) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(leadId);
    q.addBindValue(l.statusVersion);
    if (!q.exec())
        return storageError(q, tr("changing the status"));
    if (q.numRowsAffected() != 1)
        return Error(ErrorCode::Conflict, tr("The lead changed while you were editing it; try again."));
    QJsonObject data{{QStringLiteral("from"), Status::id(l.status)}, {QStringLiteral("to"), Status::id(to)}};
    if (to == LeadStatus::Lost)
        data.insert(QStringLiteral("reason"), lostReason.trimmed());
    QJsonObject payload = data;
    payload.insert(QStringLiteral("leadId"), leadId);
    payload.insert(QStringLiteral("baseVersion"), l.statusVersion);
    return stage(leadId, InteractionKind::StatusChange, {}, data, now, QStringLiteral("lead.setStatus"), payload);
}

Outcome LeadService::assign(const QString &leadId, const QString &assigneeId)
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    if (auto staged = stageAssign(leadId, assigneeId); !staged)
        return staged;
    return commitChange(tx, leadId);
}

Outcome LeadService::stageAssign(const QString &leadId, const QString &assigneeId)
{
    auto current = lead(leadId);
    if (!current)
        return current.error();
    const Lead &l = current.value();
    if (auto allowed = permissions().require(m_actor.role, Permission::Assign); !allowed)
        return allowed;
    if (auto rule = Pipeline::checkAssign(l.status); !rule)
        return rule;
    if (l.assigneeId == assigneeId)
        return Error(ErrorCode::SameStatus, assigneeId.isEmpty()
                                                ? tr("This lead is already unassigned.")
                                                : tr("This lead is already assigned to %1.").arg(l.assigneeName));
    auto name = assigneeName(assigneeId);
    if (!name)
        return name.error();
    const QDateTime now = m_clock.now();
    return writeAssignment(l, assigneeId, name.value(), now);
}

Result<QString> LeadService::assigneeName(const QString &assigneeId) const
{
    if (assigneeId.isEmpty())
        return QString();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT display_name, active FROM users WHERE id = ?"));
    q.addBindValue(assigneeId);
    if (!q.exec())
        return storageError(q, tr("looking up the agent"));
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("That agent does not exist."));
    if (!q.value(1).toBool())
        return Error(ErrorCode::InvalidInput, tr("%1 is deactivated and cannot take leads.").arg(q.value(0).toString()));
    return q.value(0).toString();
}

Outcome LeadService::writeAssignment(const Lead &l, const QString &assigneeId, const QString &assigneeName,
                                     const QDateTime &now)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leads SET assignee_id = ?, version = version + 1, updated_at = ?, "
                             "last_activity_at = ? WHERE id = ? AND version = ?"));
    q.addBindValue(textOrNull(assigneeId));
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(l.id);
    q.addBindValue(l.version);
    if (!q.exec())
        return storageError(q, tr("assigning the lead"));
    if (q.numRowsAffected() != 1)
        return Error(ErrorCode::Conflict, tr("The lead changed while you were editing it; try again."));
    const QJsonObject data{{QStringLiteral("from"), l.assigneeId},
                           {QStringLiteral("fromName"), l.assigneeName},
                           {QStringLiteral("to"), assigneeId},
                           {QStringLiteral("toName"), assigneeName}};
    if (auto w = writeInteraction(l.id, InteractionKind::Assignment, {}, data, now); !w)
        return w;
    return enqueue(QStringLiteral("lead.assign"), l.id,
                   {{QStringLiteral("leadId"), l.id},
                    {QStringLiteral("assigneeId"), assigneeId},
                    {QStringLiteral("baseAssigneeId"), l.assigneeId}});
}

Result<BulkAssignment> LeadService::assignMany(const QStringList &leadIds, const QString &assigneeId)
{
    if (auto allowed = permissions().require(m_actor.role, Permission::Assign); !allowed)
        return allowed.error();
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    auto name = assigneeName(assigneeId);
    if (!name)
        return name.error();
    const QDateTime now = m_clock.now();
    BulkAssignment result;
    for (const QString &id : leadIds) {
        auto current = lead(id);
        if (!current)
            return current.error();
        const Lead &l = current.value();
        if (!Pipeline::checkAssign(l.status)) {
            result.skippedFinal.append(id);
            continue;
        }
        if (l.assigneeId == assigneeId) {
            result.skippedAlready.append(id);
            continue;
        }
        if (auto written = writeAssignment(l, assigneeId, name.value(), now); !written)
            return written.error();
        result.assigned.append(id);
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    if (!result.assigned.isEmpty())
        Q_EMIT leadsChanged(result.assigned);
    return result;
}

QHash<QString, int> LeadService::activeLoads() const
{
    QHash<QString, int> loads;
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT assignee_id, COUNT(*) FROM leads WHERE is_final = 0 AND assignee_id IS NOT NULL "
                              "GROUP BY assignee_id"))) {
        while (q.next())
            loads.insert(q.value(0).toString(), q.value(1).toInt());
    }
    return loads;
}

Outcome LeadService::qualifyManually(const QString &leadId, int score)
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    if (auto staged = stageManualScore(leadId, score); !staged)
        return staged;
    return commitChange(tx, leadId);
}

Outcome LeadService::stageManualScore(const QString &leadId, int score)
{
    auto current = loadForChange(leadId, Permission::Qualify);
    if (!current)
        return current.error();
    const Lead &l = current.value();
    const QDateTime now = m_clock.now();
    auto next = Qualification::applyManual(l.qualification, l.status, score, m_actor.userId, now);
    if (!next)
        return next.error();
    const Qualification &qn = next.value();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leads SET manual_score = ?, score = ?, qualification_method = ?, "
                             "qualified_by = ?, qualified_at = ?, version = version + 1, "
                             "updated_at = ?, last_activity_at = ? WHERE id = ?"));
    q.addBindValue(intOrNull(qn.manualScore));
    q.addBindValue(intOrNull(qn.effectiveScore()));
    q.addBindValue(qualificationMethodId(qn.method));
    q.addBindValue(textOrNull(qn.author));
    q.addBindValue(msOrNull(qn.at));
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("saving the score"));
    const QJsonObject data{{QStringLiteral("score"), score},
                           {QStringLiteral("method"), QStringLiteral("manual")},
                           {QStringLiteral("previous"), l.qualification.manualScore ? *l.qualification.manualScore : -1}};
    return stage(leadId, InteractionKind::Qualification, {}, data, now, QStringLiteral("lead.qualify"),
                  {{QStringLiteral("leadId"), leadId}, {QStringLiteral("score"), score}});
}

Outcome LeadService::addNote(const QString &leadId, const QString &text)
{
    const QString note = text.trimmed();
    if (note.isEmpty())
        return Error(ErrorCode::InvalidInput, tr("A note cannot be empty."));
    if (note.size() > kMaxNoteLength)
        return Error(ErrorCode::InvalidInput,
                     tr("The note is too long (at most %1 characters).").arg(kMaxNoteLength));
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    if (auto staged = stageNote(leadId, note); !staged)
        return staged;
    return commitChange(tx, leadId);
}

Outcome LeadService::stageNote(const QString &leadId, const QString &text)
{
    const QString note = text.trimmed();
    if (note.isEmpty() || note.size() > kMaxNoteLength)
        return Error(ErrorCode::InvalidInput, tr("A note needs between 1 and %1 characters.").arg(kMaxNoteLength));
    auto current = loadForChange(leadId, Permission::AddNote);
    if (!current)
        return current.error();
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db.connection());
    // The notes column feeds the search index; the timeline keeps each note separately.
    q.prepare(QStringLiteral("UPDATE leads SET notes = CASE WHEN notes = '' THEN ? ELSE notes || char(10) || ? END, "
                             "version = version + 1, updated_at = ?, last_activity_at = ? WHERE id = ?"));
    q.addBindValue(note);
    q.addBindValue(note);
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("saving the note"));
    return stage(leadId, InteractionKind::Note, note, {}, now, QStringLiteral("lead.addNote"),
                  {{QStringLiteral("leadId"), leadId}, {QStringLiteral("text"), note}});
}

Outcome LeadService::setFollowUp(const QString &leadId, const QDateTime &at)
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    if (auto staged = stageFollowUp(leadId, at); !staged)
        return staged;
    return commitChange(tx, leadId);
}

Outcome LeadService::stageFollowUp(const QString &leadId, const QDateTime &at)
{
    auto current = loadForChange(leadId, Permission::SetFollowUp);
    if (!current)
        return current.error();
    if (at.isValid()) {
        if (auto rule = Pipeline::checkFollowUp(current.value().status); !rule)
            return rule;
    }
    const QDateTime now = m_clock.now();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE leads SET follow_up_at = ?, version = version + 1, updated_at = ? "
                             "WHERE id = ?"));
    q.addBindValue(msOrNull(at));
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(leadId);
    if (!q.exec())
        return storageError(q, tr("saving the follow-up"));
    const QString when = at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
    return stage(leadId, InteractionKind::FollowUp, {}, {{QStringLiteral("at"), when}}, now,
                  QStringLiteral("lead.setFollowUp"), {{QStringLiteral("leadId"), leadId}, {QStringLiteral("at"), when}});
}

Outcome LeadService::applyAiScore(const QString &leadId, int score, const QStringList &reasons)
{
    auto current = lead(leadId);
    if (!current)
        return current.error();
    if (auto next = Qualification::applyAi(current.value().qualification, current.value().status, score,
                                           m_clock.now());
        !next)
        return next.error();
    auto batch = applyAiScores({{leadId, score, reasons}});
    if (!batch)
        return batch.error();
    if (batch.value().missing)
        return notFound(leadId);
    if (batch.value().skippedFinal)
        return Error(ErrorCode::FinalState, tr("The lead was closed meanwhile; its score is frozen."));
    return {};
}

Result<AiScoreBatch> LeadService::applyAiScores(const QList<AiScoreUpdate> &updates)
{
    AiScoreBatch result;
    if (updates.isEmpty())
        return result;
    const bool enabled = AiQualification::enabledFromSetting(setting(AiQualification::enabledKey()));
    const int threshold = AiQualification::thresholdFromSetting(setting(AiQualification::thresholdKey()));
    const QDateTime now = m_clock.now();
    const qint64 nowMs = now.toMSecsSinceEpoch();

    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    // The current state of every lead of the batch in one query (ids bound as one JSON
    // array), read inside the write transaction.
    struct Current
    {
        LeadStatus status = LeadStatus::New;
        int statusVersion = 0;
        Qualification qualification;
        bool alreadyMoved = false;
    };
    QHash<QString, Current> currents;
    {
        QJsonArray ids;
        for (const AiScoreUpdate &u : updates)
            ids.append(u.leadId);
        QSqlQuery read(m_db.connection());
        read.setForwardOnly(true);
        read.prepare(QStringLiteral("SELECT id, status, status_version, ai_score, manual_score, qualification_method, "
                                    "qualified_by, qualified_at, ai_qualified_at FROM leads "
                                    "WHERE id IN (SELECT value FROM json_each(?))"));
        read.addBindValue(QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)));
        if (!read.exec())
            return storageError(read, tr("reading leads to score"));
        while (read.next()) {
            Current c;
            c.status = Status::fromId(read.value(1).toString()).value_or(LeadStatus::New);
            c.statusVersion = read.value(2).toInt();
            if (!read.value(3).isNull())
                c.qualification.aiScore = read.value(3).toInt();
            if (!read.value(4).isNull())
                c.qualification.manualScore = read.value(4).toInt();
            c.qualification.method = qualificationMethodFromId(read.value(5).toString());
            c.qualification.author = read.value(6).toString();
            c.qualification.at = dateTimeFromMs(read.value(7));
            c.alreadyMoved = !read.value(8).isNull();
            currents.insert(read.value(0).toString(), c);
        }
    }
    QSqlQuery write(m_db.connection());
    write.prepare(QStringLiteral("UPDATE leads SET ai_score = ?, score = ?, qualification_method = ?, "
                                 "qualified_by = ?, qualified_at = ?, ai_reasons = ?, ai_scored_at = ? "
                                 "WHERE id = ? AND is_final = 0"));
    QSqlQuery move(m_db.connection());
    move.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, status_version = status_version + 1, "
                               "version = version + 1, updated_at = ?, last_activity_at = ?, ai_qualified_at = ? "
                               "WHERE id = ? AND status_version = ? AND ai_qualified_at IS NULL"));
    QSqlQuery entry(m_db.connection());
    entry.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, "
                                 "author_name, body, data) VALUES (?, ?, ?, ?, NULL, ?, '', ?)"));
    const QString aiName = tr("AI qualification");
    QStringList scored;
    QStringList moved;
    for (const AiScoreUpdate &u : updates) {
        const auto found = currents.constFind(u.leadId);
        if (found == currents.cend()) {
            ++result.missing;
            continue;
        }
        const LeadStatus status = found->status;
        const int statusVersion = found->statusVersion;
        const Qualification &current = found->qualification;
        const bool alreadyMoved = found->alreadyMoved;
        if (Status::isFinal(status)) {
            ++result.skippedFinal;
            continue;
        }
        auto next = Qualification::applyAi(current, status, u.score, now);
        if (!next)
            return next.error();
        const Qualification &qn = next.value();
        write.addBindValue(intOrNull(qn.aiScore));
        write.addBindValue(intOrNull(qn.effectiveScore()));
        write.addBindValue(qualificationMethodId(qn.method));
        write.addBindValue(textOrNull(qn.author));
        write.addBindValue(msOrNull(qn.at));
        write.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(u.reasons)).toJson(QJsonDocument::Compact)));
        write.addBindValue(nowMs);
        write.addBindValue(u.leadId);
        if (!write.exec())
            return storageError(write, tr("saving the AI score"));
        ++result.applied;
        scored.append(u.leadId);

        if (!enabled || !AiQualification::shouldAutoQualify(status, u.score, threshold, alreadyMoved))
            continue;
        if (!Pipeline::checkMove(status, LeadStatus::Qualified).ok())
            continue;
        move.addBindValue(Status::id(LeadStatus::Qualified));
        move.addBindValue(Status::index(LeadStatus::Qualified));
        move.addBindValue(nowMs);
        move.addBindValue(nowMs);
        move.addBindValue(nowMs);
        move.addBindValue(u.leadId);
        move.addBindValue(statusVersion);
        if (!move.exec())
            return storageError(move, tr("qualifying the lead"));
        if (move.numRowsAffected() != 1)
            continue;
        const QJsonObject data{{QStringLiteral("from"), Status::id(status)},
                               {QStringLiteral("to"), Status::id(LeadStatus::Qualified)},
                               {QStringLiteral("by"), QStringLiteral("ai")},
                               {QStringLiteral("score"), u.score},
                               {QStringLiteral("threshold"), threshold}};
        entry.addBindValue(newId());
        entry.addBindValue(u.leadId);
        entry.addBindValue(interactionKindId(InteractionKind::StatusChange));
        entry.addBindValue(nowMs);
        entry.addBindValue(aiName);
        entry.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
        if (!entry.exec())
            return storageError(entry, tr("recording the timeline"));
        ++result.autoQualified;
        moved.append(u.leadId);
    }
    if (auto done = tx.commit(); !done)
        return done.error();
    if (!scored.isEmpty())
        Q_EMIT aiScoresChanged(scored);
    for (const QString &id : std::as_const(moved))
        Q_EMIT leadChanged(id);
    return result;
}

QStringList LeadService::aiReasons(const QString &leadId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT ai_reasons FROM leads WHERE id = ?"));
    q.addBindValue(leadId);
    QStringList reasons;
    if (q.exec() && q.next()) {
        const QJsonArray array = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
        for (const QJsonValue &v : array)
            reasons.append(v.toString());
    }
    return reasons;
}

} // namespace Leads
