// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/savedviews.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace Leads {

class LeadService;
class LeadsPage;
class ServerTeamSettings;
class Sidebar;

// Saved views of the Leads page: lists the built-in, personal and team views in the
// sidebar under Leads (with the stale count), applies the one chosen, saves the page's
// current state under a name, and renames, reorders and deletes the user's own.
class SavedViewsController : public QObject
{
    Q_OBJECT
public:
    // Asks for a name (save, rename); nullopt when cancelled.
    using NamePrompt = std::function<std::optional<QString>(QWidget *parent, const QString &title, const QString &current)>;
    using Confirm = std::function<bool(QWidget *parent, const QString &question)>;

    SavedViewsController(LeadService &service, LeadsPage &page);

    void setSidebar(Sidebar *sidebar);
    Sidebar *sidebar() const { return m_sidebar; }
    void setNamePrompt(NamePrompt prompt) { m_prompt = std::move(prompt); }
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    // The team server, while signed in to one: managers share views through it, and the
    // team views it sends are listed at once.
    void setTeamSettings(ServerTeamSettings *team);
    bool canShare() const;

    QList<SavedView> views() const;
    std::optional<SavedView> view(const QString &id) const;
    QString currentViewId() const { return m_current; }

    bool apply(const QString &viewId);
    // Saves the page's current state as a new view and selects it; the id, empty on failure.
    QString saveAs(const QString &name);
    // Asks for a name, then saveAs().
    QString saveInteractive();
    bool rename(const QString &viewId, const QString &name);
    bool remove(const QString &viewId);
    bool move(const QString &viewId, int delta);
    // Shares one of the user's views with the team under its name (replacing a team view
    // of that name), or stops sharing a team view; the answer arrives as message().
    bool share(const QString &viewId);
    bool stopSharing(const QString &viewId);
    // Re-reads the views into the sidebar.
    void reload();
    // Recounts the stale leads for the sidebar.
    void updateStaleCount();

Q_SIGNALS:
    void message(const QString &text);

private:
    int hotThreshold() const;

    LeadService &m_service;
    LeadsPage &m_page;
    SavedViews m_store;
    QPointer<Sidebar> m_sidebar;
    QPointer<ServerTeamSettings> m_team;
    QString m_current;
    NamePrompt m_prompt;
    Confirm m_confirm;
};

} // namespace Leads
