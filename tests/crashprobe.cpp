// SPDX-License-Identifier: GPL-3.0-or-later
// Installs the crash handler like the client does, holds a lead-like secret in memory,
// then crashes: the test reads what the report says (and does not say).
#include "crashreport.h"

#include <QCoreApplication>
#include <QString>

#include <csignal>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3)
        return 2;
    const QString secret = QString::fromLocal8Bit(argv[2]); // stands for lead data in memory
    Leads::CrashReport::install(QString::fromLocal8Bit(argv[1]), QStringLiteral("9.9.9-probe"));
    std::fprintf(stderr, "holding %d characters\n", int(secret.size()));
    std::raise(SIGSEGV);
    return 0;
}
