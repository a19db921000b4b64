// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"
#include "domain/result.h"
#include "leadsnapshot.h"
#include "modeltrainer.h"

#include <QDateTime>

#include <vector>

namespace Leads {

class Database;

struct SyntheticLead
{
    LeadSnapshot snapshot;
    LeadStatus status = LeadStatus::New;
    qint64 closedMs = -1; // when it became Converted/Lost; -1 while active
    double trueProbability = 0; // the hidden chance it converts: the best any model can know
};

// A seeded workspace with a KNOWN signal, for tests and benchmarks of AI qualification:
// each lead has a hidden quality that drives both its interactions (how much and how
// soon the contact writes, buying words in six languages, a budget attribute) and its
// outcome. After closing, every lead also gets messages that give the outcome away
// ("order received", "stop") — a trap that only an as-of-close feature extraction avoids.
class SyntheticLeads
{
public:
    struct Options
    {
        int leads = 2000;
        quint64 seed = 1;
        QDateTime start = QDateTime(QDate(2025, 1, 6), QTime(9, 0), Qt::UTC);
        double activeShare = 0.0; // share of leads still open (New/Contacted/Qualifying)
        double signal = 1.0;      // 0 = outcomes independent of the lead
    };

    static std::vector<SyntheticLead> generate(const Options &options);
    // Final leads as training examples, features as of just before closing.
    static std::vector<TrainingExample> examples(const std::vector<SyntheticLead> &leads);
    // Writes the leads (contacts, leads, interactions incl. status changes, attributes).
    static Outcome write(Database &db, const std::vector<SyntheticLead> &leads);
};

} // namespace Leads
