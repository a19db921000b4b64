// SPDX-License-Identifier: GPL-3.0-or-later
#include "servermigrations.h"

#include "serverdatabase.h"
#include "writetransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QStringList>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcServerDb)

namespace Leads::Server {

namespace {

struct Migration {
    int version;
    QStringList statements;
};

QStringList schemaV1()
{
    return {
        // The commit-ordered change counter (one row) and the epoch that changes when the
        // database is restored or recreated, so clients know to resync.
        QStringLiteral(R"(CREATE TABLE sync_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq BIGINT NOT NULL,
            epoch TEXT NOT NULL))"),
        QStringLiteral("INSERT INTO sync_state (id, seq, epoch) VALUES (1, 0, '%1')")
            .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
        QStringLiteral(R"(CREATE TABLE users (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'manager', 'admin')),
            active INTEGER NOT NULL DEFAULT 1,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            change_seq BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX users_change_seq ON users (change_seq)"),
        // A session is one sign-in on one device: the family of its rotating refresh tokens.
        QStringLiteral(R"(CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id),
            created_at BIGINT NOT NULL,
            last_used_at BIGINT NOT NULL,
            revoked_at BIGINT,
            revoke_reason TEXT))"),
        QStringLiteral("CREATE INDEX sessions_user ON sessions (user_id)"),
        // Only SHA-256 digests of tokens are stored; a database leak gives no usable token.
        QStringLiteral(R"(CREATE TABLE auth_tokens (
            token_hash TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
            session_id TEXT NOT NULL REFERENCES sessions (id),
            user_id TEXT NOT NULL REFERENCES users (id),
            issued_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT))"),
        QStringLiteral("CREATE INDEX auth_tokens_session ON auth_tokens (session_id)"),
        QStringLiteral("CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at)"),
        QStringLiteral(R"(CREATE TABLE login_throttle (
            throttle_key TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_failure_at BIGINT NOT NULL,
            blocked_until BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            change_seq BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            phone TEXT,
            email TEXT,
            display_name TEXT NOT NULL DEFAULT '',
            created_at BIGINT NOT NULL,
            change_seq BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX contacts_phone ON contacts (phone) WHERE phone IS NOT NULL"),
        QStringLiteral("CREATE INDEX contacts_email ON contacts (email) WHERE email IS NOT NULL"),
        // status_v / assignee_v / score_v are the per-field versions sync compares (CAS).
        QStringLiteral(R"(CREATE TABLE leads (
            id TEXT PRIMARY KEY,
            contact_id TEXT NOT NULL REFERENCES contacts (id),
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            source_detail TEXT NOT NULL DEFAULT '',
            campaign TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'qualifying', 'qualified',
                                                   'follow_up', 'converted', 'lost', 'archived')),
            status_rank INTEGER NOT NULL,
            is_final INTEGER NOT NULL DEFAULT 0,
            lost_reason TEXT,
            assignee_id TEXT REFERENCES users (id),
            ai_score INTEGER CHECK (ai_score BETWEEN 0 AND 100),
            manual_score INTEGER CHECK (manual_score BETWEEN 0 AND 100),
            score INTEGER CHECK (score BETWEEN 0 AND 100),
            qualification_method TEXT NOT NULL DEFAULT '',
            qualified_by TEXT,
            qualified_at BIGINT,
            follow_up_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            last_activity_at BIGINT NOT NULL,
            status_v INTEGER NOT NULL DEFAULT 1,
            assignee_v INTEGER NOT NULL DEFAULT 1,
            score_v INTEGER NOT NULL DEFAULT 1,
            version INTEGER NOT NULL DEFAULT 1,
            deleted INTEGER NOT NULL DEFAULT 0,
            change_seq BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX leads_change_seq ON leads (change_seq)"),
        QStringLiteral("CREATE INDEX leads_contact ON leads (contact_id)"),
        QStringLiteral("CREATE INDEX leads_assignee ON leads (assignee_id)"),
        QStringLiteral("CREATE INDEX leads_phone ON leads (phone)"),
        QStringLiteral("CREATE INDEX leads_email ON leads (email)"),
        QStringLiteral("CREATE INDEX leads_created ON leads (created_at, id)"),
        QStringLiteral("CREATE INDEX leads_activity ON leads (last_activity_at, id)"),
        QStringLiteral(R"(CREATE TABLE interactions (
            id TEXT PRIMARY KEY,
            lead_id TEXT NOT NULL REFERENCES leads (id),
            kind TEXT NOT NULL,
            occurred_at BIGINT NOT NULL,
            author_id TEXT,
            author_name TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}',
            change_seq BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX interactions_lead ON interactions (lead_id, occurred_at)"),
        QStringLiteral("CREATE INDEX interactions_change_seq ON interactions (change_seq)"),
        // Exactly-once mutations (see the sync protocol): the last mutation number applied
        // per client, and each mutation's outcome, written in the transaction of its effect.
        QStringLiteral(R"(CREATE TABLE sync_clients (
            client_id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id),
            last_mutation_id BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE mutation_log (
            client_id TEXT NOT NULL,
            mid BIGINT NOT NULL,
            name TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
            code TEXT,
            message TEXT,
            applied_seq BIGINT,
            processed_at BIGINT NOT NULL,
            PRIMARY KEY (client_id, mid)))"),
    };
}

