// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QWidget;

namespace Leads {

// A short report when the client dies of a fatal signal (SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
// SIGILL): the signal, the version, the time and the call stack — never lead data, never
// the database path or anything typed. Written with async-signal-safe calls only into a
// file prepared before the crash; the next start offers to show it.
class CrashReport
{
public:
    // Installs the handlers; `directory` holds the report (created if missing).
    static void install(const QString &directory, const QString &version);
    static QString reportPath(const QString &directory);
    // A report left by the previous run, or an empty string.
    static QString pending(const QString &directory);
    // Shows a pending report (and removes it once seen); does nothing without one.
    static void offer(const QString &directory, QWidget *parent);
};

} // namespace Leads
