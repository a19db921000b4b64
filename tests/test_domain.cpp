// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/assignmentrule.h"
#include "domain/contactidentity.h"
#include "domain/lead.h"
#include "domain/leadstatus.h"
#include "domain/permissions.h"
#include "domain/pipeline.h"
#include "domain/qualification.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Leads;

TEST_CASE("status ids, labels and glyphs are stable and complete", "[domain][status]")
{
    const QStringList ids = {QStringLiteral("new"),       QStringLiteral("contacted"), QStringLiteral("qualifying"),
                             QStringLiteral("qualified"), QStringLiteral("follow_up"), QStringLiteral("converted"),
                             QStringLiteral("lost"),      QStringLiteral("archived")};
    REQUIRE(kAllStatuses.size() == 8);
    QStringList glyphs;
    for (size_t i = 0; i < kAllStatuses.size(); ++i) {
        const LeadStatus s = kAllStatuses[i];
        CHECK(Status::id(s) == ids.at(int(i)));
        CHECK(Status::fromId(ids.at(int(i))) == s);
        CHECK_FALSE(Status::label(s).isEmpty());
        CHECK_FALSE(Status::glyph(s).isEmpty());
        glyphs.append(Status::glyph(s));
    }
    glyphs.removeDuplicates();
    CHECK(glyphs.size() == 8);
    CHECK_FALSE(Status::fromId(u"New"));
    CHECK_FALSE(Status::fromId(u""));
    CHECK(Status::label(LeadStatus::FollowUp) == QStringLiteral("Follow-up"));

    CHECK(Status::isFinal(LeadStatus::Converted));
    CHECK(Status::isFinal(LeadStatus::Lost));
    CHECK(Status::isFinal(LeadStatus::Archived));
    for (LeadStatus s : {LeadStatus::New, LeadStatus::Contacted, LeadStatus::Qualifying, LeadStatus::Qualified,
                         LeadStatus::FollowUp})
        CHECK_FALSE(Status::isFinal(s));
}

TEST_CASE("the full 8x8 move matrix", "[domain][pipeline]")
{
    const QStringList reasons = {QStringLiteral("No budget"), QStringLiteral("Chose a competitor")};
    for (LeadStatus from : kAllStatuses) {
        for (LeadStatus to : kAllStatuses) {
            INFO(Status::id(from).toStdString() << " -> " << Status::id(to).toStdString());
            const QString reason = to == LeadStatus::Lost ? QStringLiteral("No budget") : QString();
            const Outcome move = Pipeline::checkMove(from, to, reason, reasons);
            if (Status::isFinal(from)) {
                REQUIRE_FALSE(move.ok());
                CHECK(move.error().code() == ErrorCode::FinalState);
                CHECK(move.error().message().contains(Status::label(from)));
                CHECK_FALSE(Pipeline::isMoveAllowed(from, to));
            } else if (from == to) {
                REQUIRE_FALSE(move.ok());
                CHECK(move.error().code() == ErrorCode::SameStatus);
            } else {
                CHECK(move.ok());
                CHECK(Pipeline::isMoveAllowed(from, to));
            }
        }
        CHECK(Pipeline::allowedMoves(from).size() == (Status::isFinal(from) ? 0 : 7));
    }
}

TEST_CASE("final lead refusal reads as a sentence", "[domain][pipeline]")
{
    const Outcome move = Pipeline::checkMove(LeadStatus::Converted, LeadStatus::New);
    REQUIRE_FALSE(move.ok());
    CHECK(move.error().message() == QStringLiteral("This lead is Converted and can no longer change status."));
    CHECK(move.error().codeId() == QStringLiteral("final_state"));
}

TEST_CASE("moving to Lost needs a configured reason", "[domain][pipeline]")
{
    const QStringList reasons = {QStringLiteral("No budget")};
    auto missing = Pipeline::checkMove(LeadStatus::Qualifying, LeadStatus::Lost, QString(), reasons);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code() == ErrorCode::LostReasonRequired);
    auto blank = Pipeline::checkMove(LeadStatus::Qualifying, LeadStatus::Lost, QStringLiteral("   "), reasons);
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.error().code() == ErrorCode::LostReasonRequired);
    auto unknown = Pipeline::checkMove(LeadStatus::Qualifying, LeadStatus::Lost, QStringLiteral("Aliens"), reasons);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code() == ErrorCode::UnknownLostReason);
    CHECK(Pipeline::checkMove(LeadStatus::Qualifying, LeadStatus::Lost, QStringLiteral(" No budget "), reasons).ok());
    // Other targets need no reason.
    CHECK(Pipeline::checkMove(LeadStatus::Qualifying, LeadStatus::Archived).ok());
}

