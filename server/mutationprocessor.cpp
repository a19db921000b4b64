// SPDX-License-Identifier: GPL-3.0-or-later
#include "mutationprocessor.h"

#include "domain/contactidentity.h"
#include "domain/lead.h"
#include "domain/mergeplan.h"
#include "domain/pipeline.h"
#include "domain/qualification.h"
#include "fieldreader.h"
#include "leadrepository.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "writetransaction.h"
#include "settingsstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MutationProcessor", text);
}

constexpr int kMaxText = 10000;
constexpr int kMaxField = 200;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// Qt binds a null QString as SQL NULL; NOT NULL text columns need an empty string instead.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant intOrNull(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Int));
}

Error invalid(const QString &field, const QString &message)
{
    return Error(ErrorCode::InvalidInput, message, field);
}

// A client-made id: a UUID in its canonical lower-case form, or empty for "make one".
Result<QString> uuidArg(const std::optional<QString> &value, const QString &field)
{
    if (!value || value->isEmpty())
        return QString();
    const QUuid id = QUuid::fromString(*value);
    if (id.isNull())
        return invalid(field, tr("\"%1\" must be a UUID.").arg(field));
    return id.toString(QUuid::WithoutBraces);
}

// A user id: UUIDs for accounts made here, short slugs for imported sample teams.
Result<QString> userIdArg(const std::optional<QString> &value, const QString &field)
{
    if (!value || value->isEmpty())
        return QString();
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!pattern.match(*value).hasMatch())
        return invalid(field, tr("\"%1\" must be a user id.").arg(field));
    return *value;
}

const QStringList &knownSources()
{
    static const QStringList list
        = {Source::Broadcast, Source::Chat, Source::Integration, Source::Manual, Source::Import};
    return list;
}

// Every mutation runs its body inside a write transaction and reports transient failures.
template<typename Body>
Result<MutationProcessor::Applied> inTransaction(ServerDatabase &db, bool *transient,
                                                 const MutationProcessor::BeforeCommit &beforeCommit, Body body)
{
    WriteTransaction tx(db);
    if (auto begun = tx.begin(); !begun) {
        if (transient)
            *transient = tx.transientFailure();
        return begun.error();
    }
    auto result = body(tx.seq());
    if (!result)
        return result;
    if (beforeCommit) {
        if (auto hooked = beforeCommit(tx.seq()); !hooked)
            return hooked.error();
    }
    if (auto done = tx.commit(); !done) {
        if (transient)
            *transient = tx.transientFailure();
        return done.error();
    }
    result.value().seq = tx.seq();
    return result;
}
} // namespace

MutationProcessor::MutationProcessor(ServerDatabase &db, SettingsStore &settings, const ServerClock &clock)
    : m_db(db), m_settings(settings), m_clock(clock)
{
}

Result<MutationProcessor::Applied> MutationProcessor::apply(const Actor &actor, const QString &name,
                                                            const QJsonObject &args, bool *transient,
                                                            const BeforeCommit &beforeCommit)
{
    m_beforeCommit = beforeCommit;
    auto result = apply(actor, name, args, transient);
    m_beforeCommit = {};
    return result;
}

bool MutationProcessor::isKnown(const QString &name)
{
    static const QStringList names = {QStringLiteral("lead.create"),  QStringLiteral("lead.setStatus"),
                                      QStringLiteral("lead.assign"),  QStringLiteral("lead.qualify"),
                                      QStringLiteral("lead.addNote"), QStringLiteral("lead.setFollowUp"),
                                      QStringLiteral("lead.merge")};
    return names.contains(name);
}

Result<MutationProcessor::Applied> MutationProcessor::apply(const Actor &actor, const QString &name,
                                                            const QJsonObject &args, bool *transient)
{
    if (transient)
        *transient = false;
    if (name == QLatin1String("lead.create"))
        return create(actor, args, transient);
    if (name == QLatin1String("lead.setStatus"))
        return setStatus(actor, args, transient);
    if (name == QLatin1String("lead.assign"))
        return assign(actor, args, transient);
    if (name == QLatin1String("lead.qualify"))
        return qualify(actor, args, transient);
    if (name == QLatin1String("lead.addNote"))
        return addNote(actor, args, transient);
    if (name == QLatin1String("lead.setFollowUp"))
        return setFollowUp(actor, args, transient);
    if (name == QLatin1String("lead.merge"))
        return merge(actor, args, transient);
    return invalid(QStringLiteral("name"), tr("Unknown mutation \"%1\".").arg(name.left(100)));
}

