// SPDX-License-Identifier: GPL-3.0-or-later
#include "autoscorer.h"

#include "leadscore.h"
#include "scoringservice.h"
#include "storage/leadservice.h"

#include <QTimer>

namespace Leads {

AutoScorer::AutoScorer(LeadService &leads, ScoringService &scoring, QObject *parent)
    : QObject(parent), m_leads(leads), m_scoring(scoring)
{
    connect(&m_leads, &LeadService::leadCreated, this, &AutoScorer::schedule);
    connect(&m_leads, &LeadService::leadChanged, this, &AutoScorer::schedule);
}

void AutoScorer::schedule(const QString &leadId)
{
    // Our own score writes announce the lead as changed too; they must not loop.
    if (m_flushing)
        return;
    m_pending.insert(leadId);
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QTimer::singleShot(0, this, &AutoScorer::flush);
    }
}

void AutoScorer::flush()
{
    m_flushScheduled = false;
    if (m_pending.isEmpty() || m_flushing || !m_scoring.enabled())
        return;
    m_flushing = true;
    const QSet<QString> leads = std::exchange(m_pending, {});
    // A lead that just closed is a new outcome: learn from it first, then score.
    auto retrained = m_scoring.retrainIfDue();
    if (!retrained)
        qCWarning(lcCore) << "AI retraining failed:" << retrained.error().message();
    int scored = 0;
    for (const QString &id : leads) {
        if (auto done = m_scoring.rescoreLead(id); !done)
            qCWarning(lcCore) << "AI scoring of" << id << "failed:" << done.error().message();
        else
            ++scored;
    }
    m_flushing = false;
    if (retrained && retrained.value())
        Q_EMIT this->retrained();
    Q_EMIT rescored(scored);
}

} // namespace Leads
