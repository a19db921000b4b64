// SPDX-License-Identifier: GPL-3.0-or-later
#include "featureextractor.h"

#include "intentlexicon.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace Leads {

namespace {
constexpr qint64 kDayMs = 24 * 3600 * 1000;

enum class Role { Ignored, Inbound, Outbound, Touch };

Role roleOf(InteractionKind kind)
{
    switch (kind) {
    case InteractionKind::BroadcastReply:
    case InteractionKind::ChatIn:
    case InteractionKind::Integration:
        return Role::Inbound;
    case InteractionKind::ChatOut:
        return Role::Outbound;
    case InteractionKind::Note:
    case InteractionKind::FollowUp:
    case InteractionKind::Assignment:
        return Role::Touch;
    // Status changes and scores are the team's verdict on the lead: never a feature.
    case InteractionKind::StatusChange:
    case InteractionKind::Qualification:
    case InteractionKind::Created:
        break;
    }
    return Role::Ignored;
}

struct Event
{
    qint64 at;
    Role role;
    int index;
};
} // namespace

LeadFeatures FeatureExtractor::extract(const LeadSnapshot &lead, const QDateTime &asOf)
{
    return extract(lead, asOf.toMSecsSinceEpoch());
}

LeadFeatures FeatureExtractor::extract(const LeadSnapshot &lead, qint64 asOfMs)
{
    LeadFeatures f;
    f.source = lead.source;
    f.campaign = lead.campaign;
    f.attributes = lead.attributes;
    const qint64 created = lead.createdAt.isValid() ? lead.createdAt.toMSecsSinceEpoch() : asOfMs;
    f.ageSecs = std::max<qint64>(0, (asOfMs - created) / 1000);

    thread_local std::vector<Event> events;
    events.clear();
    for (int i = 0; i < lead.interactions.size(); ++i) {
        const Interaction &in = lead.interactions.at(i);
        const qint64 at = in.occurredAt.toMSecsSinceEpoch();
        if (at > asOfMs)
            continue; // the future is not known at asOf
        const Role role = roleOf(in.kind);
        if (role != Role::Ignored)
            events.push_back({at, role, i});
    }
    if (!std::is_sorted(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.at < b.at; }))
        std::stable_sort(events.begin(), events.end(), [](const Event &a, const Event &b) { return a.at < b.at; });

    qint64 firstInbound = -1;
    qint64 lastInbound = -1;
    qint64 lastOutbound = -1;
    qint64 lastDay = std::numeric_limits<qint64>::min();
    Role lastSpeaker = Role::Ignored;
    for (const Event &e : events) {
        if (e.role == Role::Touch) {
            ++f.agentTouches;
            continue;
        }
        const qint64 day = e.at / kDayMs;
        if (day != lastDay) {
            ++f.daysEngaged;
            lastDay = day;
        }
        if (lastSpeaker != Role::Ignored && lastSpeaker != e.role)
            ++f.turns;
        lastSpeaker = e.role;
        if (e.role == Role::Inbound) {
            ++f.inbound;
            if (firstInbound < 0)
                firstInbound = e.at;
            lastInbound = e.at;
            const Interaction &in = lead.interactions.at(e.index);
            if (in.kind == InteractionKind::BroadcastReply)
                f.broadcastReply = true;
            if (!in.body.isEmpty())
                f.intents |= IntentLexicon::detect(in.body);
        } else {
            ++f.outbound;
            ++f.agentTouches;
            lastOutbound = e.at;
            if (firstInbound >= 0 && f.firstReplySecs < 0)
                f.firstReplySecs = (e.at - firstInbound) / 1000;
        }
    }
    if (f.intents & IntentLexicon::NotInterested)
        f.intents &= std::uint8_t(~IntentLexicon::Interest);
    f.awaitingReply = lastSpeaker == Role::Inbound;
    if (lastInbound >= 0)
        f.sinceLastInboundSecs = std::max<qint64>(0, (asOfMs - lastInbound) / 1000);
    if (lastOutbound >= 0)
        f.sinceLastOutboundSecs = std::max<qint64>(0, (asOfMs - lastOutbound) / 1000);
    return f;
}

} // namespace Leads
