// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/mergeplan.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/leadtags.h"
#include "storage/mergeservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Leads;

namespace {
struct MergeFixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};
    MergeService merges{service};

    MergeFixture()
    {
        REQUIRE(service.setSetting(QStringLiteral("default_country"), QStringLiteral("ES")).ok());
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
                                      "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
                                      "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0), "
                                      "('u-priya', 'priya', 'Priya Nair', 'agent', 1, 0)")));
    }
    QString create(const QString &name, const QString &company, const QString &phone, const QString &email)
    {
        NewLead n;
        n.name = name;
        n.company = company;
        n.phone = phone;
        n.email = email;
        auto id = service.createLead(n);
        REQUIRE(id.ok());
        clock.advance(60'000);
        return id.value();
    }
    // Everything a user could see of a lead: its row, its timeline and its tags.
    QString dump(const QString &id)
    {
        QString out;
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT * FROM leads WHERE id = ?"));
        q.addBindValue(id);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        for (int i = 0; i < q.record().count(); ++i)
            out += q.record().fieldName(i) + QLatin1Char('=') + q.value(i).toString() + QLatin1Char(';');
        q.prepare(QStringLiteral("SELECT id, kind, body, data FROM interactions WHERE lead_id = ? ORDER BY interaction_no"));
        q.addBindValue(id);
        REQUIRE(q.exec());
        while (q.next())
            out += QStringLiteral("\n%1 %2 %3 %4").arg(q.value(0).toString(), q.value(1).toString(),
                                                        q.value(2).toString(), q.value(3).toString());
        out += QStringLiteral("\ntags=") + LeadTags::of(db->connection(), id).join(QLatin1Char(','));
        return out;
    }
    qint64 count(const QString &sql)
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    }
};
} // namespace