Outcome MutationProcessor::writeInteraction(const Actor &actor, const QString &leadId, const QString &kind,
                                            const QString &body, const QJsonObject &data, qint64 atMs,
                                            qint64 seq, const QString &id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, "
                       "body, data, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(id.isEmpty() ? newId() : id);
    q.addBindValue(leadId);
    q.addBindValue(kind);
    q.addBindValue(atMs);
    q.addBindValue(textOrNull(actor.userId));
    q.addBindValue(text(actor.displayName));
    q.addBindValue(text(body));
    q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
    q.addBindValue(seq);
    if (!q.exec())
        return dbError(q, tr("recording the timeline"));
    return {};
}

Result<MutationProcessor::Applied> MutationProcessor::create(const Actor &actor, const QJsonObject &args,
                                                             bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadIdArg = in.string(QStringLiteral("leadId"), FieldReader::Need::Optional, 64);
    const auto contactIdArg = in.string(QStringLiteral("contactId"), FieldReader::Need::Optional, 64);
    const auto name = in.string(QStringLiteral("name"), FieldReader::Need::Required, kMaxField);
    const auto company = in.string(QStringLiteral("company"), FieldReader::Need::Optional, kMaxField);
    const auto phone = in.string(QStringLiteral("phone"), FieldReader::Need::Optional, 64);
    const auto email = in.string(QStringLiteral("email"), FieldReader::Need::Optional, 254);
    const auto source = in.string(QStringLiteral("source"), FieldReader::Need::Optional, 32);
    const auto sourceDetail
        = in.string(QStringLiteral("sourceDetail"), FieldReader::Need::Optional, kMaxField);
    const auto campaign = in.string(QStringLiteral("campaign"), FieldReader::Need::Optional, kMaxField);
    const auto assigneeArg = in.string(QStringLiteral("assigneeId"), FieldReader::Need::Optional, 64);
    const auto note = in.string(QStringLiteral("note"), FieldReader::Need::Optional, kMaxText);
    if (auto done = in.finish(); !done)
        return done.error();
    auto leadId = uuidArg(leadIdArg, QStringLiteral("leadId"));
    if (!leadId)
        return leadId.error();
    auto contactIdWanted = uuidArg(contactIdArg, QStringLiteral("contactId"));
    if (!contactIdWanted)
        return contactIdWanted.error();
    auto assigneeId = userIdArg(assigneeArg, QStringLiteral("assigneeId"));
    if (!assigneeId)
        return assigneeId.error();
    const QString leadName = name->trimmed();
    if (leadName.isEmpty())
        return invalid(QStringLiteral("name"), tr("A lead needs a name."));
    const QString leadSource = source && !source->isEmpty() ? *source : Source::Manual;
    if (!knownSources().contains(leadSource))
        return invalid(QStringLiteral("source"),
                       tr("\"source\" is one of: %1.").arg(knownSources().join(QLatin1String(", "))));

    const PermissionMatrix matrix = m_settings.permissions();
    if (auto allowed = matrix.require(actor.role, Permission::CreateLead); !allowed)
        return allowed.error();
    if (!assigneeId.value().isEmpty() && assigneeId.value() != actor.userId) {
        if (auto allowed = matrix.require(actor.role, Permission::Assign); !allowed)
            return allowed.error();
    }
    auto identity = ContactIdentity::make(phone.value_or(QString()), email.value_or(QString()),
                                          m_settings.defaultCountry());
    if (!identity)
        return identity.error();
    if (identity.value().isEmpty())
        return invalid(QStringLiteral("phone"),
                       tr("A lead needs a phone number or an e-mail address to reach the contact."));

    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        QSqlQuery q(m_db.connection());
        const QString id = leadId.value().isEmpty() ? newId() : leadId.value();
        q.prepare(QStringLiteral("SELECT 1 FROM leads WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return dbError(q, tr("creating the lead"));
        if (q.next())
            return Error(ErrorCode::Conflict, tr("A lead with this id already exists."),
                         QStringLiteral("lead_exists"));
        q.finish();
        if (!assigneeId.value().isEmpty()) {
            q.prepare(QStringLiteral("SELECT active FROM users WHERE id = ?"));
            q.addBindValue(assigneeId.value());
            if (!q.exec())
                return dbError(q, tr("looking up the agent"));
            if (!q.next())
                return invalid(QStringLiteral("assigneeId"), tr("That agent does not exist."));
            if (q.value(0).toInt() == 0)
                return invalid(QStringLiteral("assigneeId"),
                               tr("That agent is deactivated and cannot take leads."));
            q.finish();
        }
        const QString ph = identity.value().phone();
        const QString em = identity.value().email();
        q.prepare(QStringLiteral("SELECT id FROM contacts WHERE (phone = ? AND phone IS NOT NULL) "
                                 "OR (email = ? AND email IS NOT NULL) ORDER BY created_at, id LIMIT 1"));
        q.addBindValue(textOrNull(ph));
        q.addBindValue(textOrNull(em));
        if (!q.exec())
            return dbError(q, tr("looking up the contact"));
        QString contactId = q.next() ? q.value(0).toString() : QString();
        q.finish();
        QList<ActiveLeadRule::KnownLead> existing;
        q.prepare(QStringLiteral("SELECT id, status FROM leads WHERE deleted = 0 AND (contact_id = ? "
                                 "OR (phone = ? AND phone <> '') OR (email = ? AND email <> '')) "
                                 "ORDER BY is_final, created_at DESC"));
        q.addBindValue(contactId);
        q.addBindValue(ph);
        q.addBindValue(em);
        if (!q.exec())
            return dbError(q, tr("looking up the contact's leads"));
        while (q.next())
            existing.append(
                {q.value(0).toString(), Status::fromId(q.value(1).toString()).value_or(LeadStatus::New)});
        q.finish();
        if (auto unique = ActiveLeadRule::checkCreate(existing); !unique)
            return unique.error();
        const qint64 now = m_clock.nowMs();
        if (contactId.isEmpty()) {
            contactId = contactIdWanted.value().isEmpty() ? newId() : contactIdWanted.value();
            q.prepare(QStringLiteral(
                "INSERT INTO contacts (id, phone, email, display_name, created_at, change_seq) "
                "VALUES (?, ?, ?, ?, ?, ?)"));
            q.addBindValue(contactId);
            q.addBindValue(textOrNull(ph));
            q.addBindValue(textOrNull(em));
            q.addBindValue(text(leadName));
            q.addBindValue(now);
            q.addBindValue(seq);
            if (!q.exec())
                return dbError(q, tr("saving the contact"));
        }
        q.prepare(QStringLiteral("INSERT INTO leads (id, contact_id, name, company, phone, email, source, "
                                 "source_detail, campaign, "
                                 "status, status_rank, is_final, assignee_id, created_at, updated_at, "
                                 "last_activity_at, change_seq) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, 0, ?, ?, ?, ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(contactId);
        q.addBindValue(leadName);
        q.addBindValue(text(company.value_or(QString()).trimmed()));
        q.addBindValue(text(ph));
        q.addBindValue(text(em));
        q.addBindValue(leadSource);
        q.addBindValue(text(sourceDetail.value_or(QString())));
        q.addBindValue(text(campaign.value_or(QString())));
        q.addBindValue(Status::index(LeadStatus::New));
        q.addBindValue(textOrNull(assigneeId.value()));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(seq);
        if (!q.exec())
            return dbError(q, tr("saving the lead"));
        if (auto w = writeInteraction(actor, id, interactionKindId(InteractionKind::Created), {},
                                      {{QStringLiteral("source"), leadSource}}, now, seq);
            !w)
            return w.error();
        const QString noteText = note.value_or(QString()).trimmed();
        if (!noteText.isEmpty()) {
            if (auto w = writeInteraction(actor, id, interactionKindId(InteractionKind::Note), noteText, {},
                                          now, seq);
                !w)
                return w.error();
        }
        Applied a;
        a.leadId = id;
        a.created = true;
        return a;
    });
}

Result<MutationProcessor::Applied> MutationProcessor::setStatus(const Actor &actor, const QJsonObject &args,
                                                                bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const auto to = in.string(QStringLiteral("to"), FieldReader::Need::Required, 32);
    const auto from = in.string(QStringLiteral("from"), FieldReader::Need::Optional, 32);
    const auto reason = in.string(QStringLiteral("reason"), FieldReader::Need::Optional, kMaxField);
    const auto base
        = in.integer(QStringLiteral("baseVersion"), FieldReader::Need::Optional, 0, 1'000'000'000);
    if (auto done = in.finish(); !done)
        return done.error();
    Q_UNUSED(from); // the client's view when it edited; the server decides from its own row
    const auto target = Status::fromId(*to);
    if (!target)
        return invalid(QStringLiteral("to"), tr("Unknown status \"%1\".").arg(to->left(50)));

    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto current = repo.find(*leadId);
        if (!current)
            return current.error();
        const Lead &l = current.value().lead;
        if (auto access
            = checkLeadAccess(m_settings.permissions(), actor, l.assigneeId, Permission::ChangeStatus);
            !access)
            return access.error();
        const QStringList reasons = m_settings.lostReasons();
        // Final states refuse first; then a stale base; then the move itself.
        if (l.isFinal()) {
            if (auto move = Pipeline::checkMove(l.status, *target, reason.value_or(QString()), reasons);
                !move)
                return move.error();
        }
        if (base && *base != l.statusVersion)
            return Error(
                ErrorCode::Conflict,
                tr("Someone changed this lead's status to %1 meanwhile.").arg(Status::label(l.status)),
                QStringLiteral("stale_status"));
        if (auto move = Pipeline::checkMove(l.status, *target, reason.value_or(QString()), reasons); !move)
            return move.error();
        const qint64 now = m_clock.nowMs();
        QSqlQuery q(m_db.connection());
        q.prepare(
            QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, is_final = ?, lost_reason = ?, "
                           "status_v = status_v + 1, version = version + 1, updated_at = ?, "
                           "last_activity_at = ?, change_seq = ? WHERE id = ? AND status_v = ?"));
        q.addBindValue(Status::id(*target));
        q.addBindValue(Status::index(*target));
        q.addBindValue(Status::isFinal(*target) ? 1 : 0);
        q.addBindValue(*target == LeadStatus::Lost ? QVariant(reason->trimmed())
                                                   : QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(seq);
        q.addBindValue(l.id);
        q.addBindValue(l.statusVersion);
        if (!q.exec())
            return dbError(q, tr("changing the status"));
        if (q.numRowsAffected() != 1)
            return Error(ErrorCode::Conflict, tr("The lead changed meanwhile; try again."),
                         QStringLiteral("stale_status"));
        QJsonObject data {{QStringLiteral("from"), Status::id(l.status)},
                          {QStringLiteral("to"), Status::id(*target)}};
        if (*target == LeadStatus::Lost)
            data.insert(QStringLiteral("reason"), reason->trimmed());
        if (auto w = writeInteraction(actor, l.id, interactionKindId(InteractionKind::StatusChange), {}, data,
                                      now, seq);
            !w)
            return w.error();
        Applied a;
        a.leadId = l.id;
        return a;
    });
}

Result<MutationProcessor::Applied> MutationProcessor::assign(const Actor &actor, const QJsonObject &args,
                                                             bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const bool hasAssignee = args.contains(QStringLiteral("assigneeId"));
    const auto assigneeArg = in.string(QStringLiteral("assigneeId"), FieldReader::Need::Optional, 64);
    const bool hasBase = args.contains(QStringLiteral("baseAssigneeId"));
    const auto baseArg = in.string(QStringLiteral("baseAssigneeId"), FieldReader::Need::Optional, 64);
    if (auto done = in.finish(); !done)
        return done.error();
    if (!hasAssignee)
        return invalid(QStringLiteral("assigneeId"),
                       tr("\"assigneeId\" is required (a user id, or null to unassign)."));
    auto assigneeId = userIdArg(assigneeArg, QStringLiteral("assigneeId"));
    if (!assigneeId)
        return assigneeId.error();
    auto baseId = userIdArg(baseArg, QStringLiteral("baseAssigneeId"));
    if (!baseId)
        return baseId.error();

    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto current = repo.find(*leadId);
        if (!current)
            return current.error();
        const Lead &l = current.value().lead;
        if (auto access = checkLeadAccess(m_settings.permissions(), actor, l.assigneeId, Permission::Assign);
            !access)
            return access.error();
        if (auto rule = Pipeline::checkAssign(l.status); !rule)
            return rule.error();
        if (hasBase && baseId.value() != l.assigneeId)
            return Error(ErrorCode::Conflict,
                         l.assigneeId.isEmpty() ? tr("Someone unassigned this lead meanwhile.")
                                                : tr("%1 took this lead meanwhile.").arg(l.assigneeName),
                         QStringLiteral("stale_assignee"));
        if (l.assigneeId == assigneeId.value())
            return Error(ErrorCode::SameStatus,
                         assigneeId.value().isEmpty()
                             ? tr("This lead is already unassigned.")
                             : tr("This lead is already assigned to %1.").arg(l.assigneeName));
        QString assigneeName;
        QSqlQuery q(m_db.connection());
        if (!assigneeId.value().isEmpty()) {
            q.prepare(QStringLiteral("SELECT display_name, active FROM users WHERE id = ?"));
            q.addBindValue(assigneeId.value());
            if (!q.exec())
                return dbError(q, tr("looking up the agent"));
            if (!q.next())
                return invalid(QStringLiteral("assigneeId"), tr("That agent does not exist."));
            if (q.value(1).toInt() == 0)
                return invalid(QStringLiteral("assigneeId"),
                               tr("%1 is deactivated and cannot take leads.").arg(q.value(0).toString()));
            assigneeName = q.value(0).toString();
            q.finish();
        }
        const qint64 now = m_clock.nowMs();
        q.prepare(QStringLiteral(
            "UPDATE leads SET assignee_id = ?, assignee_v = assignee_v + 1, version = version + 1, "
            "updated_at = ?, last_activity_at = ?, change_seq = ? WHERE id = ?"));
        q.addBindValue(textOrNull(assigneeId.value()));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(seq);
        q.addBindValue(l.id);
        if (!q.exec())
            return dbError(q, tr("assigning the lead"));
        const QJsonObject data {{QStringLiteral("from"), l.assigneeId},
                                {QStringLiteral("fromName"), l.assigneeName},
                                {QStringLiteral("to"), assigneeId.value()},
                                {QStringLiteral("toName"), assigneeName}};
        if (auto w = writeInteraction(actor, l.id, interactionKindId(InteractionKind::Assignment), {}, data,
                                      now, seq);
            !w)
            return w.error();
        Applied a;
        a.leadId = l.id;
        return a;
    });
}

