// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncservice.h"

#include "apiserver.h"
#include "authservice.h"
#include "fieldreader.h"
#include "leadrepository.h"
#include "mutationprocessor.h"
#include "serverclock.h"
#include "serverdatabase.h"
#include "writetransaction.h"
#include "settingsstore.h"

#include <QCborMap>
#include <QCborStreamWriter>
#include <QCborValue>
#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QUuid>

#include <iterator>
#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcServerSync, "leads.server.sync")

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SyncService", text);
}

ApiResponse busy()
{
    return ApiResponse::error(503, QStringLiteral("busy"), tr("The server is busy; try again in a moment."))
        .withHeader("Retry-After", "1");
}

struct ClientRow {
    QString userId;
    qint64 lastMutationId = 0;
};

Result<std::optional<ClientRow>> findClient(ServerDatabase &db, const QString &clientId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT user_id, last_mutation_id FROM sync_clients WHERE client_id = ?"));
    q.addBindValue(clientId);
    if (!q.exec())
        return dbError(q, tr("reading the sync client"));
    if (!q.next())
        return std::optional<ClientRow>();
    return std::optional<ClientRow>(ClientRow {q.value(0).toString(), q.value(1).toLongLong()});
}

// Advances the client's counter from mid - 1 to mid and logs the outcome, inside the
// caller's transaction. Fails (raced = true) when another push of the same client got
// there first, so the effect rolls back instead of happening twice.
Outcome recordOutcome(ServerDatabase &db, const QString &clientId, qint64 mid, const QString &name,
                      const QString &outcome, const QString &code, const QString &message, qint64 appliedSeq,
                      qint64 nowMs, bool *raced)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "UPDATE sync_clients SET last_mutation_id = ? WHERE client_id = ? AND last_mutation_id = ?"));
    q.addBindValue(mid);
    q.addBindValue(clientId);
    q.addBindValue(mid - 1);
    if (!q.exec())
        return dbError(q, tr("numbering the client's mutation"));
    if (q.numRowsAffected() != 1) {
        *raced = true;
        return Error(ErrorCode::Conflict, tr("Another push of this client is running."),
                     QStringLiteral("push_in_progress"));
    }
    q.prepare(QStringLiteral("INSERT INTO mutation_log (client_id, mid, name, outcome, code, message, "
                             "applied_seq, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(clientId);
    q.addBindValue(mid);
    q.addBindValue(name.left(64));
    q.addBindValue(outcome);
    q.addBindValue(code.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(code));
    q.addBindValue(message.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(message.left(1000)));
    q.addBindValue(appliedSeq > 0 ? QVariant(appliedSeq) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(nowMs);
    if (!q.exec())
        return dbError(q, tr("logging the client's mutation"));
    return {};
}

struct Cursor {
    QString epoch;
    qint64 seq = 0;
};

std::optional<Cursor> decodeCursor(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    const QJsonValue e = o.value(QStringLiteral("e"));
    const QJsonValue s = o.value(QStringLiteral("s"));
    const qint64 seq = s.toInteger(-1); // -1 also for a number outside qint64
    if (!e.isString() || seq < 0)
        return std::nullopt;
    return Cursor {e.toString(), seq};
}

// A read snapshot: every SELECT of one pull sees the same committed state.
class ReadSnapshot {
public:
    explicit ReadSnapshot(ServerDatabase &db) : m_db(db) { }
    ~ReadSnapshot()
    {
        if (!m_active)
            return;
        QSqlQuery q(m_db.connection());
        q.exec(m_db.backend() == ServerDatabase::Backend::Sqlite ? QStringLiteral("COMMIT")
                                                                  : QStringLiteral("ROLLBACK"));
    }
    bool begin()
    {
        QSqlQuery q(m_db.connection());
        m_active = q.exec(m_db.backend() == ServerDatabase::Backend::Sqlite
                              ? QStringLiteral("BEGIN")
                              : QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
        return m_active;
    }

private:
    ServerDatabase &m_db;
    bool m_active = false;
};

QJsonObject interactionJson(const QSqlQuery &q)
{
    const QJsonDocument data = QJsonDocument::fromJson(q.value(7).toString().toUtf8());
    return {{QStringLiteral("id"), q.value(0).toString()},
            {QStringLiteral("leadId"), q.value(1).toString()},
            {QStringLiteral("kind"), q.value(2).toString()},
            {QStringLiteral("occurredAt"), q.value(3).toLongLong()},
            {QStringLiteral("authorId"), q.value(4).isNull() ? QJsonValue() : QJsonValue(q.value(4).toString())},
            {QStringLiteral("authorName"), q.value(5).toString()},
            {QStringLiteral("body"), q.value(6).toString()},
            {QStringLiteral("data"), data.isObject() ? data.object() : QJsonObject()}};
}

// The caller's scope as a condition on leads `l`, asked of the core rule rather than
// restated.
struct Scope {
    bool seesAll = true;
    QString sql = QStringLiteral("1 = 1");
    QVariantList binds;
};

Scope scopeOf(const PermissionMatrix &matrix, const Actor &actor)
{
    Scope scope;
    scope.seesAll = canSeeLead(matrix, actor, QStringLiteral("\u0001someone-else"));
    if (scope.seesAll)
        return scope;
    QStringList parts;
    if (canSeeLead(matrix, actor, actor.userId)) {
        parts << QStringLiteral("l.assignee_id = ?");
        scope.binds << actor.userId;
    }
    if (canSeeLead(matrix, actor, QString()))
        parts << QStringLiteral("l.assignee_id IS NULL");
    scope.sql = parts.isEmpty() ? QStringLiteral("1 = 0") : u'(' + parts.join(QLatin1String(" OR ")) + u')';
    return scope;
}

} // namespace

SyncService::SyncService(ServerDatabase &db, SettingsStore &settings, MutationProcessor &mutations,
                         const ServerClock &clock)
    : m_db(db), m_settings(settings), m_mutations(mutations), m_clock(clock)
{
}

QString SyncService::encodeCursor(const QString &epoch, qint64 seq)
{
    const QJsonObject o {{QStringLiteral("e"), epoch}, {QStringLiteral("s"), seq}};
    return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

ApiResponse SyncService::hello() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT epoch FROM sync_state WHERE id = 1")) || !q.next())
        return ApiResponse::fromError(dbError(q, tr("reading the server epoch")));
    return ApiResponse::ok({{QStringLiteral("protocol"), QJsonArray {kProtocol, kProtocol}},
                            {QStringLiteral("schema"), QJsonArray {1, m_db.schemaVersion()}},
                            {QStringLiteral("serverEpoch"), q.value(0).toString()},
                            {QStringLiteral("maxPushBatch"), kMaxPushBatch},
                            {QStringLiteral("maxPullLimit"), kMaxPullLimit},
                            {QStringLiteral("maxSnapshotLimit"), kMaxSnapshotLimit}});
}

ApiResponse SyncService::push(const AuthUser &user, const QJsonObject &body)
{
    FieldReader in(body, 10000);
    const auto clientArg = in.string(QStringLiteral("clientId"), FieldReader::Need::Required, 64);
    in.integer(QStringLiteral("schema"), FieldReader::Need::Optional, 0, 1000);
    const auto mutations = in.array(QStringLiteral("mutations"), FieldReader::Need::Required);
    if (auto done = in.finish(); !done)
        return ApiResponse::fromError(done.error());
    const QUuid clientUuid = QUuid::fromString(*clientArg);
    if (clientUuid.isNull())
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput, tr("\"clientId\" must be a UUID."), QStringLiteral("clientId")));
    const QString clientId = clientUuid.toString(QUuid::WithoutBraces);
    if (mutations->size() > kMaxPushBatch)
        return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                            tr("Push at most %1 mutations at a time.").arg(kMaxPushBatch),
                                            QStringLiteral("mutations")));

    // A client id belongs to the user who first pushed with it.
    auto known = findClient(m_db, clientId);
    if (!known)
        return ApiResponse::fromError(known.error());
    std::optional<ClientRow> client = known.value();
    if (!client) {
        WriteTransaction tx(m_db, WriteTransaction::Seq::None);
        if (auto begun = tx.begin(); !begun)
            return tx.transientFailure() ? busy() : ApiResponse::fromError(begun.error());
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("INSERT INTO sync_clients (client_id, user_id, last_mutation_id, created_at) "
                                 "VALUES (?, ?, 0, ?) ON CONFLICT (client_id) DO NOTHING"));
        q.addBindValue(clientId);
        q.addBindValue(user.id);
        q.addBindValue(m_clock.nowMs());
        if (!q.exec())
            return m_db.isTransient(q) ? busy() : ApiResponse::fromError(dbError(q, tr("registering the client")));
        if (auto done = tx.commit(); !done)
            return tx.transientFailure() ? busy() : ApiResponse::fromError(done.error());
        known = findClient(m_db, clientId);
        if (!known || !known.value())
            return busy();
        client = known.value();
    }
    if (client->userId != user.id)
        return ApiResponse::error(403, QStringLiteral("client_bound"),
                                  tr("This client id belongs to another user; sign in as that user "
                                     "or start a new local copy."));

    LeadRepository leads(m_db);
    QJsonArray results;
    qint64 last = client->lastMutationId;
    for (const QJsonValue &value : std::as_const(*mutations)) {
        const QJsonObject m = value.toObject();
        const QJsonValue midValue = m.value(QStringLiteral("mid"));
        // toInteger(): 0 (refused below) for a mid outside qint64, where a cast is undefined.
        const qint64 mid = midValue.toInteger(0);
        if (mid < 1 || double(mid) != midValue.toDouble())
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("Each mutation needs \"mid\", a whole number from 1."),
                                                QStringLiteral("mid")));
        if (mid <= last) {
            // A retry: answer what happened the first time, never apply again.
            QSqlQuery q(m_db.connection());
            q.prepare(QStringLiteral("SELECT outcome, code, message, applied_seq FROM mutation_log "
                                     "WHERE client_id = ? AND mid = ?"));
            q.addBindValue(clientId);
            q.addBindValue(mid);
            if (!q.exec())
                return ApiResponse::fromError(dbError(q, tr("reading the mutation log")));
            QJsonObject r {{QStringLiteral("mid"), mid}, {QStringLiteral("outcome"), QStringLiteral("duplicate")}};
            if (q.next()) {
                r.insert(QStringLiteral("original"), q.value(0).toString());
                if (!q.value(1).isNull())
                    r.insert(QStringLiteral("code"), q.value(1).toString());
                if (!q.value(2).isNull())
                    r.insert(QStringLiteral("message"), q.value(2).toString());
                if (!q.value(3).isNull())
                    r.insert(QStringLiteral("appliedSeq"), q.value(3).toLongLong());
            }
            results.append(r);
            continue;
        }
        if (mid > last + 1)
            return ApiResponse::error(409, QStringLiteral("mutation_gap"),
                                      tr("Mutation %1 arrived before %2.").arg(mid).arg(last + 1),
                                      {{QStringLiteral("lastMutationId"), last},
                                       {QStringLiteral("results"), results}});

        QString name = m.value(QStringLiteral("name")).toString();
        if (name.isNull())
            name = QStringLiteral(""); // the log's name is NOT NULL: a missing name is refused, not retried forever
        const QJsonObject args = m.value(QStringLiteral("args")).toObject();
        bool transient = false;
        bool raced = false;
        const qint64 nowMs = m_clock.nowMs();
        auto applied = MutationProcessor::isKnown(name)
                           ? m_mutations.apply(user.actor(), name, args, &transient,
                                               [&](qint64 seq) {
                                                   return recordOutcome(m_db, clientId, mid, name,
                                                                        QStringLiteral("applied"), {}, {},
                                                                        seq, nowMs, &raced);
                                               })
                           : Result<MutationProcessor::Applied>(
                                 Error(ErrorCode::InvalidInput,
                                       tr("Unknown mutation \"%1\"; update Leads.").arg(name.left(64)),
                                       QStringLiteral("name")));
        if (raced || transient)
            return busy();
        if (applied) {
            results.append(QJsonObject {{QStringLiteral("mid"), mid},
                                        {QStringLiteral("outcome"), QStringLiteral("applied")},
                                        {QStringLiteral("appliedSeq"), applied.value().seq}});
            last = mid;
            continue;
        }
        if (applied.error().code() == ErrorCode::Storage)
            return busy(); // not the client's fault: keep the mid for a retry
        // A permanent refusal still advances the counter, so the queue never jams.
        const QJsonObject e = ApiResponse::fromError(applied.error()).body.value(QStringLiteral("error")).toObject();
        const QString code = e.value(QStringLiteral("code")).toString();
        const QString message = e.value(QStringLiteral("message")).toString();
        {
            WriteTransaction tx(m_db, WriteTransaction::Seq::None);
            if (auto begun = tx.begin(); !begun)
                return busy();
            if (auto logged = recordOutcome(m_db, clientId, mid, name, QStringLiteral("rejected"), code, message,
                                            0, nowMs, &raced);
                !logged)
                return busy();
            if (auto done = tx.commit(); !done)
                return busy();
        }
        QJsonObject r {{QStringLiteral("mid"), mid},
                       {QStringLiteral("outcome"), QStringLiteral("rejected")},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("message"), message}};
        const QString leadId = args.value(QStringLiteral("leadId")).toString();
        if (!leadId.isEmpty() && leadId.size() <= 64) {
            if (auto current = leads.find(leadId); current)
                r.insert(QStringLiteral("current"), LeadRepository::toJson(current.value()));
        }
        results.append(r);
        last = mid;
    }
    return ApiResponse::ok({{QStringLiteral("lastMutationId"), last}, {QStringLiteral("results"), results}});
}

