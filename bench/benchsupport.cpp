// SPDX-License-Identifier: GPL-3.0-or-later
#include "benchsupport.h"

#include <QProcess>

#include <cstdio>

#include <sys/resource.h>

namespace Bench {

double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

bool runSqlite(const QString &db, const QByteArray &script)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {db});
    if (!p.waitForStarted()) {
        std::fprintf(stderr, "cannot start sqlite3 (install the sqlite3 package)\n");
        return false;
    }
    p.write(script);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        std::fprintf(stderr, "sqlite3: %s\n", p.readAllStandardError().constData());
        return false;
    }
    return true;
}

void result(const char *name, double value, const char *unit, const char *target, double baseline)
{
    std::printf("RESULT name=%s value=%.3f unit=%s target=%s baseline=%.3f\n", name, value, unit, target, baseline);
    std::fflush(stdout);
}

} // namespace Bench
