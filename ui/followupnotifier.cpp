// SPDX-License-Identifier: GPL-3.0-or-later
#include "followupnotifier.h"

#include "domain/clock.h"
#include "storage/database.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"

#include <QSqlQuery>

namespace Leads {

FollowUpNotifier::FollowUpNotifier(Database &db, const Clock &clock, QString userId, QObject *parent)
    : QObject(parent), m_db(db), m_clock(clock), m_userId(std::move(userId))
{
    connect(&m_timer, &QTimer::timeout, this, &FollowUpNotifier::check);
}

void FollowUpNotifier::start(int intervalMs)
{
    m_watermark = m_clock.now();
    updateCount();
    m_timer.start(intervalMs);
}

void FollowUpNotifier::snooze(const QString &leadId, int minutes)
{
    m_snoozed.insert(leadId, m_clock.now().addSecs(qint64(minutes) * 60));
}

void FollowUpNotifier::check()
{
    const QDateTime now = m_clock.now();
    if (!m_watermark.isValid())
        m_watermark = now;
    struct Due
    {
        QString id, name;
        QDateTime at;
    };
    QList<Due> dueNow;
    QSqlQuery q(m_db.connection());
    // The partial index on follow_up_at finds the few leads whose time just passed.
    q.prepare(QStringLiteral("SELECT id, name, follow_up_at FROM leads WHERE follow_up_at > ? AND follow_up_at <= ? "
                             "AND is_final = 0 AND (assignee_id IS NULL OR assignee_id = ?) ORDER BY follow_up_at"));
    q.addBindValue(m_watermark.toMSecsSinceEpoch());
    q.addBindValue(now.toMSecsSinceEpoch());
    q.addBindValue(m_userId);
    if (q.exec()) {
        while (q.next())
            dueNow.append({q.value(0).toString(), q.value(1).toString(),
                        QDateTime::fromMSecsSinceEpoch(q.value(2).toLongLong(), Qt::UTC)});
    }
    q.finish();
    for (auto it = m_snoozed.begin(); it != m_snoozed.end();) {
        if (it.value() > now) {
            ++it;
            continue;
        }
        QSqlQuery lead(m_db.connection());
        lead.prepare(QStringLiteral("SELECT name, follow_up_at FROM leads WHERE id = ? AND is_final = 0 "
                                    "AND follow_up_at IS NOT NULL"));
        lead.addBindValue(it.key());
        // A snoozed lead that was closed or had its follow-up cleared meanwhile stays quiet.
        if (lead.exec() && lead.next()) {
            dueNow.append({it.key(), lead.value(0).toString(),
                        QDateTime::fromMSecsSinceEpoch(lead.value(1).toLongLong(), Qt::UTC)});
            m_announced.remove(it.key() + u'@' + QString::number(lead.value(1).toLongLong()));
        }
        it = m_snoozed.erase(it);
    }
    m_watermark = now;
    for (const Due &d : std::as_const(dueNow)) {
        const QString key = d.id + u'@' + QString::number(d.at.toMSecsSinceEpoch());
        if (m_announced.contains(key))
            continue;
        m_announced.insert(key);
        Q_EMIT due(d.id, d.name, d.at);
    }
    updateCount();
}

void FollowUpNotifier::updateCount()
{
    LeadFilter filter;
    filter.followUp = LeadFilter::FollowUp::DueOrOverdue;
    const QString where = LeadQuery::where(filter, m_db.connection().driver(), {m_userId, m_clock.now()});
    const auto counted = LeadQuery::count(m_db.connection(), where);
    const int count = counted ? int(counted.value()) : 0;
    if (count != m_dueCount) {
        m_dueCount = count;
        Q_EMIT countChanged(count);
    }
}

} // namespace Leads