ApiResponse SyncService::pull(const AuthUser &user, const QUrlQuery &query)
{
    const QStringList knownParams {QStringLiteral("cursor"), QStringLiteral("limit"), QStringLiteral("clientId")};
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!knownParams.contains(item.first))
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("Unknown query parameter \"%1\".").arg(item.first.left(100)),
                                                item.first.left(100)));
    }
    int limit = kDefaultPullLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > kMaxPullLimit)
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("\"limit\" is a number from 1 to %1.").arg(kMaxPullLimit),
                                                QStringLiteral("limit")));
    }
    std::optional<Cursor> cursor;
    const QString cursorText = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (!cursorText.isEmpty()) {
        cursor = decodeCursor(cursorText.left(500));
        if (!cursor)
            return ApiResponse::fromError(
                Error(ErrorCode::InvalidInput, tr("The sync cursor is not valid."), QStringLiteral("cursor")));
    }
    const QString clientId = QUuid::fromString(query.queryItemValue(QStringLiteral("clientId")))
                                 .toString(QUuid::WithoutBraces);

    ReadSnapshot snapshot(m_db);
    if (!snapshot.begin())
        return busy();
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT seq, epoch FROM sync_state WHERE id = 1")) || !q.next())
        return ApiResponse::fromError(dbError(q, tr("reading the change counter")));
    const qint64 head = q.value(0).toLongLong();
    const QString epoch = q.value(1).toString();
    q.finish();
    if (cursor && (cursor->epoch != epoch || cursor->seq > head))
        return ApiResponse::error(409, QStringLiteral("resync_required"),
                                  tr("The server's history changed (it was restored or reset); "
                                     "download everything again."),
                                  {{QStringLiteral("serverEpoch"), epoch}});
    const qint64 from = cursor ? cursor->seq : 0;

    const PermissionMatrix matrix = m_settings.permissions();
    const Actor actor = user.actor();
    const Scope scope = scopeOf(matrix, actor);
    const bool seesAll = scope.seesAll;
    const QString &scopeSql = scope.sql;
    const QVariantList &scopeBinds = scope.binds;

    // Kind 0 users, 1 leads, 2 interactions: within one transaction the rows a later kind
    // refers to come first.
    struct Row {
        qint64 seq;
        int kind;
        QString id;
    };
    auto select = [&](qint64 above, qint64 upTo, int rowLimit, QList<Row> *out) -> bool {
        QSqlQuery s(m_db.connection());
        QString sql = QStringLiteral(
                          "SELECT change_seq, 0, id FROM users WHERE change_seq > ? AND change_seq <= ? "
                          "UNION ALL SELECT change_seq, 1, id FROM leads WHERE change_seq > ? AND change_seq <= ? "
                          "UNION ALL SELECT i.change_seq, 2, i.id FROM interactions i JOIN leads l ON l.id = "
                          "i.lead_id WHERE i.change_seq > ? AND i.change_seq <= ? AND %1 "
                          "ORDER BY 1, 2, 3")
                          .arg(scopeSql);
        if (rowLimit > 0)
            sql += QStringLiteral(" LIMIT %1").arg(rowLimit);
        s.prepare(sql);
        for (int i = 0; i < 3; ++i) {
            s.addBindValue(above);
            s.addBindValue(upTo);
        }
        for (const QVariant &v : std::as_const(scopeBinds))
            s.addBindValue(v);
        if (!s.exec()) {
            dbError(s, tr("reading changes"));
            return false;
        }
        while (s.next())
            out->append({s.value(0).toLongLong(), s.value(1).toInt(), s.value(2).toString()});
        return true;
    };
    QList<Row> rows;
    if (!select(from, head, limit + 1, &rows))
        return busy();
    bool hasMore = false;
    qint64 upper = head;
    if (rows.size() > limit) {
        // End the page on a transaction boundary: drop the transaction the limit cut.
        hasMore = true;
        const qint64 cut = rows.at(limit).seq;
        while (!rows.isEmpty() && rows.constLast().seq == cut)
            rows.removeLast();
        if (rows.isEmpty()) {
            // One transaction larger than a page travels whole.
            if (!select(cut - 1, cut, 0, &rows))
                return busy();
        }
        upper = rows.constLast().seq;
    }

    LeadRepository leadRepo(m_db);
    QJsonArray changes;
    // Leads whose current row this page already carries: a note may name a lead whose own
    // row comes later in the same page, and the client keeps no note without its lead.
    QSet<QString> leadsSent;
    // Compiled once per page, not once per row: compiling costs more than running them.
    QSqlQuery d(m_db.connection());
    d.setForwardOnly(true);
    d.prepare(QStringLiteral("SELECT l.deleted, c.id, c.phone, c.email, c.display_name FROM leads l "
                             "JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?"));
    QSqlQuery interactionById(m_db.connection());
    interactionById.setForwardOnly(true);
    interactionById.prepare(QStringLiteral("SELECT id, lead_id, kind, occurred_at, author_id, author_name, body, "
                                           "data FROM interactions WHERE id = ?"));
    auto leadChange = [&](const QString &leadId, qint64 seq) -> std::optional<QJsonObject> {
        auto found = leadRepo.find(leadId);
        d.addBindValue(leadId);
        if (!d.exec() || !d.next())
            return std::nullopt;
        if (d.value(0).toInt() != 0 || !found)
            return QJsonObject {{QStringLiteral("t"), QStringLiteral("lead")}, {QStringLiteral("id"), leadId},
                                {QStringLiteral("seq"), seq}, {QStringLiteral("op"), QStringLiteral("delete")}};
        const Lead &l = found.value().lead;
        if (!canSeeLead(matrix, actor, l.assigneeId))
            return QJsonObject {{QStringLiteral("t"), QStringLiteral("lead")}, {QStringLiteral("id"), leadId},
                                {QStringLiteral("seq"), seq}, {QStringLiteral("op"), QStringLiteral("remove")}};
        QJsonObject row = LeadRepository::toJson(found.value());
        row.insert(QStringLiteral("lostReason"), l.lostReason);
        row.insert(QStringLiteral("contact"),
                   QJsonObject {{QStringLiteral("id"), d.value(1).toString()},
                                {QStringLiteral("phone"), d.value(2).isNull() ? QJsonValue() : d.value(2).toString()},
                                {QStringLiteral("email"), d.value(3).isNull() ? QJsonValue() : d.value(3).toString()},
                                {QStringLiteral("displayName"), d.value(4).toString()}});
        return QJsonObject {{QStringLiteral("t"), QStringLiteral("lead")},
                            {QStringLiteral("id"), leadId},
                            {QStringLiteral("seq"), found.value().changeSeq},
                            {QStringLiteral("op"), QStringLiteral("upsert")},
                            {QStringLiteral("row"), row}};
    };
    // A lead that entered this user's scope since the cursor (an assignment) brings its
    // earlier timeline, which the user could not see when it was written. Asked up to the
    // head, not the page: the lead may travel in this page through one of its notes while
    // its own row (and the assignment) come in a later one.
    auto backfill = [&](const QString &leadId, const QJsonObject &c) -> bool {
        if (seesAll || c.value(QStringLiteral("op")).toString() != QLatin1String("upsert") || from == 0)
            return true;
        QSqlQuery b(m_db.connection());
        b.prepare(QStringLiteral("SELECT 1 FROM interactions WHERE lead_id = ? AND kind = 'assignment' "
                                 "AND change_seq > ? AND change_seq <= ?"));
        b.addBindValue(leadId);
        b.addBindValue(from);
        b.addBindValue(head);
        if (!b.exec())
            return false;
        if (!b.next())
            return true;
        b.prepare(QStringLiteral("SELECT id, lead_id, kind, occurred_at, author_id, author_name, body, data, "
                                 "change_seq FROM interactions WHERE lead_id = ? AND change_seq <= ? "
                                 "ORDER BY change_seq, id"));
        b.addBindValue(leadId);
        b.addBindValue(from);
        if (!b.exec())
            return false;
        while (b.next())
            changes.append(QJsonObject {{QStringLiteral("t"), QStringLiteral("interaction")},
                                        {QStringLiteral("id"), b.value(0).toString()},
                                        {QStringLiteral("seq"), b.value(8).toLongLong()},
                                        {QStringLiteral("op"), QStringLiteral("upsert")},
                                        {QStringLiteral("row"), interactionJson(b)}});
        return true;
    };
    for (const Row &r : std::as_const(rows)) {
        if (r.kind == 0) {
            q.prepare(QStringLiteral("SELECT username, display_name, role, active FROM users WHERE id = ?"));
            q.addBindValue(r.id);
            if (!q.exec() || !q.next())
                return busy();
            changes.append(QJsonObject {
                {QStringLiteral("t"), QStringLiteral("user")},
                {QStringLiteral("id"), r.id},
                {QStringLiteral("seq"), r.seq},
                {QStringLiteral("op"), QStringLiteral("upsert")},
                {QStringLiteral("row"), QJsonObject {{QStringLiteral("id"), r.id},
                                                     {QStringLiteral("username"), q.value(0).toString()},
                                                     {QStringLiteral("displayName"), q.value(1).toString()},
                                                     {QStringLiteral("role"), q.value(2).toString()},
                                                     {QStringLiteral("active"), q.value(3).toInt() != 0}}}});
        } else if (r.kind == 1) {
            if (leadsSent.contains(r.id))
                continue;
            leadsSent.insert(r.id);
            const auto c = leadChange(r.id, r.seq);
            if (!c)
                continue;
            changes.append(*c);
            if (!backfill(r.id, *c))
                return busy();
        } else {
            interactionById.addBindValue(r.id);
            if (!interactionById.exec() || !interactionById.next())
                return busy();
            const QJsonObject row = interactionJson(interactionById);
            interactionById.finish();
            const QString leadId = row.value(QStringLiteral("leadId")).toString();
            // Send the lead's current row first, so the note never arrives without its lead
            // (when the lead moved on past this page, it comes again at its own number).
            if (!leadsSent.contains(leadId)) {
                leadsSent.insert(leadId);
                if (auto c = leadChange(leadId, r.seq)) {
                    changes.append(*c);
                    if (!backfill(leadId, *c))
                        return busy();
                }
            }
            changes.append(QJsonObject {{QStringLiteral("t"), QStringLiteral("interaction")},
                                        {QStringLiteral("id"), r.id},
                                        {QStringLiteral("seq"), r.seq},
                                        {QStringLiteral("op"), QStringLiteral("upsert")},
                                        {QStringLiteral("row"), row}});
        }
    }

    // The acknowledgement: the highest mid such that every mutation up to it is either
    // refused or applied at a change this page (or an earlier one) carries.
    QJsonValue ack = QJsonValue::Null;
    if (!clientId.isEmpty() && !QUuid::fromString(clientId).isNull()) {
        q.prepare(QStringLiteral("SELECT user_id, last_mutation_id FROM sync_clients WHERE client_id = ?"));
        q.addBindValue(clientId);
        if (!q.exec())
            return busy();
        if (q.next() && q.value(0).toString() == user.id) {
            qint64 last = q.value(1).toLongLong();
            q.prepare(QStringLiteral("SELECT MIN(mid) FROM mutation_log WHERE client_id = ? AND applied_seq > ?"));
            q.addBindValue(clientId);
            q.addBindValue(upper);
            if (!q.exec() || !q.next())
                return busy();
            if (!q.value(0).isNull())
                last = q.value(0).toLongLong() - 1;
            ack = last;
        }
    }
    return ApiResponse::ok({{QStringLiteral("epoch"), epoch},
                            {QStringLiteral("changes"), changes},
                            {QStringLiteral("ack"), QJsonObject {{QStringLiteral("lastMutationId"), ack}}},
                            {QStringLiteral("nextCursor"), encodeCursor(epoch, upper)},
                            {QStringLiteral("upTo"), upper},
                            {QStringLiteral("hasMore"), hasMore}});
}

