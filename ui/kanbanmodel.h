// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"
#include "domain/staleness.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QVariant>

namespace Leads {

class Clock;

// The cards of one board column: the leads in one status that match the list's search and
// filters; active columns longest untouched first, final ones most recent first. Cards are
// read a page at a time (canFetchMore / fetchMore) with a keyset on (last_activity_at,
// lead_no), so a column of 10,000 leads costs one page until it is scrolled.
class KanbanModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kPageSize = 60;
    static inline const QString kMimeType = QStringLiteral("application/x-leads-lead");

    enum Role {
        LeadIdRole = Qt::UserRole + 1,
        NameRole,
        CompanyRole,
        ScoreRole,         // int or invalid
        AssigneeRole,      // display name, empty when unassigned
        FollowUpRole,      // QDateTime or invalid
        OverdueRole,       // bool
        StaleRole,         // bool
        StaleAgeRole,      // seconds since the last activity
        AwaitingReplyRole, // seconds since an unanswered inbound message, or invalid
        StatusRole,        // status id
    };

    KanbanModel(QSqlDatabase db, LeadStatus status, const Clock &clock, QObject *parent = nullptr);

    LeadStatus status() const { return m_status; }
    // `where`: the list's condition (LeadQuery::where, count form; empty for all leads).
    // Resets the cards and counts the column.
    void setQuery(const QString &where, const StaleRules &rules);
    // Re-reads the cards, keeping about as many as were fetched.
    void reload();
    void setUserNames(const QHash<QString, QString> &names) { m_userNames = names; }
    qint64 total() const { return m_total; }
    int rowOfLead(const QString &leadId) const;
    QString leadIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

Q_SIGNALS:
    void totalChanged(qint64 total);

private:
    struct Card
    {
        qint64 leadNo = 0;
        QString id;
        QString name;
        QString company;
        QVariant score;
        QString assigneeId;
        QDateTime followUp;
        QDateTime lastActivity;
        QDateTime lastInbound;
        QDateTime lastOutbound;
    };
    QString condition() const;
    QList<Card> readPage(int limit) const;
    void count();

    QSqlDatabase m_db;
    LeadStatus m_status;
    const Clock &m_clock;
    QString m_where;
    StaleRules m_rules;
    QHash<QString, QString> m_userNames;
    QList<Card> m_cards;
    qint64 m_total = 0;
    bool m_exhausted = true;
    bool m_fetching = false;
};

} // namespace Leads
