// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// leadsctl sub-commands; each returns the process exit code.
namespace LeadsCtl {
int seed(const QStringList &args);
int stats(const QStringList &args);
int import(const QStringList &args);
int simulate(const QStringList &args);
int exportLeads(const QStringList &args); // "export" is a C++ keyword
} // namespace LeadsCtl
