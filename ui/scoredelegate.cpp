// SPDX-License-Identifier: GPL-3.0-or-later
#include "scoredelegate.h"

#include <QApplication>
#include <QPainter>

namespace Leads {

ScoreDelegate::ScoreDelegate(int scoreRole, int methodRole, QObject *parent)
    : QStyledItemDelegate(parent), m_scoreRole(scoreRole), m_methodRole(methodRole)
{
}

void ScoreDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant scoreData = index.data(m_scoreRole);
    if (scoreData.isNull() || !scoreData.isValid())
        return;
    const int score = std::clamp(scoreData.toInt(), 0, 100);
    const bool manual = index.data(m_methodRole).toString() == u"manual";
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &pal = option.palette;
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.55);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(6, 0, -8, 0);
    const QFontMetrics fm(option.font);

    // Right to left: mark, number, bar — numbers line up on the right edge.
    QFont markFont = option.font;
    markFont.setPointSizeF(option.font.pointSizeF() * 0.75);
    markFont.setWeight(QFont::DemiBold);
    const QFontMetrics mfm(markFont);
    const QString mark = manual ? tr("M") : tr("AI");
    const int markWidth = mfm.horizontalAdvance(QStringLiteral("AI")) + 2;
    QRect markRect(r.right() - markWidth + 1, r.top(), markWidth, r.height());
    painter->setFont(markFont);
    painter->setPen(manual ? text : muted);
    painter->drawText(markRect, Qt::AlignCenter, mark);

    const int numberWidth = fm.horizontalAdvance(QStringLiteral("100"));
    QRect numberRect(markRect.left() - 4 - numberWidth, r.top(), numberWidth, r.height());
    painter->setFont(option.font);
    painter->setPen(text);
    painter->drawText(numberRect, Qt::AlignRight | Qt::AlignVCenter, QString::number(score));

    const int barWidth = std::min(40, numberRect.left() - 6 - r.left());
    if (barWidth >= 16) {
        const int h = 4;
        QRectF track(numberRect.left() - 6 - barWidth, r.center().y() - h / 2.0 + 0.5, barWidth, h);
        QColor trackColor = text;
        trackColor.setAlphaF(0.12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(trackColor);
        painter->drawRoundedRect(track, h / 2.0, h / 2.0);
        QColor fill = selected ? pal.color(QPalette::HighlightedText) : pal.color(QPalette::Highlight);
        if (!selected && score < 40)
            fill.setAlphaF(0.45);
        QRectF filled = track;
        filled.setWidth(std::max(h * 1.0, track.width() * score / 100.0));
        painter->setBrush(fill);
        painter->drawRoundedRect(filled, h / 2.0, h / 2.0);
    }
    painter->restore();
}

QSize ScoreDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics fm(option.font);
    s.setWidth(std::max(s.width(), 40 + 6 + fm.horizontalAdvance(QStringLiteral("100")) + 4 + fm.horizontalAdvance(QStringLiteral("AI")) + 16));
    return s;
}

} // namespace Leads
