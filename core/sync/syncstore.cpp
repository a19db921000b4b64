// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncstore.h"

#include "domain/leadstatus.h"
#include "storage/bulkstatement.h"
#include "storage/database.h"
#include "storage/mergeservice.h"
#include "storage/searchindex.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHash>
#include <QSqlQuery>
#include <QUuid>

#include <memory>
#include <QVariant>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::SyncStore), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::SyncStore", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}

QVariant textOrNull(const QJsonValue &v)
{
    return v.isString() && !v.toString().isEmpty() ? QVariant(v.toString()) : nullText();
}

QVariant intOrNull(const QJsonValue &v)
{
    return v.isDouble() ? QVariant(v.toInt()) : QVariant(QMetaType(QMetaType::Int));
}

// Server times are ISO 8601 in UTC; the local file keeps milliseconds.
QVariant msOrNull(const QJsonValue &v)
{
    if (!v.isString() || v.toString().isEmpty())
        return QVariant(QMetaType(QMetaType::LongLong));
    const QDateTime at = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

qint64 msOr(const QJsonValue &v, qint64 fallback)
{
    const QVariant ms = msOrNull(v);
    return ms.isNull() ? fallback : ms.toLongLong();
}

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject object(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Where the progress of a first download is kept (the settings table, key/value).
const char kSnapshotKey[] = "sync.snapshot";


// Kinds of timeline rows that a mutation writes locally and the server writes again.
const char kMutationKinds[] = "('created', 'status_change', 'assignment', 'note', 'qualification', 'follow_up')";
} // namespace

// The statements of one page, each compiled once: SQLite compiles every statement that
// writes leads together with the search index's triggers, which for a page of rows cost
// more than running them (docs/performance.md, Sync).
class SyncStatements
{
public:
    explicit SyncStatements(const QSqlDatabase &db) : m_db(db) { }

    QSqlQuery &get(const QString &sql)
    {
        auto &slot = m_cache[sql];
        if (!slot) {
            slot = std::make_shared<QSqlQuery>(m_db);
            slot->setForwardOnly(true);
            slot->prepare(sql); // a failure shows in exec()'s error
        }
        return *slot;
    }

    // Before COMMIT: no statement of ours may still be reading.
    void finishAll()
    {
        for (const auto &q : std::as_const(m_cache))
            q->finish();
    }

private:
    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_cache;
};

namespace {
// The calls of QSqlQuery this file makes, on statements from a SyncStatements.
class CachedQuery
{
public:
    explicit CachedQuery(SyncStatements &statements) : m_statements(statements) { }
    ~CachedQuery()
    {
        if (m_q)
            m_q->finish();
    }
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;

    bool prepare(const QString &sql)
    {
        if (m_q)
            m_q->finish();
        m_q = &m_statements.get(sql);
        return true;
    }
    bool exec(const QString &sql)
    {
        prepare(sql);
        return m_q->exec();
    }
    void addBindValue(const QVariant &v) { m_q->addBindValue(v); }
    bool exec() { return m_q->exec(); }
    bool next() { return m_q->next(); }
    QVariant value(int i) const { return m_q->value(i); }
    void finish() { m_q->finish(); }
    operator const QSqlQuery &() const { return *m_q; }

private:
    SyncStatements &m_statements;
    QSqlQuery *m_q = nullptr;
};
} // namespace

SyncStore::SyncStore(Database &db) : m_db(db) { }

Result<SyncStore::State> SyncStore::state() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT client_id, epoch, cursor, cursor_seq, last_mid, acked_mid FROM sync_client "
                               "WHERE id = 1")))
        return storageError(q, tr("reading the sync state"));
    if (!q.next()) {
        q.finish();
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO sync_client (id, client_id) VALUES (1, ?)"));
        q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!q.exec())
            return storageError(q, tr("creating the sync identity"));
        return state();
    }
    State s;
    s.clientId = q.value(0).toString();
    s.epoch = q.value(1).toString();
    s.cursor = q.value(2).toString();
    s.cursorSeq = q.value(3).toLongLong();
    s.lastMid = q.value(4).toLongLong();
    s.ackedMid = q.value(5).toLongLong();
    return s;
}