Result<MutationProcessor::Applied> MutationProcessor::qualify(const Actor &actor, const QJsonObject &args,
                                                              bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const auto score
        = in.integer(QStringLiteral("score"), FieldReader::Need::Required, -1'000'000, 1'000'000);
    if (auto done = in.finish(); !done)
        return done.error();
    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto current = repo.find(*leadId);
        if (!current)
            return current.error();
        const Lead &l = current.value().lead;
        if (auto access = checkLeadAccess(m_settings.permissions(), actor, l.assigneeId, Permission::Qualify);
            !access)
            return access.error();
        const QDateTime now = m_clock.now();
        auto next = Qualification::applyManual(l.qualification, l.status, int(*score), actor.userId, now);
        if (!next) {
            if (next.error().code() == ErrorCode::ScoreOutOfRange)
                return Error(ErrorCode::ScoreOutOfRange, next.error().message(), QStringLiteral("score"));
            return next.error();
        }
        const Qualification &qn = next.value();
        QSqlQuery q(m_db.connection());
        // Score is last-writer-wins in server order; the previous value stays in the timeline.
        q.prepare(QStringLiteral(
            "UPDATE leads SET manual_score = ?, score = ?, qualification_method = ?, "
            "qualified_by = ?, qualified_at = ?, score_v = score_v + 1, version = version + 1, "
            "updated_at = ?, last_activity_at = ?, change_seq = ? WHERE id = ?"));
        q.addBindValue(intOrNull(qn.manualScore));
        q.addBindValue(intOrNull(qn.effectiveScore()));
        q.addBindValue(qualificationMethodId(qn.method));
        q.addBindValue(textOrNull(qn.author));
        q.addBindValue(qn.at.toMSecsSinceEpoch());
        q.addBindValue(now.toMSecsSinceEpoch());
        q.addBindValue(now.toMSecsSinceEpoch());
        q.addBindValue(seq);
        q.addBindValue(l.id);
        if (!q.exec())
            return dbError(q, tr("saving the score"));
        const QJsonObject data {
            {QStringLiteral("score"), int(*score)},
            {QStringLiteral("method"), QStringLiteral("manual")},
            {QStringLiteral("previous"), l.qualification.manualScore ? *l.qualification.manualScore : -1}};
        if (auto w = writeInteraction(actor, l.id, interactionKindId(InteractionKind::Qualification), {},
                                      data, now.toMSecsSinceEpoch(), seq);
            !w)
            return w.error();
        Applied a;
        a.leadId = l.id;
        return a;
    });
}

