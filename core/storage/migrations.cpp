// SPDX-License-Identifier: GPL-3.0-or-later
#include "migrations.h"

#include "database.h"
#include "leadscore.h"
#include "searchindex.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>

#include <iterator>

namespace Leads {

namespace {

// Secondary indexes, droppable around bulk loads and recreated (sorted, far faster than
// row by row) afterwards; Database::open recreates any that a crash left missing.
struct IndexDef
{
    const char *name;
    const char *definition;
    // Keys that bulk loads write in ascending order (time-ordered ids) only ever append to
    // the index, which costs less than building it again from a scan afterwards.
    bool keptInBulkLoads = false;
    // The schema version that added the index's columns: the migration of that version
    // creates it (an older migration must not name a column it does not have yet).
    int since = 1;
};
constexpr IndexDef kSecondaryIndexes[] = {
    {"contacts_phone", "ON contacts (phone) WHERE phone IS NOT NULL"},
    {"contacts_email", "ON contacts (email) WHERE email IS NOT NULL"},
    {"leads_contact", "ON leads (contact_id)", true},
    {"leads_status", "ON leads (status_rank)"},
    {"leads_assignee", "ON leads (assignee_id)"},
    {"leads_created", "ON leads (created_at)"},
    {"leads_activity", "ON leads (last_activity_at)"},
    {"leads_score", "ON leads (score)"},
    {"leads_follow_up", "ON leads (follow_up_at) WHERE follow_up_at IS NOT NULL"},
    {"leads_name", "ON leads (name COLLATE NOCASE)"},
    {"leads_company", "ON leads (company COLLATE NOCASE)"},
    {"leads_source", "ON leads (source)"},
    {"interactions_lead", "ON interactions (lead_id, occurred_at)", true},
    // The pipeline dashboard (PipelineStats): every column its aggregates read or filter
    // on, in an order that lets them group without sorting; and each lead's status changes
    // (the last one is when it entered its current status) without reading the timeline.
    {"leads_pipeline",
     "ON leads (is_final, status_rank, assignee_id, id, created_at, source, campaign, follow_up_at, lost_reason)"},
    // kind is a column too: SQLite reads an index as covering only when it holds every
    // column the query names, the partial index's own condition included.
    {"interactions_status_change", "ON interactions (lead_id, kind, occurred_at) WHERE kind = 'status_change'", true},
    // Aging and time to convert: when each lead entered its current status, next to every
    // column the dashboard filters on, so both are one range scan of this index.
    {"leads_stage_age",
     "ON leads (is_final, status_rank, status_changed_at, created_at, assignee_id, source, campaign)", false, 4},
    // Possible duplicates (DuplicateFinder): active leads grouped by normalised phone,
    // e-mail or company without reading the table.
    {"leads_dup_phone", "ON leads (phone) WHERE phone <> '' AND is_final = 0", false, 5},
    {"leads_dup_email", "ON leads (email) WHERE email <> '' AND is_final = 0", false, 5},
    {"leads_dup_company", "ON leads (company COLLATE NOCASE) WHERE company <> '' AND is_final = 0", false, 5},
    // Stale leads (LeadQuery::staleCondition): per active status, the leads whose last
    // activity is older than the status's limit, as one range of this index per status.
    {"leads_stale", "ON leads (status_rank, last_activity_at) WHERE is_final = 0", false, 6},
};

QString createIndexSql(const IndexDef &index)
{
    return QStringLiteral("CREATE INDEX IF NOT EXISTS %1 %2")
        .arg(QLatin1String(index.name), QLatin1String(index.definition));
}

struct Migration
{
    int version;
    QStringList statements;
};

QStringList schemaV1()
{
    QStringList s = {
        QStringLiteral(R"(CREATE TABLE users (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('agent', 'manager', 'admin')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE contacts (
            id TEXT PRIMARY KEY,
            phone TEXT,
            email TEXT,
            display_name TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL))"),
        // lead_no is the stable integer rowid the FTS index points at (VACUUM keeps it).
        QStringLiteral(R"(CREATE TABLE leads (
            lead_no INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            contact_id TEXT NOT NULL REFERENCES contacts (id),
            name TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            search_phone TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            source_detail TEXT NOT NULL DEFAULT '',
            campaign TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'qualifying', 'qualified',
                                                   'follow_up', 'converted', 'lost', 'archived')),
            status_rank INTEGER NOT NULL,
            status_version INTEGER NOT NULL DEFAULT 1,
            is_final INTEGER NOT NULL DEFAULT 0,
            lost_reason TEXT,
            assignee_id TEXT REFERENCES users (id),
            ai_score INTEGER CHECK (ai_score BETWEEN 0 AND 100),
            manual_score INTEGER CHECK (manual_score BETWEEN 0 AND 100),
            score INTEGER CHECK (score BETWEEN 0 AND 100),
            qualification_method TEXT NOT NULL DEFAULT '',
            qualified_by TEXT,
            qualified_at INTEGER,
            follow_up_at INTEGER,
            notes TEXT NOT NULL DEFAULT '',
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            last_activity_at INTEGER NOT NULL,
            version INTEGER NOT NULL DEFAULT 1))"),
        QStringLiteral(R"(CREATE TABLE lead_attributes (
            lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('text', 'number', 'category')),
            value TEXT NOT NULL,
            PRIMARY KEY (lead_id, key)) WITHOUT ROWID)"),
        QStringLiteral(R"(CREATE TABLE interactions (
            interaction_no INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('created', 'broadcast_reply', 'chat_in', 'chat_out',
                                               'integration', 'status_change', 'assignment',
                                               'note', 'qualification', 'follow_up')),
            occurred_at INTEGER NOT NULL,
            author_id TEXT,
            author_name TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}'))"),
        QStringLiteral(R"(CREATE TABLE lost_reasons (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL UNIQUE,
            retired INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0))"),
        QStringLiteral(R"(INSERT INTO lost_reasons (label, position) VALUES
            ('No budget', 1), ('Chose a competitor', 2), ('No response', 3),
            ('Not a fit', 4), ('Bad timing', 5), ('Duplicate', 6))"),
        QStringLiteral(R"(CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL))"),
        QStringLiteral(R"(CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            mutation_id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            lead_id TEXT,
            payload TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
            error_code TEXT,
            error_message TEXT))"),
    };
    s.append(QStringLiteral("CREATE INDEX outbox_state ON outbox (state, seq)"));
    for (const IndexDef &index : kSecondaryIndexes) {
        if (index.since == 1)
            s.append(createIndexSql(index));
    }
    s += SearchIndex::createStatements();
    return s;
}

