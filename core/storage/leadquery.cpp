// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadquery.h"

#include "database.h"
#include "searchindex.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>

namespace Leads {

namespace {

QString inList(const QSqlDriver *driver, const QString &column, const QStringList &values)
{
    QStringList literals;
    literals.reserve(values.size());
    for (const QString &v : values)
        literals.append(LeadQuery::literal(driver, v));
    return column + QStringLiteral(" IN (") + literals.join(u',') + u')';
}

QString rangeCondition(const QString &column, const LeadFilter::DateRange &range, const QDateTime &now)
{
    if (!range.isActive())
        return {};
    const auto [from, to] = LeadFilter::resolve(range, now);
    if (!from.isValid() || !to.isValid())
        return {};
    return QStringLiteral("(%1 >= %2 AND %1 < %3)")
        .arg(column, QString::number(from.toMSecsSinceEpoch()), QString::number(to.toMSecsSinceEpoch()));
}

// The term of a match expression that is one ASCII letter or digit ("a"*), else "".
QString singleCharacterTerm(const QString &match)
{
    if (match.size() != 4 || !match.startsWith(u'"') || !match.endsWith(QStringLiteral("\"*")))
        return {};
    const QChar c = match.at(1);
    if (c.unicode() >= 128 || !c.isLetterOrNumber())
        return {};
    return QString(c.toLower());
}

// The digits of a match expression that is one number of four or more digits ("4915"*):
// a phone prefix. Every number in the index is its own term, so FTS5 would merge the
// doclists of every number starting with them (hundreds of thousands on a big table).
QString longNumberTerm(const QString &match)
{
    if (match.size() < 7 || !match.startsWith(u'"') || !match.endsWith(QStringLiteral("\"*")))
        return {};
    const QString digits = match.mid(1, match.size() - 3);
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return {};
    }
    return digits;
}

} // namespace

QString LeadQuery::literal(const QSqlDriver *driver, const QString &value)
{
    QSqlField field{QString(), QMetaType(QMetaType::QString)};
    field.setValue(value);
    if (driver)
        return driver->formatValue(field);
    // No driver (should not happen): standard SQL quoting.
    QString escaped = value;
    escaped.replace(u'\'', QStringLiteral("''"));
    return u'\'' + escaped + u'\'';
}

QString LeadQuery::ftsMatch(const LeadFilter &filter, const QSqlDriver *driver)
{
    if (filter.search.trimmed().isEmpty())
        return {};
    const QString match = SearchIndex::matchExpression(filter.search);
    if (match.isEmpty() || !singleCharacterTerm(match).isEmpty())
        return {};
    // A long number searches its first three digits (a single term of the 3-character
    // prefix index, streamed in rowid order); where() adds the exact digits per row.
    if (const QString digits = longNumberTerm(match); !digits.isEmpty())
        return QStringLiteral("leads_fts MATCH %1").arg(literal(driver, u'"' + digits.left(3) + QStringLiteral("\"*")));
    return QStringLiteral("leads_fts MATCH %1").arg(literal(driver, match));
}

