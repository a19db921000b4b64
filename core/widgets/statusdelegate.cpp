// SPDX-License-Identifier: GPL-3.0-or-later
#include "statusdelegate.h"

#include "corewidgets.h"
#include "statuspalette.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>

#include <algorithm>
#include <cmath>

namespace Leads {

namespace {

// Space between the cell edge and the pill: it is where the row highlight shows through.
constexpr int kCellMarginX = 6;
constexpr int kCellMarginY = 3;

struct PillMetrics
{
    int paddingX;
    int paddingY;
    int gap;
};

PillMetrics pillMetrics(const QFontMetrics &fm)
{
    // Scaled from the font so pills keep their shape at every font size / DPI.
    const int h = fm.height();
    return {std::max(6, qRound(h * 0.55)), std::max(2, qRound(h * 0.18)), std::max(3, qRound(h * 0.3))};
}

} // namespace

StatusDelegate::StatusDelegate(int statusRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_statusRole(statusRole)
{
}

std::optional<LeadStatus> StatusDelegate::statusFromData(const QVariant &data)
{
    if (!data.isValid())
        return std::nullopt;
    if (data.typeId() == QMetaType::QString)
        return Status::fromId(data.toString());
    switch (data.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort: {
        const qlonglong i = data.toLongLong();
        if (i >= 0 && i < static_cast<qlonglong>(kAllStatuses.size()))
            return kAllStatuses[static_cast<std::size_t>(i)];
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

QFont StatusDelegate::pillFont(const QFont &base)
{
    QFont font = base;
    font.setWeight(QFont::DemiBold);
    return font;
}

QSize StatusDelegate::pillSize(LeadStatus status, const QFontMetrics &metrics)
{
    const PillMetrics m = pillMetrics(metrics);
    // +1 per run: horizontalAdvance rounds, and a label measured 0.4 px short gets elided.
    const int textWidth = metrics.horizontalAdvance(Status::glyph(status)) + 1 + m.gap
        + metrics.horizontalAdvance(Status::label(status)) + 1;
    return {textWidth + 2 * m.paddingX, metrics.height() + 2 * m.paddingY};
}

void StatusDelegate::paintPill(QPainter *painter, const QRect &rect, LeadStatus status, const QPalette &palette,
                               const QFont &font)
{
    if (!painter || rect.isEmpty())
        return;
    const StatusPalette::Colors colors = StatusPalette::colors(status, palette);
    const QFontMetrics fm(font);
    const PillMetrics m = pillMetrics(fm);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setRenderHint(QPainter::TextAntialiasing, true);

    // Half-pixel inset keeps the 1 px outline crisp instead of smeared over two pixels.
    const QRectF body = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5);
    const qreal radius = std::min(body.height(), body.width()) / 2.0;
    painter->setPen(QPen(colors.border, 1.0));
    painter->setBrush(colors.background);
    painter->drawRoundedRect(body, radius, radius);

    painter->setFont(font);
    painter->setPen(colors.text);
    const QString glyph = Status::glyph(status);
    const int glyphWidth = fm.horizontalAdvance(glyph) + 1;
    const int paddingX = std::min(m.paddingX, std::max(0, (rect.width() - glyphWidth) / 2));
    QRect textRect = rect.adjusted(paddingX, 0, -paddingX, 0);

    if (textRect.width() < glyphWidth + m.gap + fm.horizontalAdvance(u'…')) {
        // Too narrow for any label: the glyph alone still tells the status apart.
        painter->drawText(rect, Qt::AlignCenter, glyph);
    } else {
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, glyph);
        textRect.setLeft(textRect.left() + glyphWidth + m.gap);
        const QString label = fm.elidedText(Status::label(status), Qt::ElideRight, textRect.width());
        painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    painter->restore();
}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant data = index.data(m_statusRole);
    const std::optional<LeadStatus> status = statusFromData(data);
    if (!status) {
        if (data.isValid())
            qCDebug(lcWidgets) << "StatusDelegate: not a status:" << data;
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }

    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // Only the panel is drawn, so the raw id text in the option is never painted.
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Without this, styles highlight only the text area, sized for the raw id, leaving a
    // ragged patch behind the pill; a status cell has no decoration, so the whole cell
    // carries the selection.
    opt.showDecorationSelected = true;
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QFont font = pillFont(opt.font);
    const QFontMetrics fm(font);
    const QSize wanted = pillSize(*status, fm);
    const QRect cell = opt.rect.adjusted(kCellMarginX, kCellMarginY, -kCellMarginX, -kCellMarginY);
    if (!cell.isEmpty()) {
        const int height = std::min(wanted.height(), cell.height());
        const int width = std::min(wanted.width(), cell.width());
        const QRect pill(cell.left(), cell.top() + (cell.height() - height) / 2, width, height);
        paintPill(painter, pill, *status, opt.palette, font);
    }

    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.rect = opt.rect;
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        const QPalette::ColorGroup group = (opt.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
        focus.backgroundColor = opt.palette.color(
            group, (opt.state & QStyle::State_Selected) ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const std::optional<LeadStatus> status = statusFromData(index.data(m_statusRole));
    if (!status)
        return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QSize pill = pillSize(*status, QFontMetrics(pillFont(opt.font)));
    return {pill.width() + 2 * kCellMarginX, pill.height() + 2 * kCellMarginY};
}

} // namespace Leads
