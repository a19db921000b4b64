// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>

#include <functional>
#include <optional>

namespace Leads {

class LeadService;
class LeadsPage;

// Keyboard triage on the Leads table: j/k (and the arrows) move through the current view,
// 1-8 set the status in pipeline order, s scores, f sets a follow-up, a assigns, l marks
// Lost with its reason, n adds a note; Ctrl+Z (the page's undo) takes the last one back.
// An event filter on the table, so the keys reach it only while triage is on; each key
// goes through the same paths as the mouse (the detail pane's status move and the page's
// agent picker) or the same LeadService call with an exact undo step on the page's list.
class TriageMode : public QObject
{
    Q_OBJECT
public:
    // What the keys ask the user; replaceable so that tests answer without dialogs.
    struct Prompts
    {
        std::function<std::optional<int>(QWidget *parent, int current)> score;
        std::function<std::optional<QDateTime>(QWidget *parent, const QDateTime &suggested)> followUp;
        std::function<std::optional<QString>(QWidget *parent)> note;
    };

    TriageMode(LeadsPage &page, LeadService &service, QObject *parent = nullptr);
    ~TriageMode() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    void setPrompts(Prompts prompts) { m_prompts = std::move(prompts); }
    // The keys in one line, for the banner and the guide.
    static QString keyHelp();

Q_SIGNALS:
    void activeChanged(bool active);
    // What the last key did or why it was refused.
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void move(int delta);
    void setStatus(int digit);
    void score();
    void followUp();
    void assign();
    void markLost();
    void note();
    // Runs a LeadService change on the current lead and puts its exact undo on the page.
    void changeWithUndo(const QString &label, const std::function<bool(const QString &leadId)> &change);
    QString currentLead() const;

    LeadsPage &m_page;
    LeadService &m_service;
    Prompts m_prompts;
    bool m_active = false;
};

} // namespace Leads
