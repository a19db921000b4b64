// SPDX-License-Identifier: GPL-3.0-or-later
// A merge made on a signed-in client reaches the server as one lead.merge mutation: the
// server applies it through the same MergeRule, atomically, and every other client pulls
// the merged lead, the closed duplicate and the combined timeline. A merge the server
// refuses lands in Not applied and the client's copy returns to the server's truth.
#include "test_syncsupport.h"
#include "testsupport.h"

#include "domain/mergeplan.h"
#include "storage/leadtags.h"
#include "storage/mergeservice.h"

#include <QJsonArray>
#include <QSqlQuery>

#include <iostream>

using LeadsTest::SyncClient;
using LeadsTest::SyncTeam;
using namespace Leads;

namespace {
// The timeline bodies of a lead as a client shows them (notes, sorted).
QStringList localNotes(const Database &db, const QString &leadId)
{
    QStringList out;
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT body FROM interactions WHERE lead_id = ? AND kind = 'note' ORDER BY body"));
    q.addBindValue(leadId);
    REQUIRE(q.exec());
    while (q.next())
        out << q.value(0).toString();
    return out;
}

int localEntries(const Database &db, const QString &leadId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = ?"));
    q.addBindValue(leadId);
    REQUIRE((q.exec() && q.next()));
    return q.value(0).toInt();
}

QJsonObject serverRow(SyncTeam &team, const QString &leadId)
{
    return team.serverLead(leadId).value(QStringLiteral("lead")).toObject();
}

int serverEntries(SyncTeam &team, const QString &leadId)
{
    return int(team.serverLead(leadId).value(QStringLiteral("timeline")).toArray().size());
}
} // namespace

