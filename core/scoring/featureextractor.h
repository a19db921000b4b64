// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadsnapshot.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <cstdint>

namespace Leads {

// What a lead looked like at one moment, in numbers: the raw facts the model bins.
struct LeadFeatures
{
    int inbound = 0;         // messages from the contact (chat, broadcast replies, integrations)
    int outbound = 0;        // messages the team sent
    int agentTouches = 0;    // messages sent, notes, follow-ups, assignments
    int turns = 0;           // changes of speaker in the conversation
    int daysEngaged = 0;     // distinct days with a message either way
    bool broadcastReply = false;
    qint64 firstReplySecs = -1;     // contact's first message → our first answer; -1 none
    bool awaitingReply = false;     // the contact wrote and nobody answered yet
    qint64 sinceLastInboundSecs = -1; // -1 when the contact never wrote
    qint64 sinceLastOutboundSecs = -1; // -1 when the team never wrote
    qint64 ageSecs = 0;
    std::uint8_t intents = 0; // IntentLexicon bits over the contact's messages
    QString source;
    QString campaign;
    QList<LeadAttribute> attributes;
};

// Computes LeadFeatures AS OF a moment: interactions after `asOf` are ignored, and so are
// status changes and scores whatever their time (they are people's judgements of the
// lead, i.e. the outcome itself). Notes count as touches; their text is never read.
class FeatureExtractor
{
public:
    static LeadFeatures extract(const LeadSnapshot &lead, const QDateTime &asOf);
    static LeadFeatures extract(const LeadSnapshot &lead, qint64 asOfMs);
};

} // namespace Leads