QString LeadQuery::where(const LeadFilter &filter, const QSqlDriver *driver, const Context &context, bool forList,
                         bool withFtsSearch)
{
    const QString walk = forList ? QStringLiteral("+") : QString();
    QStringList parts;
    if (!filter.search.trimmed().isEmpty()) {
        const QString match = SearchIndex::matchExpression(filter.search);
        if (match.isEmpty())
            return QStringLiteral("0");
        if (const QString one = singleCharacterTerm(match); !one.isEmpty()) {
            // One character matches a third of a big table: FTS would collect and sort all
            // of those rows before the first is shown. A per-row test on word starts lets
            // SQLite walk the sort index and stop after the first screenful instead.
            const QString word = literal(driver, one + u'%');
            const QString inWord = literal(driver, QStringLiteral("% ") + one + u'%');
            if (one.at(0).isDigit()) {
                parts.append(QStringLiteral("(leads.search_phone LIKE %1 OR leads.search_phone LIKE %2)").arg(word, inWord));
            } else {
                parts.append(QStringLiteral("(leads.name LIKE %1 OR leads.name LIKE %2 OR leads.company LIKE %1 "
                                            "OR leads.company LIKE %2 OR leads.email LIKE %1)")
                                 .arg(word, inWord));
            }
        } else if (withFtsSearch) {
            parts.append(QStringLiteral("lead_no IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH %1)")
                             .arg(literal(driver, match)));
        } else if (const QString digits = longNumberTerm(match); !digits.isEmpty()) {
            // search_phone holds space-separated digit tokens: this is the token-prefix
            // test FTS5 would do, exactly.
            parts.append(QStringLiteral("(leads.search_phone LIKE %1 OR leads.search_phone LIKE %2)")
                             .arg(literal(driver, digits + u'%'), literal(driver, QStringLiteral("% ") + digits + u'%')));
        }
    }
    if (!filter.statuses.isEmpty()) {
        QStringList ranks;
        for (LeadStatus s : filter.statuses)
            ranks.append(QString::number(Status::index(s)));
        parts.append(walk + QStringLiteral("status_rank IN (") + ranks.join(u',') + u')');
    }
    if (!filter.assignees.isEmpty()) {
        QStringList ids;
        bool unassigned = false;
        for (const QString &a : filter.assignees) {
            if (a == LeadFilter::kUnassigned)
                unassigned = true;
            else if (a == LeadFilter::kMe)
                ids.append(context.meId);
            else
                ids.append(a);
        }
        QStringList either;
        if (!ids.isEmpty())
            either.append(inList(driver, walk + QStringLiteral("assignee_id"), ids));
        if (unassigned)
            either.append(QStringLiteral("assignee_id IS NULL"));
        parts.append(u'(' + either.join(QStringLiteral(" OR ")) + u')');
    }
    if (!filter.sources.isEmpty())
        parts.append(inList(driver, walk + QStringLiteral("source"), filter.sources));
    if (!filter.campaigns.isEmpty())
        parts.append(inList(driver, walk + QStringLiteral("campaign"), filter.campaigns));
    if (filter.minScore)
        parts.append(walk + QStringLiteral("score >= %1").arg(std::clamp(*filter.minScore, 0, 100)));
    if (filter.maxScore)
        parts.append(walk + QStringLiteral("score <= %1").arg(std::clamp(*filter.maxScore, 0, 100)));
    if (QString c = rangeCondition(walk + QStringLiteral("created_at"), filter.created, context.now); !c.isEmpty())
        parts.append(c);
    if (QString c = rangeCondition(walk + QStringLiteral("last_activity_at"), filter.lastActivity, context.now);
        !c.isEmpty())
        parts.append(c);
    // Most leads are on one side of this split: through an index it would make SQLite
    // collect and sort hundreds of thousands of rows before the first is shown.
    if (filter.finality == LeadFilter::Finality::Active)
        parts.append(walk + QStringLiteral("is_final = 0"));
    else if (filter.finality == LeadFilter::Finality::Final)
        parts.append(walk + QStringLiteral("is_final = 1"));
    if (filter.followUp != LeadFilter::FollowUp::Any) {
        // Final leads have no follow-ups to do; the partial index on follow_up_at serves this.
        const auto [from, to] = LeadFilter::followUpWindow(filter.followUp, context.now);
        QString c = QStringLiteral("follow_up_at IS NOT NULL AND follow_up_at < %1 AND is_final = 0")
                        .arg(to.toMSecsSinceEpoch());
        if (from.isValid())
            c += QStringLiteral(" AND follow_up_at >= %1").arg(from.toMSecsSinceEpoch());
        parts.append(c);
    }
    if (filter.stale)
        parts.append(staleCondition(context.staleRules, context.now));
    return parts.join(QStringLiteral(" AND "));
}