// Lead capture: integration secrets, the delivered-event ledger, chat messages of contacts
// that are not (yet) leads, and the custom attributes integrations send.
QStringList schemaV2Ingest()
{
    return {
        // The secret must be readable to verify an HMAC, so it is stored as issued; it is
        // never returned after creation, and rotation or revocation replaces it at once.
        QStringLiteral(R"(CREATE TABLE integrations (
            name TEXT PRIMARY KEY,
            secret TEXT NOT NULL,
            secret_version INTEGER NOT NULL DEFAULT 1,
            created_at BIGINT NOT NULL,
            rotated_at BIGINT NOT NULL,
            revoked_at BIGINT,
            created_by TEXT))"),
        // One row per delivered event, written in the transaction of its effect, so a
        // re-delivery is recognised and changes nothing.
        QStringLiteral(R"(CREATE TABLE ingest_events (
            source TEXT NOT NULL,
            event_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            lead_id TEXT,
            contact_id TEXT,
            processed_at BIGINT NOT NULL,
            PRIMARY KEY (source, event_id)))"),
        QStringLiteral(R"(CREATE TABLE chat_messages (
            id TEXT PRIMARY KEY,
            contact_id TEXT NOT NULL REFERENCES contacts (id),
            lead_id TEXT REFERENCES leads (id),
            conversation_id TEXT NOT NULL DEFAULT '',
            direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
            body TEXT NOT NULL DEFAULT '',
            occurred_at BIGINT NOT NULL,
            change_seq BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX chat_messages_contact ON chat_messages (contact_id, occurred_at)"),
        QStringLiteral(R"(CREATE TABLE lead_attributes (
            lead_id TEXT NOT NULL REFERENCES leads (id),
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            change_seq BIGINT NOT NULL,
            PRIMARY KEY (lead_id, name)))"),
    };
}

// AI qualification: the reasons beside the score, when it was computed (leads with newer
// activity are rescored) and when the AI moved the lead, so that it does so only once.
QStringList schemaV3Scoring()
{
    return {
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_reasons TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_scored_at BIGINT"),
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_qualified_at BIGINT"),
        QStringLiteral("CREATE INDEX leads_ai_stale ON leads (id) WHERE deleted = 0 AND is_final = 0 "
                       "AND (ai_scored_at IS NULL OR last_activity_at > ai_scored_at)"),
        QStringLiteral("CREATE INDEX leads_status_rank ON leads (status_rank)"),
    };
}

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        {1, schemaV1()},
        {2, schemaV2Ingest()},
        {3, schemaV3Scoring()},
    };
    return list;
}

} // namespace

int ServerMigrations::latest()
{
    return migrations().constLast().version;
}

Outcome ServerMigrations::apply(ServerDatabase &db)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                               "version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")))
        return dbError(q, QStringLiteral("creating the migrations table"));
    for (const Migration &m : migrations()) {
        WriteTransaction tx(db, WriteTransaction::Seq::None);
        if (auto begun = tx.begin(); !begun)
            return begun;
        // Several server processes may start at once on PostgreSQL: one migrates, the
        // others wait here and then see the version recorded.
        if (db.backend() == ServerDatabase::Backend::Postgres
            && !q.exec(QStringLiteral("SELECT pg_advisory_xact_lock(4242001)")))
            return dbError(q, QStringLiteral("locking the schema"));
        q.prepare(QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"));
        q.addBindValue(m.version);
        if (!q.exec())
            return dbError(q, QStringLiteral("reading the schema version"));
        if (q.next())
            continue;
        for (const QString &statement : m.statements) {
            if (!q.exec(statement))
                return dbError(q, QStringLiteral("upgrading to schema %1").arg(m.version));
        }
        q.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(m.version);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return dbError(q, QStringLiteral("recording the schema version"));
        if (auto done = tx.commit(); !done)
            return done;
        qCInfo(lcServerDb) << "server database migrated to schema" << m.version;
    }
    return {};
}

} // namespace Leads::Server