Result<QList<PendingMutation>> SyncStore::takePending(int max) const
{
    auto current = state();
    if (!current)
        return current.error();
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    QSqlQuery q(m_db.connection());
    // Numbers follow the outbox order; they are stored before the first send, so a retry
    // after a lost answer carries the same number and the server recognises it.
    if (!q.exec(QStringLiteral("SELECT seq FROM outbox WHERE mid IS NULL AND state = 'pending' ORDER BY seq")))
        return storageError(q, tr("reading the outbox"));
    QList<qint64> unnumbered;
    while (q.next())
        unnumbered.append(q.value(0).toLongLong());
    q.finish();
    qint64 last = 0;
    if (!q.exec(QStringLiteral("SELECT last_mid FROM sync_client WHERE id = 1")) || !q.next())
        return storageError(q, tr("reading the mutation counter"));
    last = q.value(0).toLongLong();
    q.finish();
    for (qint64 seq : std::as_const(unnumbered)) {
        q.prepare(QStringLiteral("UPDATE outbox SET mid = ? WHERE seq = ?"));
        q.addBindValue(++last);
        q.addBindValue(seq);
        if (!q.exec())
            return storageError(q, tr("numbering the outbox"));
    }
    q.prepare(QStringLiteral("UPDATE sync_client SET last_mid = ? WHERE id = 1"));
    q.addBindValue(last);
    if (!q.exec())
        return storageError(q, tr("numbering the outbox"));
    if (auto done = tx.commit(); !done)
        return done.error();

    q.prepare(QStringLiteral("SELECT seq, mid, type, lead_id, payload FROM outbox WHERE state = 'pending' "
                             "AND mid IS NOT NULL ORDER BY mid LIMIT ?"));
    q.addBindValue(max);
    if (!q.exec())
        return storageError(q, tr("reading the outbox"));
    QList<PendingMutation> out;
    QSet<QString> statusMoves;
    while (q.next()) {
        PendingMutation m {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                           q.value(3).toString(), object(q.value(4).toString())};
        // A second status move of one lead was made on top of the first: it waits for the
        // first one's outcome (see recordPush), so it never travels in the same batch.
        if (m.name == QLatin1String("lead.setStatus")) {
            if (statusMoves.contains(m.leadId))
                break;
            statusMoves.insert(m.leadId);
        }
        out.append(m);
    }
    return out;
}

Outcome SyncStore::recordPush(const QList<PushOutcome> &outcomes) const
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun;
    SyncStatements statements(m_db.connection());
    QSqlQuery q(m_db.connection());
    QSet<QString> refused;
    for (const PushOutcome &o : outcomes) {
        const bool rejected = o.outcome == QLatin1String("rejected")
                              || (o.outcome == QLatin1String("duplicate") && o.original == QLatin1String("rejected"));
        if (!rejected) {
            q.prepare(QStringLiteral("UPDATE outbox SET state = 'sent' WHERE mid = ? AND state = 'pending'"));
            q.addBindValue(o.mid);
            if (!q.exec())
                return storageError(q, tr("recording what the server accepted"));
            continue;
        }
        q.prepare(QStringLiteral("UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ?, "
                                 "server_value = ? WHERE mid = ? AND state <> 'rejected' RETURNING lead_id, type, mutation_id"));
        q.addBindValue(o.code);
        q.addBindValue(o.message.isEmpty() ? tr("The server refused this change.") : o.message);
        q.addBindValue(o.current.isEmpty() ? nullText() : QVariant(json(o.current)));
        q.addBindValue(o.mid);
        if (!q.exec())
            return storageError(q, tr("recording what the server refused"));
        const QString leadId = q.next() ? q.value(0).toString() : QString();
        const QString type = q.isValid() ? q.value(1).toString() : QString();
        const QString mutationId = q.isValid() ? q.value(2).toString() : QString();
        q.finish();
        if (type == QLatin1String("lead.merge")) {
            // The merged-away lead and the timeline entries that moved come back too.
            auto other = MergeService::restoreRefused(m_db.connection(), mutationId);
            if (!other)
                return other.error();
            if (!other.value().isEmpty())
                refused.insert(other.value());
        }
        if (!leadId.isEmpty())
            refused.insert(leadId);
        if (type == QLatin1String("lead.create")) {
            // The server never had it: the local copy goes (its text stays in the Not
            // applied list), and later mutations of it will be refused and listed too.
            q.prepare(QStringLiteral("DELETE FROM leads WHERE id = ? AND server_seq = 0"));
            q.addBindValue(leadId);
            if (!q.exec())
                return storageError(q, tr("removing a lead the server refused"));
            refused.remove(leadId);
        }
        if (type == QLatin1String("lead.setStatus")) {
            // Later status moves of this lead, made offline on top of the refused one,
            // carry a base version that may match the server's by coincidence. Version 0
            // never matches: the server refuses them with its current value instead of
            // applying a move the user never made from the server's status.
            q.prepare(QStringLiteral("UPDATE outbox SET payload = json_set(payload, '$.baseVersion', 0) "
                                     "WHERE lead_id = ? AND type = 'lead.setStatus' AND state = 'pending' AND mid > ?"));
            q.addBindValue(leadId);
            q.addBindValue(o.mid);
            if (!q.exec())
                return storageError(q, tr("recording what the server refused"));
        }
        // The server's value replaces the refused local edit (older copies never win).
        if (!o.current.isEmpty()) {
            if (auto up = upsertLead(statements, o.current,
                                     o.current.value(QStringLiteral("changeSeq")).toInteger());
                !up)
                return up;
        }
    }
    if (auto tidy = replayAndTidy(statements, refused); !tidy)
        return tidy;
    statements.finishAll();
    return tx.commit();
}

