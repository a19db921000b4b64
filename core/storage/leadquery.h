// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadfilter.h"
#include "domain/result.h"
#include "domain/staleness.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

class QSqlDatabase;
class QSqlDriver;

namespace Leads {

// Builds the WHERE and ORDER BY of the lead list from a LeadFilter. Only allow-listed
// columns reach the SQL; every value is a number the code produced or a string escaped by
// the driver's formatValue(), and search text goes through SearchIndex::matchExpression,
// so nothing a user types is ever concatenated into a statement.
class LeadQuery
{
public:
    // The columns a list can be ordered by; each maps to an indexed expression.
    enum class SortKey { Name, Contact, Company, Source, Status, Score, Assignee, FollowUp, LastActivity, Created };

    struct Context
    {
        QString meId;  // who "Me" is
        QDateTime now; // what date presets are resolved against
        StaleRules staleRules = {}; // what the stale filter means
    };

    // The condition without the WHERE keyword; empty when nothing narrows the list, and
    // "0" when the search has nothing searchable left (show no rows, never all rows).
    //
    // `forList`: the WHERE of a sorted, lazily fetched list. Equality filters then carry a
    // unary + so SQLite walks the index of the ORDER BY column and stops after the first
    // screenful, instead of collecting every match through the filter's own index and
    // sorting them all first (seconds on a million leads). Counts want the index: false.
    //
    // `withFtsSearch` false leaves out the full-text part (the caller joins leads_fts and
    // puts ftsMatch() in its own WHERE).
    static QString where(const LeadFilter &filter, const QSqlDriver *driver, const Context &context,
                         bool forList = false, bool withFtsSearch = true);
    // "leads_fts MATCH '…'" when the search goes through the full-text index; empty when
    // there is no search, nothing searchable, or a one-character search (see where()).
    static QString ftsMatch(const LeadFilter &filter, const QSqlDriver *driver);
    // "ORDER BY …" with lead_no as the tie-breaker so the order is total and stable.
    static QString orderBy(SortKey key, Qt::SortOrder order);

    static Result<qint64> count(const QSqlDatabase &db, const QString &where);
    // Distinct sources present in the database (for the source filter), most used first.
    static QStringList sources(const QSqlDatabase &db);
    // The lead's custom attributes as (key, value) in key order.
    static QList<QPair<QString, QString>> attributes(const QSqlDatabase &db, const QString &leadId);
    // The condition of LeadFilter::stale: per active status with a limit, its rank and a
    // last activity before the cutoff (the partial index leads_stale); "0" without rules.
    static QString staleCondition(const StaleRules &rules, const QDateTime &now);
    // Active leads that are stale now.
    static qint64 staleCount(const QSqlDatabase &db, const StaleRules &rules, const QDateTime &now);
    // Leads whose follow-up is due before `now` and that are still active.
    static qint64 overdueFollowUps(const QSqlDatabase &db, const QDateTime &now);

    // Escapes a string value for this driver (a quoted SQL literal).
    static QString literal(const QSqlDriver *driver, const QString &value);
};

} // namespace Leads
