// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "storage/bulkedit.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/leadtags.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Leads;

namespace {
struct BulkFixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};
    BulkEdit bulk{service};
    QStringList ids;

    explicit BulkFixture(int leads = 10)
    {
        REQUIRE(service.setSetting(QStringLiteral("default_country"), QStringLiteral("ES")).ok());
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
                                      "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
                                      "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0)")));
        for (int i = 0; i < leads; ++i) {
            NewLead n;
            n.name = QStringLiteral("Lead %1").arg(i);
            n.phone = QStringLiteral("+34 612 %1").arg(100000 + i);
            auto id = service.createLead(n);
            REQUIRE(id.ok());
            ids.append(id.value());
        }
        clock.advance(3'600'000);
    }
    QString dumpAll()
    {
        QString out;
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT * FROM leads ORDER BY lead_no")));
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                out += q.value(i).toString() + QLatin1Char('|');
            out += QLatin1Char('\n');
        }
        REQUIRE(q.exec(QStringLiteral("SELECT id, lead_id, kind FROM interactions ORDER BY interaction_no")));
        while (q.next())
            out += q.value(0).toString() + q.value(1).toString() + q.value(2).toString() + QLatin1Char('\n');
        REQUIRE(q.exec(QStringLiteral("SELECT mutation_id FROM outbox ORDER BY seq")));
        while (q.next())
            out += q.value(0).toString() + QLatin1Char('\n');
        REQUIRE(q.exec(QStringLiteral("SELECT lead_id, tag FROM lead_tags ORDER BY lead_id, tag")));
        while (q.next())
            out += q.value(0).toString() + q.value(1).toString() + QLatin1Char('\n');
        return out;
    }
};
} // namespace

TEST_CASE("Bulk status over a mixed selection changes the allowed leads and reports refusals", "[bulkedit]")
{
    BulkFixture f;
    REQUIRE(f.service.setStatus(f.ids.at(0), LeadStatus::Converted).ok());
    REQUIRE(f.service.setStatus(f.ids.at(1), LeadStatus::Archived).ok());
    REQUIRE(f.service.setStatus(f.ids.at(2), LeadStatus::Contacted).ok());
    const QString before = f.dumpAll();

    BulkChange change;
    change.kind = BulkChange::Kind::Status;
    change.status = LeadStatus::Contacted;
    f.bulk.setChunkSize(3);
    QList<int> progress;
    QSignalSpy changed(&f.service, &LeadService::leadsChanged);
    auto result = f.bulk.apply(f.ids, change, [&progress](int done, int) {
        progress.append(done);
        return true;
    });
    REQUIRE(result.ok());
    const BulkSummary &s = result.value();
    CHECK(s.total == 10);
    CHECK(s.changed == 7);
    CHECK(s.refused == 3);
    REQUIRE(s.refusals.contains(QStringLiteral("final_state")));
    CHECK(s.refusals.value(QStringLiteral("final_state")).count == 2);
    CHECK(s.refusals.value(QStringLiteral("final_state")).examples
          == QStringList{QStringLiteral("Lead 0"), QStringLiteral("Lead 1")});
    CHECK(s.refusals.value(QStringLiteral("same_status")).count == 1);
    CHECK(progress == QList<int>{3, 6, 9, 10});
    CHECK(changed.count() == 1);
    CHECK(f.service.lead(f.ids.at(5)).value().status == LeadStatus::Contacted);
    CHECK(f.service.lead(f.ids.at(0)).value().status == LeadStatus::Converted);

    SECTION("one undo restores every changed lead exactly")
    {
        auto undone = f.bulk.undo(s);
        REQUIRE(undone.ok());
        CHECK(undone.value().size() == 7);
        CHECK(f.dumpAll() == before);
    }
}

