// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"

#include <QColor>

class QPalette;

namespace Leads {

// The colours that mean a status, in a light and a dark variant. Every text/background
// pair meets WCAG AA (>= 4.5:1); final statuses are solid fills so they read as "closed".
class StatusPalette
{
public:
    struct Colors
    {
        QColor text;
        QColor background;
        QColor border;
    };

    static Colors colors(LeadStatus status, bool dark);
    // Picks the dark variant when the palette's window colour is dark.
    static Colors colors(LeadStatus status, const QPalette &palette);
    static bool isDark(const QPalette &palette);
    // The red of error and warning text (refusals, overdue, failed rows), for a light or a
    // dark window.
    static QColor errorText(bool dark);
    static QColor errorText(const QPalette &palette);

    // WCAG 2.x relative luminance (sRGB, alpha ignored) and contrast ratio, 1.0 to 21.0.
    static double relativeLuminance(const QColor &color);
    static double contrastRatio(const QColor &a, const QColor &b);
};

} // namespace Leads
