// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"
#include "domain/staleness.h"
#include "storage/leadfilter.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QScrollArea;

namespace Leads {

class Clock;
class KanbanColumn;
class LeadService;

// The board: one column per active status in pipeline order, the final statuses folded
// at the end. Cards show the leads of the list's search and filters; dropping a card on a
// column moves its lead through LeadService (the pipeline rules): Lost asks for its
// reason, a forbidden move is refused with the rule's reason.
class KanbanBoard : public QWidget
{
    Q_OBJECT
public:
    // Asks which lost reason applies; nullopt when the user cancels.
    using LostReasonProvider = std::function<std::optional<QString>(QWidget *parent, const QStringList &reasons)>;

    KanbanBoard(LeadService &service, const Clock &clock, QWidget *parent = nullptr);

    // The list's WHERE (LeadQuery::where, count form) and what makes a lead stale.
    void setQuery(const QString &where, const StaleRules &rules);
    // Re-reads every column (after changes made elsewhere), keeping what was fetched.
    void reload();
    void setLostReasonProvider(LostReasonProvider provider) { m_lostReason = std::move(provider); }

    KanbanColumn *column(LeadStatus status) const;
    QList<KanbanColumn *> columns() const { return m_columns; }
    // The last refusal or failure shown on the board (empty after a successful move).
    QString notice() const;
    QString currentLeadId() const { return m_current; }
    void selectLead(const QString &leadId);

    // What a drop does: moves the lead to `to` through the rules. False when refused,
    // cancelled or failed (the reason is shown and sent as message()).
    bool moveLead(const QString &leadId, LeadStatus to);

Q_SIGNALS:
    // A lead moved from `previous` (for the page's undo list).
    void moved(const QString &leadId, LeadStatus previous);
    void message(const QString &text);
    void currentLeadChanged(const QString &leadId);
    void leadActivated(const QString &leadId);

private:
    void showNotice(const QString &text);

    LeadService &m_service;
    const Clock &m_clock;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_notice = nullptr;
    QList<KanbanColumn *> m_columns;
    QString m_current;
    LostReasonProvider m_lostReason;
};

} // namespace Leads