Result<MutationProcessor::Applied> MutationProcessor::addNote(const Actor &actor, const QJsonObject &args,
                                                              bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const auto text = in.string(QStringLiteral("text"), FieldReader::Need::Required, kMaxText);
    const auto noteIdArg = in.string(QStringLiteral("noteId"), FieldReader::Need::Optional, 64);
    if (auto done = in.finish(); !done)
        return done.error();
    const QString note = text->trimmed();
    if (note.isEmpty())
        return invalid(QStringLiteral("text"), tr("A note cannot be empty."));
    auto noteId = uuidArg(noteIdArg, QStringLiteral("noteId"));
    if (!noteId)
        return noteId.error();
    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto current = repo.find(*leadId);
        if (!current)
            return current.error();
        const Lead &l = current.value().lead;
        if (auto access = checkLeadAccess(m_settings.permissions(), actor, l.assigneeId, Permission::AddNote);
            !access)
            return access.error();
        const qint64 now = m_clock.nowMs();
        QSqlQuery q(m_db.connection());
        q.prepare(
            QStringLiteral("UPDATE leads SET version = version + 1, updated_at = ?, last_activity_at = ?, "
                           "change_seq = ? WHERE id = ?"));
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(seq);
        q.addBindValue(l.id);
        if (!q.exec())
            return dbError(q, tr("saving the note"));
        if (auto w = writeInteraction(actor, l.id, interactionKindId(InteractionKind::Note), note, {}, now,
                                      seq, noteId.value());
            !w)
            return w.error();
        Applied a;
        a.leadId = l.id;
        return a;
    });
}

