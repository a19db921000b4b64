// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadtablemodel.h"

#include "domain/clock.h"
#include "domain/lead.h"
#include "domain/leadstatus.h"
#include "leadsui.h"
#include "widgets/statuspalette.h"
#include "storage/database.h"
#include "syncbadges.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace Leads {

// The order of the SELECT list: the visible columns first (same order as Column), then
// what the roles need. Only the first kColumnCount are model columns.
enum class LeadTableModel::Field {
    Name, Contact, Company, Source, Status, Score, AssigneeId, FollowUpAt, LastActivityAt, CreatedAt,
    Id, IsFinal, Method, AiScore, ManualScore, Phone, Email, LastInbound, LastOutbound,
};

namespace {

// Qualified: the search form joins leads_fts, which has name, company and email too.
constexpr auto kSelectList =
    "leads.name, CASE WHEN leads.phone <> '' THEN leads.phone ELSE leads.email END AS contact, leads.company, "
    "leads.source, leads.status, leads.score, leads.assignee_id, leads.follow_up_at, leads.last_activity_at, "
    "leads.created_at, leads.id, leads.is_final, leads.qualification_method, leads.ai_score, leads.manual_score, "
    "leads.phone, leads.email, "
    // "Since reply, no response": the lead's latest inbound and outbound messages, read
    // through interactions_lead (lead_id, occurred_at) for the fetched rows only.
    "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.lead_id = leads.id "
    "AND i.kind IN ('broadcast_reply', 'chat_in')) AS last_inbound, "
    "(SELECT MAX(i.occurred_at) FROM interactions i WHERE i.lead_id = leads.id AND i.kind = 'chat_out') AS last_outbound";

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull() || !v.isValid())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QColor errorColor()
{
    return StatusPalette::errorText(QGuiApplication::palette());
}

QColor mutedColor()
{
    return QGuiApplication::palette().color(QPalette::PlaceholderText);
}

LeadQuery::SortKey sortKeyFor(int column)
{
    return static_cast<LeadQuery::SortKey>(std::clamp(column, 0, LeadTableModel::kColumnCount - 1));
}

} // namespace

LeadTableModel::LeadTableModel(Database &db, const Clock &clock, QObject *parent)
    : QSqlTableModel(parent, db.connection()), m_clock(clock)
{
    setTable(QStringLiteral("leads"));
    setEditStrategy(QSqlTableModel::OnManualSubmit);
    reloadUsers();
}

LeadTableModel::~LeadTableModel() = default;

void LeadTableModel::setSyncBadges(const SyncBadges *badges)
{
    if (m_badges)
        disconnect(m_badges, nullptr, this, nullptr);
    m_badges = badges;
    auto repaint = [this] {
        // Only the Name column carries the mark; fetched rows only (the rest read it when fetched).
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, int(Column::Name)), index(rowCount() - 1, int(Column::Name)),
                               {Qt::DecorationRole, Qt::ToolTipRole, Qt::AccessibleTextRole, SyncStateRole,
                                SyncTextRole});
    };
    if (m_badges)
        connect(m_badges, &SyncBadges::changed, this, repaint);
    repaint();
}

void LeadTableModel::reloadUsers()
{
    m_userNames.clear();
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("SELECT id, display_name FROM users"))) {
        while (q.next())
            m_userNames.insert(q.value(0).toString(), q.value(1).toString());
    }
}

LeadQuery::Context LeadTableModel::queryContext() const
{
    return LeadQuery::Context{m_meId, m_clock.now(), m_staleRules};
}

void LeadTableModel::setStaleRules(const StaleRules &rules)
{
    if (rules == m_staleRules)
        return;
    m_staleRules = rules;
    if (query().isActive()) {
        if (m_filter.stale)
            setLeadFilter(m_filter);
        else if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, kColumnCount - 1));
    }
}

