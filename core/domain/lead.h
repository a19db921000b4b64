// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leadstatus.h"
#include "qualification.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Leads {

// Where a lead came from (spec section 1) plus manual entry and import.
namespace Source {
inline const QString Broadcast = QStringLiteral("broadcast");
inline const QString Chat = QStringLiteral("chat");
inline const QString Integration = QStringLiteral("integration");
inline const QString Manual = QStringLiteral("manual");
inline const QString Import = QStringLiteral("import");
QString label(const QString &source);
} // namespace Source

// One entry of a lead's timeline.
enum class InteractionKind {
    Created,
    BroadcastReply,
    ChatIn,
    ChatOut,
    Integration,
    StatusChange,
    Assignment,
    Note,
    Qualification,
    FollowUp,
};
QString interactionKindId(InteractionKind kind);
std::optional<InteractionKind> interactionKindFromId(QStringView id);
QString interactionKindLabel(InteractionKind kind);

struct Interaction
{
    QString id;
    QString leadId;
    InteractionKind kind = InteractionKind::Note;
    QDateTime occurredAt;
    QString authorId;
    QString authorName;
    QString body;
    QJsonObject data;
};

// A lead as the client reads it.
struct Lead
{
    QString id;
    QString contactId;
    QString name;
    QString company;
    QString phone;
    QString email;
    QString source;
    QString sourceDetail;
    QString campaign;
    LeadStatus status = LeadStatus::New;
    int statusVersion = 1;
    QString lostReason;
    QString assigneeId;
    QString assigneeName;
    Qualification qualification;
    QDateTime followUpAt;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastActivityAt;
    int version = 1;

    bool isFinal() const { return Status::isFinal(status); }
};

// What a person types to create a lead by hand (or an import row).
struct NewLead
{
    QString name;
    QString company;
    QString phone;
    QString email;
    QString source = Source::Manual;
    QString sourceDetail;
    QString campaign;
    QString assigneeId;
    QString note;
};

// An interaction arriving from a channel (broadcast reply, chat, integration).
struct IncomingInteraction
{
    InteractionKind kind = InteractionKind::ChatIn;
    QString phone;
    QString email;
    QString name;
    QString company;
    QString source;
    QString campaign;
    QString body;
    QDateTime occurredAt;
};

} // namespace Leads
