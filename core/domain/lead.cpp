// SPDX-License-Identifier: GPL-3.0-or-later
#include "lead.h"

#include <QCoreApplication>

#include <array>

namespace Leads {

QString Source::label(const QString &source)
{
    if (source == Broadcast)
        return QCoreApplication::translate("Source", "Broadcast");
    if (source == Chat)
        return QCoreApplication::translate("Source", "Chat");
    if (source == Integration)
        return QCoreApplication::translate("Source", "Integration");
    if (source == Manual)
        return QCoreApplication::translate("Source", "Manual");
    if (source == Import)
        return QCoreApplication::translate("Source", "Import");
    return source;
}

namespace {
struct KindInfo
{
    InteractionKind kind;
    const char *id;
    const char *label;
};
constexpr std::array<KindInfo, 10> kKinds = {{
    {InteractionKind::Created, "created", QT_TRANSLATE_NOOP("Interaction", "Lead created")},
    {InteractionKind::BroadcastReply, "broadcast_reply", QT_TRANSLATE_NOOP("Interaction", "Broadcast reply")},
    {InteractionKind::ChatIn, "chat_in", QT_TRANSLATE_NOOP("Interaction", "Message received")},
    {InteractionKind::ChatOut, "chat_out", QT_TRANSLATE_NOOP("Interaction", "Message sent")},
    {InteractionKind::Integration, "integration", QT_TRANSLATE_NOOP("Interaction", "Integration event")},
    {InteractionKind::StatusChange, "status_change", QT_TRANSLATE_NOOP("Interaction", "Status changed")},
    {InteractionKind::Assignment, "assignment", QT_TRANSLATE_NOOP("Interaction", "Assigned")},
    {InteractionKind::Note, "note", QT_TRANSLATE_NOOP("Interaction", "Note")},
    {InteractionKind::Qualification, "qualification", QT_TRANSLATE_NOOP("Interaction", "Scored")},
    {InteractionKind::FollowUp, "follow_up", QT_TRANSLATE_NOOP("Interaction", "Follow-up set")},
}};
} // namespace

QString interactionKindId(InteractionKind kind)
{
    for (const KindInfo &k : kKinds) {
        if (k.kind == kind)
            return QString::fromLatin1(k.id);
    }
    return {};
}

std::optional<InteractionKind> interactionKindFromId(QStringView id)
{
    for (const KindInfo &k : kKinds) {
        if (id == QLatin1String(k.id))
            return k.kind;
    }
    return std::nullopt;
}

QString interactionKindLabel(InteractionKind kind)
{
    for (const KindInfo &k : kKinds) {
        if (k.kind == kind)
            return QCoreApplication::translate("Interaction", k.label);
    }
    return {};
}

} // namespace Leads
