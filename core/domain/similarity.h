// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Leads {

// When two leads' names (and companies) look like the same person typed twice: a pure
// rule, so the duplicate list and its tests agree on what "similar" means.
class Similarity
{
public:
    // Lower case, accents and punctuation removed, runs of spaces collapsed
    // ("  José  García-López " -> "jose garcia lopez").
    static QString normalize(const QString &text);
    // The company without legal-form words ("ACME Inc." -> "acme").
    static QString companyKey(const QString &company);
    // 0..1: the better of word-order-free token agreement and trigram (Dice) overlap, so
    // "Smith, John" matches "John Smith" and "Jon Smith" is close to "John Smith".
    static double names(const QString &a, const QString &b);
    // Two leads are possible duplicates by name when their company keys are equal and
    // not empty and their names score at least kNameThreshold.
    static bool similarLeads(const QString &nameA, const QString &companyA, const QString &nameB,
                             const QString &companyB);
    static constexpr double kNameThreshold = 0.72;
};

} // namespace Leads
