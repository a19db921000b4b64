// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "domain/pipeline.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Leads;

namespace {

struct Fixture
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{LeadsTest::fixedNow()};
    LeadService service{*db, Actor{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin}, clock};

    Fixture()
    {
        REQUIRE(service.setSetting(QStringLiteral("default_country"), QStringLiteral("ES")).ok());
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral(
            "INSERT INTO users (id, username, display_name, role, active, created_at) VALUES "
            "('u-admin', 'alex', 'Alex Morgan', 'admin', 1, 0), "
            "('u-maria', 'maria', 'Maria Lopez', 'manager', 1, 0), "
            "('u-sam', 'sam', 'Sam Carter', 'agent', 1, 0), "
            "('u-priya', 'priya', 'Priya Nair', 'agent', 1, 0), "
            "('u-gone', 'gone', 'Gone Person', 'agent', 0, 0)")));
    }

    qint64 count(const QString &sql)
    {
        QSqlQuery q(db->connection());
        if (!q.exec(sql) || !q.next())
            FAIL("query failed: " << sql.toStdString());
        return q.value(0).toLongLong();
    }

    QString create(const QString &name, const QString &phone, const QString &email = {})
    {
        NewLead n;
        n.name = name;
        n.phone = phone;
        n.email = email;
        auto id = service.createLead(n);
        if (!id)
            FAIL("createLead failed: " << id.error().message().toStdString());
        return id.value();
    }

    QJsonObject lastOutbox(QString *type = nullptr)
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT type, payload FROM outbox ORDER BY seq DESC LIMIT 1")));
        REQUIRE(q.next());
        if (type)
            *type = q.value(0).toString();
        return QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
    }

    // Rows that a refused call must never leave behind.
    std::tuple<qint64, qint64, qint64> footprint()
    {
        return {count(QStringLiteral("SELECT COUNT(*) FROM leads")),
                count(QStringLiteral("SELECT COUNT(*) FROM interactions")),
                count(QStringLiteral("SELECT COUNT(*) FROM outbox"))};
    }
};

} // namespace

TEST_CASE("creating a lead writes the row, the timeline and the outbox together", "[service]")
{
    Fixture f;
    QSignalSpy created(&f.service, &LeadService::leadCreated);
    NewLead n;
    n.name = QStringLiteral("  Ana Ruiz ");
    n.company = QStringLiteral("Lumen S.L.");
    n.phone = QStringLiteral("612 34 56 78");
    n.email = QStringLiteral("Ana@Lumen.example");
    n.note = QStringLiteral("Met at the fair");
    auto id = f.service.createLead(n);
    REQUIRE(id.ok());
    CHECK(created.count() == 1);
    CHECK(created.at(0).at(0).toString() == id.value());

    auto lead = f.service.lead(id.value());
    REQUIRE(lead.ok());
    CHECK(lead.value().name == QStringLiteral("Ana Ruiz"));
    CHECK(lead.value().phone == QStringLiteral("+34612345678"));
    CHECK(lead.value().email == QStringLiteral("ana@lumen.example"));
    CHECK(lead.value().status == LeadStatus::New);
    CHECK(lead.value().source == QStringLiteral("manual"));
    CHECK(lead.value().createdAt == LeadsTest::fixedNow());

    auto timeline = f.service.timeline(id.value());
    REQUIRE(timeline.ok());
    REQUIRE(timeline.value().size() == 2);
    QString type;
    const QJsonObject payload = f.lastOutbox(&type);
    CHECK(type == QStringLiteral("lead.create"));
    CHECK(payload.value(QStringLiteral("leadId")).toString() == id.value());
    CHECK(payload.value(QStringLiteral("phone")).toString() == QStringLiteral("+34612345678"));
    CHECK(f.service.pendingMutations() == 1);
}

TEST_CASE("invalid new leads are refused and leave nothing behind", "[service][badinput]")
{
    Fixture f;
    const auto before = f.footprint();
    NewLead noName;
    noName.phone = QStringLiteral("612345678");
    auto r1 = f.service.createLead(noName);
    REQUIRE_FALSE(r1.ok());
    CHECK(r1.error().detail() == QStringLiteral("name"));

    NewLead noContact;
    noContact.name = QStringLiteral("Ana");
    auto r2 = f.service.createLead(noContact);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().message().contains(QStringLiteral("phone number or an e-mail")));

    NewLead badPhone;
    badPhone.name = QStringLiteral("Ana");
    badPhone.phone = QStringLiteral("'; DROP TABLE leads; --");
    auto r3 = f.service.createLead(badPhone);
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().code() == ErrorCode::InvalidInput);

    NewLead longName;
    longName.name = QString(500, u'x');
    longName.email = QStringLiteral("x@y.example");
    CHECK_FALSE(f.service.createLead(longName).ok());
    CHECK(f.footprint() == before);
}

