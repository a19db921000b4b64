// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace Leads {

// The FTS5 index over name, company, phone, e-mail and notes of every lead, kept current
// by triggers. Bulk loads suspend the triggers and rebuild the index once at the end,
// which is 7–14× faster than maintaining it row by row.
class SearchIndex
{
public:
    // The FTS5 table alone, and with the triggers that keep it current.
    static QString tableStatement();
    static QStringList createStatements();

    // Drops the triggers and marks the index stale (a crash before rebuild() is repaired on
    // the next open by repairIfStale()).
    static Outcome suspend(QSqlDatabase &db);
    // Rebuilds the index from the leads table and restores the triggers.
    static Outcome rebuild(QSqlDatabase &db);
    // Restores the triggers and clears the stale flag once the index matches the table
    // again (rebuild() ends with it; so does adopting an index built elsewhere).
    static Outcome resume(QSqlDatabase &db);
    static Outcome repairIfStale(QSqlDatabase &db);

    // What the index stores for a phone: the E.164 digits, and the same digits without a
    // 1-, 2- or 3-digit country code, so "612 34", "34612" and "+34 612" all find it.
    static QString phoneTokens(const QString &e164);

    // Turns what a user typed into a safe FTS5 MATCH expression: every run of letters or
    // digits becomes a quoted prefix term, all ANDed; punctuation inside a phone-looking
    // query is dropped. Returns an empty string when nothing searchable is left (the
    // caller then shows no rows rather than all rows).
    static QString matchExpression(const QString &userText);
};

} // namespace Leads
