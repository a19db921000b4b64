// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/leadstatus.h"
#include "domain/permissions.h"
#include "languages.h"
#include "leadspage.h"
#include "settingsdialog.h"
#include "signindialog.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/authclient.h"
#include "teamsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QXmlStreamReader>

using namespace Leads;

namespace {

const Actor kAdmin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};

// Puts English back after a test so the others see the texts they expect.
struct LanguageGuard
{
    ~LanguageGuard()
    {
        Translations::install(QStringLiteral("en"));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }
};

struct TsMessage
{
    QString context;
    QString source;
    bool unfinished = false;
    bool empty = true;
};

QList<TsMessage> readTs(const QString &name)
{
    QFile file(QStringLiteral(LEADS_TRANSLATIONS_DIR "/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QList<TsMessage> messages;
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            messages.append(TsMessage{context, QString(), false, true});
        } else if (xml.name() == u"source" && !messages.isEmpty()) {
            messages.last().source = xml.readElementText();
        } else if (xml.name() == u"translation" && !messages.isEmpty()) {
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            messages.last().unfinished = type == u"unfinished" || type == u"vanished" || type == u"obsolete";
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.last().empty = text.trimmed().isEmpty();
        }
    }
    REQUIRE_FALSE(xml.hasError());
    return messages;
}

} // namespace

TEST_CASE("English plural forms replace the literal (s)", "[translations]")
{
    LanguageGuard guard;
    REQUIRE(Translations::install(QStringLiteral("en")));
    CHECK(LeadsPage::tr("%n lead(s) assigned.", nullptr, 1) == u"1 lead assigned.");
    CHECK(LeadsPage::tr("%n lead(s) assigned.", nullptr, 2) == u"2 leads assigned.");
    CHECK(QCoreApplication::translate("Leads::SyncController", "%n change(s) waiting", nullptr, 1) == u"1 change waiting");
    CHECK(QCoreApplication::translate("Leads::SyncController", "%n change(s) waiting", nullptr, 3)
          == u"3 changes waiting");
    // Not just "(s)": the verb agrees too.
    const char *notReached = "%n change(s) have not reached the server yet. They stay on this computer and are "
                             "sent when you sign in again — unless you remove the leads.";
    CHECK(QCoreApplication::translate("Leads::ClientShell", notReached, nullptr, 1)
              .startsWith(u"1 change has not reached the server yet. It stays"));
    CHECK(QCoreApplication::translate("Leads::ClientShell", notReached, nullptr, 2)
              .startsWith(u"2 changes have not reached the server yet. They stay"));
}

TEST_CASE("German turns real widgets, statuses and core messages German", "[translations][gui]")
{
    LanguageGuard guard;
    REQUIRE(Translations::install(QStringLiteral("de")));

    CHECK(Status::label(LeadStatus::New) == u"Neu");
    CHECK(Status::label(LeadStatus::Qualifying) == u"In Qualifizierung");
    CHECK(Status::label(LeadStatus::FollowUp) == u"Wiedervorlage");
    CHECK(Status::label(LeadStatus::Lost) == u"Verloren");

    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, kAdmin, clock);
    LeadsPage page(service, clock);
    auto *newLead = page.findChild<QPushButton *>(QStringLiteral("newLead"));
    REQUIRE(newLead);
    CHECK(newLead->text() == u"+  Neuer Lead");
    CHECK(LeadsPage::tr("%n lead(s) assigned.", nullptr, 2) == u"2 Leads zugewiesen.");

    QNetworkAccessManager nam;
    AuthClient auth(&nam);
    SignInDialog dialog(&auth);
    QStringList buttons;
    for (auto *button : dialog.findChildren<QPushButton *>())
        buttons << button->text();
    CHECK(buttons.contains(QStringLiteral("Anmelden")));
    CHECK(buttons.contains(QStringLiteral("Offline arbeiten")));
    CHECK(dialog.windowTitle() == u"Bei Ihrem Team anmelden");

    // A message from core/ that goes through a helper with a short context.
    NewLead nameless;
    nameless.phone = QStringLiteral("+34 612 345 678");
    const auto created = service.createLead(nameless);
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().message() == u"Ein Lead braucht einen Namen.");
    // Core helpers whose messages lupdate files under another class.
    CHECK(QCoreApplication::translate("Permissions", "Unknown permission \"%1\".") == u"Unbekannte Berechtigung „%1“.");
    CHECK(QCoreApplication::translate("LeadExporter", "Cannot start the XLSX file.")
          == u"Die XLSX-Datei kann nicht angelegt werden.");
    CHECK(QCoreApplication::translate("ContactIdentity", "This contact already has an active lead (%1). Open it "
                                                         "instead of creating a second one.")
              .startsWith(u"Für diesen Kontakt"));

    // Dates and numbers follow the language picked.
    CHECK(QLocale().toString(1234.5, 'f', 1) == u"1.234,5");
}