Result<MutationProcessor::Applied> MutationProcessor::setFollowUp(const Actor &actor, const QJsonObject &args,
                                                                  bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto leadId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const bool hasAt = args.contains(QStringLiteral("at"));
    const auto atArg = in.string(QStringLiteral("at"), FieldReader::Need::Optional, 64);
    if (auto done = in.finish(); !done)
        return done.error();
    if (!hasAt)
        return invalid(QStringLiteral("at"), tr("\"at\" is required: an ISO 8601 time, or \"\" to clear."));
    QDateTime at;
    if (atArg && !atArg->isEmpty()) {
        at = QDateTime::fromString(*atArg, Qt::ISODateWithMs);
        if (!at.isValid())
            return invalid(QStringLiteral("at"), tr("\"at\" must be an ISO 8601 date and time."));
    }
    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto current = repo.find(*leadId);
        if (!current)
            return current.error();
        const Lead &l = current.value().lead;
        if (auto access
            = checkLeadAccess(m_settings.permissions(), actor, l.assigneeId, Permission::SetFollowUp);
            !access)
            return access.error();
        if (at.isValid()) {
            if (auto rule = Pipeline::checkFollowUp(l.status); !rule)
                return rule.error();
        }
        const qint64 now = m_clock.nowMs();
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("UPDATE leads SET follow_up_at = ?, version = version + 1, updated_at = ?, "
                                 "change_seq = ? WHERE id = ?"));
        q.addBindValue(at.isValid() ? QVariant(at.toMSecsSinceEpoch())
                                    : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(now);
        q.addBindValue(seq);
        q.addBindValue(l.id);
        if (!q.exec())
            return dbError(q, tr("saving the follow-up"));
        const QString when = at.isValid() ? at.toUTC().toString(Qt::ISODate) : QString();
        if (auto w = writeInteraction(actor, l.id, interactionKindId(InteractionKind::FollowUp), {},
                                      {{QStringLiteral("at"), when}}, now, seq);
            !w)
            return w.error();
        Applied a;
        a.leadId = l.id;
        return a;
    });
}

