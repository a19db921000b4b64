// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;

namespace Leads {

class Clock;
class LeadService;
class LeadsPage;
class Sidebar;
class FollowUpNotifier;
class PipelinePage;
class FollowUpPopup;
class SyncController;
class SyncStatusButton;
class TriageMode;
class CommandPalette;
class DuplicatesDialog;
class BulkEditDialog;
struct MergeRecord;

// The desktop client's main window: sidebar, pages, status bar. Remembers its geometry
// and the Leads page's layout and filters in QSettings when `persistState` is set.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(LeadService &service, const Clock &clock, bool persistState = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    LeadsPage *leadsPage() const { return m_leadsPage; }
    PipelinePage *pipelinePage() const { return m_pipelinePage; }
    // The Pipeline dashboard, computed as of now.
    void showPipeline();
    Sidebar *sidebar() const { return m_sidebar; }
    QString statusText() const;
    // Shows the sync indicator and the File menu's sign-in, sync and "not applied" entries
    // for this controller (which outlives the window).
    void attachSync(SyncController *controller);
    SyncStatusButton *syncStatus() const { return m_syncStatus; }
    QMenu *fileMenu() const { return m_fileMenu; }
    FollowUpNotifier *followUps() const { return m_followUps; }
    FollowUpPopup *followUpPopup() const { return m_followUpPopup; }
    // The Leads page with follow-ups due today or overdue, soonest first.
    void showFollowUps();
    // The Leads page with the active leads nobody owns yet.
    void showUnassigned();
    // What the actor may do changed: pages re-read it.
    void applyPermissions();

    // Power users: keyboard triage (Ctrl+T), the command palette (Ctrl+K), possible
    // duplicates with merge, and bulk edits; each change is one step on the page's undo.
    TriageMode *triage() const { return m_triage; }
    QAction *triageAction() const { return m_triageAction; }
    QMenu *leadsMenu() const { return m_leadsMenu; }
    // Every action the palette offers: menus, the Leads page's own actions.
    QList<QAction *> paletteActions() const;
    CommandPalette *showPalette();
    DuplicatesDialog *showDuplicates();
    // The bulk edit for these leads (shown, not run: the dialog applies on Apply).
    BulkEditDialog *editLeads(const QStringList &leadIds);
    void editSelected();
    void editAllMatching();
    // The Leads page with every lead, this one selected.
    void openLead(const QString &leadId);
    // Puts a merge on the page's undo list.
    void pushMergeUndo(const MergeRecord &record);

    void saveSettings() const;
    void restoreSettings();

    // Styling shared by the window and its dialogs (follows the palette).
    static QString styleSheet();

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void settingsRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateCounts(qint64 total, qint64 shown);
    void applyStyle();

    LeadService &m_service;
    bool m_persist;
    bool m_repolishing = false;
    Sidebar *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    LeadsPage *m_leadsPage = nullptr;
    QLabel *m_userLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QMenu *m_fileMenu = nullptr;
    QAction *m_quit = nullptr;
    SyncStatusButton *m_syncStatus = nullptr;
    FollowUpNotifier *m_followUps = nullptr;
    PipelinePage *m_pipelinePage = nullptr;
    FollowUpPopup *m_followUpPopup = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    void buildPowerActions();
    void setTriage(bool on);
    TriageMode *m_triage = nullptr;
    QMenu *m_leadsMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QAction *m_triageAction = nullptr;
    QAction *m_editSelected = nullptr;
    QLabel *m_triageBanner = nullptr;
    CommandPalette *m_palette = nullptr;
};

} // namespace Leads
