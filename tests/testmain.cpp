// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2 main for every test binary: a real QApplication on the offscreen platform, so
// widget tests run without a display and test discovery never silently finds zero tests.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QLocale>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Informational logging of the libraries would drown the test report; warnings stay.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("leads.*.info=false"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("leads-tests"));
    QApplication::setOrganizationName(QStringLiteral("LeadsTests"));
    return Catch::Session().run(argc, argv);
}