Outcome SyncStore::upsertLead(SyncStatements &statements, const QJsonObject &row, qint64 seq) const
{
    const QString id = row.value(QStringLiteral("id")).toString();
    CachedQuery q(statements);
    q.prepare(QStringLiteral("SELECT server_seq FROM leads WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return storageError(q, tr("reading a lead"));
    if (q.next() && q.value(0).toLongLong() > seq)
        return {}; // the local copy already reflects a later server change
    q.finish();
    const QJsonObject contact = row.value(QStringLiteral("contact")).toObject();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!contact.isEmpty()) {
        q.prepare(QStringLiteral("INSERT INTO contacts (id, phone, email, display_name, created_at) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, email = excluded.email, "
                                 "display_name = excluded.display_name"));
        q.addBindValue(contact.value(QStringLiteral("id")).toString());
        q.addBindValue(textOrNull(contact.value(QStringLiteral("phone"))));
        q.addBindValue(textOrNull(contact.value(QStringLiteral("email"))));
        q.addBindValue(contact.value(QStringLiteral("displayName")).toString());
        q.addBindValue(now);
        if (!q.exec())
            return storageError(q, tr("saving a contact"));
    } else {
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO contacts (id, display_name, created_at) VALUES (?, ?, ?)"));
        q.addBindValue(row.value(QStringLiteral("contactId")).toString());
        q.addBindValue(row.value(QStringLiteral("name")).toString());
        q.addBindValue(now);
        if (!q.exec())
            return storageError(q, tr("saving a contact"));
    }
    const QString assignee = row.value(QStringLiteral("assigneeId")).toString();
    if (!assignee.isEmpty()) {
        // The roster may arrive after the lead: a placeholder keeps the reference valid
        // until the user's own row comes.
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO users (id, username, display_name, role, created_at) "
                                 "VALUES (?, ?, ?, 'agent', ?)"));
        q.addBindValue(assignee);
        q.addBindValue(QString(u'#' + assignee));
        q.addBindValue(row.value(QStringLiteral("assigneeName")).toString());
        q.addBindValue(now);
        if (!q.exec())
            return storageError(q, tr("saving an agent"));
    }
    const auto status = Status::fromId(row.value(QStringLiteral("status")).toString()).value_or(LeadStatus::New);
    const QJsonObject versions = row.value(QStringLiteral("versions")).toObject();
    const QString phone = row.value(QStringLiteral("phone")).toString();
    const qint64 created = msOr(row.value(QStringLiteral("createdAt")), now);
    q.prepare(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, source_detail, "
        "campaign, status, status_rank, status_version, is_final, lost_reason, assignee_id, ai_score, "
        "manual_score, score, qualification_method, follow_up_at, created_at, updated_at, last_activity_at, "
        "version, server_seq, ai_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id, name = excluded.name, "
        "company = excluded.company, phone = excluded.phone, email = excluded.email, "
        "search_phone = excluded.search_phone, source = excluded.source, source_detail = excluded.source_detail, "
        "campaign = excluded.campaign, status = excluded.status, status_rank = excluded.status_rank, "
        "status_version = excluded.status_version, is_final = excluded.is_final, "
        "lost_reason = excluded.lost_reason, assignee_id = excluded.assignee_id, ai_score = excluded.ai_score, "
        "manual_score = excluded.manual_score, score = excluded.score, "
        "qualification_method = excluded.qualification_method, follow_up_at = excluded.follow_up_at, "
        "updated_at = excluded.updated_at, last_activity_at = excluded.last_activity_at, "
        "version = excluded.version, server_seq = excluded.server_seq, ai_reasons = excluded.ai_reasons"));
    q.addBindValue(id);
    q.addBindValue(row.value(QStringLiteral("contactId")).toString());
    q.addBindValue(row.value(QStringLiteral("name")).toString());
    q.addBindValue(row.value(QStringLiteral("company")).toString());
    q.addBindValue(phone);
    q.addBindValue(row.value(QStringLiteral("email")).toString());
    q.addBindValue(sqlText(SearchIndex::phoneTokens(phone)));
    q.addBindValue(row.value(QStringLiteral("source")).toString());
    q.addBindValue(row.value(QStringLiteral("sourceDetail")).toString());
    q.addBindValue(row.value(QStringLiteral("campaign")).toString());
    q.addBindValue(Status::id(status));
    q.addBindValue(Status::index(status));
    q.addBindValue(versions.value(QStringLiteral("status")).toInt(1));
    q.addBindValue(Status::isFinal(status) ? 1 : 0);
    q.addBindValue(textOrNull(row.value(QStringLiteral("lostReason"))));
    q.addBindValue(assignee.isEmpty() ? nullText() : QVariant(assignee));
    q.addBindValue(intOrNull(row.value(QStringLiteral("aiScore"))));
    q.addBindValue(intOrNull(row.value(QStringLiteral("manualScore"))));
    q.addBindValue(intOrNull(row.value(QStringLiteral("score"))));
    q.addBindValue(row.value(QStringLiteral("qualificationMethod")).toString());
    q.addBindValue(msOrNull(row.value(QStringLiteral("followUpAt"))));
    q.addBindValue(created);
    q.addBindValue(msOr(row.value(QStringLiteral("updatedAt")), created));
    q.addBindValue(msOr(row.value(QStringLiteral("lastActivityAt")), created));
    q.addBindValue(versions.value(QStringLiteral("row")).toInt(1));
    q.addBindValue(seq);
    // The AI's reasons, shown under its score (the server scores in a team).
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(row.value(QStringLiteral("aiReasons")).toArray()).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return storageError(q, tr("saving a lead from the server"));
    return {};
}

