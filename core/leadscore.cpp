// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadscore.h"

Q_LOGGING_CATEGORY(lcCore, "leads.core")
Q_LOGGING_CATEGORY(lcStorage, "leads.core.storage")
