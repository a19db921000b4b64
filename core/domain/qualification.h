// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"
#include "result.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Leads {

enum class QualificationMethod { None, Ai, Manual };

QString qualificationMethodId(QualificationMethod method);
QualificationMethod qualificationMethodFromId(QStringView id);

// A lead's qualification: the AI score and a manual score kept side by side. The manual
// score, once set, is what the lead shows; the AI never replaces it.
class Qualification
{
public:
    static constexpr int kMinScore = 0;
    static constexpr int kMaxScore = 100;

    static Outcome checkScore(int score);

    // An agent scores the lead by hand. Refused for final leads and out-of-range scores.
    static Result<Qualification> applyManual(const Qualification &current, LeadStatus status,
                                             int score, const QString &author, const QDateTime &at);
    // The model scores the lead. The AI score is always updated beside a manual score but
    // never replaces it; final leads are frozen.
    static Result<Qualification> applyAi(const Qualification &current, LeadStatus status, int score,
                                         const QDateTime &at);

    std::optional<int> aiScore;
    std::optional<int> manualScore;
    QualificationMethod method = QualificationMethod::None;
    QString author; // who set the effective score ("ai" for the model)
    QDateTime at;

    // The score the lead shows: manual when set, otherwise the AI's.
    std::optional<int> effectiveScore() const { return manualScore ? manualScore : aiScore; }
};

} // namespace Leads
