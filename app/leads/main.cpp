// SPDX-License-Identifier: GPL-3.0-or-later
// The Leads desktop client: opens the local database (filling sample leads on first
// start), then shows the main window.
#include "domain/clock.h"
#include "mainwindow.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Leads"));
    QApplication::setOrganizationName(QStringLiteral("Leads"));
    QApplication::setApplicationVersion(QStringLiteral(LEADS_VERSION));

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
    parser.addOption(dbOption);
    parser.addOption(noSample);
    parser.process(app);

    auto opened = Leads::Database::open(parser.value(dbOption));
    if (!opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Leads"), opened.error().message());
        return 1;
    }
    Leads::Database &db = *opened.value();
    if (!parser.isSet(noSample) && Leads::SampleData::isEmpty(db)) {
        Leads::SampleData::Options options;
        options.leads = 500;
        if (auto seeded = Leads::SampleData::generate(db, options); !seeded) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Leads"), seeded.error().message());
            return 1;
        }
    }
    Leads::Actor owner{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Leads::Role::Admin};
    Leads::LeadService service(db, owner, Leads::Clock::system());
    Leads::MainWindow window(service);
    window.show();
    return app.exec();
}