// AI qualification: the reasons behind the AI score (a JSON array of sentences for the
// lead detail), when it was computed (rescore what changed since), and when the AI moved
// the lead to Qualified (the move happens once).
QStringList schemaV2()
{
    return {
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_reasons TEXT NOT NULL DEFAULT '[]'"),
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_scored_at INTEGER"),
        QStringLiteral("ALTER TABLE leads ADD COLUMN ai_qualified_at INTEGER"),
    };
}

// Sync (docs/sync.md): the client's identity, cursor and mutation counter; each outbox
// mutation's number (assigned once, so a retry is recognised) and the server's value when
// it was refused; the server change a lead row reflects; which timeline rows came from
// the server (the rest are local until the server's copy arrives).
QStringList schemaV3()
{
    return {
        QStringLiteral(R"(CREATE TABLE sync_client (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            client_id TEXT NOT NULL,
            server_url TEXT NOT NULL DEFAULT '',
            user_id TEXT NOT NULL DEFAULT '',
            epoch TEXT,
            cursor TEXT,
            cursor_seq INTEGER NOT NULL DEFAULT 0,
            last_mid INTEGER NOT NULL DEFAULT 0,
            acked_mid INTEGER NOT NULL DEFAULT 0,
            last_sync_at INTEGER))"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN mid INTEGER"),
        QStringLiteral("ALTER TABLE outbox ADD COLUMN server_value TEXT"),
        QStringLiteral("CREATE UNIQUE INDEX outbox_mid ON outbox (mid) WHERE mid IS NOT NULL"),
        QStringLiteral("ALTER TABLE leads ADD COLUMN server_seq INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE interactions ADD COLUMN synced INTEGER NOT NULL DEFAULT 0"),
    };
}

// When each lead entered its current status (the dashboard's aging and time to convert
// read it for a million leads in one index scan instead of a seek into the timeline per
// lead). A trigger keeps it equal to the lead's latest status-change interaction,
// whichever writer adds it (LeadService, the AI, sync, imports, the seed); NULL means the
// status never changed, so the lead is in it since created_at.
QString statusBackfillSql(const QString &where)
{
    return QStringLiteral("UPDATE leads SET status_changed_at = (SELECT MAX(i.occurred_at) FROM interactions i "
                          "WHERE i.lead_id = leads.id AND i.kind = 'status_change')")
        + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
}

QString statusTriggerSql()
{
    return QStringLiteral(R"(CREATE TRIGGER IF NOT EXISTS interactions_status_changed AFTER INSERT ON interactions
            WHEN new.kind = 'status_change' BEGIN
                UPDATE leads SET status_changed_at = new.occurred_at
                WHERE id = new.lead_id AND (status_changed_at IS NULL OR status_changed_at < new.occurred_at);
            END)");
}

const char kStatusTriggerSuspended[] = "storage.status_trigger_suspended";

QStringList schemaV4()
{
    QStringList s = {
        QStringLiteral("ALTER TABLE leads ADD COLUMN status_changed_at INTEGER"),
        statusBackfillSql({}),
        statusTriggerSql(),
    };
    for (const IndexDef &index : kSecondaryIndexes) {
        if (index.since == 4)
            s.append(createIndexSql(index));
    }
    return s;
}

