// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadrepository.h"

#include "domain/pipeline.h"
#include "serverdatabase.h"
#include "storage/leadrow.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("LeadRepository", text);
}

const char kColumns[] = "l.id, l.contact_id, l.name, l.company, l.phone, l.email, l.source, l.source_detail, "
                        "l.campaign, l.status, l.status_v, l.lost_reason, l.assignee_id, u.display_name, "
                        "l.ai_score, l.manual_score, l.qualification_method, l.qualified_by, l.qualified_at, "
                        "l.follow_up_at, l.created_at, l.updated_at, l.last_activity_at, l.version, "
                        "l.assignee_v, l.score_v, l.change_seq, l.ai_reasons";

ServerLead fromQuery(const QSqlQuery &q)
{
    ServerLead s;
    s.lead = leadFromRow(q);
    s.assigneeVersion = q.value(24).toInt();
    s.scoreVersion = q.value(25).toInt();
    s.changeSeq = q.value(26).toLongLong();
    const QJsonArray reasons = QJsonDocument::fromJson(q.value(27).toString().toUtf8()).array();
    for (const QJsonValue &r : reasons)
        s.aiReasons.append(r.toString());
    return s;
}

QJsonValue optInt(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optText(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

Error bad(const QString &field, const QString &message)
{
    return Error(ErrorCode::InvalidInput, message, field);
}

QStringList listParam(const QUrlQuery &query, const QString &key)
{
    QStringList out;
    const QStringList values = query.allQueryItemValues(key, QUrl::FullyDecoded);
    for (const QString &v : values) {
        const QStringList parts = v.split(u',', Qt::SkipEmptyParts);
        for (const QString &p : parts)
            out.append(p.trimmed());
    }
    return out;
}

// LIKE pattern for a substring match with the user's text taken literally.
QString likePattern(const QString &text)
{
    QString escaped;
    for (QChar c : text) {
        if (c == u'\\' || c == u'%' || c == u'_')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped.toLower() + u'%';
}
} // namespace

QString LeadRepository::iso(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject LeadRepository::toJson(const ServerLead &s)
{
    const Lead &l = s.lead;
    QJsonArray moves;
    const QList<LeadStatus> allowed = Pipeline::allowedMoves(l.status);
    for (LeadStatus m : allowed)
        moves.append(Status::id(m));
    return {
        {QStringLiteral("id"), l.id},
        {QStringLiteral("contactId"), l.contactId},
        {QStringLiteral("name"), l.name},
        {QStringLiteral("company"), l.company},
        {QStringLiteral("phone"), l.phone},
        {QStringLiteral("email"), l.email},
        {QStringLiteral("source"), l.source},
        {QStringLiteral("sourceDetail"), l.sourceDetail},
        {QStringLiteral("campaign"), l.campaign},
        {QStringLiteral("status"), Status::id(l.status)},
        {QStringLiteral("isFinal"), l.isFinal()},
        {QStringLiteral("allowedMoves"), moves},
        {QStringLiteral("lostReason"), optText(l.lostReason)},
        {QStringLiteral("assigneeId"), optText(l.assigneeId)},
        {QStringLiteral("assigneeName"), optText(l.assigneeName)},
        {QStringLiteral("aiScore"), optInt(l.qualification.aiScore)},
        {QStringLiteral("aiReasons"), QJsonArray::fromStringList(s.aiReasons)},
        {QStringLiteral("manualScore"), optInt(l.qualification.manualScore)},
        {QStringLiteral("score"), optInt(l.qualification.effectiveScore())},
        {QStringLiteral("qualificationMethod"), qualificationMethodId(l.qualification.method)},
        {QStringLiteral("followUpAt"), optText(iso(l.followUpAt))},
        {QStringLiteral("createdAt"), iso(l.createdAt)},
        {QStringLiteral("updatedAt"), iso(l.updatedAt)},
        {QStringLiteral("lastActivityAt"), iso(l.lastActivityAt)},
        {QStringLiteral("versions"),
         QJsonObject {{QStringLiteral("status"), l.statusVersion},
                      {QStringLiteral("assignee"), s.assigneeVersion},
                      {QStringLiteral("score"), s.scoreVersion},
                      {QStringLiteral("row"), l.version}}},
        {QStringLiteral("changeSeq"), s.changeSeq},
    };
}

Result<ServerLead> LeadRepository::find(const QString &leadId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM leads l LEFT JOIN users u ON u.id = l.assignee_id "
                             "WHERE l.id = ? AND l.deleted = 0")
                  .arg(QLatin1String(kColumns)));
    q.addBindValue(leadId);
    if (!q.exec())
        return dbError(q, tr("reading a lead"));
    if (!q.next())
        return Error(ErrorCode::NotFound, tr("No lead with this id exists."));
    return fromQuery(q);
}

Result<QJsonArray> LeadRepository::timeline(const QString &leadId) const
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT id, kind, occurred_at, author_id, author_name, body, data FROM interactions "
                       "WHERE lead_id = ? ORDER BY occurred_at DESC, change_seq DESC, id"));
    q.addBindValue(leadId);
    if (!q.exec())
        return dbError(q, tr("reading the timeline"));
    QJsonArray list;
    while (q.next()) {
        list.append(QJsonObject {
            {QStringLiteral("id"), q.value(0).toString()},
            {QStringLiteral("kind"), q.value(1).toString()},
            {QStringLiteral("occurredAt"), iso(dateTimeFromMs(q.value(2)))},
            {QStringLiteral("authorId"), optText(q.value(3).toString())},
            {QStringLiteral("authorName"), q.value(4).toString()},
            {QStringLiteral("body"), q.value(5).toString()},
            {QStringLiteral("data"), QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()},
        });
    }
    return list;
}

