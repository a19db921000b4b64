// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace Leads {

class Clock;
class Database;

// Watches follow-up times while the client runs: when an active lead's follow-up time
// passes, due() fires once for it (snoozing brings it back later). It also keeps the
// count of follow-ups due today or overdue for the sidebar. Notifications are for the
// user's own leads and unassigned ones; the count covers every lead on this computer,
// like the Leads page. Time comes from the injected Clock.
class FollowUpNotifier : public QObject
{
    Q_OBJECT
public:
    FollowUpNotifier(Database &db, const Clock &clock, QString userId, QObject *parent = nullptr);

    // Starts watching from now: follow-ups already past are counted, not announced.
    void start(int intervalMs = 20000);
    // Announces what became due since the last check; tests call it after moving the clock.
    void check();
    void snooze(const QString &leadId, int minutes);
    int dueCount() const { return m_dueCount; }

Q_SIGNALS:
    void due(const QString &leadId, const QString &name, const QDateTime &at);
    void countChanged(int count);

private:
    void updateCount();

    Database &m_db;
    const Clock &m_clock;
    QString m_userId;
    QTimer m_timer;
    QDateTime m_watermark;
    QHash<QString, QDateTime> m_snoozed; // lead → when to announce again
    QSet<QString> m_announced;           // "lead@time" already announced
    int m_dueCount = -1;
};

} // namespace Leads