QString LeadQuery::staleCondition(const StaleRules &rules, const QDateTime &now)
{
    QStringList either;
    for (LeadStatus s : kAllStatuses) {
        const QDateTime cutoff = Staleness::cutoff(s, rules, now);
        if (!cutoff.isValid())
            continue;
        either.append(QStringLiteral("(status_rank = %1 AND last_activity_at < %2)")
                          .arg(Status::index(s))
                          .arg(cutoff.toMSecsSinceEpoch()));
    }
    if (either.isEmpty())
        return QStringLiteral("0");
    return QStringLiteral("(is_final = 0 AND (") + either.join(QStringLiteral(" OR ")) + QStringLiteral("))");
}

qint64 LeadQuery::staleCount(const QSqlDatabase &db, const StaleRules &rules, const QDateTime &now)
{
    if (rules.isEmpty())
        return 0;
    auto n = count(db, staleCondition(rules, now));
    return n ? n.value() : 0;
}

QString LeadQuery::orderBy(SortKey key, Qt::SortOrder order)
{
    // Each expression matches an index of the leads table (see migrations.cpp), so
    // SQLite walks the index instead of sorting the table.
    QString expr;
    switch (key) {
    case SortKey::Name: expr = QStringLiteral("name COLLATE NOCASE"); break;
    case SortKey::Contact: expr = QStringLiteral("CASE WHEN phone <> '' THEN phone ELSE email END"); break;
    case SortKey::Company: expr = QStringLiteral("company COLLATE NOCASE"); break;
    case SortKey::Source: expr = QStringLiteral("source"); break;
    case SortKey::Status: expr = QStringLiteral("status_rank"); break;
    case SortKey::Score: expr = QStringLiteral("score"); break;
    case SortKey::Assignee:
        expr = QStringLiteral("(SELECT display_name FROM users WHERE users.id = leads.assignee_id) COLLATE NOCASE");
        break;
    case SortKey::FollowUp: expr = QStringLiteral("follow_up_at"); break;
    case SortKey::LastActivity: expr = QStringLiteral("last_activity_at"); break;
    case SortKey::Created: expr = QStringLiteral("created_at"); break;
    }
    const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("ORDER BY %1 %2, lead_no %2").arg(expr, dir);
}

Result<qint64> LeadQuery::count(const QSqlDatabase &db, const QString &where)
{
    QSqlQuery q(db);
    const QString sql = where.isEmpty() ? QStringLiteral("SELECT COUNT(*) FROM leads")
                                        : QStringLiteral("SELECT COUNT(*) FROM leads WHERE ") + where;
    if (!q.exec(sql) || !q.next())
        return storageError(q, QStringLiteral("counting leads"));
    return q.value(0).toLongLong();
}

QStringList LeadQuery::sources(const QSqlDatabase &db)
{
    QStringList list;
    QSqlQuery q(db);
    // The source index makes this a walk over distinct keys, not a table scan.
    if (q.exec(QStringLiteral("SELECT DISTINCT source FROM leads ORDER BY source"))) {
        while (q.next())
            list.append(q.value(0).toString());
    }
    return list;
}

QList<QPair<QString, QString>> LeadQuery::attributes(const QSqlDatabase &db, const QString &leadId)
{
    QList<QPair<QString, QString>> list;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT key, value FROM lead_attributes WHERE lead_id = ? ORDER BY key"));
    q.addBindValue(leadId);
    if (q.exec()) {
        while (q.next())
            list.append({q.value(0).toString(), q.value(1).toString()});
    }
    return list;
}

qint64 LeadQuery::overdueFollowUps(const QSqlDatabase &db, const QDateTime &now)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM leads WHERE follow_up_at IS NOT NULL "
                             "AND follow_up_at < ? AND is_final = 0"));
    q.addBindValue(now.toMSecsSinceEpoch());
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace Leads