TEST_CASE("The language preference picks the catalogue", "[translations][gui]")
{
    LanguageGuard guard;
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("preferences/language"));
    CHECK(Translations::preference() == u"system");

    // "system" follows the system's language when Leads has it, else English.
    CHECK(Translations::resolve(QStringLiteral("system"), QLocale(QLocale::German, QLocale::Austria)) == u"de");
    CHECK(Translations::resolve(QStringLiteral("system"), QLocale(QLocale::Japanese)) == u"en");
    CHECK(Translations::resolve(QStringLiteral("de"), QLocale(QLocale::English)) == u"de");
    CHECK(Translations::resolve(QStringLiteral("en"), QLocale(QLocale::German)) == u"en");

    // Choosing German in the Settings dialog stores it and asks for a restart.
    REQUIRE(Translations::install(QStringLiteral("en")));
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, kAdmin, clock);
    LocalTeamSettings local(service);
    SettingsDialog settings(kAdmin, local, nullptr);
    settings.show();
    auto *box = settings.findChild<QComboBox *>(QStringLiteral("languageBox"));
    REQUIRE(box);
    REQUIRE(box->isEnabled());
    auto *hint = settings.findChild<QLabel *>(QStringLiteral("languageRestartHint"));
    REQUIRE(hint);
    const int german = box->findData(QStringLiteral("de"));
    REQUIRE(german >= 0);
    box->setCurrentIndex(german);
    Q_EMIT box->activated(german);
    CHECK(QSettings().value(QStringLiteral("preferences/language")).toString() == u"de");
    CHECK(hint->isVisibleTo(&settings));

    // What the client does at start with that preference.
    REQUIRE(Translations::install(Translations::resolve(Translations::preference())));
    CHECK(Translations::current() == u"de");
    CHECK(Status::label(LeadStatus::Contacted) == u"Kontaktiert");
    QSettings().remove(QStringLiteral("preferences/language"));
}

TEST_CASE("Messages made in the core reach a German user in German", "[translations]")
{
    // The core's messages are looked up under the context lupdate filed them in: the class
    // whose member makes them, or the namespace for a free function.
    REQUIRE(Translations::install(QStringLiteral("de")));
    auto db = LeadsTest::memoryDatabase();
    FixedClock clock(LeadsTest::fixedNow());
    LeadService service(*db, kAdmin, clock);
    const Outcome refused = service.setLostReasons({});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message() == u"Behalten Sie zwischen 1 und 50 Verlustgründe.");
    CHECK(permissionLabel(Permission::ViewAllLeads) == u"alle Leads ansehen");
    REQUIRE(Translations::install(QStringLiteral("en")));
    CHECK(permissionLabel(Permission::ViewAllLeads) == u"view all leads");
}

TEST_CASE("The shipped German catalogue is complete", "[translations]")
{
    const QList<TsMessage> german = readTs(QStringLiteral("leads_de.ts"));
    const QList<TsMessage> english = readTs(QStringLiteral("leads_en.ts"));
    REQUIRE(german.size() > 500);
    REQUIRE_FALSE(english.isEmpty());

    QStringList unfinished;
    QSet<QString> germanKeys;
    for (const TsMessage &m : german) {
        if (m.unfinished || m.empty)
            unfinished << m.context + u" / " + m.source;
        germanKeys.insert(m.context + u'\x1f' + m.source);
    }
    INFO(unfinished.join(u'\n').toStdString());
    CHECK(unfinished.isEmpty());

    QStringList missing;
    for (const TsMessage &m : english) {
        CHECK_FALSE(m.unfinished);
        if (!germanKeys.contains(m.context + u'\x1f' + m.source))
            missing << m.context + u" / " + m.source;
    }
    INFO(missing.join(u'\n').toStdString());
    CHECK(missing.isEmpty());
}