// Tags people put on leads (bulk edits add them; kept in this workspace, the server has
// no tags yet) and the indexes that find possible duplicates.
QStringList schemaV5()
{
    QStringList s = {
        QStringLiteral(R"(CREATE TABLE lead_tags (
            lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
            tag TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (lead_id, tag)) WITHOUT ROWID)"),
        QStringLiteral("CREATE INDEX lead_tags_tag ON lead_tags (tag)"),
    };
    for (const IndexDef &index : kSecondaryIndexes) {
        if (index.since == 5)
            s.append(createIndexSql(index));
    }
    return s;
}

// Saved views of the lead list: each user's own (ordered by them) and the team views a
// manager shares, mirrored from the server (owner_id empty, team = 1); the stale index.
QStringList schemaV6()
{
    QStringList s = {
        QStringLiteral(R"(CREATE TABLE saved_views (
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL DEFAULT '',
            team INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL DEFAULT '{}',
            updated_at INTEGER NOT NULL))"),
        QStringLiteral("CREATE INDEX saved_views_owner ON saved_views (owner_id, team, position)"),
    };
    for (const IndexDef &index : kSecondaryIndexes) {
        if (index.since == 6)
            s.append(createIndexSql(index));
    }
    return s;
}

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        {1, schemaV1()},
        {2, schemaV2()},
        {3, schemaV3()},
        {4, schemaV4()},
        {5, schemaV5()},
        {6, schemaV6()},
    };
    return list;
}

} // namespace

int Migrations::latest()
{
    return migrations().constLast().version;
}

QStringList Migrations::statements(int version)
{
    for (const Migration &m : migrations()) {
        if (m.version == version)
            return m.statements;
    }
    return {};
}

Outcome Migrations::apply(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return storageError(q, QStringLiteral("reading the schema version"));
    const int current = q.value(0).toInt();
    q.finish();

    for (const Migration &m : migrations()) {
        if (m.version <= current)
            continue;
        Transaction tx(db);
        if (!tx.isActive())
            return Error(ErrorCode::Storage,
                         QCoreApplication::translate("Migrations", "Cannot upgrade the database: %1")
                             .arg(tx.beginError()));
        for (const QString &statement : m.statements) {
            if (!q.exec(statement))
                return storageError(
                    q, QCoreApplication::translate("Migrations", "upgrading to schema %1").arg(m.version));
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)))
            return storageError(q, QStringLiteral("setting the schema version"));
        if (auto done = tx.commit(); !done)
            return done;
        qCInfo(lcStorage) << "database migrated to schema" << m.version;
    }
    return {};
}

Outcome Migrations::dropSecondaryIndexes(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const IndexDef &index : kSecondaryIndexes) {
        if (index.keptInBulkLoads)
            continue;
        if (!q.exec(QStringLiteral("DROP INDEX IF EXISTS %1").arg(QLatin1String(index.name))))
            return storageError(q, QStringLiteral("dropping indexes for a bulk load"));
    }
    return {};
}

Outcome Migrations::suspendStatusTrigger(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')"));
    q.addBindValue(QLatin1String(kStatusTriggerSuspended));
    if (!q.exec() || !q.exec(QStringLiteral("DROP TRIGGER IF EXISTS interactions_status_changed")))
        return storageError(q, QStringLiteral("suspending the status trigger"));
    return {};
}

Outcome Migrations::resumeStatusTrigger(QSqlDatabase &db, const QString &backfillWhere)
{
    QSqlQuery q(db);
    if (!q.exec(statusTriggerSql()) || (!backfillWhere.isEmpty() && !q.exec(statusBackfillSql(backfillWhere))))
        return storageError(q, QStringLiteral("restoring the status trigger"));
    q.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kStatusTriggerSuspended));
    if (!q.exec())
        return storageError(q, QStringLiteral("restoring the status trigger"));
    return {};
}

Outcome Migrations::repairStatusTrigger(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM settings WHERE key = ?"));
    q.addBindValue(QLatin1String(kStatusTriggerSuspended));
    if (!q.exec() || !q.next())
        return storageError(q, QStringLiteral("checking the status trigger"));
    if (q.value(0).toInt() == 0)
        return {};
    q.finish();
    qCInfo(lcStorage) << "the status trigger was left suspended by an interrupted download; restoring it";
    return resumeStatusTrigger(db, QStringLiteral("1 = 1"));
}

int Migrations::secondaryIndexCount()
{
    return int(std::size(kSecondaryIndexes));
}

Outcome Migrations::ensureSecondaryIndex(QSqlDatabase &db, int index)
{
    if (index < 0 || index >= secondaryIndexCount())
        return {};
    QSqlQuery q(db);
    if (!q.exec(createIndexSql(kSecondaryIndexes[index])))
        return storageError(q, QStringLiteral("creating indexes"));
    return {};
}

Outcome Migrations::ensureSecondaryIndexes(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const IndexDef &index : kSecondaryIndexes) {
        if (!q.exec(createIndexSql(index)))
            return storageError(q, QStringLiteral("creating indexes"));
    }
    return {};
}

} // namespace Leads
