// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/permissions.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QString>

#include <functional>

namespace Leads::Server {

class ServerClock;
class ServerDatabase;
class SettingsStore;

// Applies one lead mutation — the same names and argument objects the client's outbox
// holds (lead.create, lead.setStatus, lead.assign, lead.qualify, lead.addNote,
// lead.setFollowUp, lead.merge) — after checking it with core/domain for the acting user. Each runs in
// one transaction stamped with the next change number; the REST lead actions and the sync
// push both come through here.
class MutationProcessor {
public:
    struct Applied {
        QString leadId;
        qint64 seq = 0;
        bool created = false;
    };

    MutationProcessor(ServerDatabase &db, SettingsStore &settings, const ServerClock &clock);

    // A refusal is an Error: InvalidInput (400, names the field), PermissionDenied /
    // OutOfScope (403), NotFound (404), FinalState / SameStatus / DuplicateActiveLead /
    // Conflict (409; detail "stale_status" or "stale_assignee" for a lost compare-and-set).
    // `transient` is set when a retry may succeed (busy database).
    Result<Applied> apply(const Actor &actor, const QString &name, const QJsonObject &args,
                          bool *transient = nullptr);

    // The same, with `beforeCommit` run inside the mutation's transaction after its effect:
    // sync's exactly-once bookkeeping commits or rolls back together with the effect.
    using BeforeCommit = std::function<Outcome(qint64 seq)>;
    Result<Applied> apply(const Actor &actor, const QString &name, const QJsonObject &args,
                          bool *transient, const BeforeCommit &beforeCommit);

    static bool isKnown(const QString &name);

private:
    Result<Applied> create(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> setStatus(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> assign(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> qualify(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> addNote(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> setFollowUp(const Actor &actor, const QJsonObject &args, bool *transient);
    Result<Applied> merge(const Actor &actor, const QJsonObject &args, bool *transient);

    Outcome writeInteraction(const Actor &actor, const QString &leadId, const QString &kind,
                             const QString &body, const QJsonObject &data, qint64 atMs, qint64 seq,
                             const QString &id = {});

    ServerDatabase &m_db;
    SettingsStore &m_settings;
    const ServerClock &m_clock;
    BeforeCommit m_beforeCommit;
};

} // namespace Leads::Server
