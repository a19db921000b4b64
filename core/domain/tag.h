// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "result.h"

#include <QString>

namespace Leads {

// A short label a person puts on leads ("vip", "fair 2026"). Compared without case.
class Tag
{
public:
    static constexpr int kMaxLength = 40;
    // Trimmed, inner spaces collapsed; refuses empty, too long or comma-separated text
    // (a comma would read as two tags in exports).
    static Result<QString> normalize(const QString &text);
};

} // namespace Leads