// One lead merged into another, atomically, through the same MergeRule as the client:
// the target takes the chosen fields of the other lead (the server's current values of
// both), the other lead's timeline moves to the target, the merge is a note on both, and
// the other lead is closed as Lost with the duplicate reason (SettingsStore).
Result<MutationProcessor::Applied> MutationProcessor::merge(const Actor &actor, const QJsonObject &args,
                                                            bool *transient)
{
    FieldReader in(args, kMaxText);
    const auto targetId = in.string(QStringLiteral("leadId"), FieldReader::Need::Required, 64);
    const auto otherId = in.string(QStringLiteral("otherId"), FieldReader::Need::Required, 64);
    const auto take = in.array(QStringLiteral("take"), FieldReader::Need::Optional);
    const auto base = in.integer(QStringLiteral("baseVersion"), FieldReader::Need::Optional, 0, 1'000'000'000);
    const auto otherBase
        = in.integer(QStringLiteral("otherBaseVersion"), FieldReader::Need::Optional, 0, 1'000'000'000);
    const auto targetNote = in.string(QStringLiteral("targetNote"), FieldReader::Need::Optional, kMaxText);
    const auto otherNote = in.string(QStringLiteral("otherNote"), FieldReader::Need::Optional, kMaxText);
    if (auto done = in.finish(); !done)
        return done.error();
    MergePlan plan(*targetId, *otherId);
    for (const QJsonValue &v : take.value_or(QJsonArray())) {
        const auto field = MergeRule::fieldFromId(v.toString());
        if (!field)
            return invalid(QStringLiteral("take"),
                           tr("Unknown merge field \"%1\".").arg(v.toString().left(50)));
        plan.choose(*field, MergePlan::Side::Other);
    }

    return inTransaction(m_db, transient, m_beforeCommit, [&](qint64 seq) -> Result<Applied> {
        LeadRepository repo(m_db);
        auto targetRead = repo.find(*targetId);
        if (!targetRead)
            return targetRead.error();
        auto otherRead = repo.find(*otherId);
        if (!otherRead)
            return otherRead.error();
        const Lead &target = targetRead.value().lead;
        const Lead &other = otherRead.value().lead;
        const PermissionMatrix matrix = m_settings.permissions();
        for (Permission p : MergeRule::targetPermissions(target, other, plan)) {
            if (auto access = checkLeadAccess(matrix, actor, target.assigneeId, p); !access)
                return access.error();
        }
        for (Permission p : MergeRule::otherPermissions()) {
            if (auto access = checkLeadAccess(matrix, actor, other.assigneeId, p); !access)
                return access.error();
        }
        if (auto ok = MergeRule::check(target, other, plan); !ok)
            return ok.error();
        // The other lead is closed, and a status taken from it moves the target: both are
        // compare-and-set on the status the client saw, like any status move.
        if (otherBase && *otherBase != other.statusVersion)
            return Error(ErrorCode::Conflict,
                         tr("Someone changed the status of \"%1\" to %2 meanwhile.")
                             .arg(other.name, Status::label(other.status)),
                         QStringLiteral("stale_status"));
        if (base && *base != target.statusVersion && plan.side(MergeField::Status) == MergePlan::Side::Other)
            return Error(ErrorCode::Conflict,
                         tr("Someone changed the status of \"%1\" to %2 meanwhile.")
                             .arg(target.name, Status::label(target.status)),
                         QStringLiteral("stale_status"));
        const QString reason = m_settings.duplicateReason();
        if (auto move = Pipeline::checkMove(other.status, LeadStatus::Lost, reason,
                                            DuplicateReason::allowed(m_settings.lostReasons(), reason));
            !move)
            return move.error();
        const Lead merged = MergeRule::compose(target, other, plan);
        const QDateTime nowAt = m_clock.now();
        const qint64 now = nowAt.toMSecsSinceEpoch();

        QSqlQuery q(m_db.connection());
        const bool statusMoves = merged.status != target.status;
        const bool assigneeMoves = merged.assigneeId != target.assigneeId;
        const bool followUpMoves = merged.followUpAt != target.followUpAt;
        Qualification qualification = target.qualification;
        const bool scoreMoves = merged.qualification.manualScore != target.qualification.manualScore
                                && merged.qualification.manualScore.has_value();
        if (scoreMoves) {
            auto next = Qualification::applyManual(target.qualification, merged.status,
                                                   *merged.qualification.manualScore, actor.userId, nowAt);
            if (!next)
                return next.error();
            qualification = next.value();
        }
        q.prepare(QStringLiteral(
            "UPDATE leads SET name = ?, company = ?, phone = ?, email = ?, source = ?, source_detail = ?, campaign = ?, "
            "status = ?, status_rank = ?, is_final = ?, status_v = status_v + ?, assignee_id = ?, "
            "assignee_v = assignee_v + ?, manual_score = ?, score = ?, qualification_method = ?, qualified_by = ?, "
            "qualified_at = ?, score_v = score_v + ?, follow_up_at = ?, version = version + 1, updated_at = ?, "
            "last_activity_at = ?, change_seq = ? WHERE id = ? AND status_v = ?"));
        q.addBindValue(merged.name);
        q.addBindValue(text(merged.company));
        q.addBindValue(text(merged.phone));
        q.addBindValue(text(merged.email));
        q.addBindValue(merged.source);
        q.addBindValue(text(merged.sourceDetail));
        q.addBindValue(text(merged.campaign));
        q.addBindValue(Status::id(merged.status));
        q.addBindValue(Status::index(merged.status));
        q.addBindValue(Status::isFinal(merged.status) ? 1 : 0);
        q.addBindValue(statusMoves ? 1 : 0);
        q.addBindValue(textOrNull(merged.assigneeId));
        q.addBindValue(assigneeMoves ? 1 : 0);
        q.addBindValue(intOrNull(qualification.manualScore));
        q.addBindValue(intOrNull(qualification.effectiveScore()));
        q.addBindValue(text(qualificationMethodId(qualification.method)));
        q.addBindValue(textOrNull(qualification.author));
        q.addBindValue(qualification.at.isValid() ? QVariant(qualification.at.toMSecsSinceEpoch())
                                                  : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(scoreMoves ? 1 : 0);
        q.addBindValue(merged.followUpAt.isValid() ? QVariant(merged.followUpAt.toMSecsSinceEpoch())
                                                   : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(now);
        q.addBindValue(std::max(now, merged.lastActivityAt.toMSecsSinceEpoch()));
        q.addBindValue(seq);
        q.addBindValue(target.id);
        q.addBindValue(target.statusVersion);
        if (!q.exec())
            return dbError(q, tr("merging the leads"));
        if (q.numRowsAffected() != 1)
            return Error(ErrorCode::Conflict, tr("The lead changed meanwhile; try again."),
                         QStringLiteral("stale_status"));

        // The other lead's timeline joins the target's (the rows move; clients pull them
        // again with their new lead).
        q.prepare(QStringLiteral("UPDATE interactions SET lead_id = ?, change_seq = ? WHERE lead_id = ?"));
        q.addBindValue(target.id);
        q.addBindValue(seq);
        q.addBindValue(other.id);
        if (!q.exec())
            return dbError(q, tr("merging the timelines"));

        q.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, is_final = 1, lost_reason = ?, "
                                 "status_v = status_v + 1, version = version + 1, updated_at = ?, "
                                 "last_activity_at = ?, change_seq = ? WHERE id = ? AND status_v = ?"));
        q.addBindValue(Status::id(LeadStatus::Lost));
        q.addBindValue(Status::index(LeadStatus::Lost));
        q.addBindValue(reason);
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(seq);
        q.addBindValue(other.id);
        q.addBindValue(other.statusVersion);
        if (!q.exec())
            return dbError(q, tr("closing the merged lead"));
        if (q.numRowsAffected() != 1)
            return Error(ErrorCode::Conflict, tr("The lead changed meanwhile; try again."),
                         QStringLiteral("stale_status"));

        // The same timeline entries as the client wrote for the merge.
        auto entry = [&](const QString &leadId, InteractionKind kind, const QString &body, const QJsonObject &data) {
            return writeInteraction(actor, leadId, interactionKindId(kind), body, data, now, seq);
        };
        if (statusMoves) {
            if (auto w = entry(target.id, InteractionKind::StatusChange, {},
                               {{QStringLiteral("from"), Status::id(target.status)},
                                {QStringLiteral("to"), Status::id(merged.status)}});
                !w)
                return w.error();
        }
        if (assigneeMoves) {
            if (auto w = entry(target.id, InteractionKind::Assignment, {},
                               {{QStringLiteral("from"), target.assigneeId},
                                {QStringLiteral("fromName"), target.assigneeName},
                                {QStringLiteral("to"), merged.assigneeId},
                                {QStringLiteral("toName"), merged.assigneeName}});
                !w)
                return w.error();
        }
        if (followUpMoves) {
            const QString when = merged.followUpAt.isValid() ? merged.followUpAt.toUTC().toString(Qt::ISODate) : QString();
            if (auto w = entry(target.id, InteractionKind::FollowUp, {}, {{QStringLiteral("at"), when}}); !w)
                return w.error();
        }
        if (scoreMoves) {
            if (auto w = entry(target.id, InteractionKind::Qualification, {},
                               {{QStringLiteral("score"), *merged.qualification.manualScore},
                                {QStringLiteral("method"), QStringLiteral("manual")},
                                {QStringLiteral("previous"),
                                 target.qualification.manualScore ? *target.qualification.manualScore : -1}});
                !w)
                return w.error();
        }
        const QString intoTarget = targetNote.value_or(QString()).trimmed();
        if (auto w = entry(target.id, InteractionKind::Note,
                           intoTarget.isEmpty() ? tr("Merged \"%1\" into this lead.").arg(other.name) : intoTarget, {});
            !w)
            return w.error();
        const QString intoOther = otherNote.value_or(QString()).trimmed();
        if (auto w = entry(other.id, InteractionKind::Note,
                           intoOther.isEmpty() ? tr("Merged into \"%1\".").arg(merged.name) : intoOther, {});
            !w)
            return w.error();
        if (auto w = entry(other.id, InteractionKind::StatusChange, {},
                           {{QStringLiteral("from"), Status::id(other.status)},
                            {QStringLiteral("to"), Status::id(LeadStatus::Lost)},
                            {QStringLiteral("reason"), reason}});
            !w)
            return w.error();
        Applied a;
        a.leadId = target.id;
        return a;
    });
}

} // namespace Leads::Server