TEST_CASE("final states refuse assignment, qualification and follow-ups", "[domain][pipeline]")
{
    for (LeadStatus s : kAllStatuses) {
        INFO(Status::id(s).toStdString());
        const bool final = Status::isFinal(s);
        CHECK(Pipeline::checkAssign(s).ok() == !final);
        CHECK(Pipeline::checkQualificationChange(s).ok() == !final);
        CHECK(Pipeline::checkFollowUp(s).ok() == !final);
        if (final) {
            CHECK(Pipeline::checkAssign(s).error().code() == ErrorCode::FinalState);
            CHECK(Qualification::applyManual({}, s, 50, QStringLiteral("u1"), LeadsTest::fixedNow()).error().code()
                  == ErrorCode::FinalState);
            CHECK(Qualification::applyAi({}, s, 50, LeadsTest::fixedNow()).error().code() == ErrorCode::FinalState);
        }
    }
}

TEST_CASE("score bounds", "[domain][qualification]")
{
    CHECK(Qualification::checkScore(0).ok());
    CHECK(Qualification::checkScore(100).ok());
    CHECK(Qualification::checkScore(57).ok());
    for (int bad : {-1, 101, -100, 1000, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()}) {
        INFO(bad);
        const Outcome o = Qualification::checkScore(bad);
        REQUIRE_FALSE(o.ok());
        CHECK(o.error().code() == ErrorCode::ScoreOutOfRange);
    }
    CHECK_FALSE(Qualification::applyManual({}, LeadStatus::New, 101, QStringLiteral("u"), LeadsTest::fixedNow()).ok());
    CHECK_FALSE(Qualification::applyAi({}, LeadStatus::New, -1, LeadsTest::fixedNow()).ok());
}

TEST_CASE("a manual score is never replaced by the AI, and the AI score stays beside it", "[domain][qualification]")
{
    auto ai = Qualification::applyAi({}, LeadStatus::Contacted, 40, LeadsTest::fixedNow());
    REQUIRE(ai.ok());
    CHECK(ai.value().method == QualificationMethod::Ai);
    CHECK(ai.value().effectiveScore() == 40);

    auto manual = Qualification::applyManual(ai.value(), LeadStatus::Contacted, 85, QStringLiteral("u-sam"),
                                             LeadsTest::fixedNow().addSecs(60));
    REQUIRE(manual.ok());
    CHECK(manual.value().method == QualificationMethod::Manual);
    CHECK(manual.value().effectiveScore() == 85);
    CHECK(manual.value().aiScore == 40);
    CHECK(manual.value().author == QStringLiteral("u-sam"));

    auto rescored = Qualification::applyAi(manual.value(), LeadStatus::Contacted, 12, LeadsTest::fixedNow().addSecs(120));
    REQUIRE(rescored.ok());
    CHECK(rescored.value().manualScore == 85);
    CHECK(rescored.value().aiScore == 12);
    CHECK(rescored.value().effectiveScore() == 85);
    CHECK(rescored.value().method == QualificationMethod::Manual);
    CHECK(rescored.value().author == QStringLiteral("u-sam"));
    CHECK(rescored.value().at == LeadsTest::fixedNow().addSecs(60));
}