LEADS_SERVER_SCENARIO(mergeScenario1,
                      "A merge syncs as one mutation: another client sees the merged lead, the closed duplicate and one "
                      "timeline",
                      "[merge][sync][e2e]")
{
    SyncTeam team;
    // The team renamed the duplicate reason (a German-speaking office): merges still close with it.
    const QJsonObject settings = team.server.request("GET", QStringLiteral("/v1/settings"), {}, team.admin)
                                     .json.value(QStringLiteral("settings"))
                                     .toObject();
    QStringList reasons;
    for (const QJsonValue &v : settings.value(QStringLiteral("lostReasons")).toArray())
        reasons << (v.toString() == u"Duplicate" ? QStringLiteral("Doppelter Eintrag") : v.toString());
    REQUIRE(team.server
                .request("PATCH", QStringLiteral("/v1/settings"),
                         {{QStringLiteral("lostReasons"), QJsonArray::fromStringList(reasons)}}, team.admin)
                .status
            == 200);
    CHECK(team.server.request("GET", QStringLiteral("/v1/settings"), {}, team.admin)
              .json.value(QStringLiteral("settings"))
              .toObject()
              .value(QStringLiteral("duplicateReason"))
              .toString()
          == QStringLiteral("Doppelter Eintrag"));

    const QString target = team.lead({{QStringLiteral("name"), QStringLiteral("Ana Ruiz")},
                                      {QStringLiteral("company"), QStringLiteral("Lumen")},
                                      {QStringLiteral("phone"), QStringLiteral("+34612345678")}});
    const QString other = team.lead({{QStringLiteral("name"), QStringLiteral("Ana Ruiz Lopez")},
                                     {QStringLiteral("company"), QStringLiteral("Lumen Iberia SL")},
                                     {QStringLiteral("email"), QStringLiteral("ana@lumen.es")}});
    REQUIRE(team.server
                .request("POST", QStringLiteral("/v1/leads/%1/notes").arg(other),
                         {{QStringLiteral("text"), QStringLiteral("Asked for the enterprise price list")}}, team.admin)
                .status
            == 200);
    REQUIRE(team.server
                .request("POST", QStringLiteral("/v1/leads/%1/status").arg(other),
                         {{QStringLiteral("to"), QStringLiteral("qualifying")}}, team.admin)
                .status
            == 200);
    const int targetEntriesBefore = serverEntries(team, target);
    const int otherEntriesBefore = serverEntries(team, other);

    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    SyncClient andy(team.url, team.agent, team.agentActor(), nullptr); // sees the unassigned pool
    REQUIRE(mona.sync());
    REQUIRE(andy.sync());
    REQUIRE(LeadTags::add(mona.db->connection(), other, QStringLiteral("enterprise")).ok());

    // Mona merges the second lead into the first, taking its e-mail, company and status.
    MergePlan plan(target, other);
    plan.choose(MergeField::Email, MergePlan::Side::Other);
    plan.choose(MergeField::Company, MergePlan::Side::Other);
    plan.choose(MergeField::Status, MergePlan::Side::Other);
    MergeService merges(*mona.service);
    auto merged = merges.merge(plan);
    REQUIRE(merged.ok());
    CHECK(mona.outbox() == 1); // one mutation, not its pieces
    CHECK(LeadTags::of(mona.db->connection(), target).contains(QStringLiteral("enterprise")));
    REQUIRE(mona.sync());
    CHECK(mona.engine->store().notApplied().isEmpty());
    CHECK(mona.outbox() == 0);

    // The server applied it whole.
    const QJsonObject t = serverRow(team, target);
    CHECK(t.value(QStringLiteral("name")).toString() == QStringLiteral("Ana Ruiz"));
    CHECK(t.value(QStringLiteral("email")).toString() == QStringLiteral("ana@lumen.es"));
    CHECK(t.value(QStringLiteral("phone")).toString() == QStringLiteral("+34612345678"));
    CHECK(t.value(QStringLiteral("company")).toString() == QStringLiteral("Lumen Iberia SL"));
    CHECK(t.value(QStringLiteral("status")).toString() == QStringLiteral("qualifying"));
    const QJsonObject o = team.server.request("GET", QStringLiteral("/v1/leads/") + other, {}, team.admin)
                              .json.value(QStringLiteral("lead"))
                              .toObject();
    CHECK(o.value(QStringLiteral("status")).toString() == QStringLiteral("lost"));
    const QStringList targetNotes = team.serverNotes(target);
    CHECK(targetNotes.contains(QStringLiteral("Asked for the enterprise price list")));
    CHECK(targetNotes.filter(QStringLiteral("Merged \"Ana Ruiz Lopez\"")).size() == 1);
    CHECK(team.serverNotes(other) == QStringList{QStringLiteral("Merged into \"Ana Ruiz\".")});
    // Every entry of the other lead moved; the merge added its status move and note on the
    // target, and its note and the move to Lost on the other lead.
    CHECK(serverEntries(team, target) == targetEntriesBefore + otherEntriesBefore + 2);
    CHECK(serverEntries(team, other) == 2);

    // Andy, on another computer, sees the same after his next sync.
    REQUIRE(andy.sync());
    auto seen = andy.service->lead(target);
    REQUIRE(seen.ok());
    CHECK(seen.value().email == QStringLiteral("ana@lumen.es"));
    CHECK(seen.value().company == QStringLiteral("Lumen Iberia SL"));
    CHECK(seen.value().status == LeadStatus::Qualifying);
    auto closed = andy.service->lead(other);
    REQUIRE(closed.ok());
    CHECK(closed.value().status == LeadStatus::Lost);
    CHECK(closed.value().lostReason == QStringLiteral("Doppelter Eintrag"));
    CHECK(localNotes(*andy.db, target) == targetNotes);
    CHECK(localNotes(*andy.db, other) == QStringList{QStringLiteral("Merged into \"Ana Ruiz\".")});
    CHECK(localEntries(*andy.db, target) == serverEntries(team, target));
    CHECK(localEntries(*andy.db, other) == 2);
    // And Mona's own copy is the server's too (no entry twice, none lost).
    CHECK(localEntries(*mona.db, target) == serverEntries(team, target));
    CHECK(localEntries(*mona.db, other) == 2);
    CHECK(mona.service->lead(other).value().lostReason == QStringLiteral("Doppelter Eintrag"));
    // Tags are kept on this computer only (the server has no tags): united here.
    CHECK(LeadTags::of(mona.db->connection(), target).contains(QStringLiteral("enterprise")));

    // Once the merge went to the server, it is not undone here; the user is told why.
    auto undone = merges.unmerge(merged.value());
    REQUIRE_FALSE(undone.ok());
    CHECK(undone.error().message().contains(QStringLiteral("server")));
}

