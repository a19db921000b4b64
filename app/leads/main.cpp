// SPDX-License-Identifier: GPL-3.0-or-later
// The Leads desktop client: opens the local database (filling sample leads on first
// start) or the team copy of the remembered sign-in, then shows the main window. `--screenshots DIR` renders the documentation
// screenshots from deterministic data instead.
#include "domain/clock.h"
#include "clientshell.h"
#include "languages.h"
#include "screenshots.h"
#include "storage/database.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QStyle>
#include <QStyleFactory>

#include <algorithm>
#include <iostream>

int main(int argc, char *argv[])
{
    // Screenshots, --help and --version never need a display: pick the offscreen platform
    // before Qt starts (screenshots keep a platform the caller chose).
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        const bool printsOnly = arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version"
                                || arg == "-v";
        if (printsOnly || (arg == "--screenshots" && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Leads"));
    QApplication::setOrganizationName(QStringLiteral("Leads"));
    QApplication::setApplicationVersion(QStringLiteral(LEADS_VERSION));
    // Before any text is built (the --help output included): the chosen language or the
    // system's. The documentation screenshots stay English, like their fixed locale.
    const bool docsScreenshots = std::any_of(argv + 1, argv + argc, [](const char *arg) {
        return QByteArrayView(arg).startsWith("--screenshots");
    });
    Leads::Translations::install(docsScreenshots ? QStringLiteral("en")
                                                 : Leads::Translations::resolve(Leads::Translations::preference()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Leads — offline-first CRM for leads"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dbOption(QStringLiteral("db"),
                                QApplication::translate("main", "Database file (default: %1).")
                                    .arg(Leads::Database::defaultPath()),
                                QStringLiteral("path"), Leads::Database::defaultPath());
    QCommandLineOption noSample(QStringLiteral("no-sample-data"),
                                QApplication::translate("main", "Do not fill an empty database with sample leads."));
    QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                   QApplication::translate("main", "Render the documentation screenshots into <dir> and exit."),
                                   QStringLiteral("dir"));
    parser.addOption(dbOption);
    parser.addOption(noSample);
    parser.addOption(screenshots);
    parser.process(app);

    if (parser.isSet(screenshots)) {
        auto written = Leads::Screenshots::render(parser.value(screenshots));
        if (!written) {
            std::cerr << qPrintable(written.error().message()) << std::endl;
            return 1;
        }
        for (const QString &file : written.value())
            std::cout << qPrintable(file) << std::endl;
        return 0;
    }

    QIcon icon;
    for (int size : {16, 32, 48, 256})
        icon.addFile(QStringLiteral(":/icons/leads-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    // Fusion when the platform offers no native style of its own.
    if (QApplication::style()->name().compare(QStringLiteral("windows"), Qt::CaseInsensitive) == 0)
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    Leads::ClientShell::Options options;
    options.localDatabase = parser.value(dbOption);
    options.sampleData = !parser.isSet(noSample);
    Leads::ClientShell shell(options, Leads::Clock::system());
    if (!shell.start())
        return 1;
    return app.exec();
}
