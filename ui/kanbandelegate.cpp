// SPDX-License-Identifier: GPL-3.0-or-later
#include "kanbandelegate.h"

#include "domain/clock.h"
#include "domain/staleness.h"
#include "kanbanmodel.h"
#include "leadtablemodel.h"
#include "syncbadges.h"
#include "widgets/statuspalette.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace Leads {

KanbanDelegate::KanbanDelegate(const Clock &clock, QObject *parent) : QStyledItemDelegate(parent), m_clock(clock) {}

QSize KanbanDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return QSize(option.rect.width(), kCardHeight);
}

bool KanbanDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                               const QModelIndex &index)
{
    // The card's sync mark in words (the mark itself is a small glyph).
    if (event && event->type() == QEvent::ToolTip && m_badges && m_badges->isActive() && index.isValid()) {
        const QString mark = m_badges->text(index.data(KanbanModel::LeadIdRole).toString());
        if (!mark.isEmpty()) {
            QToolTip::showText(event->globalPos(), index.data(KanbanModel::NameRole).toString() + u'\n' + mark, view,
                               option.rect);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

void KanbanDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = option.palette;
    const bool dark = StatusPalette::isDark(pal);
    const bool selected = option.state & QStyle::State_Selected;
    const QRectF card = QRectF(option.rect).adjusted(6, 4, -6, -4);
    const bool stale = index.data(KanbanModel::StaleRole).toBool();
    const QColor warn = StatusPalette::errorText(dark);

    QColor border = selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid);
    if (!selected)
        border.setAlphaF(0.55);
    p->setPen(QPen(border, selected ? 1.6 : 1.0));
    p->setBrush(pal.color(QPalette::Base));
    p->drawRoundedRect(card, 6, 6);
    if (stale) {
        // A stripe on the left edge, besides the "Stale" words below.
        QPainterPath stripe;
        stripe.addRoundedRect(QRectF(card.left(), card.top(), 4, card.height()), 2, 2);
        p->fillPath(stripe, warn);
    }

    const QRectF inner = card.adjusted(12, 8, -10, -8);
    QFont nameFont = option.font;
    nameFont.setWeight(QFont::DemiBold);
    const QFontMetricsF nfm(nameFont);
    const QFontMetricsF fm(option.font);

    // Score pill on the right of the first line.
    qreal nameRight = inner.right();
    const QVariant score = index.data(KanbanModel::ScoreRole);
    if (score.isValid()) {
        const QString text = QString::number(score.toInt());
        const qreal w = fm.horizontalAdvance(text) + 12;
        const QRectF pill(inner.right() - w, inner.top(), w, fm.height() + 2);
        QColor bg = pal.color(QPalette::Highlight);
        bg.setAlphaF(score.toInt() >= 70 ? 0.9 : 0.18);
        p->setPen(Qt::NoPen);
        p->setBrush(bg);
        p->drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        p->setPen(score.toInt() >= 70 ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Text));
        p->setFont(option.font);
        p->drawText(pill, Qt::AlignCenter, text);
        nameRight = pill.left() - 6;
    }
    if (m_badges && m_badges->isActive()) {
        const auto state = m_badges->state(index.data(KanbanModel::LeadIdRole).toString());
        const qreal size = std::min<qreal>(14, fm.height());
        const QRectF badge(nameRight - size, inner.top() + (nfm.height() - size) / 2, size, size);
        SyncBadges::paint(p, badge, state, pal);
        nameRight = badge.left() - 6;
    }
    p->setFont(nameFont);
    p->setPen(pal.color(QPalette::Text));
    const QRectF nameRect(inner.left(), inner.top(), nameRight - inner.left(), nfm.height());
    p->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                nfm.elidedText(index.data(KanbanModel::NameRole).toString(), Qt::ElideRight, nameRect.width()));

    p->setFont(option.font);
    QColor muted = pal.color(QPalette::PlaceholderText);
    p->setPen(muted);
    const QString company = index.data(KanbanModel::CompanyRole).toString();
    const QRectF companyRect(inner.left(), nameRect.bottom() + 2, inner.width(), fm.height());
    p->drawText(companyRect, Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(company.isEmpty() ? QStringLiteral("—") : company, Qt::ElideRight, companyRect.width()));

    // Bottom line: assignee on the left; follow-up, "no response" and stale on the right.
    const QRectF bottom(inner.left(), inner.bottom() - fm.height(), inner.width(), fm.height());
    // At most two marks, the most urgent first: the stale age, an overdue follow-up, the
    // wait since an unanswered reply, the next follow-up (cut from the right if long).
    QStringList right;
    bool rightWarn = false;
    if (stale) {
        right.append(tr("\u2744 Stale %1").arg(Staleness::shortAge(index.data(KanbanModel::StaleAgeRole).toLongLong())));
        rightWarn = true;
    }
    const QDateTime followUp = index.data(KanbanModel::FollowUpRole).toDateTime();
    const bool overdue = followUp.isValid() && index.data(KanbanModel::OverdueRole).toBool();
    if (overdue) {
        right.append(QStringLiteral("\u26A0 ") + LeadTableModel::relativeTime(followUp, m_clock.now()));
        rightWarn = true;
    }
    const QVariant waiting = index.data(KanbanModel::AwaitingReplyRole);
    // A stale card says so alone (with an overdue follow-up at most): the wait adds little.
    if (waiting.isValid() && right.isEmpty())
        right.append(QStringLiteral("\u21A9 ") + Staleness::shortAge(waiting.toLongLong()));
    if (followUp.isValid() && !overdue && !stale && right.size() < 2)
        right.append(QStringLiteral("\u25F7 ") + LeadTableModel::relativeTime(followUp, m_clock.now()));
    const QString rightText = right.join(QStringLiteral("  "));
    const qreal rightWidth = std::min(fm.horizontalAdvance(rightText) + 2, bottom.width() * 0.62);
    p->setPen(rightWarn ? warn : muted);
    p->drawText(QRectF(bottom.right() - rightWidth, bottom.top(), rightWidth, bottom.height()),
                Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(rightText, Qt::ElideRight, rightWidth));
    const QString assignee = index.data(KanbanModel::AssigneeRole).toString();
    p->setPen(assignee.isEmpty() ? muted : pal.color(QPalette::Text));
    const qreal leftWidth = bottom.width() - rightWidth - 8;
    p->drawText(QRectF(bottom.left(), bottom.top(), leftWidth, bottom.height()), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(assignee.isEmpty() ? tr("Unassigned") : assignee, Qt::ElideRight, leftWidth));
    p->restore();
}

} // namespace Leads
