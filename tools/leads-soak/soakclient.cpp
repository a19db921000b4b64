// SPDX-License-Identifier: GPL-3.0-or-later
#include "soakclient.h"

#include "domain/clock.h"
#include "domain/leadstatus.h"
#include "domain/permissions.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTimer>
#include <QUuid>

#include <cstdio>

namespace Soak {

SoakClient::SoakClient(Options options, QObject *parent) : QObject(parent), m_options(std::move(options)), m_rng(m_options.seed)
{
}

SoakClient::~SoakClient()
{
    m_engine.reset();
    m_service.reset();
    m_db.reset();
}

int SoakClient::run()
{
    auto opened = Leads::Database::open(m_options.dbPath);
    if (!opened) {
        std::fprintf(stderr, "soak client %s: %s\n", qPrintable(m_options.name), qPrintable(opened.error().message()));
        return 2;
    }
    m_db = std::move(opened.value());
    const Leads::Actor actor {m_options.userId, m_options.name.toUpper(),
                              m_options.manager ? Leads::Role::Manager : Leads::Role::Agent};
    m_service = std::make_unique<Leads::LeadService>(*m_db, actor, Leads::Clock::system());
    m_nam = std::make_unique<QNetworkAccessManager>();
    Leads::SyncEngine::Config config;
    config.serverUrl = QUrl(m_options.url);
    config.timeoutMs = 4000; // a stalled answer must not stall the client for long
    config.backoffMinMs = 100;
    config.backoffMaxMs = 2000;
    config.pushBatch = 20;
    config.pullLimit = 200;
    config.seed = m_options.seed;
    config.changeDelayMs = 200;
    m_engine = std::make_unique<Leads::SyncEngine>(*m_db, m_nam.get(), config);
    m_engine->setAccessToken(m_options.token);
    m_lostReason = m_service->lostReasons().value(0, QStringLiteral("Other"));

    if (m_options.finalSync) {
        connect(m_engine.get(), &Leads::SyncEngine::synced, this, &SoakClient::finalRound);
        connect(m_engine.get(), &Leads::SyncEngine::failed, this, [this](const QString &why, bool retrying) {
            if (!retrying) {
                std::fprintf(stderr, "soak client %s: final sync failed: %s\n", qPrintable(m_options.name),
                             qPrintable(why));
                QCoreApplication::exit(4);
            }
        });
        QTimer::singleShot(m_options.finalTimeoutMs, this, [this] {
            std::fprintf(stderr, "soak client %s: final sync did not finish (%d pending, %d awaiting)\n",
                         qPrintable(m_options.name), m_engine->store().pendingCount(),
                         m_engine->store().awaitingAckCount());
            QCoreApplication::exit(3);
        });
        m_engine->syncNow();
        return QCoreApplication::exec();
    }

    m_journal = std::make_unique<QFile>(m_options.journalPath);
    if (!m_journal->open(QIODevice::Append | QIODevice::Text)) {
        std::fprintf(stderr, "soak client %s: cannot write %s\n", qPrintable(m_options.name),
                     qPrintable(m_options.journalPath));
        return 2;
    }
    m_engine->setAutoSync(1500);
    m_engine->syncNow();
    auto *typing = new QTimer(this);
    connect(typing, &QTimer::timeout, this, [this, typing] {
        mutate();
        typing->start(int(100 + m_rng() % 500));
    });
    typing->start(300);
    return QCoreApplication::exec();
}

void SoakClient::mutate()
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT id FROM leads ORDER BY random() LIMIT 1")) || !q.next())
        return; // nothing pulled yet
    const QString leadId = q.value(0).toString();
    q.finish();
    const auto pick = [this](int n) { return int(m_rng() % quint64(n)); };
    const int op = pick(100);
    QString kind;
    QString text;
    bool ok = false;
    if (op < 25) {
        // Final states end a lead's working life: rare, so leads stay workable.
        using Leads::LeadStatus;
        static constexpr LeadStatus open[] = {LeadStatus::New, LeadStatus::Contacted, LeadStatus::Qualifying,
                                              LeadStatus::Qualified, LeadStatus::FollowUp};
        static constexpr LeadStatus closing[] = {LeadStatus::Converted, LeadStatus::Lost, LeadStatus::Archived};
        const LeadStatus to = pick(100) < 3 ? closing[pick(3)] : open[pick(5)];
        ok = bool(m_service->setStatus(leadId, to, to == LeadStatus::Lost ? m_lostReason : QString()));
        kind = QStringLiteral("lead.setStatus");
    } else if (op < 35 && m_options.manager && !m_options.assignees.isEmpty()) {
        ok = bool(m_service->assign(leadId, m_options.assignees.at(pick(int(m_options.assignees.size())))));
        kind = QStringLiteral("lead.assign");
    } else if (op < 55) {
        ok = bool(m_service->qualifyManually(leadId, pick(101)));
        kind = QStringLiteral("lead.qualify");
    } else if (op < 70) {
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(3600 * (1 + pick(24 * 30)));
        ok = bool(m_service->setFollowUp(leadId, at));
        kind = QStringLiteral("lead.setFollowUp");
    } else {
        // Unique text: the final check finds every note on the server by it.
        text = QStringLiteral("soak %1 %2").arg(m_options.name, QUuid::createUuid().toString(QUuid::WithoutBraces));
        ok = bool(m_service->addNote(leadId, text));
        kind = QStringLiteral("lead.addNote");
    }
    if (!ok)
        return; // refused by the rules on this device: nothing was queued
    journal(kind, leadId, text);
    m_engine->scheduleSoon();
}

void SoakClient::journal(const QString &kind, const QString &leadId, const QString &text)
{
    ++m_made;
    m_journal->write((kind + u'\t' + leadId + u'\t' + text + u'\n').toUtf8());
    // Out of this process at once: a kill -9 must not take a line with it.
    m_journal->flush();
}

void SoakClient::finalRound()
{
    // A round can end while an answer was lost on the way; only a quiet queue ends the run,
    // after a further round that pulls the effects of what was just pushed.
    const Leads::SyncStore &store = m_engine->store();
    if (store.pendingCount() == 0 && store.awaitingAckCount() == 0 && ++m_quietRounds >= 2) {
        QCoreApplication::exit(0);
        return;
    }
    QTimer::singleShot(50, m_engine.get(), &Leads::SyncEngine::syncNow);
}

} // namespace Soak
