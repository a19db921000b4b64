// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/leadfilter.h"
#include "storage/leadquery.h"

#include <QHash>
#include <QSqlTableModel>

namespace Leads {

class Clock;
class Database;
class SyncBadges;

// The lead list: a read-only QSqlTableModel over the local "leads" table. Filters and
// search become a WHERE from LeadQuery (allow-listed columns, escaped values), sorting is
// an ORDER BY on indexed columns, rows are fetched lazily by Qt's SQL models.
class LeadTableModel : public QSqlTableModel
{
    Q_OBJECT
public:
    enum class Column { Name, Contact, Company, Source, Status, Score, Assignee, FollowUp, LastActivity, Created };
    static constexpr int kColumnCount = 10;

    enum Role {
        LeadIdRole = Qt::UserRole + 1,
        StatusRole,       // status id string, for StatusDelegate
        ScoreRole,        // effective score (int) or invalid
        ScoreMethodRole,  // "ai", "manual" or ""
        AiScoreRole,
        IsFinalRole,
        OverdueRole,      // follow-up column: true when due and the lead is active
        SortRole,         // the raw value the column sorts by
        StaleRole,        // true when the lead is past its status's maximum age (StaleRules)
        StaleAgeRole,     // seconds since the last activity
        AwaitingReplyRole, // seconds since an unanswered inbound message, or invalid
        LastActivityRole, // QDateTime of the last activity
        AssigneeNameRole, // display name, empty when unassigned
        FollowUpRole,     // QDateTime of the follow-up, or invalid
        SyncStateRole,    // int(SyncBadges::State): none unless signed in to a server
        SyncTextRole,     // "Waiting to sync", "Synced", "Not applied: <reason>" or empty
    };

    LeadTableModel(Database &db, const Clock &clock, QObject *parent = nullptr);
    ~LeadTableModel() override;

    // The signed-in user ("Me" in the assignee filter).
    void setMe(const QString &userId) { m_meId = userId; }
    // What "stale" means (marking and the stale filter); re-selects when it changed.
    void setStaleRules(const StaleRules &rules);
    const StaleRules &staleRules() const { return m_staleRules; }
    // The WHERE/ORDER BY context of the current moment (also for the board's columns).
    LeadQuery::Context queryContext() const;
    // Applies a new filter with one select (none when the WHERE did not change).
    bool setLeadFilter(const LeadFilter &filter);
    const LeadFilter &leadFilter() const { return m_filter; }
    // The current WHERE for COUNT(*) (the list's own WHERE is tuned for sorted walks).
    QString whereClause() const { return m_countWhere; }

    // The per-row sync mark in the Name column (icon, tooltip, accessible text); null: none.
    void setSyncBadges(const SyncBadges *badges);

    // Refreshes the display names of users (the assignee column).
    void reloadUsers();
    QString userName(const QString &userId) const { return m_userNames.value(userId); }

    // Row of a lead among the rows fetched so far, fetching more (up to `fetchLimit` rows)
    // when needed; -1 when not found.
    int rowOfLead(const QString &leadId, int fetchLimit = 5000);
    QString leadIdAt(int row) const;
    // Ids of every lead matching the current filter in the list's order (at most `limit`),
    // read straight from the database rather than from the fetched rows.
    QStringList matchingLeadIds(int limit) const;

    LeadQuery::SortKey sortKey() const { return m_sortKey; }
    // Search results come newest lead first until the user clicks a column.
    bool isNewestFirst() const { return m_newestFirst && !m_match.isEmpty(); }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    void setSort(int column, Qt::SortOrder order) override;
    void sort(int column, Qt::SortOrder order) override;
    bool select() override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    static QString relativeTime(const QDateTime &at, const QDateTime &now);
    // "+34612345678" → "+34 612 345 678": digits grouped for reading (stored as E.164).
    static QString displayPhone(const QString &e164);

protected:
    QString selectStatement() const override;
    QString orderByClause() const override;

private:
    enum class Field;
    QVariant field(int row, Field f) const;
    QString lastActivityText(const QModelIndex &index, const QDateTime &at, bool tooltip) const;

    const Clock &m_clock;
    const SyncBadges *m_badges = nullptr;
    LeadFilter m_filter;
    StaleRules m_staleRules;
    QString m_meId;
    QString m_countWhere;
    QString m_match;       // leads_fts MATCH … of the current search, if any
    QString m_filtersOnly; // the list WHERE without the full-text part
    bool m_newestFirst = true;
    QHash<QString, QString> m_userNames;
    LeadQuery::SortKey m_sortKey = LeadQuery::SortKey::LastActivity;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_selecting = false;
    bool m_fetching = false;
};

} // namespace Leads
