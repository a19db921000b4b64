// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadfilter.h"

#include <QCoreApplication>

namespace Leads {

namespace {

QString presetId(LeadFilter::DatePreset preset)
{
    switch (preset) {
    case LeadFilter::DatePreset::Any: return QStringLiteral("any");
    case LeadFilter::DatePreset::Today: return QStringLiteral("today");
    case LeadFilter::DatePreset::Last7Days: return QStringLiteral("7d");
    case LeadFilter::DatePreset::Last30Days: return QStringLiteral("30d");
    case LeadFilter::DatePreset::ThisMonth: return QStringLiteral("month");
    case LeadFilter::DatePreset::Custom: return QStringLiteral("custom");
    }
    return {};
}

LeadFilter::DatePreset presetFromId(const QString &id)
{
    for (auto p : {LeadFilter::DatePreset::Today, LeadFilter::DatePreset::Last7Days,
                   LeadFilter::DatePreset::Last30Days, LeadFilter::DatePreset::ThisMonth,
                   LeadFilter::DatePreset::Custom}) {
        if (presetId(p) == id)
            return p;
    }
    return LeadFilter::DatePreset::Any;
}

QVariantMap rangeToVariant(const LeadFilter::DateRange &r)
{
    QVariantMap m{{QStringLiteral("preset"), presetId(r.preset)}};
    if (r.preset == LeadFilter::DatePreset::Custom) {
        m.insert(QStringLiteral("from"), r.from.toMSecsSinceEpoch());
        m.insert(QStringLiteral("to"), r.to.toMSecsSinceEpoch());
    }
    return m;
}

LeadFilter::DateRange rangeFromVariant(const QVariant &v)
{
    const QVariantMap m = v.toMap();
    LeadFilter::DateRange r;
    r.preset = presetFromId(m.value(QStringLiteral("preset")).toString());
    if (r.preset == LeadFilter::DatePreset::Custom) {
        r.from = QDateTime::fromMSecsSinceEpoch(m.value(QStringLiteral("from")).toLongLong(), Qt::UTC);
        r.to = QDateTime::fromMSecsSinceEpoch(m.value(QStringLiteral("to")).toLongLong(), Qt::UTC);
        if (!r.from.isValid() || !r.to.isValid() || r.to <= r.from)
            r = {};
    }
    return r;
}

} // namespace

bool LeadFilter::hasFilters() const
{
    return !statuses.isEmpty() || !assignees.isEmpty() || !sources.isEmpty() || !campaigns.isEmpty() || minScore || maxScore
           || created.isActive() || lastActivity.isActive() || finality != Finality::Any
           || followUp != FollowUp::Any || stale;
}

QString LeadFilter::followUpLabel(FollowUp followUp)
{
    switch (followUp) {
    case FollowUp::Any:
        return QCoreApplication::translate("LeadFilter", "Any follow-up");
    case FollowUp::Overdue:
        return QCoreApplication::translate("LeadFilter", "Overdue");
    case FollowUp::DueToday:
        return QCoreApplication::translate("LeadFilter", "Due today");
    case FollowUp::DueOrOverdue:
        return QCoreApplication::translate("LeadFilter", "Due today or overdue");
    }
    return {};
}

std::pair<QDateTime, QDateTime> LeadFilter::followUpWindow(FollowUp followUp, const QDateTime &now)
{
    const QDateTime endOfToday = now.toLocalTime().date().addDays(1).startOfDay().toUTC();
    switch (followUp) {
    case FollowUp::Any:
        return {};
    case FollowUp::Overdue:
        return {QDateTime(), now.toUTC()};
    case FollowUp::DueToday:
        return {now.toUTC(), endOfToday};
    case FollowUp::DueOrOverdue:
        return {QDateTime(), endOfToday};
    }
    return {};
}

void LeadFilter::clearFilters()
{
    const QString keep = search;
    *this = LeadFilter();
    search = keep;
}

QVariantMap LeadFilter::toVariant() const
{
    QStringList statusIds;
    for (LeadStatus s : statuses)
        statusIds.append(Status::id(s));
    QVariantMap m{
        {QStringLiteral("search"), search},
        {QStringLiteral("statuses"), statusIds},
        {QStringLiteral("assignees"), assignees},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("campaigns"), campaigns},
        {QStringLiteral("created"), rangeToVariant(created)},
        {QStringLiteral("lastActivity"), rangeToVariant(lastActivity)},
        {QStringLiteral("finality"), finality == Finality::Active  ? QStringLiteral("active")
                                     : finality == Finality::Final ? QStringLiteral("final")
                                                                   : QStringLiteral("any")},
        {QStringLiteral("followUp"), followUp == FollowUp::Overdue        ? QStringLiteral("overdue")
                                     : followUp == FollowUp::DueToday     ? QStringLiteral("today")
                                     : followUp == FollowUp::DueOrOverdue ? QStringLiteral("due")
                                                                          : QStringLiteral("any")},
    };
    if (minScore)
        m.insert(QStringLiteral("minScore"), *minScore);
    if (maxScore)
        m.insert(QStringLiteral("maxScore"), *maxScore);
    if (stale)
        m.insert(QStringLiteral("stale"), true);
    return m;
}