// Local view = server truth + mutations the server has not yet reflected. After server
// rows replace a lead, its outstanding mutations are replayed on top; once none is left,
// the local copies of timeline rows give way to the server's.
Outcome SyncStore::replayAndTidy(SyncStatements &statements, const QSet<QString> &leadIds) const
{
    CachedQuery q(statements);
    CachedQuery u(statements);
    for (const QString &leadId : leadIds) {
        q.prepare(QStringLiteral("SELECT type, payload FROM outbox WHERE lead_id = ? AND state IN ('pending', 'sent') "
                                 "ORDER BY seq"));
        q.addBindValue(leadId);
        if (!q.exec())
            return storageError(q, tr("reading the outbox"));
        bool outstanding = false;
        while (q.next()) {
            outstanding = true;
            const QString type = q.value(0).toString();
            const QJsonObject a = object(q.value(1).toString());
            if (type == QLatin1String("lead.setStatus")) {
                const auto to = Status::fromId(a.value(QStringLiteral("to")).toString());
                if (!to)
                    continue;
                u.prepare(QStringLiteral("UPDATE leads SET status = ?, status_rank = ?, is_final = ?, lost_reason = ?, "
                                         "status_version = status_version + 1 WHERE id = ?"));
                u.addBindValue(Status::id(*to));
                u.addBindValue(Status::index(*to));
                u.addBindValue(Status::isFinal(*to) ? 1 : 0);
                u.addBindValue(*to == LeadStatus::Lost ? textOrNull(a.value(QStringLiteral("reason"))) : nullText());
                u.addBindValue(leadId);
            } else if (type == QLatin1String("lead.assign")) {
                u.prepare(QStringLiteral("UPDATE leads SET assignee_id = ? WHERE id = ?"));
                u.addBindValue(textOrNull(a.value(QStringLiteral("assigneeId"))));
                u.addBindValue(leadId);
            } else if (type == QLatin1String("lead.qualify")) {
                u.prepare(QStringLiteral("UPDATE leads SET manual_score = ?, score = ?, qualification_method = 'manual' "
                                         "WHERE id = ?"));
                u.addBindValue(a.value(QStringLiteral("score")).toInt());
                u.addBindValue(a.value(QStringLiteral("score")).toInt());
                u.addBindValue(leadId);
            } else if (type == QLatin1String("lead.setFollowUp")) {
                u.prepare(QStringLiteral("UPDATE leads SET follow_up_at = ? WHERE id = ?"));
                u.addBindValue(msOrNull(a.value(QStringLiteral("at"))));
                u.addBindValue(leadId);
            } else {
                continue; // notes and creation live in timeline rows, which stay until acknowledged
            }
            if (!u.exec())
                return storageError(u, tr("replaying a local change"));
        }
        q.finish();
        if (!outstanding) {
            u.prepare(QStringLiteral("DELETE FROM interactions WHERE lead_id = ? AND synced = 0 AND kind IN %1")
                          .arg(QLatin1String(kMutationKinds)));
            u.addBindValue(leadId);
            if (!u.exec())
                return storageError(u, tr("tidying the timeline"));
        }
        // The notes column feeds search: rebuild it from the timeline as it now stands.
        u.prepare(QStringLiteral("UPDATE leads SET notes = COALESCE((SELECT group_concat(body, char(10)) FROM "
                                 "(SELECT body FROM interactions WHERE lead_id = ? AND kind = 'note' "
                                 "ORDER BY occurred_at, interaction_no)), '') WHERE id = ?"));
        u.addBindValue(leadId);
        u.addBindValue(leadId);
        if (!u.exec())
            return storageError(u, tr("updating the search text"));
    }
    return {};
}

// Numbers go through toInteger(): one outside qint64 (1e300) or not whole reads as absent,
// where a plain cast from double would be undefined behaviour.
PullPage PullPage::fromJson(const QJsonObject &o)
{
    PullPage page;
    page.epoch = o.value(QStringLiteral("epoch")).toString();
    page.changes = o.value(QStringLiteral("changes")).toArray();
    const QJsonValue ack = o.value(QStringLiteral("ack")).toObject().value(QStringLiteral("lastMutationId"));
    page.ack = ack.toInteger(-1);
    page.nextCursor = o.value(QStringLiteral("nextCursor")).toString();
    page.upTo = o.value(QStringLiteral("upTo")).toInteger();
    page.hasMore = o.value(QStringLiteral("hasMore")).toBool();
    return page;
}

