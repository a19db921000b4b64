// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// leadsctl sub-commands for AI qualification; each returns the process exit code.
namespace LeadsCtl {
int train(const QStringList &args);
int score(const QStringList &args);
} // namespace LeadsCtl
