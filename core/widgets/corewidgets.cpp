// SPDX-License-Identifier: GPL-3.0-or-later
#include "corewidgets.h"

Q_LOGGING_CATEGORY(lcWidgets, "leads.widgets")
