// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"

#include <QStyledItemDelegate>

#include <optional>

class QFont;
class QFontMetrics;
class QPalette;
class QVariant;

namespace Leads {

// Paints a lead status as a rounded pill (glyph + label, colours from StatusPalette) over
// the normal item background, so the row selection stays visible around the pill.
class StatusDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // statusRole: the model role whose data is the status id string ("follow_up") or its
    // int index (Status::index).
    explicit StatusDelegate(int statusRole = Qt::DisplayRole, QObject *parent = nullptr);

    int statusRole() const { return m_statusRole; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Reused by filters, the detail pane and chart legends. paintPill draws into rect
    // (eliding the label when rect is narrower than pillSize); pass the same font to both,
    // e.g. pillFont(widget->font()).
    static void paintPill(QPainter *painter, const QRect &rect, LeadStatus status, const QPalette &palette,
                          const QFont &font);
    static QSize pillSize(LeadStatus status, const QFontMetrics &metrics);
    // The font pills are meant to be drawn with: the base font, medium weight.
    static QFont pillFont(const QFont &base);
    // A status from model data: the id string or the int index; nullopt for anything else.
    static std::optional<LeadStatus> statusFromData(const QVariant &data);

private:
    int m_statusRole;
};

} // namespace Leads
