// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QSize>
#include <QStringList>

#include <optional>

namespace Leads {

// Renders the documentation screenshots from deterministic sample data (fixed seed and
// "now", a temporary database, 1440×900, DejaVu fonts, Fusion light palette).
class Screenshots
{
public:
    static constexpr QSize kWindowSize{1440, 900};

    // Writes leads-page.png and leads-sidebar.png into `dir`; returns the files written.
    static Result<QStringList> render(const QString &dir);
    // Makes rendering independent of the desktop: Fusion, its standard palette, DejaVu Sans.
    static void applyDeterministicLook();

private:
    // nullopt: this seed does not show every status colour (try the next one).
    static std::optional<Result<QStringList>> renderSeed(const QString &dir, quint64 seed, bool lastTry);
};

} // namespace Leads
