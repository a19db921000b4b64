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

// One machine-readable line per figure, for tools/bench-all:
//   RESULT name=keystroke_p95 value=27.100 unit=ms target=<30 baseline=63.200
// `target` is "<N", "<=N", ">N" or ">=N" on the value; with an "x" suffix ("<=3x") it is on
// value / baseline; "-" when no issue names one. `baseline` is the same figure measured in
// the same run by the reference (sqlite3 shell, a plain QSqlTableModel...), or -1 when
// there is none.
void result(const char *name, double value, const char *unit, const char *target, double baseline = -1);

} // namespace Bench
