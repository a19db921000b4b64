// SPDX-License-Identifier: GPL-3.0-or-later
#include "staleness.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace Leads {

std::optional<int> StaleRules::maxAgeHours(LeadStatus status) const
{
    const int h = m_hours[size_t(Status::index(status))];
    if (h <= 0 || Status::isFinal(status))
        return std::nullopt;
    return h;
}

void StaleRules::setMaxAgeHours(LeadStatus status, std::optional<int> hours)
{
    m_hours[size_t(Status::index(status))] = (hours && *hours > 0 && !Status::isFinal(status)) ? *hours : 0;
}

bool StaleRules::isEmpty() const
{
    for (LeadStatus s : kAllStatuses) {
        if (maxAgeHours(s))
            return false;
    }
    return true;
}

QJsonObject StaleRules::toJson() const
{
    QJsonObject o;
    for (LeadStatus s : kAllStatuses) {
        if (const auto h = maxAgeHours(s))
            o.insert(Status::id(s), *h);
    }
    return o;
}

StaleRules StaleRules::fromJson(const QJsonObject &json)
{
    StaleRules rules;
    for (auto it = json.begin(); it != json.end(); ++it) {
        const auto status = Status::fromId(it.key());
        if (!status)
            continue;
        // At most a year: a limit beyond that is a typo, not a rule.
        const int h = it.value().toInt(0);
        if (h > 0 && h <= 24 * 366)
            rules.setMaxAgeHours(*status, h);
    }
    return rules;
}

QString StaleRules::toSetting() const
{
    return QString::fromUtf8(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

StaleRules StaleRules::fromSetting(const QString &json)
{
    return fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
}

Staleness Staleness::evaluate(LeadStatus status, const QDateTime &lastActivity, const StaleRules &rules,
                              const QDateTime &now)
{
    Staleness s;
    if (lastActivity.isValid() && now.isValid())
        s.ageSecs = std::max<qint64>(0, lastActivity.secsTo(now));
    const auto hours = rules.maxAgeHours(status);
    if (!hours)
        return s;
    s.limitSecs = qint64(*hours) * 3600;
    // Without a known last activity there is nothing to measure against.
    s.stale = lastActivity.isValid() && now.isValid() && s.ageSecs > s.limitSecs;
    return s;
}

QDateTime Staleness::cutoff(LeadStatus status, const StaleRules &rules, const QDateTime &now)
{
    const auto hours = rules.maxAgeHours(status);
    if (!hours || !now.isValid())
        return {};
    return now.addSecs(-qint64(*hours) * 3600);
}

QString Staleness::shortAge(qint64 secs)
{
    secs = std::max<qint64>(0, secs);
    if (secs >= 2 * 86400)
        return QCoreApplication::translate("Staleness", "%1 d").arg(secs / 86400);
    if (secs >= 3600)
        return QCoreApplication::translate("Staleness", "%1 h").arg(secs / 3600);
    return QCoreApplication::translate("Staleness", "%1 min").arg(std::max<qint64>(1, secs / 60));
}

std::optional<qint64> AwaitingReply::waitingSecs(const QDateTime &lastInbound, const QDateTime &lastOutbound,
                                                 const QDateTime &now)
{
    if (!lastInbound.isValid() || !now.isValid())
        return std::nullopt;
    // An answer sent at the same moment or later closes the wait.
    if (lastOutbound.isValid() && lastOutbound >= lastInbound)
        return std::nullopt;
    return std::max<qint64>(0, lastInbound.secsTo(now));
}

} // namespace Leads