LeadFilter LeadFilter::fromVariant(const QVariantMap &m)
{
    LeadFilter f;
    f.search = m.value(QStringLiteral("search")).toString();
    for (const QString &id : m.value(QStringLiteral("statuses")).toStringList()) {
        if (auto s = Status::fromId(id); s && !f.statuses.contains(*s))
            f.statuses.append(*s);
    }
    f.assignees = m.value(QStringLiteral("assignees")).toStringList();
    f.sources = m.value(QStringLiteral("sources")).toStringList();
    f.campaigns = m.value(QStringLiteral("campaigns")).toStringList();
    auto score = [&](const QString &key) -> std::optional<int> {
        bool ok = false;
        const int v = m.value(key).toInt(&ok);
        if (!m.contains(key) || !ok)
            return std::nullopt;
        return std::clamp(v, 0, 100);
    };
    f.minScore = score(QStringLiteral("minScore"));
    f.maxScore = score(QStringLiteral("maxScore"));
    f.created = rangeFromVariant(m.value(QStringLiteral("created")));
    f.lastActivity = rangeFromVariant(m.value(QStringLiteral("lastActivity")));
    const QString fin = m.value(QStringLiteral("finality")).toString();
    f.finality = fin == u"active" ? Finality::Active : fin == u"final" ? Finality::Final : Finality::Any;
    const QString fu = m.value(QStringLiteral("followUp")).toString();
    f.followUp = fu == u"overdue" ? FollowUp::Overdue
                 : fu == u"today" ? FollowUp::DueToday
                 : fu == u"due"   ? FollowUp::DueOrOverdue
                                  : FollowUp::Any;
    f.stale = m.value(QStringLiteral("stale")).toBool();
    return f;
}

std::pair<QDateTime, QDateTime> LeadFilter::resolve(const DateRange &range, const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    const QDateTime startOfToday = local.date().startOfDay();
    switch (range.preset) {
    case DatePreset::Any: return {};
    case DatePreset::Today: return {startOfToday.toUTC(), startOfToday.addDays(1).toUTC()};
    case DatePreset::Last7Days: return {startOfToday.addDays(-6).toUTC(), startOfToday.addDays(1).toUTC()};
    case DatePreset::Last30Days: return {startOfToday.addDays(-29).toUTC(), startOfToday.addDays(1).toUTC()};
    case DatePreset::ThisMonth: {
        const QDate first(local.date().year(), local.date().month(), 1);
        return {first.startOfDay().toUTC(), first.addMonths(1).startOfDay().toUTC()};
    }
    case DatePreset::Custom: return {range.from.toUTC(), range.to.toUTC()};
    }
    return {};
}

QString LeadFilter::presetLabel(DatePreset preset)
{
    switch (preset) {
    case DatePreset::Any: return QCoreApplication::translate("LeadFilter", "Any time");
    case DatePreset::Today: return QCoreApplication::translate("LeadFilter", "Today");
    case DatePreset::Last7Days: return QCoreApplication::translate("LeadFilter", "Last 7 days");
    case DatePreset::Last30Days: return QCoreApplication::translate("LeadFilter", "Last 30 days");
    case DatePreset::ThisMonth: return QCoreApplication::translate("LeadFilter", "This month");
    case DatePreset::Custom: return QCoreApplication::translate("LeadFilter", "Custom range");
    }
    return {};
}

} // namespace Leads
