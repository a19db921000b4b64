// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/similarity.h"
#include "storage/database.h"
#include "storage/duplicatefinder.h"
#include "storage/leadservice.h"

#include <QSqlQuery>

using namespace Leads;

TEST_CASE("Similarity normalises accents, case, punctuation and word order", "[duplicates]")
{
    CHECK(Similarity::normalize(QStringLiteral("  José  García-López ")) == QStringLiteral("jose garcia lopez"));
    CHECK(Similarity::names(QStringLiteral("José García"), QStringLiteral("jose garcia")) == 1.0);
    CHECK(Similarity::names(QStringLiteral("Smith, John"), QStringLiteral("John Smith")) == 1.0);
    CHECK(Similarity::names(QStringLiteral("Jon Smith"), QStringLiteral("John Smith")) >= Similarity::kNameThreshold);
    CHECK(Similarity::names(QStringLiteral("Katherine Jones"), QStringLiteral("Catherine Jones")) >= Similarity::kNameThreshold);
    CHECK(Similarity::names(QStringLiteral("Maria Lopez"), QStringLiteral("Peter Brown")) < 0.3);
    CHECK(Similarity::names(QStringLiteral("Ana Ruiz"), QStringLiteral("Ana Ortiz")) < Similarity::kNameThreshold);
    CHECK(Similarity::names(QString(), QStringLiteral("x")) == 0.0);
}

TEST_CASE("Similar leads need the same company key and a similar name", "[duplicates]")
{
    CHECK(Similarity::companyKey(QStringLiteral("ACME Inc.")) == QStringLiteral("acme"));
    CHECK(Similarity::companyKey(QStringLiteral("The Acme Company, Ltd")) == QStringLiteral("acme"));
    CHECK(Similarity::similarLeads(QStringLiteral("Jon Smith"), QStringLiteral("ACME Inc."),
                                   QStringLiteral("John Smith"), QStringLiteral("Acme")));
    CHECK_FALSE(Similarity::similarLeads(QStringLiteral("Jon Smith"), QStringLiteral("ACME"),
                                         QStringLiteral("John Smith"), QStringLiteral("Globex")));
    // No company: a common name alone is not enough.
    CHECK_FALSE(Similarity::similarLeads(QStringLiteral("John Smith"), QString(), QStringLiteral("John Smith"), QString()));
}

namespace {
struct DupFixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};

    DupFixture()
    {
        REQUIRE(service.setSetting(QStringLiteral("default_country"), QStringLiteral("ES")).ok());
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
                                      "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
                                      "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0)")));
    }
    // Duplicates arrive by import or sync with the same phone or e-mail; createLead refuses
    // them, so the test gives the second lead the first one's contact data afterwards.
    QString create(const QString &name, const QString &company, const QString &phone, const QString &email = {})
    {
        NewLead n;
        n.name = name;
        n.company = company;
        n.phone = phone;
        n.email = email;
        auto id = service.createLead(n);
        REQUIRE(id.ok());
        return id.value();
    }
    void set(const QString &id, const QString &column, const QString &value)
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("UPDATE leads SET %1 = ? WHERE id = ?").arg(column));
        q.addBindValue(value);
        q.addBindValue(id);
        REQUIRE(q.exec());
    }
};

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QStringList idsOf(const DuplicateFinder::Group &g)
{
    QStringList ids;
    for (const Lead &l : g.leads)
        ids.append(l.id);
    ids.sort();
    return ids;
}
} // namespace

TEST_CASE("Duplicate finder groups same phone, same e-mail and similar names", "[duplicates]")
{
    DupFixture f;
    const QString a = f.create(QStringLiteral("Lucía Fernández"), QStringLiteral("Norte SL"), QStringLiteral("+34 612 000 001"));
    const QString b = f.create(QStringLiteral("Lucia Fernandez"), QString(), QStringLiteral("+34 612 000 002"));
    f.set(b, QStringLiteral("phone"), QStringLiteral("+34612000001"));
    const QString c = f.create(QStringLiteral("Omar Haddad"), QString(), {}, QStringLiteral("omar@example.com"));
    const QString d = f.create(QStringLiteral("O. Haddad"), QString(), {}, QStringLiteral("o.haddad@example.com"));
    f.set(d, QStringLiteral("email"), QStringLiteral("omar@example.com"));
    const QString e = f.create(QStringLiteral("Jon Smith"), QStringLiteral("ACME"), QStringLiteral("+34 612 000 005"));
    const QString g = f.create(QStringLiteral("John Smith"), QStringLiteral("acme"), QStringLiteral("+34 612 000 006"));
    const QString other = f.create(QStringLiteral("Peter Brown"), QStringLiteral("ACME"), QStringLiteral("+34 612 000 007"));

    DuplicateFinder finder(f.service);
    auto found = finder.find();
    REQUIRE(found.ok());
    const auto &groups = found.value();
    REQUIRE(groups.size() == 3);
    CHECK(groups.at(0).reason == DuplicateFinder::Reason::Phone);
    CHECK(groups.at(0).key == QStringLiteral("+34612000001"));
    CHECK(idsOf(groups.at(0)) == sorted({a, b}));
    CHECK(groups.at(1).reason == DuplicateFinder::Reason::Email);
    CHECK(idsOf(groups.at(1)) == sorted({c, d}));
    CHECK(groups.at(2).reason == DuplicateFinder::Reason::Name);
    CHECK(idsOf(groups.at(2)) == sorted({e, g}));
    CHECK_FALSE(idsOf(groups.at(2)).contains(other));

    SECTION("a closed lead is not a duplicate to merge")
    {
        REQUIRE(f.service.setStatus(b, LeadStatus::Lost, QStringLiteral("No budget")).ok());
        auto again = finder.find();
        REQUIRE(again.ok());
        REQUIRE(again.value().size() == 2);
        CHECK(again.value().at(0).reason == DuplicateFinder::Reason::Email);
    }
    SECTION("an agent sees only groups of leads they may see")
    {
        REQUIRE(f.service.assign(c, QStringLiteral("u-sam")).ok());
        LeadService agent(*f.db, Actor{QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent}, f.clock);
        REQUIRE(f.service.assign(a, QStringLiteral("u-admin")).ok());
        auto seen = DuplicateFinder(agent).find();
        REQUIRE(seen.ok());
        for (const auto &group : seen.value())
            CHECK_FALSE(idsOf(group).contains(a));
    }
}

TEST_CASE("Duplicate queries read the partial indexes, not the table", "[duplicates]")
{
    DupFixture f;
    QSqlQuery q(f.db->connection());
    // The indexes exist on a fresh database (the finder names them in INDEXED BY) and
    // answer the grouping without a sort of the table.
    for (const char *index : {"leads_dup_phone", "leads_dup_email", "leads_dup_company"}) {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = ?"));
        q.addBindValue(QString::fromLatin1(index));
        REQUIRE(q.exec());
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 1);
    }
    REQUIRE(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT phone FROM leads INDEXED BY leads_dup_phone "
                                  "WHERE phone <> '' AND is_final = 0 GROUP BY phone HAVING COUNT(*) > 1")));
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + QLatin1Char('\n');
    CHECK(plan.contains(QStringLiteral("USING INDEX leads_dup_phone")));
    CHECK_FALSE(plan.contains(QStringLiteral("TEMP B-TREE")));
}
