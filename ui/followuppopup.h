// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QFrame>

class QLabel;
class QPushButton;

namespace Leads {

// The in-window reminder of a follow-up that is due: who, when, and "Open lead" or
// "Snooze". Sits in the bottom-right corner of the window it belongs to; several due at
// once queue up and show one after the other.
class FollowUpPopup : public QFrame
{
    Q_OBJECT
public:
    explicit FollowUpPopup(QWidget *parent);

    void add(const QString &leadId, const QString &name, const QDateTime &at);
    QString currentLeadId() const { return m_queue.isEmpty() ? QString() : m_queue.first().leadId; }
    QString text() const;
    int queued() const { return int(m_queue.size()); }
    QPushButton *openButton() const { return m_open; }
    QPushButton *snoozeButton() const { return m_snooze; }

    static constexpr int kSnoozeMinutes = 10;

Q_SIGNALS:
    void openLead(const QString &leadId);
    void snoozeLead(const QString &leadId, int minutes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Item
    {
        QString leadId;
        QString name;
        QDateTime at;
    };
    void showFirst();
    void next();
    void place();

    QList<Item> m_queue;
    QLabel *m_title;
    QLabel *m_body;
    QPushButton *m_open;
    QPushButton *m_snooze;
    QPushButton *m_close;
};

} // namespace Leads