Result<int> SyncStore::applyPage(const QString &requestCursor, const PullPage &page) const
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    SyncStatements statements(m_db.connection());
    CachedQuery q(statements);
    if (!q.exec(QStringLiteral("SELECT COALESCE(cursor, ''), acked_mid FROM sync_client WHERE id = 1")) || !q.next())
        return storageError(q, tr("reading the sync cursor"));
    // A late or repeated answer to an older request: its rows are older than ours.
    if (q.value(0).toString() != requestCursor)
        return Error(ErrorCode::Conflict, tr("The sync cursor moved; the page was discarded."),
                     QStringLiteral("stale_page"));
    const qint64 acked = q.value(1).toLongLong();
    q.finish();

    QSet<QString> touched;
    if (page.ack > 0) {
        q.prepare(QStringLiteral("DELETE FROM outbox WHERE state = 'sent' AND mid <= ? RETURNING lead_id"));
        q.addBindValue(page.ack);
        if (!q.exec())
            return storageError(q, tr("clearing acknowledged changes"));
        while (q.next())
            if (!q.value(0).toString().isEmpty())
                touched.insert(q.value(0).toString());
        q.finish();
    }
    int applied = 0;
    for (const QJsonValue &value : page.changes) {
        const QJsonObject c = value.toObject();
        const QString t = c.value(QStringLiteral("t")).toString();
        const QString op = c.value(QStringLiteral("op")).toString();
        const QString id = c.value(QStringLiteral("id")).toString();
        const qint64 seq = c.value(QStringLiteral("seq")).toInteger();
        const QJsonObject row = c.value(QStringLiteral("row")).toObject();
        if (t == QLatin1String("user") && op == QLatin1String("upsert")) {
            const QString username = row.value(QStringLiteral("username")).toString();
            // A local account with the same name but another id yields its name.
            q.prepare(QStringLiteral("UPDATE users SET username = '#' || id WHERE username = ? AND id <> ?"));
            q.addBindValue(username);
            q.addBindValue(id);
            if (!q.exec())
                return storageError(q, tr("saving a user"));
            q.prepare(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                     "username = excluded.username, display_name = excluded.display_name, "
                                     "role = excluded.role, active = excluded.active"));
            q.addBindValue(id);
            q.addBindValue(username);
            q.addBindValue(row.value(QStringLiteral("displayName")).toString());
            q.addBindValue(row.value(QStringLiteral("role")).toString());
            q.addBindValue(row.value(QStringLiteral("active")).toBool() ? 1 : 0);
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!q.exec())
                return storageError(q, tr("saving a user"));
        } else if (t == QLatin1String("lead") && op == QLatin1String("upsert")) {
            if (auto up = upsertLead(statements, row, seq); !up)
                return up.error();
            touched.insert(id);
        } else if (t == QLatin1String("lead")) {
            // remove: out of this user's scope now; delete: a tombstone. Either way the
            // local copy goes (its timeline with it); local mutations stay in the outbox.
            q.prepare(QStringLiteral("DELETE FROM leads WHERE id = ?"));
            q.addBindValue(id);
            if (!q.exec())
                return storageError(q, tr("removing a lead"));
            touched.remove(id);
        } else if (t == QLatin1String("interaction") && op == QLatin1String("upsert")) {
            const QString leadId = row.value(QStringLiteral("leadId")).toString();
            q.prepare(QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, "
                                     "body, data, synced) SELECT ?, ?, ?, ?, ?, ?, ?, ?, 1 WHERE EXISTS "
                                     "(SELECT 1 FROM leads WHERE id = ?) ON CONFLICT (id) DO UPDATE SET "
                                     "lead_id = excluded.lead_id, body = excluded.body, data = excluded.data, synced = 1"));
            q.addBindValue(id);
            q.addBindValue(leadId);
            q.addBindValue(row.value(QStringLiteral("kind")).toString());
            q.addBindValue(row.value(QStringLiteral("occurredAt")).toInteger());
            q.addBindValue(textOrNull(row.value(QStringLiteral("authorId"))));
            q.addBindValue(row.value(QStringLiteral("authorName")).toString());
            q.addBindValue(row.value(QStringLiteral("body")).toString());
            q.addBindValue(json(row.value(QStringLiteral("data")).toObject()));
            q.addBindValue(leadId);
            if (!q.exec())
                return storageError(q, tr("saving a timeline entry"));
            touched.insert(leadId);
        } else {
            continue; // a kind this version does not know: newer servers may send more
        }
        ++applied;
    }
    QSet<QString> present;
    for (const QString &id : std::as_const(touched)) {
        q.prepare(QStringLiteral("SELECT 1 FROM leads WHERE id = ?"));
        q.addBindValue(id);
        if (q.exec() && q.next())
            present.insert(id);
    }
    if (auto tidy = replayAndTidy(statements, present); !tidy)
        return tidy.error();
    q.prepare(QStringLiteral("UPDATE sync_client SET epoch = ?, cursor = ?, cursor_seq = ?, acked_mid = ?, "
                             "last_sync_at = ? WHERE id = 1"));
    q.addBindValue(page.epoch);
    q.addBindValue(page.nextCursor);
    q.addBindValue(page.upTo);
    q.addBindValue(std::max(acked, page.ack));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("saving the sync cursor"));
    q.finish();
    statements.finishAll();
    if (auto done = tx.commit(); !done)
        return done.error();
    return applied;
}

Outcome SyncStore::resetForResync(const QString &epoch) const
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun;
    QSqlQuery q(m_db.connection());
    // Rows the server sent are dropped and come again; leads only this client knows
    // (created offline, still queued) stay, and so does the whole queue.
    if (!q.exec(QStringLiteral("DELETE FROM leads WHERE server_seq > 0 AND id NOT IN (SELECT lead_id FROM outbox "
                               "WHERE state IN ('pending', 'sent') AND lead_id IS NOT NULL)")))
        return storageError(q, tr("starting a full download"));
    // The restored server may not know this client's numbers (its counter can be behind
    // ours): start again as a new client, and number the queue afresh from 1. Accepted but
    // unacknowledged mutations go again, since the new history may not contain them.
    if (!q.exec(QStringLiteral("UPDATE outbox SET mid = NULL")))
        return storageError(q, tr("starting a full download"));
    if (!q.exec(QStringLiteral("UPDATE outbox SET state = 'pending' WHERE state = 'sent'")))
        return storageError(q, tr("starting a full download"));
    // A first download under way was of the old history: it starts again.
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kSnapshotKey));
    if (!q.exec())
        return storageError(q, tr("starting a full download"));
    q.prepare(QStringLiteral("UPDATE sync_client SET client_id = ?, epoch = ?, cursor = NULL, cursor_seq = 0, "
                             "last_mid = 0, acked_mid = 0 WHERE id = 1"));
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(epoch);
    if (!q.exec())
        return storageError(q, tr("starting a full download"));
    return tx.commit();
}

