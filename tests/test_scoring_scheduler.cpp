// SPDX-License-Identifier: GPL-3.0-or-later
#include "testsupport.h"

#include "domain/clock.h"
#include "scoring/scoringscheduler.h"
#include "scoring/scoringservice.h"
#include "scoring/syntheticleads.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Leads;

namespace {

const Actor kAdmin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
const Actor kAgent{QStringLiteral("u-agent"), QStringLiteral("Sam Lee"), Role::Agent};

struct Client
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC)};
    LeadService leads{*db, kAdmin, clock};
    ScoringService scoring{leads, clock};
    ScoringScheduler scheduler{leads, scoring};

    explicit Client(int closedLeads = 0)
    {
        scheduler.setDebounceMs(20);
        if (closedLeads > 0) {
            SyntheticLeads::Options o;
            o.leads = closedLeads;
            o.seed = 5;
            REQUIRE(SyntheticLeads::write(*db, SyntheticLeads::generate(o)).ok());
        }
    }

    QString message(const QString &phone, const QString &body)
    {
        IncomingInteraction m;
        m.kind = InteractionKind::ChatIn;
        m.phone = phone;
        m.name = QStringLiteral("Contact ") + phone.right(3);
        m.source = Source::Chat;
        m.body = body;
        m.occurredAt = clock.now();
        auto done = leads.recordInteraction(m);
        REQUIRE(done.ok());
        return done.value().leadId;
    }

    Lead lead(const QString &id) const
    {
        auto l = leads.lead(id);
        REQUIRE(l.ok());
        return l.value();
    }

    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db->connection());
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec() || !q.next())
            FAIL("query failed: " << sql.toStdString());
        return q.value(0).toLongLong();
    }
};

} // namespace

TEST_CASE("changed leads are scored together after a short quiet period", "[scoring][scheduler]")
{
    Client c;
    QSignalSpy rescored(&c.scheduler, &ScoringScheduler::rescored);
    const QString a = c.message(QStringLiteral("+34600111001"), QStringLiteral("Hola, ¿cuál es el precio?"));
    const QString b = c.message(QStringLiteral("+34600111002"), QStringLiteral("Quiero una demo"));
    // Nothing happens while the user is still working: scoring waits for the debounce.
    CHECK_FALSE(c.lead(a).qualification.aiScore.has_value());
    CHECK(c.scheduler.pending() == 2);

    REQUIRE(rescored.wait(2000));
    CHECK(rescored.count() == 1);
    CHECK(rescored.at(0).at(0).toInt() == 2); // one batch, one transaction
    REQUIRE(c.lead(a).qualification.aiScore.has_value());
    REQUIRE(c.lead(b).qualification.aiScore.has_value());
    CHECK(c.leads.aiReasons(a).filter(QStringLiteral("asked about price")).size() == 1);
    // Scored as of the injected clock.
    CHECK(c.scalar(QStringLiteral("SELECT ai_scored_at FROM leads WHERE id = ?"), {a})
          == c.clock.now().toMSecsSinceEpoch());
    CHECK(c.scheduler.pending() == 0);
}

TEST_CASE("a large burst is scored in chunks across turns of the event loop", "[scoring][scheduler]")
{
    Client c;
    c.scheduler.setChunkSize(3);
    QSignalSpy rescored(&c.scheduler, &ScoringScheduler::rescored);
    QStringList ids;
    for (int i = 0; i < 7; ++i)
        ids << c.message(QStringLiteral("+3460022200%1").arg(i), QStringLiteral("hello"));
    QTRY_COMPARE_WITH_TIMEOUT(c.scheduler.pending(), 0, 3000);
    QTRY_COMPARE(rescored.count(), 3); // 3 + 3 + 1
    for (const QString &id : ids)
        CHECK(c.lead(id).qualification.aiScore.has_value());

    // Assigning them all at once is one bulk change; each lead is scored again.
    c.clock.advance(60'000);
    {
        QSqlQuery q(c.db->connection());
        REQUIRE(q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, created_at) "
                                      "VALUES ('u-agent', 'sam', 'Sam Lee', 'agent', 0)")));
    }
    const auto assigned = c.leads.assignMany(ids, kAgent.userId);
    INFO((assigned ? QString() : assigned.error().message()).toStdString());
    REQUIRE(assigned.ok());
    CHECK(c.scheduler.pending() == 7);
    QTRY_COMPARE(rescored.count(), 6);
    CHECK(c.scalar(QStringLiteral("SELECT COUNT(*) FROM leads WHERE ai_scored_at = ?"),
                   {c.clock.now().toMSecsSinceEpoch()})
          == 7);
}