TEST_CASE("Merge takes the chosen fields, combines timelines and records the merge", "[merge]")
{
    MergeFixture f;
    const QString a = f.create(QStringLiteral("Lucia Fernandez"), QStringLiteral("Norte"), QStringLiteral("+34 612 000 001"), {});
    const QString b = f.create(QStringLiteral("Lucía Fernández"), QStringLiteral("Norte SL"), QStringLiteral("+34 612 000 002"),
                               QStringLiteral("lucia@norte.es"));
    REQUIRE(f.service.addNote(b, QStringLiteral("Wants a quote for 40 seats")).ok());
    REQUIRE(f.service.setStatus(b, LeadStatus::Qualifying).ok());
    REQUIRE(f.service.assign(b, QStringLiteral("u-sam")).ok());
    REQUIRE(LeadTags::add(f.db->connection(), b, QStringLiteral("fair 2026")).ok());
    const qint64 bEntries = f.count(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = '%1'").arg(b));
    const qint64 aEntries = f.count(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE lead_id = '%1'").arg(a));
    const QString beforeA = f.dump(a);
    const QString beforeB = f.dump(b);
    const qint64 outboxBefore = f.count(QStringLiteral("SELECT COUNT(*) FROM outbox"));

    MergePlan plan(a, b);
    plan.choose(MergeField::Name, MergePlan::Side::Other);
    plan.choose(MergeField::Email, MergePlan::Side::Other);
    plan.choose(MergeField::Status, MergePlan::Side::Other);
    plan.choose(MergeField::Assignee, MergePlan::Side::Other);
    QSignalSpy changed(&f.service, &LeadService::leadsChanged);
    auto merged = f.merges.merge(plan);
    REQUIRE(merged.ok());
    CHECK(changed.count() == 1);

    const Lead target = f.service.lead(a).value();
    CHECK(target.name == QStringLiteral("Lucía Fernández"));
    CHECK(target.company == QStringLiteral("Norte")); // not chosen: the target's
    CHECK(target.phone == QStringLiteral("+34612000001"));
    CHECK(target.email == QStringLiteral("lucia@norte.es"));
    CHECK(target.status == LeadStatus::Qualifying);
    CHECK(target.assigneeId == QStringLiteral("u-sam"));
    CHECK(LeadTags::of(f.db->connection(), a) == QStringList{QStringLiteral("fair 2026")});
    const Lead other = f.service.lead(b).value();
    CHECK(other.status == LeadStatus::Lost);
    CHECK(other.lostReason == QStringLiteral("Duplicate"));

    auto timeline = f.service.timeline(a).value();
    bool hasNoteFromB = false;
    bool hasMergeRecord = false;
    for (const Interaction &i : timeline) {
        hasNoteFromB |= i.body == QStringLiteral("Wants a quote for 40 seats");
        hasMergeRecord |= i.kind == InteractionKind::Note && i.body.startsWith(QStringLiteral("Merged \"Lucía Fernández\""));
    }
    CHECK(hasNoteFromB);
    CHECK(hasMergeRecord);
    // A's own entries + B's moved ones + status, assignment and the merge note.
    CHECK(timeline.size() == aEntries + bEntries + 3);
    CHECK(merged.value().movedEntries == bEntries);

    // Sync: ONE mutation, so the server applies the merge whole or not at all.
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT type, lead_id, payload FROM outbox ORDER BY seq LIMIT -1 OFFSET %1").arg(outboxBefore)));
    QStringList types;
    QJsonObject args;
    while (q.next()) {
        types.append(q.value(0).toString() + QLatin1Char('@') + (q.value(1).toString() == a ? QStringLiteral("A") : QStringLiteral("B")));
        args = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    }
    CHECK(types == QStringList{QStringLiteral("lead.merge@A")});
    CHECK(args.value(QStringLiteral("otherId")).toString() == b);
    CHECK(args.value(QStringLiteral("take")).toArray()
          == QJsonArray{QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("status"), QStringLiteral("assignee")});
    CHECK(args.value(QStringLiteral("targetNote")).toString().startsWith(QStringLiteral("Merged \"Lucía Fernández\"")));

    SECTION("unmerge restores both leads, their timelines and tags exactly")
    {
        REQUIRE(f.merges.unmerge(merged.value()).ok());
        CHECK(f.dump(a) == beforeA);
        CHECK(f.dump(b) == beforeB);
        CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM outbox")) == outboxBefore);
    }
    SECTION("unmerge refuses once a merged lead changed again")
    {
        REQUIRE(f.service.addNote(a, QStringLiteral("Called back")).ok());
        auto undone = f.merges.unmerge(merged.value());
        REQUIRE_FALSE(undone.ok());
        CHECK(undone.error().code() == ErrorCode::Conflict);
        CHECK(f.service.lead(b).value().status == LeadStatus::Lost);
    }
    SECTION("unmerge refuses once the merge went to the server")
    {
        REQUIRE(q.exec(QStringLiteral("UPDATE outbox SET mid = seq")));
        auto undone = f.merges.unmerge(merged.value());
        REQUIRE_FALSE(undone.ok());
        CHECK(undone.error().message().contains(QStringLiteral("server")));
    }
}

TEST_CASE("Merge refuses what the rules do not allow, changing nothing", "[merge]")
{
    MergeFixture f;
    const QString a = f.create(QStringLiteral("Ana"), {}, QStringLiteral("+34 612 000 011"), {});
    const QString b = f.create(QStringLiteral("Ana R."), {}, {}, QStringLiteral("ana@example.com"));
    const QString before = f.dump(a) + f.dump(b);

    SECTION("itself")
    {
        auto r = f.merges.merge(MergePlan(a, a));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code() == ErrorCode::InvalidInput);
    }
    SECTION("no way to reach the contact")
    {
        // a has only a phone, b only an e-mail: taking b's (empty) phone leaves neither.
        MergePlan none(a, b);
        none.choose(MergeField::Phone, MergePlan::Side::Other);
        auto r = f.merges.merge(none);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message().contains(QStringLiteral("phone number or an e-mail")));
    }
    SECTION("a closed lead")
    {
        REQUIRE(f.service.setStatus(b, LeadStatus::Converted).ok());
        const QString closed = f.dump(a) + f.dump(b);
        auto r = f.merges.merge(MergePlan(a, b));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code() == ErrorCode::FinalState);
        CHECK(f.dump(a) + f.dump(b) == closed);
        return;
    }
    SECTION("an agent merging a lead of someone else")
    {
        REQUIRE(f.service.assign(b, QStringLiteral("u-priya")).ok());
        const QString assigned = f.dump(a) + f.dump(b);
        LeadService agent(*f.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, f.clock);
        auto r = MergeService(agent).merge(MergePlan(a, b));
        REQUIRE_FALSE(r.ok());
        CHECK(f.dump(a) + f.dump(b) == assigned);
        return;
    }
    CHECK(f.dump(a) + f.dump(b) == before);
}

TEST_CASE("MergeRule composes the target from the chosen sides", "[merge]")
{
    Lead a;
    a.id = QStringLiteral("a");
    a.name = QStringLiteral("A");
    a.phone = QStringLiteral("+1");
    a.qualification.manualScore = 40;
    Lead b;
    b.id = QStringLiteral("b");
    b.name = QStringLiteral("B");
    b.email = QStringLiteral("b@x.io");
    MergePlan plan(a.id, b.id);
    CHECK(MergeRule::compose(a, b, plan).name == QStringLiteral("A"));
    plan.choose(MergeField::Name, MergePlan::Side::Other);
    plan.choose(MergeField::ManualScore, MergePlan::Side::Other); // b has none: nothing to take
    const Lead m = MergeRule::compose(a, b, plan);
    CHECK(m.name == QStringLiteral("B"));
    CHECK(m.qualification.manualScore == 40);
    CHECK_FALSE(MergeRule::differs(a, b, MergeField::ManualScore));
    CHECK(MergeRule::check(a, b, plan).ok());
}

