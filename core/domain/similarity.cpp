// SPDX-License-Identifier: GPL-3.0-or-later
#include "similarity.h"

#include <QSet>

#include <algorithm>

namespace Leads {

namespace {

QStringList tokens(const QString &normalized)
{
    return normalized.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QSet<QString> trigrams(const QString &normalized)
{
    QSet<QString> set;
    // Padding makes short names and word starts count.
    const QString padded = QStringLiteral("  ") + normalized + QStringLiteral(" ");
    for (qsizetype i = 0; i + 3 <= padded.size(); ++i)
        set.insert(padded.mid(i, 3));
    return set;
}

double dice(const QSet<QString> &a, const QSet<QString> &b)
{
    if (a.isEmpty() || b.isEmpty())
        return 0.0;
    qsizetype common = 0;
    for (const QString &t : a)
        common += b.contains(t) ? 1 : 0;
    return 2.0 * double(common) / double(a.size() + b.size());
}

} // namespace

QString Similarity::normalize(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool space = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            out.append(c.toCaseFolded());
            space = false;
        } else if (!space) {
            out.append(QLatin1Char(' '));
            space = true;
        }
    }
    if (out.endsWith(QLatin1Char(' ')))
        out.chop(1);
    return out;
}

QString Similarity::companyKey(const QString &company)
{
    static const QSet<QString> legalForms = {
        QStringLiteral("inc"),  QStringLiteral("ltd"),  QStringLiteral("llc"),   QStringLiteral("gmbh"),
        QStringLiteral("sl"),   QStringLiteral("sa"),   QStringLiteral("srl"),   QStringLiteral("bv"),
        QStringLiteral("ag"),   QStringLiteral("plc"),  QStringLiteral("co"),    QStringLiteral("corp"),
        QStringLiteral("corporation"), QStringLiteral("limited"), QStringLiteral("company"),
        QStringLiteral("the"),
    };
    QStringList kept;
    for (const QString &t : tokens(normalize(company))) {
        if (!legalForms.contains(t))
            kept.append(t);
    }
    return kept.join(QLatin1Char(' '));
}

double Similarity::names(const QString &a, const QString &b)
{
    const QString na = normalize(a);
    const QString nb = normalize(b);
    if (na.isEmpty() || nb.isEmpty())
        return 0.0;
    if (na == nb)
        return 1.0;
    QStringList ta = tokens(na);
    QStringList tb = tokens(nb);
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    const QString sortedA = ta.join(QLatin1Char(' '));
    const QString sortedB = tb.join(QLatin1Char(' '));
    if (sortedA == sortedB)
        return 1.0;
    return dice(trigrams(sortedA), trigrams(sortedB));
}

bool Similarity::similarLeads(const QString &nameA, const QString &companyA, const QString &nameB,
                              const QString &companyB)
{
    const QString keyA = companyKey(companyA);
    if (keyA.isEmpty() || keyA != companyKey(companyB))
        return false;
    return names(nameA, nameB) >= kNameThreshold;
}

} // namespace Leads
