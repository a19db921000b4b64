// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Helpers shared by the benchmarks that compare against the sqlite3 shell.
namespace Bench {

// CPU seconds of this process (RUSAGE_SELF) or of its finished children
// (RUSAGE_CHILDREN): on a shared machine wall time swings with the load, CPU time much
// less, so the benchmarks print both.
double cpuSeconds(int who);

// Runs `script` through the sqlite3 shell on `db`; false (with the shell's error on
// stderr) when it cannot start or fails.
bool runSqlite(const QString &db, const QByteArray &script);

} // namespace Bench
