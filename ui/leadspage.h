// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "leaddetail.h"
#include "domain/staleness.h"
#include "storage/leadfilter.h"
#include "storage/savedviews.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;
class QTimer;

namespace Leads {

class Clock;
class FilterBar;
class FilterChips;
class KanbanBoard;
class SavedViewsController;
class Sidebar;
class LeadCounter;
class LeadService;
class LeadTableModel;

// The Leads page: header with counts and actions, search, filters with chips, the lead
// table and the detail pane. Every refresh keeps the selection, the current lead and the
// scroll position (by lead id, not by row).
class LeadsPage : public QWidget
{
    Q_OBJECT
public:
    enum class State { Table, NoLeads, NoResults, Error };
    // The leads as rows of the table or as cards on the board (remembered).
    enum class Mode { Table, Board };

    LeadsPage(LeadService &service, const Clock &clock, QWidget *parent = nullptr);
    ~LeadsPage() override;

    LeadTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    FilterBar *filterBar() const { return m_filterBar; }
    FilterChips *chips() const { return m_chips; }
    LeadDetail *detail() const { return m_detail; }
    QSplitter *splitter() const { return m_splitter; }
    State state() const { return m_state; }
    KanbanBoard *board() const { return m_board; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    SavedViewsController *savedViews() const { return m_views; }
    // Lists the saved views in the sidebar under Leads (found in the window when shown).
    void attachSidebar(Sidebar *sidebar);

    // Search, filters, sort and visible columns, as a saved view keeps them.
    ViewState viewState() const;
    void applyViewState(const ViewState &state);
    // What makes a lead stale (the team setting), re-read from the database.
    const StaleRules &staleRules() const { return m_staleRules; }
    void reloadStaleRules();
    QDateTime now() const;

    // The whole filter, search text included.
    LeadFilter leadFilter() const;
    void setLeadFilter(const LeadFilter &filter);
    // Runs a pending (debounced) search now.
    void applySearchNow();
    // Re-selects the rows, keeping selection, current lead and scroll position.
    void refresh();
    void selectLead(const QString &leadId);
    QString currentLeadId() const;
    QStringList selectedLeadIds() const;
    // -1 while the first count is running.
    qint64 totalCount() const { return m_total; }
    qint64 shownCount() const { return m_shown; }
    QString countsText() const;
    // Ids of the leads matching the current search and filters in the list's order, at
    // most `limit` of them ("all N matching" for bulk edits); not limited to fetched rows.
    QStringList matchingLeadIds(int limit) const;
    // Undoes the last change made in this window (status, assignment or a pushed step).
    bool undo();
    bool canUndo() const { return !m_undo.isEmpty(); }
    // Puts a step on the same undo list as status and assignment changes (one LIFO order;
    // Ctrl+Z runs the latest). `undo` returns false when it could not undo; the page then
    // reports "Could not undo <label>".
    void pushUndoStep(const QString &label, std::function<bool()> undo);
    // Adds an action to the lead table's context menu, after the built-in ones; it acts on
    // selectedLeadIds().
    void addSelectionAction(QAction *action);

    void saveState(QSettings &settings) const;
    void restoreState(QSettings &settings);

public Q_SLOTS:
    void newLead();
    // Opens the agent picker for the selected leads.
    void assignSelected();
    // Re-reads what the actor may do (after an admin changed the permissions).
    void applyPermissions();
    void assignLeads(const QStringList &ids, const QString &assigneeId);
    void importLeads();
    void focusSearch();
    // Asks for a name and saves the current view.
    void saveView();

protected:
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    void countsChanged(qint64 total, qint64 shown);
    void message(const QString &text);

private:
    struct UndoEntry
    {
        QString leadId;
        LeadDetail::ChangeKind kind = LeadDetail::ChangeKind::Status;
        QString previous;
        // A pushed step: when set, runs instead of the status/assignment revert.
        QString label;
        std::function<bool()> step;
    };

    void buildHeader(QWidget *parent);
    QWidget *buildEmptyState(const QString &glyph, const QString &text, const QList<QPushButton *> &buttons);
    void applyFilter(const LeadFilter &filter);
    void reselect(const std::function<void()> &select);
    void updateCounts(bool total);
    void countArrived(const QString &key, const QString &where, qint64 count);
    void showCounts();
    void updateState();
    void currentChanged();
    void updateSelectionActions();
    void loadSampleData();
    void applyDetailWidth();
    void updateBoard();

    LeadService &m_service;
    const Clock &m_clock;
    LeadTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchTimer = nullptr;
    FilterBar *m_filterBar = nullptr;
    FilterChips *m_chips = nullptr;
    LeadDetail *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_errorText = nullptr;
    QPushButton *m_newLead = nullptr;
    QPushButton *m_assignButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QAction *m_assignAction = nullptr;
    QStackedWidget *m_modes = nullptr;
    KanbanBoard *m_board = nullptr;
    QToolButton *m_tableButton = nullptr;
    QToolButton *m_boardButton = nullptr;
    QPushButton *m_saveViewButton = nullptr;
    SavedViewsController *m_views = nullptr;
    StaleRules m_staleRules;
    Mode m_mode = Mode::Table;
    bool m_boardStale = true; // the board's query lags the filter until it is shown
    QString m_boardWhere;
    State m_state = State::Table;
    LeadCounter *m_counter = nullptr;
    qint64 m_total = -1; // unknown until counted
    qint64 m_shown = 0;
    bool m_shownPending = false;
    QList<UndoEntry> m_undo;
    QList<QAction *> m_selectionActions;
    bool m_undoing = false;
    int m_detailWidth = -1; // restored width of the detail pane, applied once shown
    bool m_detailSized = false; // the pane got its first width
};

} // namespace Leads
