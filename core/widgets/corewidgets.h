// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

// One logging category per library: leads.widgets for Leads::CoreWidgets.
Q_DECLARE_LOGGING_CATEGORY(lcWidgets)
