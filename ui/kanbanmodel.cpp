// SPDX-License-Identifier: GPL-3.0-or-later
#include "kanbanmodel.h"

#include "domain/clock.h"
#include "leadsui.h"

#include <QMimeData>
#include <QSqlError>
#include <QSqlQuery>

namespace Leads {

namespace {

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

} // namespace

KanbanModel::KanbanModel(QSqlDatabase db, LeadStatus status, const Clock &clock, QObject *parent)
    : QAbstractListModel(parent), m_db(std::move(db)), m_status(status), m_clock(clock)
{
}

QString KanbanModel::condition() const
{
    // An active column names is_final so SQLite can use the partial index leads_stale
    // (status_rank, last_activity_at): one index range per column, already in card order.
    QString c = QStringLiteral("status_rank = %1 AND is_final = %2")
                    .arg(Status::index(m_status))
                    .arg(Status::isFinal(m_status) ? 1 : 0);
    if (!m_where.isEmpty())
        c += QStringLiteral(" AND (") + m_where + u')';
    return c;
}

void KanbanModel::setQuery(const QString &where, const StaleRules &rules)
{
    m_where = where;
    m_rules = rules;
    beginResetModel();
    m_cards.clear();
    m_exhausted = false;
    endResetModel();
    count();
    if (canFetchMore())
        fetchMore();
}

void KanbanModel::reload()
{
    const int keep = std::max<int>(kPageSize, int(m_cards.size()));
    beginResetModel();
    m_cards.clear();
    m_exhausted = false;
    endResetModel();
    count();
    const QList<Card> page = readPage(keep);
    if (!page.isEmpty()) {
        beginInsertRows({}, 0, int(page.size()) - 1);
        m_cards = page;
        endInsertRows();
    }
    m_exhausted = page.size() < keep;
}

void KanbanModel::count()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE ") + condition()) && q.next()) {
        m_total = q.value(0).toLongLong();
    } else {
        qCWarning(lcUi) << "counting board column failed:" << q.lastError().text();
        m_total = 0;
    }
    Q_EMIT totalChanged(m_total);
}

QList<KanbanModel::Card> KanbanModel::readPage(int limit) const
{
    QList<Card> cards;
    QString sql = QStringLiteral(
                      "SELECT lead_no, id, name, company, score, assignee_id, follow_up_at, last_activity_at, "
                      "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.lead_id = leads.id "
                      "AND i.kind IN ('broadcast_reply', 'chat_in')), "
                      "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.lead_id = leads.id AND i.kind = 'chat_out') "
                      "FROM leads WHERE ")
                  + condition();
    // Active columns list the longest-untouched leads first (what needs attention, stale
    // ones on top); final columns the most recent first.
    const bool newestFirst = Status::isFinal(m_status);
    const bool after = !m_cards.isEmpty();
    if (after) {
        sql += newestFirst ? QStringLiteral(" AND (last_activity_at < ? OR (last_activity_at = ? AND lead_no < ?))")
                           : QStringLiteral(" AND (last_activity_at > ? OR (last_activity_at = ? AND lead_no > ?))");
    }
    sql += newestFirst ? QStringLiteral(" ORDER BY last_activity_at DESC, lead_no DESC LIMIT ?")
                       : QStringLiteral(" ORDER BY last_activity_at ASC, lead_no ASC LIMIT ?");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    if (after) {
        const Card &last = m_cards.constLast();
        q.addBindValue(last.lastActivity.toMSecsSinceEpoch());
        q.addBindValue(last.lastActivity.toMSecsSinceEpoch());
        q.addBindValue(last.leadNo);
    }
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcUi) << "reading board cards failed:" << q.lastError().text();
        return cards;
    }
    while (q.next()) {
        Card c;
        c.leadNo = q.value(0).toLongLong();
        c.id = q.value(1).toString();
        c.name = q.value(2).toString();
        c.company = q.value(3).toString();
        c.score = q.value(4).isNull() ? QVariant() : QVariant(q.value(4).toInt());
        c.assigneeId = q.value(5).toString();
        c.followUp = fromMs(q.value(6));
        c.lastActivity = fromMs(q.value(7));
        c.lastInbound = fromMs(q.value(8));
        c.lastOutbound = fromMs(q.value(9));
        cards.append(c);
    }
    return cards;
}

int KanbanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cards.size());
}

bool KanbanModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_fetching && m_cards.size() < m_total;
}

void KanbanModel::fetchMore(const QModelIndex &parent)
{
    // Not from a view's rowsInserted handler of our own insert: the next page would be
    // announced while this one still is.
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const QList<Card> page = readPage(kPageSize);
    if (page.size() < kPageSize)
        m_exhausted = true;
    if (!page.isEmpty()) {
        beginInsertRows({}, int(m_cards.size()), int(m_cards.size() + page.size()) - 1);
        m_cards += page;
        endInsertRows();
    }
    m_fetching = false;
}

int KanbanModel::rowOfLead(const QString &leadId) const
{
    for (int i = 0; i < m_cards.size(); ++i) {
        if (m_cards.at(i).id == leadId)
            return i;
    }
    return -1;
}

QString KanbanModel::leadIdAt(int row) const
{
    return row >= 0 && row < m_cards.size() ? m_cards.at(row).id : QString();
}

QVariant KanbanModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Card &c = m_cards.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return c.name;
    case Qt::AccessibleTextRole: {
        QStringList parts{c.name};
        if (!c.company.isEmpty())
            parts.append(c.company);
        if (data(index, StaleRole).toBool())
            parts.append(tr("stale"));
        return parts.join(QStringLiteral(", "));
    }
    case LeadIdRole: return c.id;
    case CompanyRole: return c.company;
    case ScoreRole: return c.score;
    case AssigneeRole: return c.assigneeId.isEmpty() ? QString() : m_userNames.value(c.assigneeId, c.assigneeId);
    case FollowUpRole: return c.followUp;
    case OverdueRole: return c.followUp.isValid() && c.followUp < m_clock.now() && !Status::isFinal(m_status);
    case StaleRole:
    case StaleAgeRole: {
        const Staleness s = Staleness::evaluate(m_status, c.lastActivity, m_rules, m_clock.now());
        return role == StaleRole ? QVariant(s.stale) : QVariant(s.ageSecs);
    }
    case AwaitingReplyRole: {
        if (Status::isFinal(m_status))
            return {};
        const auto waiting = AwaitingReply::waitingSecs(c.lastInbound, c.lastOutbound, m_clock.now());
        return waiting ? QVariant(*waiting) : QVariant();
    }
    case StatusRole: return Status::id(m_status);
    default: return {};
    }
}

Qt::ItemFlags KanbanModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Final leads drag too: their drop is refused with the rule's reason, which says more
    // than a card that will not move.
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren | Qt::ItemIsDragEnabled;
}

QStringList KanbanModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *KanbanModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    // "<lead id>\n<status id>": what is dragged and from where.
    const QString payload = indexes.first().data(LeadIdRole).toString() + u'\n' + Status::id(m_status);
    mime->setData(kMimeType, payload.toUtf8());
    mime->setText(indexes.first().data(NameRole).toString());
    return mime;
}

} // namespace Leads
