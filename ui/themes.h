// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QPalette;

namespace Leads {

// The colour schemes a user can choose in Preferences. "system" keeps the platform's own
// palette; the others are drawn by Fusion with a palette whose every text/background pair
// meets WCAG AA (4.5:1), and "high-contrast" meets AAA (7:1) with white on black and
// yellow selection, for people who need stronger contrast than a dark theme gives.
class Themes
{
public:
    static QStringList names(); // system, light, dark, high-contrast
    static QString displayName(const QString &theme);
    // The palette a theme applies (for "system", the current style's standard palette).
    static QPalette palette(const QString &theme);
    // Sets the application palette (and the Fusion style for the drawn themes).
    static void apply(const QString &theme);
};

} // namespace Leads