bool LeadTableModel::setLeadFilter(const LeadFilter &filter)
{
    m_filter = filter;
    const LeadQuery::Context context = queryContext();
    const QSqlDriver *driver = database().driver();
    const QString where = LeadQuery::where(filter, driver, context, true);
    m_countWhere = LeadQuery::where(filter, driver, context, false);
    const QString match = LeadQuery::ftsMatch(filter, driver);
    if (match != m_match)
        m_newestFirst = true; // a new search lists the newest matches first
    m_match = match;
    m_filtersOnly = LeadQuery::where(filter, driver, context, true, false);
    if (where == this->filter() && query().isActive())
        return true;
    // QSqlTableModel::setFilter re-selects by itself when the model is populated.
    const bool populated = query().isActive();
    setFilter(where);
    if (!populated)
        return select();
    return !lastError().isValid();
}

QString LeadTableModel::selectStatement() const
{
    if (isNewestFirst()) {
        // FTS5 hands out matches in rowid order: newest first streams the first screenful
        // at once, where any other order would collect and sort every match first.
        QString sql = QStringLiteral("SELECT ") + QLatin1String(kSelectList)
                      + QStringLiteral(" FROM leads_fts JOIN leads ON leads.lead_no = leads_fts.rowid WHERE ") + m_match;
        if (!m_filtersOnly.isEmpty())
            sql += QStringLiteral(" AND ") + m_filtersOnly;
        return sql + QStringLiteral(" ORDER BY leads_fts.rowid DESC");
    }
    QString sql = QStringLiteral("SELECT ") + QLatin1String(kSelectList) + QStringLiteral(" FROM leads");
    if (!filter().isEmpty())
        sql += QStringLiteral(" WHERE ") + filter();
    return sql + u' ' + orderByClause();
}

QString LeadTableModel::orderByClause() const
{
    return LeadQuery::orderBy(m_sortKey, m_sortOrder);
}

void LeadTableModel::setSort(int column, Qt::SortOrder order)
{
    m_sortKey = sortKeyFor(column);
    m_sortOrder = order;
    QSqlTableModel::setSort(column, order);
}

void LeadTableModel::sort(int column, Qt::SortOrder order)
{
    const bool wasNewestFirst = isNewestFirst();
    m_newestFirst = false; // the user picked an order
    if (sortKeyFor(column) == m_sortKey && order == m_sortOrder && query().isActive() && !wasNewestFirst)
        return;
    setSort(column, order);
    select();
}

bool LeadTableModel::select()
{
    // QSqlQueryModel fetches the first rows inside its model reset, and views (and
    // QAbstractItemModelTester) that call fetchMore() from their modelReset handler would
    // then insert rows while the reset is still being announced. Fetch right after instead.
    m_selecting = true;
    const bool ok = QSqlTableModel::select();
    m_selecting = false;
    if (ok && canFetchMore())
        fetchMore();
    return ok;
}

bool LeadTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !m_selecting && !m_fetching && QSqlTableModel::canFetchMore(parent);
}

void LeadTableModel::fetchMore(const QModelIndex &parent)
{
    // Not from inside a rowsInserted handler of our own fetch: the next batch would be
    // announced while the current one still is.
    if (m_selecting || m_fetching)
        return;
    m_fetching = true;
    QSqlTableModel::fetchMore(parent);
    m_fetching = false;
}

int LeadTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

Qt::ItemFlags LeadTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

QVariant LeadTableModel::field(int row, Field f) const
{
    // Hidden fields live past columnCount(); QSqlQueryModel reads any column of its record.
    return QSqlQueryModel::data(createIndex(row, static_cast<int>(f)), Qt::DisplayRole);
}

QString LeadTableModel::leadIdAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return field(row, Field::Id).toString();
}

QStringList LeadTableModel::matchingLeadIds(int limit) const
{
    QStringList ids;
    if (limit <= 0)
        return ids;
    QString sql = QStringLiteral("SELECT id FROM leads");
    if (!m_countWhere.isEmpty())
        sql += QStringLiteral(" WHERE ") + m_countWhere;
    // Search results are listed newest first; otherwise the list's own order.
    sql += isNewestFirst() ? QStringLiteral(" ORDER BY lead_no DESC") : u' ' + orderByClause();
    sql += QStringLiteral(" LIMIT ?");
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcUi) << "reading matching leads failed:" << q.lastError().text();
        return ids;
    }
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

