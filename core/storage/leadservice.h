// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/contactidentity.h"
#include "domain/lead.h"
#include "domain/permissions.h"
#include "domain/result.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace Leads {

class Clock;
class Database;
class Transaction;

struct InteractionOutcome
{
    QString leadId;
    bool createdLead = false;
};

// One AI score to store: the score and the reasons shown beside it.
struct AiScoreUpdate
{
    QString leadId;
    int score = 0;
    QStringList reasons;
};

struct AiScoreBatch
{
    int applied = 0;
    int autoQualified = 0; // moved to Qualified by the AI in this batch
    int skippedFinal = 0;  // closed since they were read: final leads are frozen
    int missing = 0;       // deleted since they were read
};

// What a bulk assignment did: leads moved, and the ones left alone with why.
struct BulkAssignment
{
    QStringList assigned;
    QStringList skippedFinal;   // converted, lost or archived: they keep their assignee
    QStringList skippedAlready; // already with that person (or already unassigned)
};

struct UserInfo
{
    QString id;
    QString username;
    QString displayName;
    Role role = Role::Agent;
    bool active = true;
};

// Every change to a lead. Each call validates with core/domain, then writes the row, the
// timeline entry and an outbox mutation in ONE transaction, and announces the change.
// Lives on the thread of its Database.
class LeadService : public QObject
{
    Q_OBJECT
public:
    LeadService(Database &db, Actor actor, const Clock &clock, QObject *parent = nullptr);
    ~LeadService() override;

    const Actor &actor() const { return m_actor; }
    void setActor(const Actor &actor) { m_actor = actor; }
    Database &database() const { return m_db; }
    const Clock &clock() const { return m_clock; }

    Result<QString> createLead(const NewLead &lead);
    Result<InteractionOutcome> recordInteraction(const IncomingInteraction &event);
    Outcome setStatus(const QString &leadId, LeadStatus to, const QString &lostReason = {});
    Outcome assign(const QString &leadId, const QString &assigneeId);
    // Assigns many leads in ONE transaction (one refresh for the views: leadsChanged).
    // Final leads and those already with that person are skipped and listed, not errors.
    Result<BulkAssignment> assignMany(const QStringList &leadIds, const QString &assigneeId);
    // Active (not final) leads per assignee id, for pickers that show each agent's load.
    QHash<QString, int> activeLoads() const;
    Outcome qualifyManually(const QString &leadId, int score);
    Outcome addNote(const QString &leadId, const QString &text);
    Outcome setFollowUp(const QString &leadId, const QDateTime &at);
    // The AI's score with its reasons. The manual score is never replaced (both stay
    // visible); final leads refuse. When AI qualification is on and the score reaches the
    // admin threshold, an active lead in New, Contacted or Qualifying moves to Qualified
    // once, on the timeline as the AI's. Derived data: no outbox mutation (in a team the
    // server scores and the scores sync down).
    Outcome applyAiScore(const QString &leadId, int score, const QStringList &reasons);
    // The same for many leads in ONE transaction (rescoring); final or deleted leads are
    // skipped and counted instead of failing the batch. Announced with aiScoresChanged.
    Result<AiScoreBatch> applyAiScores(const QList<AiScoreUpdate> &updates);
    QStringList aiReasons(const QString &leadId) const;

    // The same rules and writes (row, timeline entry, outbox mutation) as the calls above,
    // inside a transaction the caller holds, without commit or signal: bulk edits and
    // merges change many leads in one transaction and announce them once.
    Outcome stageStatus(const QString &leadId, LeadStatus to, const QString &lostReason = {});
    Outcome stageAssign(const QString &leadId, const QString &assigneeId);
    Outcome stageManualScore(const QString &leadId, int score);
    Outcome stageNote(const QString &leadId, const QString &text);
    Outcome stageFollowUp(const QString &leadId, const QDateTime &at);
    // Announces changes made by a caller's committed transaction (bulk edits, merges).
    void announce(const QStringList &leadIds);

    Result<Lead> lead(const QString &leadId) const;
    Result<QList<Interaction>> timeline(const QString &leadId) const;
    QStringList lostReasons() const;
    QList<UserInfo> users() const;
    PermissionMatrix permissions() const;
    // The admin's edits of a standalone workspace (in a team they go to the server and
    // come back down): the role × permission grid and the list of lost reasons (labels
    // no longer listed are retired — leads lost for them keep them).
    Outcome setPermissions(const PermissionMatrix &matrix);
    Outcome setLostReasons(const QStringList &labels);
    QString defaultCountry() const;
    QString setting(const QString &key, const QString &fallback = {}) const;
    Outcome setSetting(const QString &key, const QString &value);
    int pendingMutations() const;

Q_SIGNALS:
    void leadChanged(const QString &leadId);
    void leadCreated(const QString &leadId);
    // Many leads changed at once (bulk actions): views refresh once.
    void leadsChanged(const QStringList &leadIds);
    // AI scores (and reasons) were stored for these leads: one signal per batch, so that
    // rescoring thousands of leads refreshes a view once. A lead the AI moved to
    // Qualified is also announced with leadChanged.
    void aiScoresChanged(const QStringList &leadIds);

private:
    Result<Lead> loadForChange(const QString &leadId, Permission permission) const;
    Outcome writeInteraction(const QString &leadId, InteractionKind kind, const QString &body,
                             const QJsonObject &data, const QDateTime &at);
    Outcome enqueue(const QString &type, const QString &leadId, const QJsonObject &payload);
    // Checks who `assigneeId` is (empty: nobody) and returns their name.
    Result<QString> assigneeName(const QString &assigneeId) const;
    // The assignment's row, timeline entry and outbox mutation, inside the caller's transaction.
    Outcome writeAssignment(const Lead &lead, const QString &assigneeId, const QString &assigneeName,
                            const QDateTime &now);
    // The common end of every change: its timeline entry and outbox mutation, then (for
    // single changes) commit and signal.
    Outcome stage(const QString &leadId, InteractionKind kind, const QString &body, const QJsonObject &data,
                  const QDateTime &at, const QString &mutation, const QJsonObject &payload);
    Outcome commitChange(Transaction &tx, const QString &leadId);
    Outcome touch(const QString &leadId, const QDateTime &at);
    Result<QString> insertLead(const NewLead &lead, const QString &contactId, const QString &phone,
                               const QString &email, const QDateTime &at);
    Result<QString> findOrCreateContact(const QString &phone, const QString &email,
                                        const QString &name, QList<ActiveLeadRule::KnownLead> *leads,
                                        bool *known);

    Database &m_db;
    Actor m_actor;
    const Clock &m_clock;
};

} // namespace Leads
