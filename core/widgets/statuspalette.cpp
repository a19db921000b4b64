// SPDX-License-Identifier: GPL-3.0-or-later
#include "statuspalette.h"

#include <QPalette>

#include <algorithm>
#include <cmath>

namespace Leads {

namespace {

struct Entry
{
    QRgb text;
    QRgb background;
    QRgb border;
};

// Active statuses: a pale tint with a coloured outline ("open"). Final statuses: a solid,
// saturated fill with white text and no separate outline ("closed"), in both variants.
constexpr Entry kLight[] = {
    {0x1D4ED8, 0xDBEAFE, 0x93C5FD}, // New
    {0x0E7490, 0xCFFAFE, 0x67E8F9}, // Contacted
    {0x92400E, 0xFEF3C7, 0xFCD34D}, // Qualifying
    {0x166534, 0xDCFCE7, 0x86EFAC}, // Qualified
    {0x6B21A8, 0xF3E8FF, 0xD8B4FE}, // Follow-up
    {0xFFFFFF, 0x15803D, 0x15803D}, // Converted
    {0xFFFFFF, 0xB91C1C, 0xB91C1C}, // Lost
    {0xFFFFFF, 0x4B5563, 0x4B5563}, // Archived
};

constexpr Entry kDark[] = {
    {0xBFDBFE, 0x1E3A8A, 0x3B82F6}, // New
    {0xA5F3FC, 0x164E63, 0x0891B2}, // Contacted
    {0xFDE68A, 0x78350F, 0xD97706}, // Qualifying
    {0xBBF7D0, 0x14532D, 0x16A34A}, // Qualified
    {0xE9D5FF, 0x581C87, 0x9333EA}, // Follow-up
    {0xFFFFFF, 0x15803D, 0x15803D}, // Converted
    {0xFFFFFF, 0xB91C1C, 0xB91C1C}, // Lost
    {0xFFFFFF, 0x4B5563, 0x4B5563}, // Archived
};

static_assert(std::size(kLight) == kAllStatuses.size());
static_assert(std::size(kDark) == kAllStatuses.size());

double linearChannel(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

} // namespace

StatusPalette::Colors StatusPalette::colors(LeadStatus status, bool dark)
{
    const auto i = static_cast<std::size_t>(Status::index(status));
    const Entry &e = dark ? kDark[i] : kLight[i];
    return {QColor::fromRgb(e.text), QColor::fromRgb(e.background), QColor::fromRgb(e.border)};
}

StatusPalette::Colors StatusPalette::colors(LeadStatus status, const QPalette &palette)
{
    return colors(status, isDark(palette));
}

QColor StatusPalette::errorText(bool dark)
{
    return dark ? QColor(0xF8, 0x71, 0x71) : QColor(0xB9, 0x1C, 0x1C);
}

QColor StatusPalette::errorText(const QPalette &palette)
{
    return errorText(isDark(palette));
}

bool StatusPalette::isDark(const QPalette &palette)
{
    // Dark when white text would contrast better with the window than black text does:
    // the same luminance scale the contrast test uses, not HSL lightness.
    const double l = relativeLuminance(palette.color(QPalette::Active, QPalette::Window));
    return (1.05 / (l + 0.05)) > ((l + 0.05) / 0.05);
}

double StatusPalette::relativeLuminance(const QColor &color)
{
    const QColor c = color.toRgb();
    return 0.2126 * linearChannel(c.redF()) + 0.7152 * linearChannel(c.greenF())
        + 0.0722 * linearChannel(c.blueF());
}

double StatusPalette::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace Leads