TEST_CASE("The duplicate reason keeps its identity when the admin renames, reorders or removes it", "[merge]")
{
    const QStringList defaults{QStringLiteral("No budget"), QStringLiteral("Not a fit"), QStringLiteral("Duplicate")};
    CHECK(DuplicateReason::initial(defaults) == QStringLiteral("Duplicate"));
    CHECK(DuplicateReason::initial({QStringLiteral("DUPLICATE")}) == QStringLiteral("DUPLICATE"));
    CHECK(DuplicateReason::initial({QStringLiteral("No budget")}) == QStringLiteral("Duplicate")); // reserved

    QStringList renamed = defaults;
    renamed[2] = QStringLiteral("Doppelter Eintrag");
    CHECK(DuplicateReason::follow(QStringLiteral("Duplicate"), defaults, renamed) == QStringLiteral("Doppelter Eintrag"));
    // Reordered and another reason added: still the same label.
    const QStringList reordered{QStringLiteral("Duplicate"), QStringLiteral("Spam"), QStringLiteral("No budget"),
                                QStringLiteral("Not a fit")};
    CHECK(DuplicateReason::follow(QStringLiteral("Duplicate"), defaults, reordered) == QStringLiteral("Duplicate"));
    // Removed (nothing took its place): kept, reserved for merges.
    const QStringList removed{QStringLiteral("No budget"), QStringLiteral("Not a fit")};
    CHECK(DuplicateReason::follow(QStringLiteral("Duplicate"), defaults, removed) == QStringLiteral("Duplicate"));
    CHECK(DuplicateReason::allowed(removed, QStringLiteral("Duplicate")).contains(QStringLiteral("Duplicate")));
    // Another reason renamed: the duplicate reason is untouched.
    QStringList other = defaults;
    other[0] = QStringLiteral("Too expensive");
    CHECK(DuplicateReason::follow(QStringLiteral("Duplicate"), defaults, other) == QStringLiteral("Duplicate"));
}

TEST_CASE("A merge closes the other lead with the duplicate reason however the admin renamed or removed it",
          "[merge]")
{
    MergeFixture f;
    const QString a = f.create(QStringLiteral("Ana Ruiz"), QStringLiteral("Lumen"), QStringLiteral("+34 612 34 56 78"), {});
    const QString b = f.create(QStringLiteral("Ana Ruiz"), {}, {}, QStringLiteral("ana@lumen.es"));
    auto lostReasonOf = [&](const QString &id) { return f.service.lead(id).value().lostReason; };

    SECTION("renamed (translated) in the settings")
    {
        QStringList reasons = f.service.lostReasons();
        const auto at = reasons.indexOf(QStringLiteral("Duplicate"));
        REQUIRE(at >= 0);
        reasons[at] = QStringLiteral("Doppelter Eintrag");
        REQUIRE(f.service.setLostReasons(reasons).ok());
        REQUIRE_FALSE(f.service.lostReasons().contains(QStringLiteral("Duplicate")));
        // Renamed again later: still followed.
        reasons[at] = QStringLiteral("Dublette");
        REQUIRE(f.service.setLostReasons(reasons).ok());
        auto r = f.merges.merge(MergePlan(a, b));
        REQUIRE(r.ok());
        CHECK(f.service.lead(b).value().status == LeadStatus::Lost);
        CHECK(lostReasonOf(b) == QStringLiteral("Dublette"));
    }
    SECTION("removed from the list: the reserved reason still closes merges")
    {
        REQUIRE(f.service.setLostReasons({QStringLiteral("No budget")}).ok());
        auto r = f.merges.merge(MergePlan(a, b));
        REQUIRE(r.ok());
        CHECK(f.service.lead(b).value().status == LeadStatus::Lost);
        CHECK(lostReasonOf(b) == QStringLiteral("Duplicate"));
        // By hand, a removed reason is not offered: the rule for people is unchanged.
        const QString c = f.create(QStringLiteral("Carl"), {}, QStringLiteral("+34 699 11 22 33"), {});
        CHECK(f.service.setStatus(c, LeadStatus::Lost, QStringLiteral("Duplicate")).error().code()
              == ErrorCode::UnknownLostReason);
        // And the merge undoes exactly.
        REQUIRE(f.merges.unmerge(r.value()).ok());
        CHECK(f.service.lead(b).value().status == LeadStatus::New);
    }
}
