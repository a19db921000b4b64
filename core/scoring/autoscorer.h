// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSet>
#include <QString>

namespace Leads {

class LeadService;
class ScoringService;

// Keeps AI scores current in a standalone client: a lead that was created or changed
// (a new message, a note, a status change) is rescored from the event loop, a batch at a
// time, and the model is retrained when enough new outcomes have arrived.
class AutoScorer : public QObject
{
    Q_OBJECT
public:
    AutoScorer(LeadService &leads, ScoringService &scoring, QObject *parent = nullptr);

    // Rescores what is pending now (normally called from the event loop).
    void flush();
    int pending() const { return int(m_pending.size()); }

Q_SIGNALS:
    void rescored(int leads);
    void retrained();

private:
    void schedule(const QString &leadId);

    LeadService &m_leads;
    ScoringService &m_scoring;
    QSet<QString> m_pending;
    bool m_flushScheduled = false;
    bool m_flushing = false;
};

} // namespace Leads