int LeadTableModel::rowOfLead(const QString &leadId, int fetchLimit)
{
    if (leadId.isEmpty())
        return -1;
    int row = 0;
    for (;;) {
        const int rows = rowCount();
        for (; row < rows; ++row) {
            if (field(row, Field::Id).toString() == leadId)
                return row;
        }
        if (rows >= fetchLimit || !canFetchMore())
            return -1;
        fetchMore();
        if (rowCount() == rows)
            return -1;
    }
}

QString LeadTableModel::relativeTime(const QDateTime &at, const QDateTime &now)
{
    if (!at.isValid())
        return {};
    const qint64 secs = at.secsTo(now); // > 0: in the past
    const qint64 a = std::abs(secs);
    const bool past = secs >= 0;
    auto phrase = [past](const QString &amount) {
        return past ? tr("%1 ago").arg(amount) : tr("in %1").arg(amount);
    };
    if (a < 60)
        return past ? tr("just now") : tr("in a minute");
    if (a < 3600)
        return phrase(tr("%1 min").arg(a / 60));
    if (a < 24 * 3600)
        return phrase(tr("%1 h").arg(a / 3600));
    if (a < 7 * 24 * 3600)
        return phrase(tr("%1 d").arg(a / (24 * 3600)));
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    if (local.date().year() == now.toLocalTime().date().year())
        return locale.toString(local.date(), QStringLiteral("d MMM"));
    return locale.toString(local.date(), QStringLiteral("d MMM yyyy"));
}

QString LeadTableModel::displayPhone(const QString &e164)
{
    if (!e164.startsWith(u'+') || e164.size() < 8)
        return e164;
    const QString digits = e164.mid(1);
    for (QChar c : digits) {
        if (!c.isDigit())
            return e164;
    }
    // Calling codes: 1 and 7 are one digit, these are two, the rest three.
    static const QStringList kTwoDigit = {
        QStringLiteral("20"), QStringLiteral("27"), QStringLiteral("30"), QStringLiteral("31"), QStringLiteral("32"),
        QStringLiteral("33"), QStringLiteral("34"), QStringLiteral("36"), QStringLiteral("39"), QStringLiteral("40"),
        QStringLiteral("41"), QStringLiteral("43"), QStringLiteral("44"), QStringLiteral("45"), QStringLiteral("46"),
        QStringLiteral("47"), QStringLiteral("48"), QStringLiteral("49"), QStringLiteral("51"), QStringLiteral("52"),
        QStringLiteral("53"), QStringLiteral("54"), QStringLiteral("55"), QStringLiteral("56"), QStringLiteral("57"),
        QStringLiteral("58"), QStringLiteral("60"), QStringLiteral("61"), QStringLiteral("62"), QStringLiteral("63"),
        QStringLiteral("64"), QStringLiteral("65"), QStringLiteral("66"), QStringLiteral("81"), QStringLiteral("82"),
        QStringLiteral("84"), QStringLiteral("86"), QStringLiteral("90"), QStringLiteral("91"), QStringLiteral("92"),
        QStringLiteral("93"), QStringLiteral("94"), QStringLiteral("95"), QStringLiteral("98"),
    };
    int cc = 3;
    if (digits.startsWith(u'1') || digits.startsWith(u'7'))
        cc = 1;
    else if (kTwoDigit.contains(digits.left(2)))
        cc = 2;
    QString national = digits.mid(cc);
    QStringList groups;
    int first = national.size() % 3 == 2 ? 2 : 3;
    if (national.size() % 3 == 1 && national.size() >= 4)
        first = 3; // ends in a group of four
    int pos = 0;
    while (pos < national.size()) {
        const int left = int(national.size()) - pos;
        const int take = pos == 0 ? std::min(first, left) : (left == 4 ? 4 : std::min(3, left));
        groups.append(national.mid(pos, take));
        pos += take;
    }
    return u'+' + digits.left(cc) + u' ' + groups.join(u' ');
}