TEST_CASE("Bulk Lost needs a listed reason per the rules", "[bulkedit]")
{
    BulkFixture f(3);
    BulkChange change;
    change.kind = BulkChange::Kind::Status;
    change.status = LeadStatus::Lost;
    auto without = f.bulk.apply(f.ids, change);
    REQUIRE(without.ok());
    CHECK(without.value().changed == 0);
    CHECK(without.value().refusals.value(QStringLiteral("lost_reason_required")).count == 3);
    change.lostReason = QStringLiteral("No budget");
    auto with = f.bulk.apply(f.ids, change);
    REQUIRE(with.ok());
    CHECK(with.value().changed == 3);
    CHECK(f.service.lead(f.ids.at(2)).value().lostReason == QStringLiteral("No budget"));
    // Undo reopens them: exactly as before, even though the pipeline never moves a final lead.
    REQUIRE(f.bulk.undo(with.value()).ok());
    CHECK(f.service.lead(f.ids.at(2)).value().status == LeadStatus::New);
}

TEST_CASE("Bulk assignment, follow-up and tags; cancel keeps the chunks done", "[bulkedit]")
{
    BulkFixture f(6);
    REQUIRE(f.service.setStatus(f.ids.at(0), LeadStatus::Lost, QStringLiteral("No budget")).ok());
    BulkChange assign;
    assign.kind = BulkChange::Kind::Assignee;
    assign.assigneeId = QStringLiteral("u-sam");
    auto a = f.bulk.apply(f.ids, assign);
    REQUIRE(a.ok());
    CHECK(a.value().changed == 5);
    CHECK(a.value().refusals.value(QStringLiteral("final_state")).count == 1);
    CHECK(f.service.lead(f.ids.at(3)).value().assigneeName == QStringLiteral("Sam Carter"));

    BulkChange follow;
    follow.kind = BulkChange::Kind::FollowUp;
    follow.followUpAt = f.clock.now().addDays(2);
    auto fu = f.bulk.apply(f.ids, follow);
    REQUIRE(fu.ok());
    CHECK(fu.value().changed == 5);
    CHECK(f.service.lead(f.ids.at(4)).value().followUpAt == follow.followUpAt);

    BulkChange tag;
    tag.kind = BulkChange::Kind::Tag;
    tag.tag = QStringLiteral("  fair   2026 ");
    REQUIRE(LeadTags::add(f.db->connection(), f.ids.at(1), QStringLiteral("fair 2026")).ok());
    f.bulk.setChunkSize(2);
    int calls = 0;
    auto t = f.bulk.apply(f.ids, tag, [&calls](int, int) { return ++calls < 2; });
    REQUIRE(t.ok());
    CHECK(t.value().cancelled);
    CHECK(t.value().changed == 3); // lead 0 (final: tags allowed), 2, 3; lead 1 had it
    CHECK(t.value().refusals.value(QStringLiteral("same_status")).count == 1);
    CHECK(LeadTags::of(f.db->connection(), f.ids.at(3)) == QStringList{QStringLiteral("fair 2026")});
    CHECK(LeadTags::of(f.db->connection(), f.ids.at(4)).isEmpty());
    REQUIRE(f.bulk.undo(t.value()).ok());
    CHECK(LeadTags::of(f.db->connection(), f.ids.at(3)).isEmpty());
    CHECK(LeadTags::of(f.db->connection(), f.ids.at(1)) == QStringList{QStringLiteral("fair 2026")});

    BulkChange bad;
    bad.kind = BulkChange::Kind::Tag;
    bad.tag = QStringLiteral("a,b");
    CHECK_FALSE(f.bulk.apply(f.ids, bad).ok());
}

TEST_CASE("Bulk edits respect the actor's permissions per lead", "[bulkedit]")
{
    BulkFixture f(4);
    REQUIRE(f.service.assign(f.ids.at(0), QStringLiteral("u-admin")).ok());
    REQUIRE(f.service.assign(f.ids.at(1), QStringLiteral("u-sam")).ok());
    LeadService agent(*f.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, f.clock);
    BulkEdit bulk(agent);
    BulkChange change;
    change.kind = BulkChange::Kind::Status;
    change.status = LeadStatus::Contacted;
    auto r = bulk.apply({f.ids.at(0), f.ids.at(1)}, change);
    REQUIRE(r.ok());
    CHECK(r.value().changed == 1);
    CHECK(r.value().refused == 1);
    CHECK(f.service.lead(f.ids.at(0)).value().status == LeadStatus::New);
}
