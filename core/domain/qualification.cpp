// SPDX-License-Identifier: GPL-3.0-or-later
#include "qualification.h"

#include "pipeline.h"

#include <QCoreApplication>

namespace Leads {

QString qualificationMethodId(QualificationMethod method)
{
    switch (method) {
    case QualificationMethod::Ai: return QStringLiteral("ai");
    case QualificationMethod::Manual: return QStringLiteral("manual");
    case QualificationMethod::None: break;
    }
    return {};
}

QualificationMethod qualificationMethodFromId(QStringView id)
{
    if (id == u"ai")
        return QualificationMethod::Ai;
    if (id == u"manual")
        return QualificationMethod::Manual;
    return QualificationMethod::None;
}

Outcome Qualification::checkScore(int score)
{
    if (score < kMinScore || score > kMaxScore)
        return Error(ErrorCode::ScoreOutOfRange,
                     QCoreApplication::translate("Qualification",
                                                 "A score must be between %1 and %2 (got %3).")
                         .arg(kMinScore)
                         .arg(kMaxScore)
                         .arg(score));
    return {};
}

Result<Qualification> Qualification::applyManual(const Qualification &current, LeadStatus status,
                                                 int score, const QString &author,
                                                 const QDateTime &at)
{
    if (auto frozen = Pipeline::checkQualificationChange(status); !frozen)
        return frozen.error();
    if (auto range = checkScore(score); !range)
        return range.error();
    Qualification next = current;
    next.manualScore = score;
    next.method = QualificationMethod::Manual;
    next.author = author;
    next.at = at;
    return next;
}

Result<Qualification> Qualification::applyAi(const Qualification &current, LeadStatus status,
                                             int score, const QDateTime &at)
{
    if (auto frozen = Pipeline::checkQualificationChange(status); !frozen)
        return frozen.error();
    if (auto range = checkScore(score); !range)
        return range.error();
    Qualification next = current;
    next.aiScore = score;
    if (!next.manualScore) {
        next.method = QualificationMethod::Ai;
        next.author = QStringLiteral("ai");
        next.at = at;
    }
    return next;
}

} // namespace Leads