QVariant LeadTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const auto column = static_cast<Column>(index.column());

    switch (role) {
    case LeadIdRole: return field(row, Field::Id);
    case StatusRole: return field(row, Field::Status);
    case ScoreRole: return field(row, Field::Score);
    case ScoreMethodRole: return field(row, Field::Method);
    case AiScoreRole: return field(row, Field::AiScore);
    case IsFinalRole: return field(row, Field::IsFinal).toBool();
    case OverdueRole: {
        const QDateTime due = fromMs(field(row, Field::FollowUpAt));
        return due.isValid() && due < m_clock.now() && !field(row, Field::IsFinal).toBool();
    }
    case SortRole:
        return field(row, static_cast<Field>(index.column()));
    case StaleRole:
    case StaleAgeRole: {
        const auto status = Status::fromId(field(row, Field::Status).toString());
        if (!status)
            return {};
        const Staleness s = Staleness::evaluate(*status, fromMs(field(row, Field::LastActivityAt)), m_staleRules,
                                                m_clock.now());
        return role == StaleRole ? QVariant(s.stale) : QVariant(s.ageSecs);
    }
    case AwaitingReplyRole: {
        // A final lead waits for nothing.
        if (field(row, Field::IsFinal).toBool())
            return {};
        const auto waiting = AwaitingReply::waitingSecs(fromMs(field(row, Field::LastInbound)),
                                                        fromMs(field(row, Field::LastOutbound)), m_clock.now());
        return waiting ? QVariant(*waiting) : QVariant();
    }
    case LastActivityRole: return fromMs(field(row, Field::LastActivityAt));
    case FollowUpRole: return fromMs(field(row, Field::FollowUpAt));
    case AssigneeNameRole: {
        const QString id = field(row, Field::AssigneeId).toString();
        return id.isEmpty() ? QString() : m_userNames.value(id, id);
    }
    case SyncStateRole:
        return int(m_badges ? m_badges->state(field(row, Field::Id).toString()) : SyncBadges::State::None);
    case SyncTextRole: return m_badges ? m_badges->text(field(row, Field::Id).toString()) : QString();
    default: break;
    }

    if (column == Column::Name && m_badges && m_badges->isActive()) {
        // The sync mark: an icon beside the name, and words for tooltips and screen readers.
        if (role == Qt::DecorationRole) {
            const auto state = m_badges->state(field(row, Field::Id).toString());
            return SyncBadges::icon(state, QGuiApplication::palette());
        }
        if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) {
            const QString name = field(row, Field::Name).toString();
            const QString mark = m_badges->text(field(row, Field::Id).toString());
            if (!mark.isEmpty())
                return role == Qt::ToolTipRole ? name + u'\n' + mark : tr("%1, %2").arg(name, mark);
        }
    }

    const auto dateField = [column]() -> std::optional<Field> {
        switch (column) {
        case Column::FollowUp: return Field::FollowUpAt;
        case Column::LastActivity: return Field::LastActivityAt;
        case Column::Created: return Field::CreatedAt;
        default: return std::nullopt;
        }
    }();
    const bool overdue = column == Column::FollowUp && data(index, OverdueRole).toBool();

    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (dateField) {
            const QDateTime at = fromMs(field(row, *dateField));
            if (!at.isValid())
                return role == Qt::DisplayRole ? QVariant(QString()) : QVariant();
            if (column == Column::LastActivity)
                return lastActivityText(index, at, role == Qt::ToolTipRole);
            if (role == Qt::ToolTipRole) {
                const QString exact = QLocale().toString(at.toLocalTime(), QLocale::LongFormat);
                return overdue ? tr("Overdue since %1").arg(exact) : exact;
            }
            const QString text = relativeTime(at, m_clock.now());
            return overdue ? QStringLiteral("\u26A0 ") + text : text;
        }
        switch (column) {
        case Column::Name:
        case Column::Company:
            return field(row, static_cast<Field>(index.column())).toString();
        case Column::Contact: {
            const QString phone = field(row, Field::Phone).toString();
            const QString email = field(row, Field::Email).toString();
            if (role == Qt::ToolTipRole)
                return QStringList{phone, email}.filter(QRegularExpression(QStringLiteral("."))).join(u'\n');
            return phone.isEmpty() ? email : displayPhone(phone);
        }
        case Column::Source: return Source::label(field(row, Field::Source).toString());
        case Column::Status: {
            const auto s = Status::fromId(field(row, Field::Status).toString());
            return s ? Status::label(*s) : QString();
        }
        case Column::Score: {
            const QVariant score = field(row, Field::Score);
            if (score.isNull())
                return role == Qt::DisplayRole ? QVariant(QString()) : QVariant(tr("Not scored yet"));
            if (role == Qt::ToolTipRole) {
                const bool manual = field(row, Field::Method).toString() == u"manual";
                const QVariant ai = field(row, Field::AiScore);
                if (manual && !ai.isNull())
                    return tr("Manual score %1 (AI suggested %2)").arg(score.toInt()).arg(ai.toInt());
                return manual ? tr("Manual score %1").arg(score.toInt()) : tr("AI score %1").arg(score.toInt());
            }
            return QString::number(score.toInt());
        }
        case Column::Assignee: {
            const QString id = field(row, Field::AssigneeId).toString();
            if (id.isEmpty())
                return tr("Unassigned");
            return m_userNames.value(id, id);
        }
        default: break;
        }
        return {};
    }
    if (role == Qt::ForegroundRole) {
        if (overdue || (column == Column::LastActivity && data(index, StaleRole).toBool()))
            return errorColor();
        if (column == Column::Assignee && field(row, Field::AssigneeId).isNull())
            return mutedColor();
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        if (column == Column::Score)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::EditRole)
        return field(row, static_cast<Field>(index.column()));
    return {};
}

