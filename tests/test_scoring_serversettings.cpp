// SPDX-License-Identifier: GPL-3.0-or-later
// The AI settings page's team backend against the real leads-server: what an admin and an
// agent read and change there.
#include "test_serverharness.h"
#include "testsupport.h"

#include "scoring/serveraisettings.h"

#include <QNetworkAccessManager>
#include <QJsonArray>
#include <QSignalSpy>

using LeadsTest::ServerHarness;

TEST_CASE("In a team the AI settings are read from and written to the server", "[scoring][server]")
{
    ServerHarness server;
    REQUIRE(server.start());
    const QString admin = server.adminToken();
    server.createUser(admin, QStringLiteral("andy"), QStringLiteral("agent"));
    const QString agent = server.login(QStringLiteral("andy"), server.userPassword(QStringLiteral("andy")));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    QNetworkAccessManager network;

    Leads::ServerAiSettings settings(&network, url, [admin] { return admin; }, true);
    QSignalSpy changed(&settings, &Leads::AiSettingsBackend::settingsChanged);
    QSignalSpy failed(&settings, &Leads::AiSettingsBackend::failed);
    settings.refresh();
    REQUIRE(changed.wait(5000));
    CHECK(settings.aiEnabled());
    CHECK(settings.threshold() == 70);
    CHECK(settings.modelInfo().outcomes == 0);
    CHECK(settings.modelInfo().tooFewOutcomes);
    CHECK_FALSE(settings.modelInfo().trainedAt.isValid());

    // A new threshold is shown at once and stored on the server.
    changed.clear();
    REQUIRE(settings.setThreshold(55).ok());
    CHECK(settings.threshold() == 55);
    REQUIRE(changed.wait(5000));
    CHECK(server.request("GET", QStringLiteral("/v1/settings"), {}, admin)
              .json.value(QStringLiteral("settings"))
              .toObject()
              .value(QStringLiteral("aiThreshold"))
              .toInt()
          == 55);
    changed.clear();
    REQUIRE(settings.setAiEnabled(false).ok());
    REQUIRE(changed.wait(5000));
    CHECK_FALSE(settings.aiEnabled());
    CHECK(failed.isEmpty());

    // Attributes are excluded on the server too, and listed with the local copy's keys.
    settings.setAttributeKeysSource([] { return QStringList{QStringLiteral("budget"), QStringLiteral("region")}; });
    changed.clear();
    REQUIRE(settings.setExcludedAttributes({QStringLiteral("region")}).ok());
    REQUIRE(changed.wait(5000));
    CHECK(settings.excludedAttributes() == QStringList{QStringLiteral("region")});
    CHECK(settings.attributeKeys() == QStringList{QStringLiteral("budget"), QStringLiteral("region")});
    CHECK(server.request("GET", QStringLiteral("/v1/settings"), {}, admin)
              .json.value(QStringLiteral("settings"))
              .toObject()
              .value(QStringLiteral("aiExcludedAttributes"))
              .toArray()
          == QJsonArray{QStringLiteral("region")});
    CHECK(server.request("PATCH", QStringLiteral("/v1/settings"),
                         {{QStringLiteral("aiExcludedAttributes"), QJsonArray{QStringLiteral(""), 3}}}, admin)
              .status
          == 400);
    CHECK(failed.isEmpty());

    // Retraining without outcomes fails with the server's sentence.
    QSignalSpy trained(&settings, &Leads::AiSettingsBackend::trainingFinished);
    settings.retrainNow();
    CHECK(settings.isTraining());
    REQUIRE(trained.wait(5000));
    CHECK_FALSE(trained.at(0).at(0).toBool());
    CHECK(trained.at(0).at(1).toString().contains(QStringLiteral("needs both")));

    // An agent reads the same values and cannot change them, even past the page.
    Leads::ServerAiSettings asAgent(&network, url, [agent] { return agent; }, false);
    QSignalSpy agentChanged(&asAgent, &Leads::AiSettingsBackend::settingsChanged);
    asAgent.refresh();
    REQUIRE(agentChanged.wait(5000));
    CHECK(asAgent.threshold() == 55);
    CHECK_FALSE(asAgent.setThreshold(10).ok());
    Leads::ServerAiSettings pretending(&network, url, [agent] { return agent; }, true);
    QSignalSpy refused(&pretending, &Leads::AiSettingsBackend::failed);
    REQUIRE(pretending.setThreshold(10).ok()); // sent; the server refuses
    REQUIRE(refused.wait(5000));
    CHECK(server.request("GET", QStringLiteral("/v1/settings"), {}, admin)
              .json.value(QStringLiteral("settings"))
              .toObject()
              .value(QStringLiteral("aiThreshold"))
              .toInt()
          == 55);
}