TEST_CASE("a contact keeps one active lead; a final one lets a new lead start", "[service][dedup]")
{
    Fixture f;
    const QString first = f.create(QStringLiteral("Ana Ruiz"), QStringLiteral("+34 612 345 678"));
    const auto before = f.footprint();

    // Same phone typed another way, or the same e-mail on a lead with another phone.
    NewLead again;
    again.name = QStringLiteral("Ana R.");
    again.phone = QStringLiteral("0034612345678");
    auto dup = f.service.createLead(again);
    REQUIRE_FALSE(dup.ok());
    CHECK(dup.error().code() == ErrorCode::DuplicateActiveLead);
    CHECK(dup.error().detail() == first);
    CHECK(f.footprint() == before);

    REQUIRE(f.service.setStatus(first, LeadStatus::Lost, QStringLiteral("No budget")).ok());
    auto second = f.service.createLead(again);
    REQUIRE(second.ok());
    CHECK(f.service.lead(second.value()).value().contactId == f.service.lead(first).value().contactId);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM contacts")) == 1);
}

TEST_CASE("incoming interactions follow the one-active-lead rule", "[service][dedup]")
{
    Fixture f;
    IncomingInteraction reply;
    reply.kind = InteractionKind::BroadcastReply;
    reply.phone = QStringLiteral("+34 611 111 111");
    reply.name = QStringLiteral("Luis");
    reply.source = QStringLiteral("broadcast");
    reply.campaign = QStringLiteral("Spring promo");
    reply.body = QStringLiteral("YES, interested");
    auto r1 = f.service.recordInteraction(reply);
    REQUIRE(r1.ok());
    CHECK(r1.value().createdLead);
    CHECK(f.service.lead(r1.value().leadId).value().source == QStringLiteral("broadcast"));

    IncomingInteraction chat;
    chat.kind = InteractionKind::ChatIn;
    chat.phone = QStringLiteral("611111111");
    chat.body = QStringLiteral("What is the price?");
    chat.occurredAt = LeadsTest::fixedNow().addSecs(3600);
    auto r2 = f.service.recordInteraction(chat);
    REQUIRE(r2.ok());
    CHECK_FALSE(r2.value().createdLead);
    CHECK(r2.value().leadId == r1.value().leadId);
    CHECK(f.service.lead(r1.value().leadId).value().lastActivityAt == LeadsTest::fixedNow().addSecs(3600));
    CHECK(f.service.timeline(r1.value().leadId).value().size() == 3); // created, reply, chat

    REQUIRE(f.service.setStatus(r1.value().leadId, LeadStatus::Converted).ok());
    auto r3 = f.service.recordInteraction(chat);
    REQUIRE(r3.ok());
    CHECK(r3.value().createdLead);
    CHECK(r3.value().leadId != r1.value().leadId);
    CHECK(f.service.lead(r3.value().leadId).value().contactId == f.service.lead(r1.value().leadId).value().contactId);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM leads")) == 2);
}

