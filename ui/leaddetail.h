// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/lead.h"

#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QScrollArea;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace Leads {

class Clock;
class LeadService;
class SyncBadges;

// The side pane for one lead: contact data, status with only the allowed moves, assignee,
// manual beside AI score, follow-up, notes and the timeline. Every change goes through
// LeadService; final leads show a read-only banner and no status/assignee/score controls.
class LeadDetail : public QWidget
{
    Q_OBJECT
public:
    enum class ChangeKind { Status, Assignee };
    // Asks which lost reason applies; nullopt when the user cancels.
    using LostReasonProvider = std::function<std::optional<QString>(QWidget *parent, const QStringList &reasons)>;

    LeadDetail(LeadService &service, const Clock &clock, QWidget *parent = nullptr);

    void setLead(const QString &leadId);
    const QString &leadId() const { return m_leadId; }
    // Re-reads the lead (after a change made elsewhere).
    void reload();
    void setLostReasonProvider(LostReasonProvider provider) { m_lostReason = std::move(provider); }

    // The status moves currently offered (empty for final leads).
    QList<LeadStatus> offeredMoves() const;
    // Applies a move as if chosen from the "Move to" menu.
    bool moveTo(LeadStatus status);
    bool isReadOnly() const;
    // Moves keyboard focus into the pane (Enter on a table row).
    void focusFirstControl();
    QString lastError() const;
    // The header's sync mark (signed-in workspaces only): what it says, empty when hidden.
    void setSyncBadges(const SyncBadges *badges);
    QString syncMarkText() const;

    // As wide as the fields need (the splitter never squeezes them out of view).
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // A change this pane made, with the value before it (for undo).
    void changed(const QString &leadId, Leads::LeadDetail::ChangeKind kind, const QString &previous);

private:
    void build();
    void showLead(const Lead &lead);
    void showError(const QString &message);
    void assignSelected();
    void setManualScore();
    void setFollowUp(bool clear);
    void addNote();
    void fillTimeline();
    void showSyncMark();

    LeadService &m_service;
    const Clock &m_clock;
    LostReasonProvider m_lostReason;
    QString m_leadId;
    std::optional<Lead> m_lead;
    bool m_updating = false;

    QWidget *m_content = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_company = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_statusPill = nullptr;
    QLabel *m_syncIcon = nullptr;
    QLabel *m_syncMark = nullptr;
    const SyncBadges *m_badges = nullptr;
    QToolButton *m_moveButton = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_phone = nullptr;
    QLabel *m_email = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_created = nullptr;
    QComboBox *m_assignee = nullptr;
    QLabel *m_assigneeLabel = nullptr;
    QLabel *m_aiScore = nullptr;
    QLabel *m_aiReasons = nullptr;
    QSpinBox *m_manualScore = nullptr;
    QPushButton *m_setScore = nullptr;
    QLabel *m_scoreLabel = nullptr;
    QDateTimeEdit *m_followUp = nullptr;
    QPushButton *m_setFollowUp = nullptr;
    QPushButton *m_clearFollowUp = nullptr;
    QLabel *m_followUpLabel = nullptr;
    QLabel *m_attributes = nullptr;
    QLabel *m_tags = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QPushButton *m_addNote = nullptr;
    QLabel *m_timeline = nullptr;
};

} // namespace Leads
