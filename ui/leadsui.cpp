// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadsui.h"

Q_LOGGING_CATEGORY(lcUi, "leads.ui")
