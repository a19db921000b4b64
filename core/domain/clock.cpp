// SPDX-License-Identifier: GPL-3.0-or-later
#include "clock.h"

namespace Leads {

const Clock &Clock::system()
{
    static const Clock clock;
    return clock;
}

} // namespace Leads