TEST_CASE("phone numbers normalise to E.164", "[domain][identity]")
{
    struct Case
    {
        const char16_t *raw;
        const char *country;
        const char16_t *expected;
    };
    const Case cases[] = {
        {u"+34 612 34 56 78", "ES", u"+34612345678"},
        {u"612 34 56 78", "ES", u"+34612345678"},
        {u"612-345-678", "ES", u"+34612345678"},
        {u"0034 612 345 678", "US", u"+34612345678"},
        {u"00 34 (612) 345.678", "DE", u"+34612345678"},
        {u"  +44 (0)20 7946 0958 ", "US", u"+442079460958"},
        {u"020 7946 0958", "GB", u"+442079460958"},
        {u"07700 900123", "gb", u"+447700900123"},
        {u"(415) 555-0132", "US", u"+14155550132"},
        {u"1-415-555-0132", "US", u"+14155550132"},
        {u"011 49 30 1234567", "US", u"+49301234567"},
        {u"06 12 34 56 78", "+33", u"+33612345678"},
        {u"030 1234567", "49", u"+49301234567"},
        {u"06 1234 5678", "IT", u"+390612345678"},                 // Italy keeps the leading zero
        {u"\uFF0B\uFF13\uFF14\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18", "US", u"+34612345678"}, // full-width
        {u"\u0666\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "ES", u"+34612345678"}, // Arabic-Indic
        {u"+34\u00A0612\u2011345\u2011678", "US", u"+34612345678"}, // no-break space, non-breaking hyphen
    };
    for (const Case &c : cases) {
        const QString raw = QString::fromUtf16(c.raw);
        INFO(raw.toStdString() << " (" << c.country << ")");
        auto r = ContactIdentity::normalizePhone(raw, QString::fromLatin1(c.country));
        REQUIRE(r.ok());
        CHECK(r.value() == QString::fromUtf16(c.expected));
    }
    CHECK(ContactIdentity::normalizePhone(QStringLiteral("   "), QStringLiteral("ES")).value().isEmpty());
}

TEST_CASE("bad phone numbers are refused with a reason", "[domain][identity]")
{
    const char16_t *bad[] = {u"abc", u"+34 612 ABC", u"12", u"+1234567890123456", u"612 34 56 78 ext 5",
                             u"+0 612 345 678", u"' OR 1=1 --", u"++34612345678"};
    for (const char16_t *raw : bad) {
        INFO(QString::fromUtf16(raw).toStdString());
        auto r = ContactIdentity::normalizePhone(QString::fromUtf16(raw), QStringLiteral("ES"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code() == ErrorCode::InvalidInput);
        CHECK_FALSE(r.error().message().isEmpty());
    }
    // A national number with no usable default country cannot be placed.
    auto noCountry = ContactIdentity::normalizePhone(QStringLiteral("612 345 678"), QStringLiteral("ZZ"));
    REQUIRE_FALSE(noCountry.ok());
    CHECK(noCountry.error().message().contains(QStringLiteral("country code")));
}

TEST_CASE("e-mail addresses are trimmed and lower-cased", "[domain][identity]")
{
    CHECK(ContactIdentity::normalizeEmail(QStringLiteral("  Tom@Beck.DE ")).value() == QStringLiteral("tom@beck.de"));
    CHECK(ContactIdentity::normalizeEmail(QStringLiteral("ANA.RUIZ+leads@Lumen.example")).value()
          == QStringLiteral("ana.ruiz+leads@lumen.example"));
    CHECK(ContactIdentity::normalizeEmail(QString()).value().isEmpty());
    for (const char *bad : {"tom", "tom@", "@beck.de", "tom@beck", "tom@@beck.de", "tom @beck.de", "tom@beck.de."}) {
        INFO(bad);
        CHECK_FALSE(ContactIdentity::normalizeEmail(QString::fromLatin1(bad)).ok());
    }
}

TEST_CASE("two identities are the same contact when phone or e-mail matches", "[domain][identity]")
{
    const QString es = QStringLiteral("ES");
    auto a = ContactIdentity::make(QStringLiteral("612 345 678"), QStringLiteral("ana@lumen.example"), es).value();
    auto samePhone = ContactIdentity::make(QStringLiteral("+34612345678"), QString(), es).value();
    auto sameMail = ContactIdentity::make(QString(), QStringLiteral(" ANA@Lumen.example"), es).value();
    auto other = ContactIdentity::make(QStringLiteral("612 000 000"), QStringLiteral("bob@x.example"), es).value();
    auto empty = ContactIdentity::make(QString(), QString(), es).value();
    CHECK(a.matches(samePhone));
    CHECK(a.matches(sameMail));
    CHECK(samePhone.matches(a));
    CHECK_FALSE(a.matches(other));
    CHECK_FALSE(empty.matches(empty));
    CHECK(empty.isEmpty());
    CHECK_FALSE(ContactIdentity::make(QStringLiteral("x"), QString(), es).ok());
}

TEST_CASE("one active lead per contact", "[domain][identity]")
{
    using A = ActiveLeadRule::Action;
    CHECK(ActiveLeadRule::decide(false, {}).action == A::NewLeadNewContact);
    CHECK(ActiveLeadRule::decide(true, {}).action == A::NewLeadSameContact);
    const auto append = ActiveLeadRule::decide(true, {{QStringLiteral("old"), LeadStatus::Lost},
                                                      {QStringLiteral("act"), LeadStatus::Qualifying}});
    CHECK(append.action == A::AppendToActive);
    CHECK(append.leadId == QStringLiteral("act"));
    const auto reopen = ActiveLeadRule::decide(true, {{QStringLiteral("a"), LeadStatus::Converted},
                                                      {QStringLiteral("b"), LeadStatus::Archived}});
    CHECK(reopen.action == A::NewLeadSameContact);

    auto refused = ActiveLeadRule::checkCreate({{QStringLiteral("act"), LeadStatus::New}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code() == ErrorCode::DuplicateActiveLead);
    CHECK(refused.error().detail() == QStringLiteral("act"));
    CHECK(ActiveLeadRule::checkCreate({{QStringLiteral("old"), LeadStatus::Lost}}).ok());
}

TEST_CASE("the default permission matrix", "[domain][permissions]")
{
    const PermissionMatrix m = PermissionMatrix::defaults();
    using P = Permission;
    struct Row
    {
        P permission;
        bool agent, manager, admin;
    };
    const Row rows[] = {
        {P::ViewAllLeads, false, true, true},   {P::ViewUnassigned, true, true, true},
        {P::CreateLead, true, true, true},      {P::ChangeStatus, true, true, true},
        {P::Assign, false, true, true},         {P::Qualify, true, true, true},
        {P::AddNote, true, true, true},         {P::SetFollowUp, true, true, true},
        {P::Import, false, false, true},        {P::Export, false, true, true},
        {P::ManageSettings, false, false, true}, {P::ManageUsers, false, false, true},
        {P::ManagePermissions, false, false, true},
    };
    REQUIRE(std::size(rows) == size_t(kPermissionCount));
    for (const Row &r : rows) {
        INFO(permissionId(r.permission).toStdString());
        CHECK(m.allows(Role::Agent, r.permission) == r.agent);
        CHECK(m.allows(Role::Manager, r.permission) == r.manager);
        CHECK(m.allows(Role::Admin, r.permission) == r.admin);
        CHECK(permissionFromId(permissionId(r.permission)) == r.permission);
    }
    auto denied = m.require(Role::Agent, P::Assign);
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().code() == ErrorCode::PermissionDenied);
    CHECK(denied.error().message() == QStringLiteral("Your role (Agent) may not assign leads."));
    CHECK(denied.error().detail() == QStringLiteral("assign"));
}

TEST_CASE("an admin can change the matrix but never lose permission management", "[domain][permissions]")
{
    PermissionMatrix m = PermissionMatrix::defaults();
    m.set(Role::Agent, Permission::Export, true);
    m.set(Role::Manager, Permission::Assign, false);
    m.set(Role::Admin, Permission::ManagePermissions, false);
    CHECK(m.allows(Role::Agent, Permission::Export));
    CHECK_FALSE(m.allows(Role::Manager, Permission::Assign));
    CHECK(m.allows(Role::Admin, Permission::ManagePermissions));

    auto round = PermissionMatrix::fromJson(m.toJson());
    REQUIRE(round.ok());
    CHECK(round.value() == m);
    CHECK_FALSE(round.value() == PermissionMatrix::defaults());

    auto badRole = PermissionMatrix::fromJson(QJsonDocument::fromJson(R"({"boss": ["assign"]})").object());
    REQUIRE_FALSE(badRole.ok());
    CHECK(badRole.error().message().contains(QStringLiteral("boss")));
    auto badPerm = PermissionMatrix::fromJson(QJsonDocument::fromJson(R"({"agent": ["fly"]})").object());
    REQUIRE_FALSE(badPerm.ok());
    auto notList = PermissionMatrix::fromJson(QJsonDocument::fromJson(R"({"agent": "assign"})").object());
    REQUIRE_FALSE(notList.ok());
}

TEST_CASE("lead access: agents work their own leads and the unassigned pool", "[domain][permissions]")
{
    PermissionMatrix m = PermissionMatrix::defaults();
    const Actor agent{QStringLiteral("u-sam"), QStringLiteral("Sam"), Role::Agent};
    const Actor manager{QStringLiteral("u-maria"), QStringLiteral("Maria"), Role::Manager};
    CHECK(checkLeadAccess(m, agent, QStringLiteral("u-sam"), Permission::ChangeStatus).ok());
    CHECK(checkLeadAccess(m, agent, QString(), Permission::ChangeStatus).ok());
    auto others = checkLeadAccess(m, agent, QStringLiteral("u-priya"), Permission::ChangeStatus);
    REQUIRE_FALSE(others.ok());
    CHECK(others.error().code() == ErrorCode::OutOfScope);
    CHECK(checkLeadAccess(m, manager, QStringLiteral("u-priya"), Permission::ChangeStatus).ok());

    m.set(Role::Agent, Permission::ViewUnassigned, false);
    CHECK_FALSE(canSeeLead(m, agent, QString()));
    CHECK(checkLeadAccess(m, agent, QString(), Permission::ChangeStatus).error().code() == ErrorCode::OutOfScope);
    m.set(Role::Agent, Permission::ChangeStatus, false);
    CHECK(checkLeadAccess(m, agent, QStringLiteral("u-sam"), Permission::ChangeStatus).error().code()
          == ErrorCode::PermissionDenied);
}

TEST_CASE("Round-robin assignment takes the chosen agents in turn and stays fair", "[domain][assignment]")
{
    AssignmentRule rule;
    rule.mode = AssignmentRule::Mode::RoundRobin;
    rule.agents = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    const QStringList everyone = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("z")};
    QHash<QString, int> given;
    int cursor = 0;
    for (int i = 0; i < 300; ++i) {
        const auto p = rule.pick(everyone, {}, cursor);
        REQUIRE_FALSE(p.assigneeId.isEmpty());
        given[p.assigneeId]++;
        cursor = p.nextCursor;
    }
    CHECK(given.value(QStringLiteral("a")) == 100);
    CHECK(given.value(QStringLiteral("b")) == 100);
    CHECK(given.value(QStringLiteral("c")) == 100);
    CHECK_FALSE(given.contains(QStringLiteral("z"))); // not chosen by the admin

    // A deactivated agent is passed over; the others share the work evenly.
    given.clear();
    const QStringList withoutB = {QStringLiteral("a"), QStringLiteral("c")};
    for (int i = 0; i < 100; ++i) {
        const auto p = rule.pick(withoutB, {}, cursor);
        given[p.assigneeId]++;
        cursor = p.nextCursor;
    }
    CHECK(given.value(QStringLiteral("a")) == 50);
    CHECK(given.value(QStringLiteral("c")) == 50);
    CHECK(rule.pick({}, {}, cursor).assigneeId.isEmpty()); // nobody eligible: unassigned
}

TEST_CASE("Least-loaded assignment picks the chosen agent with the fewest active leads", "[domain][assignment]")
{
    AssignmentRule rule;
    rule.mode = AssignmentRule::Mode::LeastLoaded;
    rule.agents = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    const QStringList all = rule.agents;
    CHECK(rule.pick(all, {{QStringLiteral("a"), 5}, {QStringLiteral("b"), 2}, {QStringLiteral("c"), 9}}, 0).assigneeId
          == QStringLiteral("b"));
    CHECK(rule.pick(all, {{QStringLiteral("a"), 2}, {QStringLiteral("b"), 2}}, 0).assigneeId
          == QStringLiteral("c")); // c has none
    CHECK(rule.pick(all, {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 1}, {QStringLiteral("c"), 1}}, 0).assigneeId
          == QStringLiteral("a")); // ties: the admin's order
    // Filling up the least loaded evens the team out.
    QHash<QString, int> loads{{QStringLiteral("a"), 3}, {QStringLiteral("b"), 0}, {QStringLiteral("c"), 1}};
    for (int i = 0; i < 8; ++i)
        loads[rule.pick(all, loads, 0).assigneeId]++;
    CHECK(loads.value(QStringLiteral("a")) == 4);
    CHECK(loads.value(QStringLiteral("b")) == 4);
    CHECK(loads.value(QStringLiteral("c")) == 4);

    AssignmentRule manual;
    CHECK(manual.pick(all, {}, 0).assigneeId.isEmpty());
}

