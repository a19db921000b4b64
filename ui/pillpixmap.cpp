// SPDX-License-Identifier: GPL-3.0-or-later
#include "pillpixmap.h"

#include "widgets/statusdelegate.h"

#include <QPainter>

namespace Leads {

QPixmap statusPillPixmap(LeadStatus status, const QPalette &palette, const QFont &font, qreal dpr)
{
    const QFont pf = StatusDelegate::pillFont(font);
    const QSize size = StatusDelegate::pillSize(status, QFontMetrics(pf));
    QPixmap pm(size * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    StatusDelegate::paintPill(&p, QRect(QPoint(0, 0), size), status, palette, pf);
    return pm;
}

} // namespace Leads
