// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"

#include <QPixmap>

class QFont;
class QPalette;

namespace Leads {

// A status pill rendered once into a pixmap (for icons and labels outside item views).
QPixmap statusPillPixmap(LeadStatus status, const QPalette &palette, const QFont &font, qreal dpr = 2.0);

} // namespace Leads