TEST_CASE("Assignment rules round-trip through JSON and refuse nonsense", "[domain][assignment]")
{
    AssignmentRule rule;
    rule.mode = AssignmentRule::Mode::LeastLoaded;
    rule.agents = {QStringLiteral("u-priya"), QStringLiteral("u-sam")};
    auto back = AssignmentRule::fromJson(rule.toJson());
    REQUIRE(back.ok());
    CHECK(back.value() == rule);
    CHECK(AssignmentRule::fromJson({}).value().mode == AssignmentRule::Mode::Manual);
    CHECK_FALSE(AssignmentRule::fromJson({{QStringLiteral("mode"), QStringLiteral("lottery")}}).ok());
    CHECK_FALSE(AssignmentRule::fromJson({{QStringLiteral("mode"), QStringLiteral("round_robin")}}).ok());
    CHECK_FALSE(AssignmentRule::fromJson({{QStringLiteral("mode"), QStringLiteral("round_robin")},
                                          {QStringLiteral("agents"), QJsonArray{QStringLiteral("a"), QStringLiteral("a")}}})
                    .ok());
    CHECK_FALSE(AssignmentRule::fromJson({{QStringLiteral("mode"), QStringLiteral("round_robin")},
                                          {QStringLiteral("agents"), QStringLiteral("a")}})
                    .ok());
}