TEST_CASE("status moves are recorded on the timeline and queued with their base version", "[service][status]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    QSignalSpy changed(&f.service, &LeadService::leadChanged);
    f.clock.advance(60'000);
    REQUIRE(f.service.setStatus(id, LeadStatus::Contacted).ok());
    CHECK(changed.count() == 1);
    QString type;
    QJsonObject payload = f.lastOutbox(&type);
    CHECK(type == QStringLiteral("lead.setStatus"));
    CHECK(payload.value(QStringLiteral("from")).toString() == QStringLiteral("new"));
    CHECK(payload.value(QStringLiteral("to")).toString() == QStringLiteral("contacted"));
    CHECK(payload.value(QStringLiteral("baseVersion")).toInt() == 1);
    auto lead = f.service.lead(id).value();
    CHECK(lead.status == LeadStatus::Contacted);
    CHECK(lead.statusVersion == 2);
    CHECK(lead.lastActivityAt == LeadsTest::fixedNow().addSecs(60));
    auto newest = f.service.timeline(id).value().first();
    CHECK(newest.kind == InteractionKind::StatusChange);
    CHECK(newest.authorName == QStringLiteral("Alex Morgan"));

    // Backward moves are allowed and recorded too.
    REQUIRE(f.service.setStatus(id, LeadStatus::New).ok());
    CHECK(f.service.lead(id).value().status == LeadStatus::New);
}

TEST_CASE("refused status changes leave no trace", "[service][status]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    auto before = f.footprint();
    CHECK(f.service.setStatus(id, LeadStatus::New).error().code() == ErrorCode::SameStatus);
    CHECK(f.service.setStatus(id, LeadStatus::Lost).error().code() == ErrorCode::LostReasonRequired);
    CHECK(f.service.setStatus(id, LeadStatus::Lost, QStringLiteral("Aliens")).error().code()
          == ErrorCode::UnknownLostReason);
    CHECK(f.service.setStatus(QStringLiteral("no-such-id"), LeadStatus::Lost).error().code() == ErrorCode::NotFound);
    CHECK(f.footprint() == before);

    REQUIRE(f.service.setStatus(id, LeadStatus::Lost, QStringLiteral("No budget")).ok());
    CHECK(f.service.lead(id).value().lostReason == QStringLiteral("No budget"));
    before = f.footprint();
    for (LeadStatus s : kAllStatuses) {
        auto r = f.service.setStatus(id, s, QStringLiteral("No budget"));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code() == ErrorCode::FinalState);
    }
    CHECK(f.service.assign(id, QStringLiteral("u-sam")).error().code() == ErrorCode::FinalState);
    CHECK(f.service.qualifyManually(id, 50).error().code() == ErrorCode::FinalState);
    CHECK(f.service.setFollowUp(id, LeadsTest::fixedNow().addDays(1)).error().code() == ErrorCode::FinalState);
    CHECK(f.footprint() == before);
    // Notes stay possible on a final lead: it is history.
    CHECK(f.service.addNote(id, QStringLiteral("Call again next year")).ok());
}

TEST_CASE("assignment: managers assign, agents may not, deactivated agents take no leads", "[service][assign]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    REQUIRE(f.service.assign(id, QStringLiteral("u-sam")).ok());
    auto lead = f.service.lead(id).value();
    CHECK(lead.assigneeId == QStringLiteral("u-sam"));
    CHECK(lead.assigneeName == QStringLiteral("Sam Carter"));
    QString type;
    CHECK(f.lastOutbox(&type).value(QStringLiteral("assigneeId")).toString() == QStringLiteral("u-sam"));
    CHECK(type == QStringLiteral("lead.assign"));

    CHECK(f.service.assign(id, QStringLiteral("u-sam")).error().code() == ErrorCode::SameStatus);
    CHECK(f.service.assign(id, QStringLiteral("u-gone")).error().message().contains(QStringLiteral("deactivated")));
    CHECK(f.service.assign(id, QStringLiteral("u-nobody")).error().code() == ErrorCode::NotFound);

    f.service.setActor({QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent});
    auto denied = f.service.assign(id, QStringLiteral("u-priya"));
    REQUIRE_FALSE(denied.ok());
    CHECK(denied.error().code() == ErrorCode::PermissionDenied);

    f.service.setActor({QStringLiteral("u-maria"), QStringLiteral("Maria Lopez"), Role::Manager});
    REQUIRE(f.service.assign(id, QString()).ok());
    CHECK(f.service.lead(id).value().assigneeId.isEmpty());
}

TEST_CASE("agents work their own leads and the unassigned pool only", "[service][permissions]")
{
    Fixture f;
    const QString mine = f.create(QStringLiteral("Mine"), QStringLiteral("+34600000001"));
    const QString theirs = f.create(QStringLiteral("Theirs"), QStringLiteral("+34600000002"));
    const QString pool = f.create(QStringLiteral("Pool"), QStringLiteral("+34600000003"));
    REQUIRE(f.service.assign(mine, QStringLiteral("u-sam")).ok());
    REQUIRE(f.service.assign(theirs, QStringLiteral("u-priya")).ok());

    f.service.setActor({QStringLiteral("u-sam"), QStringLiteral("Sam Carter"), Role::Agent});
    CHECK(f.service.setStatus(mine, LeadStatus::Contacted).ok());
    CHECK(f.service.setStatus(pool, LeadStatus::Contacted).ok());
    CHECK(f.service.setStatus(theirs, LeadStatus::Contacted).error().code() == ErrorCode::OutOfScope);
    CHECK(f.service.addNote(theirs, QStringLiteral("x")).error().code() == ErrorCode::OutOfScope);
    CHECK(f.service.qualifyManually(mine, 70).ok());

    // The admin withdraws a permission: the service refuses at once.
    PermissionMatrix m = PermissionMatrix::defaults();
    m.set(Role::Agent, Permission::Qualify, false);
    REQUIRE(f.service.setSetting(QStringLiteral("permissions"),
                                 QString::fromUtf8(QJsonDocument(m.toJson()).toJson())).ok());
    CHECK(f.service.qualifyManually(mine, 80).error().code() == ErrorCode::PermissionDenied);
}

