// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/assignmentrule.h"
#include "domain/permissions.h"
#include "domain/result.h"
#include "domain/staleness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace Leads::Server {

class ServerDatabase;

// Team settings an admin edits: the permission matrix, lost reasons, the AI threshold,
// source rules, the default country for phone numbers and the stale-lead limits; and the
// views a manager shares with the team. Read from the database on
// every use, so every server process sees a change at once.
class SettingsStore {
public:
    explicit SettingsStore(ServerDatabase &db) : m_db(db) { }

    PermissionMatrix permissions() const;
    QStringList lostReasons() const;
    // The lost reason merges close the merged-away lead with: followed through every saved
    // list (core/domain DuplicateReason), so a renamed one keeps working and a removed one
    // stays reserved for merges.
    QString duplicateReason() const;
    int aiThreshold() const;
    bool aiEnabled() const;
    QJsonObject sourceRules() const;
    QString defaultCountry() const;
    // Who gets a captured lead that arrives without an assignee, and where round-robin
    // stands (both in the settings table, so every server process shares them).
    AssignmentRule assignmentRule() const;
    int assignmentCursor() const;
    StaleRules staleRules() const;
    // [{"name": …, "view": {…}}] as the clients serialise their saved views.
    QJsonArray teamViews() const;
    QJsonObject toJson() const;

    static QStringList defaultLostReasons();
    // Bounds of the shared views, so one manager cannot bloat every client's settings.
    static constexpr int kMaxTeamViews = 50;
    static constexpr int kMaxTeamViewBytes = 16 * 1024;
    static constexpr int kMaxTeamViewName = 100;

    // Inside the caller's transaction, stamped with its change number. Saving
    // "lost_reasons" also follows the duplicate reason to its new label.
    Outcome set(const QString &name, const QString &value, qint64 seq);

private:
    QString value(const QString &name, const QString &fallback) const;
    Outcome store(const QString &name, const QString &value, qint64 seq);

    ServerDatabase &m_db;
};

} // namespace Leads::Server