Result<SnapshotProgress> SyncStore::snapshotProgress() const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kSnapshotKey));
    if (!q.exec())
        return storageError(q, tr("reading the download progress"));
    SnapshotProgress p;
    if (!q.next())
        return p;
    const QJsonObject o = object(q.value(0).toString());
    p.active = true;
    p.epoch = o.value(QStringLiteral("epoch")).toString();
    p.cursor = o.value(QStringLiteral("cursor")).toString();
    p.upTo = qint64(o.value(QStringLiteral("upTo")).toDouble());
    p.after = o.value(QStringLiteral("after")).toString();
    p.total = qint64(o.value(QStringLiteral("total")).toDouble(-1));
    p.done = qint64(o.value(QStringLiteral("done")).toDouble());
    return p;
}

Result<int> SyncStore::applySnapshotChunk(const QString &after, const SnapshotChunk &chunk,
                                          SnapshotSearchRows *searchRows) const
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun.error();
    auto stored = snapshotProgress();
    if (!stored)
        return stored.error();
    SnapshotProgress progress = stored.value();
    auto current = state();
    if (!current)
        return current.error();
    // A late or repeated answer, or a download that finished or restarted meanwhile.
    if (!current.value().cursor.isEmpty() || progress.after != after
        || (progress.active && progress.epoch != chunk.epoch) || (!progress.active && !after.isEmpty()))
        return Error(ErrorCode::Conflict, tr("The download moved on; the chunk was discarded."),
                     QStringLiteral("stale_page"));
    if (!progress.active) {
        progress.active = true;
        progress.epoch = chunk.epoch;
        progress.cursor = chunk.cursor;
        progress.upTo = chunk.upTo;
    }
    if (chunk.total >= 0)
        progress.total = chunk.total;

    const QSqlDatabase db = m_db.connection();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int applied = 0;
    if (!chunk.users.isEmpty()) {
        QSqlQuery q(db);
        for (const QJsonValue &value : chunk.users) {
            const QJsonArray u = value.toArray();
            const QString id = u.at(0).toString();
            const QString username = u.at(1).toString();
            // A local account with the same name but another id yields its name.
            q.prepare(QStringLiteral("UPDATE users SET username = '#' || id WHERE username = ? AND id <> ?"));
            q.addBindValue(username);
            q.addBindValue(id);
            if (!q.exec())
                return storageError(q, tr("saving a user"));
            q.prepare(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                                     "username = excluded.username, display_name = excluded.display_name, "
                                     "role = excluded.role, active = excluded.active"));
            q.addBindValue(id);
            q.addBindValue(username);
            q.addBindValue(u.at(2).toString());
            q.addBindValue(u.at(3).toString());
            q.addBindValue(u.at(4).toBool() ? 1 : 0);
            q.addBindValue(now);
            if (!q.exec())
                return storageError(q, tr("saving a user"));
            ++applied;
        }
    }

    // The notes column feeds search: the bodies of a lead's notes in timeline order, as
    // the paged pull builds it. The server sends each timeline in that order.
    QHash<QByteArrayView, QByteArray> notes;
    // When each lead entered its status (its latest status change): written with the lead,
    // since the download suspends the trigger that keeps it row by row.
    QHash<QByteArrayView, qint64> statusChanged;
    for (qsizetype k = 0; k < chunk.interactionCount(); ++k) {
        const QByteArrayView kind = chunk.text(chunk.interaction(k, 2));
        if (kind == "status_change") {
            const SnapshotChunk::Cell &at = chunk.interaction(k, 3);
            const qint64 when = at.kind == SnapshotChunk::Cell::Number ? at.number : 0;
            auto it = statusChanged.find(chunk.text(chunk.interaction(k, 1)));
            if (it == statusChanged.end())
                statusChanged.insert(chunk.text(chunk.interaction(k, 1)), when);
            else if (*it < when)
                *it = when;
            continue;
        }
        if (kind != "note")
            continue;
        QByteArray &text = notes[chunk.text(chunk.interaction(k, 1))];
        if (!text.isEmpty())
            text += '\n';
        text += chunk.text(chunk.interaction(k, 6));
    }

    BulkStatement contact(db, "INSERT INTO contacts (id, phone, email, display_name, created_at) VALUES (?, ?, ?, ?, ?) "
                              "ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, email = excluded.email, "
                              "display_name = excluded.display_name");
    BulkStatement placeholder(db, "INSERT OR IGNORE INTO users (id, username, display_name, role, created_at) "
                                  "VALUES (?, '#' || ?, '', 'agent', ?)");
    // lead_no is given (the next free numbers) so that a search index built on the side
    // knows each row's number; a lead already present keeps its own.
    BulkStatement lead(
        db, "INSERT INTO leads (id, contact_id, name, company, phone, email, search_phone, source, source_detail, "
            "campaign, status, status_rank, status_version, is_final, lost_reason, assignee_id, ai_score, "
            "manual_score, score, qualification_method, follow_up_at, created_at, updated_at, last_activity_at, "
            "version, server_seq, ai_reasons, notes, lead_no, status_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET contact_id = excluded.contact_id, name = excluded.name, "
            "company = excluded.company, phone = excluded.phone, email = excluded.email, "
            "search_phone = excluded.search_phone, source = excluded.source, source_detail = excluded.source_detail, "
            "campaign = excluded.campaign, status = excluded.status, status_rank = excluded.status_rank, "
            "status_version = excluded.status_version, is_final = excluded.is_final, "
            "lost_reason = excluded.lost_reason, assignee_id = excluded.assignee_id, ai_score = excluded.ai_score, "
            "manual_score = excluded.manual_score, score = excluded.score, "
            "qualification_method = excluded.qualification_method, follow_up_at = excluded.follow_up_at, "
            "created_at = excluded.created_at, updated_at = excluded.updated_at, "
            "last_activity_at = excluded.last_activity_at, version = excluded.version, "
            "server_seq = excluded.server_seq, ai_reasons = excluded.ai_reasons, notes = excluded.notes, "
            "status_changed_at = excluded.status_changed_at");
    BulkStatement interaction(db, "INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, "
                                  "body, data, synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE "
                                  "SET body = excluded.body, data = excluded.data, synced = 1");
    for (const BulkStatement *s : {&contact, &placeholder, &lead, &interaction}) {
        if (!s->isValid())
            return Error(ErrorCode::Storage, tr("Saving the download failed: %1").arg(s->lastError()));
    }
    qint64 leadNo = 1;
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(lead_no), 0) + 1 FROM leads")) || !q.next())
            return storageError(q, tr("saving a lead from the server"));
        leadNo = q.value(0).toLongLong();
    }
    if (searchRows)
        searchRows->reserve(size_t(chunk.leadCount()));
    // The team is a few dozen people: a placeholder row is written only for an assignee
    // not among them, instead of an INSERT OR IGNORE per lead.
    QSet<QByteArray> knownUsers;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id FROM users")))
            return storageError(q, tr("saving an agent"));
        while (q.next())
            knownUsers.insert(q.value(0).toString().toUtf8());
    }

    // Every text below lives in the chunk's arena until the step: bound without a copy.
    using Cell = SnapshotChunk::Cell;
    auto text = [&chunk](const Cell &c) { return chunk.text(c); };
    // Null, or (for text that may be absent) empty, binds NULL — as the paged pull stores it.
    auto bindOrNull = [&chunk](BulkStatement &st, int pos, const Cell &c) {
        if (c.kind == Cell::Number)
            st.bind(pos, c.number);
        else if (c.kind == Cell::Text && c.size > 0)
            st.bindStatic(pos, chunk.text(c));
        else
            st.bindNull(pos);
    };
    auto number = [](const Cell &c, qint64 fallback) { return c.kind == Cell::Number ? c.number : fallback; };
    QString last;
    QByteArray phoneTokens;
    for (qsizetype k = 0; k < chunk.leadCount(); ++k) {
        auto r = [&chunk, k](int column) -> const Cell & { return chunk.lead(k, column); };
        const QByteArrayView id = text(r(0));
        const QByteArrayView contactId = text(r(1));
        contact.bindStatic(1, contactId);
        bindOrNull(contact, 2, r(2));
        bindOrNull(contact, 3, r(3));
        contact.bindStatic(4, text(r(4)));
        contact.bind(5, now);
        if (auto done = contact.step("saving a contact"); !done)
            return done.error();
        const Cell &assignee = r(15);
        if (assignee.kind == Cell::Text && assignee.size > 0
            && !knownUsers.contains(QByteArray::fromRawData(text(assignee).data(), text(assignee).size()))) {
            // Users come with the first chunk; one created since keeps the reference valid
            // until the pull from the cursor brings its row.
            placeholder.bindStatic(1, text(assignee));
            placeholder.bindStatic(2, text(assignee));
            placeholder.bind(3, now);
            if (auto done = placeholder.step("saving an agent"); !done)
                return done.error();
            knownUsers.insert(text(assignee).toByteArray());
        }
        const auto status =
            Status::fromId(QString::fromLatin1(text(r(12)).first(std::min<qsizetype>(text(r(12)).size(), 32)))).value_or(LeadStatus::New);
        const QByteArrayView phone = text(r(7));
        phoneTokens = SearchIndex::phoneTokens(QString::fromUtf8(phone)).toUtf8();
        const Cell &ai = r(16);
        const Cell &manual = r(17);
        lead.bindStatic(1, id);
        lead.bindStatic(2, contactId);
        lead.bindStatic(3, text(r(5)));
        lead.bindStatic(4, text(r(6)));
        lead.bindStatic(5, phone);
        lead.bindStatic(6, text(r(8)));
        lead.bindStatic(7, phoneTokens);
        lead.bindStatic(8, text(r(9)));
        lead.bindStatic(9, text(r(10)));
        lead.bindStatic(10, text(r(11)));
        lead.bind(11, Status::id(status));
        lead.bind(12, qint64(Status::index(status)));
        lead.bind(13, number(r(13), 1));
        lead.bind(14, qint64(Status::isFinal(status) ? 1 : 0));
        bindOrNull(lead, 15, r(14));
        bindOrNull(lead, 16, assignee);
        bindOrNull(lead, 17, ai);
        bindOrNull(lead, 18, manual);
        bindOrNull(lead, 19, manual.kind == Cell::Number ? manual : ai); // the effective score
        lead.bindStatic(20, text(r(18)));
        bindOrNull(lead, 21, r(19));
        const qint64 created = number(r(20), now);
        lead.bind(22, created);
        lead.bind(23, number(r(21), created));
        lead.bind(24, number(r(22), created));
        lead.bind(25, number(r(23), 1));
        lead.bind(26, number(r(24), 0));
        const QByteArrayView reasons = text(r(25));
        lead.bindStatic(27, reasons.isEmpty() ? QByteArrayView("[]") : reasons);
        const QByteArray &leadNotes = notes.value(id);
        lead.bindStatic(28, leadNotes);
        lead.bind(29, leadNo);
        if (auto changed = statusChanged.constFind(id); changed != statusChanged.cend())
            lead.bind(30, *changed);
        else
            lead.bindNull(30);
        if (auto done = lead.step("saving a lead from the server"); !done)
            return done.error();
        if (searchRows) {
            searchRows->push_back({leadNo, text(r(5)).toByteArray(), text(r(6)).toByteArray(), phoneTokens,
                                   text(r(8)).toByteArray(), leadNotes});
        }
        ++leadNo;
        if (k + 1 == chunk.leadCount())
            last = QString::fromUtf8(id);
        ++applied;
    }
    for (qsizetype k = 0; k < chunk.interactionCount(); ++k) {
        auto i = [&chunk, k](int column) -> const Cell & { return chunk.interaction(k, column); };
        interaction.bindStatic(1, text(i(0)));
        interaction.bindStatic(2, text(i(1)));
        interaction.bindStatic(3, text(i(2)));
        interaction.bind(4, number(i(3), 0));
        bindOrNull(interaction, 5, i(4));
        interaction.bindStatic(6, text(i(5)));
        interaction.bindStatic(7, text(i(6)));
        const QByteArrayView data = text(i(7));
        interaction.bindStatic(8, data.isEmpty() ? QByteArrayView("{}") : data);
        if (auto done = interaction.step("saving a timeline entry"); !done)
            return done.error();
        ++applied;
    }

    progress.after = chunk.hasMore ? chunk.next : (last.isEmpty() ? after : last);
    progress.done += chunk.leadCount();
    const QJsonObject saved {{QStringLiteral("epoch"), progress.epoch},
                             {QStringLiteral("cursor"), progress.cursor},
                             {QStringLiteral("upTo"), progress.upTo},
                             {QStringLiteral("after"), progress.after},
                             {QStringLiteral("total"), progress.total},
                             {QStringLiteral("done"), progress.done}};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"));
    q.addBindValue(QLatin1String(kSnapshotKey));
    q.addBindValue(json(saved));
    if (!q.exec())
        return storageError(q, tr("saving the download progress"));
    q.finish();
    if (auto done = tx.commit(); !done)
        return done.error();
    return applied;
}

