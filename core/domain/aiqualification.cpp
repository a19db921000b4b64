// SPDX-License-Identifier: GPL-3.0-or-later
#include "aiqualification.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Leads {

bool AiQualification::enabledFromSetting(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return !(v == u"0" || v == u"false" || v == u"off" || v == u"no");
}

int AiQualification::thresholdFromSetting(const QString &value)
{
    bool ok = false;
    const int t = value.trimmed().toInt(&ok);
    return ok ? std::clamp(t, 0, 100) : kDefaultThreshold;
}

QStringList AiQualification::excludedFromSetting(const QString &value)
{
    QStringList keys;
    const QJsonDocument doc = QJsonDocument::fromJson(value.toUtf8());
    if (doc.isArray()) {
        for (const QJsonValue &v : doc.array())
            keys.append(v.toString());
    } else {
        for (const QString &k : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            keys.append(k.trimmed());
    }
    return keys;
}

bool AiQualification::canAutoQualify(LeadStatus status)
{
    return status == LeadStatus::New || status == LeadStatus::Contacted || status == LeadStatus::Qualifying;
}

bool AiQualification::shouldAutoQualify(LeadStatus status, int aiScore, int threshold, bool alreadyAutoQualified)
{
    return !alreadyAutoQualified && canAutoQualify(status) && aiScore >= threshold;
}

} // namespace Leads
