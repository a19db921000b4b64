// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>

#include <memory>

class QTextStream;

namespace Leads {
class Database;
}

// What every leadsctl command shares: its streams, the --db option and opening the
// database with a readable error.
namespace LeadsCtl {
QTextStream &out();
QTextStream &err();
QCommandLineOption databaseOption();
// Opens and migrates `path`; on failure prints "leadsctl COMMAND: reason" and returns null.
std::unique_ptr<Leads::Database> openDatabase(const QString &path, const char *command);
} // namespace LeadsCtl