Result<QJsonObject> LeadRepository::list(const PermissionMatrix &matrix, const Actor &actor,
                                         const QUrlQuery &query) const
{
    static const QStringList known = {
        QStringLiteral("q"),           QStringLiteral("status"),    QStringLiteral("assignee"),
        QStringLiteral("source"),      QStringLiteral("minScore"),  QStringLiteral("maxScore"),
        QStringLiteral("createdFrom"), QStringLiteral("createdTo"), QStringLiteral("activityFrom"),
        QStringLiteral("activityTo"),  QStringLiteral("finality"),  QStringLiteral("sort"),
        QStringLiteral("order"),       QStringLiteral("limit"),     QStringLiteral("after"),
    };
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!known.contains(item.first))
            return bad(item.first.left(100), tr("Unknown query parameter \"%1\".").arg(item.first.left(100)));
        if (item.second.size() > 1000)
            return bad(item.first, tr("\"%1\" is too long.").arg(item.first));
    }

    QStringList where {QStringLiteral("l.deleted = 0")};
    QVariantList binds;

    // Scope: which assignees this actor may see, asked of the core rule rather than restated.
    const bool seesAll = canSeeLead(matrix, actor, QStringLiteral("\u0001someone-else"));
    if (!seesAll) {
        QStringList scope;
        if (canSeeLead(matrix, actor, actor.userId)) {
            scope << QStringLiteral("l.assignee_id = ?");
            binds << actor.userId;
        }
        if (canSeeLead(matrix, actor, QString()))
            scope << QStringLiteral("l.assignee_id IS NULL");
        where << (scope.isEmpty() ? QStringLiteral("1 = 0")
                                  : u'(' + scope.join(QLatin1String(" OR ")) + u')');
    }

    const QString text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded).trimmed();
    if (!text.isEmpty()) {
        if (text.size() > 200)
            return bad(QStringLiteral("q"), tr("The search text is too long (at most 200 characters)."));
        where << QStringLiteral("(LOWER(l.name) LIKE ? ESCAPE '\\' OR LOWER(l.company) LIKE ? ESCAPE '\\' "
                                "OR LOWER(l.email) LIKE ? ESCAPE '\\' OR l.phone LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(text);
        binds << pattern << pattern << pattern << pattern;
    }
    const QStringList statuses = listParam(query, QStringLiteral("status"));
    if (!statuses.isEmpty()) {
        QStringList marks;
        for (const QString &s : statuses) {
            if (!Status::fromId(s))
                return bad(QStringLiteral("status"), tr("Unknown status \"%1\".").arg(s.left(50)));
            marks << QStringLiteral("?");
            binds << s;
        }
        where << QStringLiteral("l.status IN (%1)").arg(marks.join(u','));
    }
    const QStringList assignees = listParam(query, QStringLiteral("assignee"));
    if (!assignees.isEmpty()) {
        QStringList parts;
        for (const QString &a : assignees) {
            if (a == QLatin1String("@unassigned")) {
                parts << QStringLiteral("l.assignee_id IS NULL");
            } else {
                const QString id = a == QLatin1String("@me") ? actor.userId : a;
                static const QRegularExpression userId(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
                if (a != QLatin1String("@me") && !userId.match(a).hasMatch())
                    return bad(QStringLiteral("assignee"),
                               tr("\"assignee\" takes user ids, @me or @unassigned."));
                parts << QStringLiteral("l.assignee_id = ?");
                binds << id;
            }
        }
        where << u'(' + parts.join(QLatin1String(" OR ")) + u')';
    }
    const QStringList sources = listParam(query, QStringLiteral("source"));
    if (!sources.isEmpty()) {
        QStringList marks;
        for (const QString &s : sources) {
            marks << QStringLiteral("?");
            binds << s.left(100);
        }
        where << QStringLiteral("l.source IN (%1)").arg(marks.join(u','));
    }
    const auto intParam = [&](const QString &key, int min, int max, std::optional<int> *out) -> Outcome {
        if (!query.hasQueryItem(key))
            return {};
        bool ok = false;
        const int v = query.queryItemValue(key).toInt(&ok);
        if (!ok || v < min || v > max)
            return bad(key, tr("\"%1\" must be a whole number from %2 to %3.").arg(key).arg(min).arg(max));
        *out = v;
        return {};
    };
    std::optional<int> minScore, maxScore, limit;
    if (auto r = intParam(QStringLiteral("minScore"), 0, 100, &minScore); !r)
        return r.error();
    if (auto r = intParam(QStringLiteral("maxScore"), 0, 100, &maxScore); !r)
        return r.error();
    if (auto r = intParam(QStringLiteral("limit"), 1, 200, &limit); !r)
        return r.error();
    if (minScore) {
        where << QStringLiteral("l.score >= ?");
        binds << *minScore;
    }
    if (maxScore) {
        where << QStringLiteral("l.score <= ?");
        binds << *maxScore;
    }
    const struct {
        const char *key;
        const char *sql;
    } dates[] = {{"createdFrom", "l.created_at >= ?"},
                 {"createdTo", "l.created_at < ?"},
                 {"activityFrom", "l.last_activity_at >= ?"},
                 {"activityTo", "l.last_activity_at < ?"}};
    for (const auto &d : dates) {
        const QString key = QLatin1String(d.key);
        if (!query.hasQueryItem(key))
            continue;
        const QDateTime at
            = QDateTime::fromString(query.queryItemValue(key, QUrl::FullyDecoded), Qt::ISODateWithMs);
        if (!at.isValid())
            return bad(key, tr("\"%1\" must be an ISO 8601 date and time.").arg(key));
        where << QLatin1String(d.sql);
        binds << at.toMSecsSinceEpoch();
    }
    const QString finality = query.queryItemValue(QStringLiteral("finality"));
    if (finality == QLatin1String("active"))
        where << QStringLiteral("l.is_final = 0");
    else if (finality == QLatin1String("final"))
        where << QStringLiteral("l.is_final = 1");
    else if (!finality.isEmpty() && finality != QLatin1String("any"))
        return bad(QStringLiteral("finality"), tr("\"finality\" is any, active or final."));

    const QString sort = query.queryItemValue(QStringLiteral("sort")).isEmpty()
        ? QStringLiteral("activity")
        : query.queryItemValue(QStringLiteral("sort"));
    const QString order = query.queryItemValue(QStringLiteral("order")).isEmpty()
        ? QStringLiteral("desc")
        : query.queryItemValue(QStringLiteral("order"));
    QString key;
    bool numeric = true;
    if (sort == QLatin1String("activity"))
        key = QStringLiteral("l.last_activity_at");
    else if (sort == QLatin1String("created"))
        key = QStringLiteral("l.created_at");
    else if (sort == QLatin1String("score"))
        key = QStringLiteral("COALESCE(l.score, -1)");
    else if (sort == QLatin1String("name")) {
        key = QStringLiteral("LOWER(l.name)");
        numeric = false;
    } else
        return bad(QStringLiteral("sort"), tr("\"sort\" is activity, created, score or name."));
    if (order != QLatin1String("asc") && order != QLatin1String("desc"))
        return bad(QStringLiteral("order"), tr("\"order\" is asc or desc."));
    const bool desc = order == QLatin1String("desc");

    // Keyset paging: the cursor holds the sort key and id of the last row of the page, so
    // pages never skip or repeat rows when leads are added meanwhile.
    const QString after = query.queryItemValue(QStringLiteral("after"));
    if (!after.isEmpty()) {
        const QJsonObject cursor
            = QJsonDocument::fromJson(QByteArray::fromBase64(after.toLatin1(), QByteArray::Base64UrlEncoding))
                  .object();
        if (cursor.value(QStringLiteral("s")).toString() != sort
            || cursor.value(QStringLiteral("o")).toString() != order
            || !cursor.value(QStringLiteral("id")).isString())
            return bad(QStringLiteral("after"),
                       tr("The cursor does not belong to this sort order; start again without \"after\"."));
        const QJsonValue k = cursor.value(QStringLiteral("k"));
        const QVariant keyValue = numeric ? QVariant(k.toInteger()) : QVariant(k.toString());
        const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
        where << QStringLiteral("(%1 %2 ? OR (%1 = ? AND l.id %2 ?))").arg(key, cmp);
        binds << keyValue << keyValue << cursor.value(QStringLiteral("id")).toString();
    }
    const int pageSize = limit.value_or(50);
    const QString dir = desc ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1, %2 FROM leads l LEFT JOIN users u ON u.id = l.assignee_id WHERE %3 "
                             "ORDER BY %2 %4, l.id %4 LIMIT %5")
                  .arg(QLatin1String(kColumns), key, where.join(QLatin1String(" AND ")), dir)
                  .arg(pageSize + 1));
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec())
        return dbError(q, tr("listing leads"));
    QJsonArray leads;
    QJsonObject last;
    bool hasMore = false;
    while (q.next()) {
        if (leads.size() == pageSize) {
            hasMore = true;
            break;
        }
        const ServerLead s = fromQuery(q);
        if (!canSeeLead(matrix, actor, s.lead.assigneeId))
            continue; // the SQL scope already excludes it; this is the belt to its braces
        leads.append(toJson(s));
        const QVariant k = q.value(28); // the sort key, after kColumns
        last = {
            {QStringLiteral("s"), sort},
            {QStringLiteral("o"), order},
            {QStringLiteral("id"), s.lead.id},
            {QStringLiteral("k"), numeric ? QJsonValue(double(k.toLongLong())) : QJsonValue(k.toString())}};
    }
    QJsonObject page {{QStringLiteral("leads"), leads}, {QStringLiteral("hasMore"), hasMore}};
    page.insert(
        QStringLiteral("nextCursor"),
        hasMore ? QJsonValue(QString::fromLatin1(
            QJsonDocument(last).toJson(QJsonDocument::Compact).toBase64(QByteArray::Base64UrlEncoding)))
                : QJsonValue(QJsonValue::Null));
    return page;
}

} // namespace Leads::Server