Outcome SyncStore::finishSnapshot() const
{
    Transaction tx(m_db.connection());
    if (auto begun = tx.begun(); !begun)
        return begun;
    auto stored = snapshotProgress();
    if (!stored)
        return stored.error();
    const SnapshotProgress &progress = stored.value();
    if (!progress.active)
        return {};
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE sync_client SET epoch = ?, cursor = ?, cursor_seq = ?, last_sync_at = ? "
                             "WHERE id = 1"));
    q.addBindValue(progress.epoch);
    q.addBindValue(progress.cursor);
    q.addBindValue(progress.upTo);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("saving the sync cursor"));
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kSnapshotKey));
    if (!q.exec())
        return storageError(q, tr("saving the sync cursor"));
    // Local mutations the server has not reflected yet go back on top of its rows.
    QSet<QString> outstanding;
    if (!q.exec(QStringLiteral("SELECT DISTINCT o.lead_id FROM outbox o JOIN leads l ON l.id = o.lead_id "
                               "WHERE o.state IN ('pending', 'sent')")))
        return storageError(q, tr("reading the outbox"));
    while (q.next())
        outstanding.insert(q.value(0).toString());
    q.finish();
    SyncStatements statements(m_db.connection());
    if (auto tidy = replayAndTidy(statements, outstanding); !tidy)
        return tidy;
    statements.finishAll();
    return tx.commit();
}

int SyncStore::pendingCount() const
{
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

int SyncStore::awaitingAckCount() const
{
    QSqlQuery q(m_db.connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE state = 'sent'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QList<NotApplied> SyncStore::notApplied() const
{
    QList<NotApplied> out;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT seq, COALESCE(mid, 0), type, COALESCE(lead_id, ''), payload, "
                               "COALESCE(error_code, ''), COALESCE(error_message, ''), COALESCE(server_value, '') "
                               "FROM outbox WHERE state = 'rejected' ORDER BY seq")))
        return out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
                    object(q.value(4).toString()), q.value(5).toString(), q.value(6).toString(),
                    object(q.value(7).toString())});
    return out;
}

Outcome SyncStore::dismiss(qint64 seq) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq = ? AND state = 'rejected'"));
    q.addBindValue(seq);
    if (!q.exec())
        return storageError(q, tr("dismissing a refused change"));
    return {};
}

} // namespace Leads