LEADS_SERVER_SCENARIO(mergeScenario2,
                      "A merge the server refuses is listed as not applied and both leads return to the server's state",
                      "[merge][sync][e2e]")
{
    SyncTeam team;
    const QString target = team.lead({{QStringLiteral("name"), QStringLiteral("Tom Becker")},
                                      {QStringLiteral("phone"), QStringLiteral("+4915112345678")}});
    const QString other = team.lead({{QStringLiteral("name"), QStringLiteral("Thomas Becker")},
                                     {QStringLiteral("email"), QStringLiteral("tom@beck.de")}});
    REQUIRE(team.server
                .request("POST", QStringLiteral("/v1/leads/%1/notes").arg(other),
                         {{QStringLiteral("text"), QStringLiteral("Prefers calls after 5 pm")}}, team.admin)
                .status
            == 200);
    SyncClient mona(team.url, team.manager, team.managerActor(), nullptr);
    REQUIRE(mona.sync());
    const int otherEntries = localEntries(*mona.db, other);
    const int targetEntries = localEntries(*mona.db, target);

    // Meanwhile, on another computer, the other lead became a customer.
    REQUIRE(team.server
                .request("POST", QStringLiteral("/v1/leads/%1/status").arg(other),
                         {{QStringLiteral("to"), QStringLiteral("converted")}}, team.admin)
                .status
            == 200);

    MergePlan plan(target, other);
    plan.choose(MergeField::Email, MergePlan::Side::Other);
    REQUIRE(MergeService(*mona.service).merge(plan).ok());
    CHECK(mona.service->lead(other).value().status == LeadStatus::Lost); // what Mona sees offline
    REQUIRE(mona.sync());

    const auto refused = mona.engine->store().notApplied();
    REQUIRE(refused.size() == 1);
    CHECK(refused.constFirst().name == QStringLiteral("lead.merge"));
    CHECK(refused.constFirst().code == QStringLiteral("final_state"));
    CHECK(refused.constFirst().message.contains(QStringLiteral("Converted")));
    // Server unchanged; Mona's copy is the server's again: the other lead converted, with its
    // own timeline back, the target without the e-mail and without the merge note.
    CHECK(serverRow(team, target).value(QStringLiteral("email")).toString().isEmpty());
    CHECK(mona.service->lead(target).value().email.isEmpty());
    CHECK(mona.service->lead(other).value().status == LeadStatus::Converted);
    CHECK(localNotes(*mona.db, other).contains(QStringLiteral("Prefers calls after 5 pm")));
    CHECK(localNotes(*mona.db, target).isEmpty());
    CHECK(localEntries(*mona.db, target) == targetEntries);
    CHECK(localEntries(*mona.db, other) == serverEntries(team, other));
    CHECK(localEntries(*mona.db, other) == otherEntries + 1); // the conversion
}

TEST_CASE("the merge scenarios pass on PostgreSQL too", "[.][merge][postgres]")
{
    const QString why = LeadsTest::PostgresBackend::activate();
    if (!why.isEmpty()) {
        std::cout << "skipped: PostgreSQL merge tests: " << why.toStdString() << std::endl;
        WARN("skipped: " << why.toStdString());
        LeadsTest::PostgresBackend::shutdown();
        return;
    }
    const auto &scenarios = LeadsTest::portableScenarios();
    REQUIRE(scenarios.size() == 2);
    for (const auto &scenario : scenarios) {
        INFO("PostgreSQL scenario: " << scenario.name);
        scenario.run();
    }
    LeadsTest::PostgresBackend::shutdown();
}