QString LeadTableModel::lastActivityText(const QModelIndex &index, const QDateTime &at, bool tooltip) const
{
    // Stale and unanswered are words and glyphs, not colour alone.
    const bool stale = data(index, StaleRole).toBool();
    const QVariant waiting = data(index, AwaitingReplyRole);
    if (tooltip) {
        QStringList lines{QLocale().toString(at.toLocalTime(), QLocale::LongFormat)};
        if (stale) {
            const auto status = Status::fromId(data(index, StatusRole).toString());
            const qint64 limit = status ? qint64(m_staleRules.maxAgeHours(*status).value_or(0)) * 3600 : 0;
            lines.append(tr("Stale: no activity for %1 (the limit in %2 is %3)")
                             .arg(Staleness::shortAge(data(index, StaleAgeRole).toLongLong()),
                                  status ? Status::label(*status) : QString(), Staleness::shortAge(limit)));
        }
        if (waiting.isValid())
            lines.append(tr("Replied %1 ago, no response since").arg(Staleness::shortAge(waiting.toLongLong())));
        return lines.join(u'\n');
    }
    QString text = relativeTime(at, m_clock.now());
    if (waiting.isValid())
        text = tr("\u21A9 %1 no reply").arg(Staleness::shortAge(waiting.toLongLong()));
    if (stale)
        text = tr("\u2744 Stale · %1").arg(text);
    return text;
}

QVariant LeadTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= kColumnCount)
        return QSqlTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (static_cast<Column>(section)) {
        case Column::Name: return tr("Name");
        case Column::Contact: return tr("Contact");
        case Column::Company: return tr("Company");
        case Column::Source: return tr("Source");
        case Column::Status: return tr("Status");
        case Column::Score: return tr("Score");
        case Column::Assignee: return tr("Assignee");
        case Column::FollowUp: return tr("Follow-up");
        case Column::LastActivity: return tr("Last activity");
        case Column::Created: return tr("Created");
        }
    }
    if (role == Qt::TextAlignmentRole) {
        if (static_cast<Column>(section) == Column::Score)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

} // namespace Leads