TEST_CASE("manual scores are bounded and recorded", "[service][qualification]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    CHECK(f.service.qualifyManually(id, 101).error().code() == ErrorCode::ScoreOutOfRange);
    CHECK(f.service.qualifyManually(id, -5).error().code() == ErrorCode::ScoreOutOfRange);
    REQUIRE(f.service.qualifyManually(id, 72).ok());
    auto lead = f.service.lead(id).value();
    CHECK(lead.qualification.manualScore == 72);
    CHECK(lead.qualification.method == QualificationMethod::Manual);
    CHECK(lead.qualification.author == QStringLiteral("u-admin"));
    CHECK(f.count(QStringLiteral("SELECT score FROM leads")) == 72);
}

TEST_CASE("notes are appended, searchable and validated", "[service][notes]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    CHECK(f.service.addNote(id, QStringLiteral("   ")).error().code() == ErrorCode::InvalidInput);
    CHECK_FALSE(f.service.addNote(id, QString(20000, u'n')).ok());
    REQUIRE(f.service.addNote(id, QStringLiteral("Budget approved for Q3")).ok());
    REQUIRE(f.service.addNote(id, QStringLiteral("Prefers WhatsApp")).ok());
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM interactions WHERE kind = 'note'")) == 2);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"whatsapp\"*'")) == 1);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM leads_fts WHERE leads_fts MATCH '\"budget\"*'")) == 1);
}

TEST_CASE("follow-ups can be set and cleared", "[service][followup]")
{
    Fixture f;
    const QString id = f.create(QStringLiteral("Tom"), QStringLiteral("+4915112345678"));
    const QDateTime when = LeadsTest::fixedNow().addDays(2);
    REQUIRE(f.service.setFollowUp(id, when).ok());
    CHECK(f.service.lead(id).value().followUpAt == when);
    REQUIRE(f.service.setFollowUp(id, QDateTime()).ok());
    CHECK_FALSE(f.service.lead(id).value().followUpAt.isValid());
}

TEST_CASE("a full disk during a write loses nothing that was there", "[service][storage][badinput]")
{
    Fixture f;
    const QString kept = f.create(QStringLiteral("Kept Lead"), QStringLiteral("+34600000009"));
    // Cap the database at its current size: the next page it needs cannot be had.
    const qint64 pages = f.count(QStringLiteral("PRAGMA page_count"));
    REQUIRE(f.db->exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)).ok());
    const auto before = f.footprint();
    QString failure;
    for (int i = 0; i < 200 && failure.isEmpty(); ++i) {
        NewLead n;
        n.name = QStringLiteral("Filler %1 ").arg(i) + QString(150, u'x');
        n.email = QStringLiteral("filler%1@example.com").arg(i);
        n.note = QString(2000, u'n');
        auto r = f.service.createLead(n);
        if (!r.ok())
            failure = r.error().message();
    }
    REQUIRE_FALSE(failure.isEmpty());
    CHECK(failure.contains(QStringLiteral("full"), Qt::CaseInsensitive));
    // Whatever was committed is whole: every lead has its timeline and its outbox entry.
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM leads l WHERE NOT EXISTS "
                                 "(SELECT 1 FROM interactions i WHERE i.lead_id = l.id)")) == 0);
    CHECK(f.count(QStringLiteral("SELECT COUNT(*) FROM leads")) == f.count(QStringLiteral("SELECT COUNT(*) FROM outbox")));
    CHECK(std::get<0>(f.footprint()) >= std::get<0>(before));
    CHECK(f.service.lead(kept).value().name == QStringLiteral("Kept Lead"));
    CHECK(f.count(QStringLiteral("PRAGMA integrity_check")) == 0); // "ok" reads as 0
}
