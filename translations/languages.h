// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace Leads::Translations {

// The value of the `preferences/language` setting: "system" (the default), "en" or "de".
QString preference();
void setPreference(const QString &language);

// The languages Leads ships, as codes ("en", "de").
QStringList available();

// The language a preference resolves to: an explicit shipped language wins; "system" (or
// anything unknown) picks the system locale's language when Leads ships it, else English.
QString resolve(const QString &preference, const QLocale &system = QLocale::system());

// Installs the translators for `language` (Leads' own and, when found, Qt's) on the
// application, replacing the ones installed before, and makes QLocale's default follow it
// so dates and numbers match the text. Returns false if Leads' own catalogue failed to load.
bool install(const QString &language);

// The language install() last set up ("en" before any call).
QString current();

}