ApiResponse SyncService::snapshot(const AuthUser &user, const QUrlQuery &query, bool cbor)
{
    const QStringList knownParams {QStringLiteral("after"), QStringLiteral("limit"), QStringLiteral("epoch")};
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!knownParams.contains(item.first))
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("Unknown query parameter \"%1\".").arg(item.first.left(100)),
                                                item.first.left(100)));
    }
    int limit = kDefaultSnapshotLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 1 || limit > kMaxSnapshotLimit)
            return ApiResponse::fromError(Error(ErrorCode::InvalidInput,
                                                tr("\"limit\" is a number from 1 to %1.").arg(kMaxSnapshotLimit),
                                                QStringLiteral("limit")));
    }
    // Never null: a null string binds NULL, and `id > NULL` matches nothing.
    QString after = query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded);
    if (after.isNull())
        after = QStringLiteral("");
    if (after.size() > 64)
        return ApiResponse::fromError(
            Error(ErrorCode::InvalidInput, tr("\"after\" is a lead id."), QStringLiteral("after")));
    const QString expectedEpoch = query.queryItemValue(QStringLiteral("epoch"), QUrl::FullyDecoded);

    // Every chunk is one consistent read. The first chunk's head is the change number the
    // whole snapshot is consistent with: later chunks read rows as new or newer, and the
    // ordinary pull from that number brings whatever changed meanwhile (including leads
    // that entered the scope behind the key position, and removals).
    ReadSnapshot read(m_db);
    if (!read.begin())
        return busy();
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT seq, epoch FROM sync_state WHERE id = 1")) || !q.next())
        return ApiResponse::fromError(dbError(q, tr("reading the change counter")));
    const qint64 head = q.value(0).toLongLong();
    const QString epoch = q.value(1).toString();
    q.finish();
    if (!expectedEpoch.isEmpty() && expectedEpoch != epoch)
        return ApiResponse::error(409, QStringLiteral("resync_required"),
                                  tr("The server's history changed (it was restored or reset); "
                                     "download everything again."),
                                  {{QStringLiteral("serverEpoch"), epoch}});

    const Scope scope = scopeOf(m_settings.permissions(), user.actor());
    auto bindScope = [&](QSqlQuery &s) {
        for (const QVariant &v : std::as_const(scope.binds))
            s.addBindValue(v);
    };
    // The chunk is written once, as CBOR, straight from the rows (no document in memory);
    // a client that asked for JSON gets the same document converted.
    QByteArray encoded;
    QCborStreamWriter out(&encoded);
    auto cell = [&out, &q](int i, bool number) {
        const QVariant v = q.value(i);
        if (v.isNull())
            out.append(nullptr);
        else if (number)
            out.append(v.toLongLong());
        else
            out.append(v.toString());
    };
    auto key = [&out](const char *name) { out.append(QLatin1StringView(name)); };
    auto columns = [&out, &key](const char *name, std::initializer_list<const char *> list) {
        key(name);
        out.startArray(quint64(list.size()));
        for (const char *c : list)
            out.append(QLatin1StringView(c));
        out.endArray();
    };
    out.startMap();
    key("epoch");
    out.append(epoch);
    key("upTo");
    out.append(head);
    key("cursor");
    out.append(encodeCursor(epoch, head));

    if (after.isEmpty()) {
        // The roster and the size of the download come with the first chunk.
        if (!q.exec(QStringLiteral("SELECT id, username, display_name, role, active, change_seq FROM users "
                                   "ORDER BY id")))
            return busy();
        key("users");
        out.startArray();
        while (q.next()) {
            out.startArray(6);
            out.append(q.value(0).toString());
            out.append(q.value(1).toString());
            out.append(q.value(2).toString());
            out.append(q.value(3).toString());
            out.append(q.value(4).toInt() != 0);
            out.append(q.value(5).toLongLong());
            out.endArray();
        }
        out.endArray();
        q.finish();
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM leads l WHERE l.deleted = 0 AND %1").arg(scope.sql));
        bindScope(q);
        if (!q.exec() || !q.next())
            return busy();
        key("total");
        out.append(q.value(0).toLongLong());
        q.finish();
    }

    // Leads in key order after the last one the client has, with their contacts: one
    // forward-only statement, no per-lead queries. Which columns are numbers (the rest are
    // text); null stays null.
    columns("leadColumns", {"id", "contactId", "contactPhone", "contactEmail", "contactName", "name", "company",
                            "phone", "email", "source", "sourceDetail", "campaign", "status", "statusVersion",
                            "lostReason", "assigneeId", "aiScore", "manualScore", "qualificationMethod",
                            "followUpAt", "createdAt", "updatedAt", "lastActivityAt", "version", "changeSeq",
                            "aiReasons"});
    static constexpr bool leadNumeric[] = {false, false, false, false, false, false, false, false, false,
                                           false, false, false, false, true,  false, false, true,  true,
                                           false, true,  true,  true,  true,  true,  true,  false};
    static_assert(std::size(leadNumeric) == 26);
    q.prepare(QStringLiteral("SELECT l.id, l.contact_id, c.phone, c.email, c.display_name, l.name, l.company, "
                             "l.phone, l.email, l.source, l.source_detail, l.campaign, l.status, l.status_v, "
                             "l.lost_reason, l.assignee_id, l.ai_score, l.manual_score, l.qualification_method, "
                             "l.follow_up_at, l.created_at, l.updated_at, l.last_activity_at, l.version, "
                             "l.change_seq, l.ai_reasons FROM leads l JOIN contacts c ON c.id = l.contact_id "
                             "WHERE l.id > ? AND l.deleted = 0 AND %1 ORDER BY l.id LIMIT %2")
                  .arg(scope.sql)
                  .arg(limit + 1));
    q.addBindValue(after);
    bindScope(q);
    if (!q.exec())
        return busy();
    QString last;
    bool hasMore = false;
    int count = 0;
    key("leads");
    out.startArray();
    while (q.next()) {
        if (count == limit) {
            hasMore = true;
            break;
        }
        out.startArray(26);
        for (int i = 0; i < 26; ++i)
            cell(i, leadNumeric[i]);
        out.endArray();
        last = q.value(0).toString();
        ++count;
    }
    out.endArray();
    q.finish();

    // Their timelines, in the order the client shows them, with the same key range.
    columns("interactionColumns",
            {"id", "leadId", "kind", "occurredAt", "authorId", "authorName", "body", "data", "changeSeq"});
    key("interactions");
    out.startArray();
    if (count > 0) {
        q.prepare(QStringLiteral("SELECT i.id, i.lead_id, i.kind, i.occurred_at, i.author_id, i.author_name, i.body, "
                                 "i.data, i.change_seq FROM interactions i JOIN leads l ON l.id = i.lead_id "
                                 "WHERE i.lead_id > ? AND i.lead_id <= ? AND l.deleted = 0 AND %1 "
                                 "ORDER BY i.lead_id, i.occurred_at, i.id")
                      .arg(scope.sql));
        q.addBindValue(after);
        q.addBindValue(last);
        bindScope(q);
        if (!q.exec())
            return busy();
        while (q.next()) {
            out.startArray(9);
            for (int i = 0; i < 9; ++i) {
                if (i == 5 || i == 6 || i == 7) // never null on the wire
                    out.append(q.value(i).toString());
                else if (i == 3 || i == 8)
                    out.append(q.value(i).toLongLong());
                else
                    cell(i, false);
            }
            out.endArray();
        }
        q.finish();
    }
    out.endArray();
    key("next");
    if (hasMore)
        out.append(last);
    else
        out.append(nullptr);
    key("hasMore");
    out.append(hasMore);
    out.endMap();

    if (cbor) {
        ApiResponse answer;
        answer.rawBody = std::move(encoded);
        answer.contentType = QByteArrayLiteral("application/cbor");
        return answer;
    }
    return ApiResponse::ok(QCborValue::fromCbor(encoded).toMap().toJsonObject());
}

// The routes of the sync protocol; ApiServer::registerRoutes() calls this once.
void ApiServer::registerSyncRoutes()
{
    auto sync = std::make_shared<SyncService>(m_db, *m_settings, *m_mutations, m_clock);
    addRoute("GET", QStringLiteral("/v1/sync/hello"), Body::None, false,
             [sync](Request &) { return sync->hello(); });
    addRoute("POST", QStringLiteral("/v1/sync/push"), Body::Json, true,
             [sync](Request &r) { return sync->push(*r.user, r.body); });
    addRoute("GET", QStringLiteral("/v1/sync/pull"), Body::None, true,
             [sync](Request &r) { return sync->pull(*r.user, r.query); });
    addRoute("GET", QStringLiteral("/v1/sync/snapshot"), Body::None, true,
             [sync](Request &r) {
                 const bool cbor = r.http && r.http->value("Accept").contains("application/cbor");
                 return sync->snapshot(*r.user, r.query, cbor);
             });
}

} // namespace Leads::Server