TEST_CASE("lowering the threshold takes effect at once, and the AI moves a lead only once", "[scoring][scheduler]")
{
    Client c;
    const QString hot = c.message(QStringLiteral("+34600333001"), QStringLiteral("Precio? quiero comprar, pedido hoy"));
    QSignalSpy rescored(&c.scheduler, &ScoringScheduler::rescored);
    REQUIRE(rescored.wait(2000));
    const int score = *c.lead(hot).qualification.aiScore;
    REQUIRE(score < 90);
    REQUIRE(c.lead(hot).status == LeadStatus::New);

    // A closed lead and a manually scored one must come out untouched.
    const QString closed = c.message(QStringLiteral("+34600333002"), QStringLiteral("price please"));
    const QString manual = c.message(QStringLiteral("+34600333003"), QStringLiteral("price please"));
    REQUIRE(rescored.wait(2000));
    REQUIRE(c.leads.setStatus(closed, LeadStatus::Contacted).ok());
    REQUIRE(c.leads.setStatus(closed, LeadStatus::Lost, c.leads.lostReasons().value(0)).ok());
    REQUIRE(c.leads.qualifyManually(manual, 12).ok());
    const auto closedScore = c.lead(closed).qualification.aiScore;
    const qint64 closedScoredAt = c.scalar(QStringLiteral("SELECT ai_scored_at FROM leads WHERE id = ?"), {closed});
    c.clock.advance(60'000);

    QSignalSpy finished(&c.scheduler, &ScoringScheduler::rescoreFinished);
    REQUIRE(c.scheduler.setThreshold(score).ok());
    CHECK(c.scheduler.threshold() == score);
    REQUIRE(finished.wait(2000));
    CHECK(finished.at(0).at(1).toLongLong() >= 1);

    const Lead moved = c.lead(hot);
    CHECK(moved.status == LeadStatus::Qualified);
    const auto timeline = c.leads.timeline(hot).value();
    const auto byAi = std::count_if(timeline.cbegin(), timeline.cend(), [](const Interaction &i) {
        return i.kind == InteractionKind::StatusChange && i.data.value(QStringLiteral("by")).toString() == u"ai";
    });
    CHECK(byAi == 1);
    CHECK(c.lead(closed).status == LeadStatus::Lost);
    CHECK(c.lead(closed).qualification.aiScore == closedScore); // final leads are frozen
    CHECK(c.scalar(QStringLiteral("SELECT ai_scored_at FROM leads WHERE id = ?"), {closed}) == closedScoredAt);
    CHECK(c.lead(manual).qualification.effectiveScore() == 12);

    // An agent moves it back; new messages and rescoring never move it again.
    REQUIRE(c.leads.setStatus(hot, LeadStatus::Qualifying).ok());
    c.clock.advance(60'000);
    c.message(QStringLiteral("+34600333001"), QStringLiteral("price? buy now"));
    REQUIRE(rescored.wait(2000));
    c.scheduler.rescoreAllNow();
    REQUIRE(finished.wait(2000));
    CHECK(c.lead(hot).status == LeadStatus::Qualifying);
}

TEST_CASE("enough new outcomes retrain on a worker thread, the model's facts are stored", "[scoring][scheduler]")
{
    Client c(240);
    QSignalSpy started(&c.scheduler, &ScoringScheduler::trainingStarted);
    QSignalSpy trained(&c.scheduler, &ScoringScheduler::trainingFinished);
    QSignalSpy finished(&c.scheduler, &ScoringScheduler::rescoreFinished);
    CHECK(c.scheduler.modelInfo().outcomes == 0);
    CHECK(c.scheduler.modelInfo().tooFewOutcomes);

    const QString id = c.message(QStringLiteral("+34600444001"), QStringLiteral("What is the price?"));
    REQUIRE(trained.wait(10000));
    CHECK(started.count() == 1);
    INFO(trained.at(0).at(1).toString().toStdString());
    CHECK(trained.at(0).at(0).toBool());
    const ScoringModelInfo info = c.scheduler.modelInfo();
    CHECK(info.outcomes == 240);
    CHECK(info.converted + info.lost == 240);
    CHECK(info.trainedAt == c.clock.now());
    REQUIRE(info.holdoutAuc.has_value());
    CHECK(*info.holdoutAuc > 0.5);
    CHECK_FALSE(info.tooFewOutcomes);
    CHECK(info.warning.isEmpty());
    // The new model rescores every active lead, in chunks from the event loop.
    REQUIRE(finished.wait(5000));
    CHECK(finished.at(0).at(0).toLongLong() >= 1);
    CHECK(c.lead(id).qualification.aiScore.has_value());

    // Persisted: a new scheduler on the same database sees the same model.
    ScoringScheduler again(c.leads, c.scoring);
    CHECK(again.modelInfo().outcomes == 240);
    // No new outcomes: the next change does not retrain.
    c.message(QStringLiteral("+34600444001"), QStringLiteral("ok"));
    QTRY_COMPARE(c.scheduler.pending(), 0);
    QTest::qWait(50);
    CHECK(started.count() == 1);
}

TEST_CASE("in team mode the client leaves scoring to the server", "[scoring][scheduler]")
{
    Client c;
    c.scheduler.setTeamMode(true);
    QSignalSpy rescored(&c.scheduler, &ScoringScheduler::rescored);
    const QString id = c.message(QStringLiteral("+34600555001"), QStringLiteral("price?"));
    CHECK(c.scheduler.pending() == 0);
    CHECK_FALSE(rescored.wait(150));
    CHECK_FALSE(c.lead(id).qualification.aiScore.has_value());

    c.scheduler.setTeamMode(false);
    c.message(QStringLiteral("+34600555001"), QStringLiteral("price?"));
    REQUIRE(rescored.wait(2000));
    CHECK(c.lead(id).qualification.aiScore.has_value());
}

TEST_CASE("switched off, nothing is scored, only ManageSettings may change the AI settings", "[scoring][scheduler]")
{
    Client c;
    REQUIRE(c.scheduler.setAiEnabled(false).ok());
    CHECK_FALSE(c.scheduler.aiEnabled());
    const QString id = c.message(QStringLiteral("+34600666001"), QStringLiteral("price?"));
    QTRY_COMPARE(c.scheduler.pending(), 0);
    CHECK_FALSE(c.lead(id).qualification.aiScore.has_value());

    c.leads.setActor(kAgent);
    CHECK_FALSE(c.scheduler.canManage());
    const auto refused = c.scheduler.setThreshold(10);
    CHECK_FALSE(refused.ok());
    CHECK(c.scheduler.threshold() == 70);
    CHECK_FALSE(c.scheduler.setAiEnabled(true).ok());
    CHECK_FALSE(c.scheduler.aiEnabled());
    CHECK_FALSE(c.scheduler.setThreshold(101).ok());
}

TEST_CASE("a workspace on disk is read and fitted on the worker's own connection", "[scoring][scheduler]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("leads.sqlite"));
    auto db = Database::open(path);
    REQUIRE(db.ok());
    SyntheticLeads::Options o;
    o.leads = 240;
    o.seed = 9;
    REQUIRE(SyntheticLeads::write(*db.value(), SyntheticLeads::generate(o)).ok());
    FixedClock clock(QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC));
    LeadService leads(*db.value(), kAdmin, clock);
    ScoringService scoring(leads, clock);
    ScoringScheduler scheduler(leads, scoring);
    QSignalSpy trained(&scheduler, &ScoringScheduler::trainingFinished);
    scheduler.retrainNow();
    CHECK(scheduler.isTraining());
    REQUIRE(trained.wait(10000));
    INFO(trained.at(0).at(1).toString().toStdString());
    CHECK(trained.at(0).at(0).toBool());
    CHECK(scheduler.modelInfo().outcomes == 240);
    CHECK(scheduler.modelInfo().trainedAt == clock.now());
    CHECK_FALSE(scheduler.isTraining());
}
