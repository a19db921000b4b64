// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Leads {

class Clock;
class SyncBadges;

// Paints a board card (no widget per card): name, company, score, assignee, follow-up,
// and the stale and "no response" marks as glyphs with words, not colour alone; when
// signed in, the card's sync mark (waiting, synced, not applied) beside the score.
class KanbanDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kCardHeight = 82;

    explicit KanbanDelegate(const Clock &clock, QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    void setSyncBadges(const SyncBadges *badges) { m_badges = badges; }

private:
    const Clock &m_clock;
    const SyncBadges *m_badges = nullptr;
};

} // namespace Leads
