// SPDX-License-Identifier: GPL-3.0-or-later
// The AI qualification settings page as an admin and as an agent meet it.
#include "testsupport.h"

#include "aisettingspanel.h"
#include "domain/aiqualification.h"
#include "domain/clock.h"
#include "scoring/scoringscheduler.h"
#include "scoring/scoringservice.h"
#include "scoring/syntheticleads.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QCheckBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>

using namespace Leads;

namespace {

const Actor kAdmin{QStringLiteral("u-admin"), QStringLiteral("Alex Morgan"), Role::Admin};
const Actor kAgent{QStringLiteral("u-agent"), QStringLiteral("Sam Lee"), Role::Agent};

struct Client
{
    std::unique_ptr<Database> db = LeadsTest::memoryDatabase();
    FixedClock clock{QDateTime(QDate(2025, 6, 1), QTime(12, 0), Qt::UTC)};
    LeadService leads;
    ScoringService scoring{leads, clock};
    ScoringScheduler scheduler{leads, scoring};

    explicit Client(const Actor &actor, int closedLeads = 0) : leads(*db, actor, clock)
    {
        scheduler.setDebounceMs(10);
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
        m.name = QStringLiteral("Contact");
        m.source = Source::Chat;
        m.body = body;
        m.occurredAt = clock.now();
        auto done = leads.recordInteraction(m);
        REQUIRE(done.ok());
        return done.value().leadId;
    }
};

template<typename T>
T *child(QWidget &parent, const char *name)
{
    auto *w = parent.findChild<T *>(QLatin1String(name));
    REQUIRE(w);
    return w;
}

// QWidget::grab of the page, kept when LEADS_TEST_SCREENSHOT_DIR names a directory.
void screenshot(QWidget &panel, const QString &name)
{
    const QImage image = panel.grab().toImage();
    CHECK(!image.isNull());
    const QString dir = qEnvironmentVariable("LEADS_TEST_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        CHECK(image.save(QDir(dir).filePath(name)));
}

} // namespace

TEST_CASE("an admin changes the threshold, it is stored and open leads reaching it move at once", "[scoring][ui]")
{
    Client c(kAdmin);
    QSignalSpy rescored(&c.scheduler, &ScoringScheduler::rescored);
    const QString lead = c.message(QStringLiteral("+34600777001"), QStringLiteral("¿Precio? Quiero comprar"));
    REQUIRE(rescored.wait(2000));
    const int score = *c.leads.lead(lead).value().qualification.aiScore;
    REQUIRE(score < AiQualification::kDefaultThreshold);

    AiSettingsPanel panel(c.scheduler);
    panel.resize(560, 720);
    panel.show();
    CHECK_FALSE(child<QLabel>(panel, "readOnlyNote")->isVisible());
    auto *spin = child<QSpinBox>(panel, "thresholdSpin");
    auto *slider = child<QSlider>(panel, "thresholdSlider");
    CHECK(spin->isEnabled());
    CHECK(spin->value() == AiQualification::kDefaultThreshold);
    CHECK(slider->value() == AiQualification::kDefaultThreshold);
    CHECK(child<QCheckBox>(panel, "aiEnabled")->isChecked());
    // No outcomes yet: the built-in model, with a clear warning.
    CHECK(child<QWidget>(panel, "modelWarning")->isVisible());
    CHECK(child<QLabel>(panel, "trainedAt")->text().contains(QStringLiteral("built-in")));

    QSignalSpy finished(&c.scheduler, &ScoringScheduler::rescoreFinished);
    slider->setValue(score); // the spin box follows; stored after a short pause
    CHECK(spin->value() == score);
    REQUIRE(finished.wait(3000));
    CHECK(c.leads.setting(AiQualification::thresholdKey()) == QString::number(score));
    CHECK(c.scheduler.threshold() == score);
    CHECK(c.leads.lead(lead).value().status == LeadStatus::Qualified);
    CHECK(child<QLabel>(panel, "retrainStatus")->text().contains(QStringLiteral("Qualified")));

    // Switching AI qualification off is stored too.
    child<QCheckBox>(panel, "aiEnabled")->setChecked(false);
    CHECK(c.leads.setting(AiQualification::enabledKey()) == QStringLiteral("0"));
    screenshot(panel, QStringLiteral("ai-settings-admin-untrained.png"));
}

TEST_CASE("an agent sees the AI settings read-only, with the reason", "[scoring][ui]")
{
    Client c(kAgent);
    AiSettingsPanel panel(c.scheduler);
    panel.resize(560, 720);
    panel.show();
    auto *note = child<QLabel>(panel, "readOnlyNote");
    CHECK(note->isVisible());
    for (const char *name : {"thresholdSpin", "thresholdSlider", "aiEnabled", "retrain", "excludedAttributes"}) {
        auto *w = child<QWidget>(panel, name);
        INFO(name);
        CHECK_FALSE(w->isEnabled());
        CHECK(w->toolTip().contains(QStringLiteral("Manage settings")));
    }
    // Even a programmatic change is refused by the scheduler and the page shows the truth.
    c.leads.setActor(kAgent);
    CHECK_FALSE(c.scheduler.setThreshold(5).ok());
    CHECK(child<QSpinBox>(panel, "thresholdSpin")->value() == AiQualification::kDefaultThreshold);
    screenshot(panel, QStringLiteral("ai-settings-agent.png"));
}

TEST_CASE("retrain now shows progress, then the model's facts, attributes can be excluded", "[scoring][ui]")
{
    Client c(kAdmin, 240);
    AiSettingsPanel panel(c.scheduler);
    panel.resize(560, 720);
    panel.show();
    auto *list = child<QListWidget>(panel, "excludedAttributes");
    REQUIRE(list->count() == 2); // budget (number), industry (category)
    CHECK(list->item(0)->text() == QStringLiteral("budget"));

    QSignalSpy trained(&c.scheduler, &ScoringScheduler::trainingFinished);
    QSignalSpy finished(&c.scheduler, &ScoringScheduler::rescoreFinished);
    QTest::mouseClick(child<QPushButton>(panel, "retrain"), Qt::LeftButton);
    CHECK(child<QProgressBar>(panel, "retrainProgress")->isVisible());
    CHECK_FALSE(child<QPushButton>(panel, "retrain")->isEnabled());
    REQUIRE(trained.wait(10000));
    CHECK(trained.at(0).at(0).toBool());
    CHECK(child<QPushButton>(panel, "retrain")->isEnabled());
    CHECK(child<QLabel>(panel, "outcomes")->text().contains(QStringLiteral("240")));
    CHECK(child<QLabel>(panel, "holdoutAuc")->text().contains(QStringLiteral("0.")));
    CHECK_FALSE(child<QWidget>(panel, "modelWarning")->isVisible());
    REQUIRE(finished.wait(5000));
    screenshot(panel, QStringLiteral("ai-settings-admin-trained.png"));

    // Ticking an attribute stores the exclusion and refits the model without it.
    trained.clear();
    list->item(0)->setCheckState(Qt::Checked);
    CHECK(c.scheduler.excludedAttributes() == QStringList{QStringLiteral("budget")});
    REQUIRE(trained.wait(10000));
    CHECK(c.scoring.currentModel().excludedAttributes == QStringList{QStringLiteral("budget")});
}
