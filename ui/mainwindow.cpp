// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "leadspage.h"
#include "bulkeditdialog.h"
#include "commandpalette.h"
#include "duplicatesdialog.h"
#include "triagemode.h"
#include "storage/mergeservice.h"
#include "followupnotifier.h"
#include "followuppopup.h"
#include "notapplieddialog.h"
#include "pipelinepage.h"
#include "settingsdialog.h"
#include "sidebar.h"
#include "synccontroller.h"
#include "syncbadges.h"
#include "syncstatusbutton.h"
#include "kanbanboard.h"
#include "kanbandelegate.h"
#include "leadtablemodel.h"
#include "storage/database.h"
#include "storage/leadservice.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace Leads {

MainWindow::MainWindow(LeadService &service, const Clock &clock, bool persistState, QWidget *parent)
    : QMainWindow(parent), m_service(service), m_persist(persistState)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Leads"));

    auto *central = new QWidget(this);
    auto *h = new QHBoxLayout(central);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(0);
    m_sidebar = new Sidebar(service.actor(), central);
    h->addWidget(m_sidebar);
    m_pages = new QStackedWidget(central);
    h->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_leadsPage = new LeadsPage(service, clock, m_pages);
    m_pages->addWidget(m_leadsPage);
    m_pipelinePage = new PipelinePage(service.database(), clock, m_pages);
    m_pages->addWidget(m_pipelinePage);
    // Only pages that work get an entry (Pipeline and Settings arrive with their issues).
    m_sidebar->addEntry(QStringLiteral("leads"), tr("Leads"), Sidebar::leadsIcon(palette()));
    m_sidebar->addEntry(QStringLiteral("pipeline"), tr("Pipeline"), PipelinePage::icon(palette()));
    m_sidebar->addEntry(QStringLiteral("followups"), tr("Follow-ups"), Sidebar::followUpsIcon(palette()));
    if (service.permissions().allows(service.actor().role, Permission::ViewUnassigned))
        m_sidebar->addEntry(QStringLiteral("unassigned"), tr("Unassigned"), Sidebar::unassignedIcon(palette()));
    m_sidebar->setCurrent(QStringLiteral("leads"));
    connect(m_sidebar, &Sidebar::entryActivated, this, [this](const QString &id) {
        if (id == u"leads") {
            m_pages->setCurrentWidget(m_leadsPage);
        } else if (id == u"pipeline") {
            showPipeline();
        } else if (id == u"followups") {
            showFollowUps();
        } else if (id == u"unassigned") {
            showUnassigned();
        }
    });

    // A bar of the dashboard opens those leads.
    connect(m_pipelinePage, &PipelinePage::openLeads, this, [this](const LeadFilter &filter) {
        m_sidebar->setCurrent(QStringLiteral("leads"));
        m_pages->setCurrentWidget(m_leadsPage);
        m_leadsPage->setLeadFilter(filter);
    });

    // Follow-ups: the sidebar count, and a reminder when one falls due while Leads runs.
    m_followUps = new FollowUpNotifier(service.database(), clock, service.actor().userId, this);
    m_followUpPopup = new FollowUpPopup(this);
    connect(m_followUps, &FollowUpNotifier::countChanged, this, [this](int count) {
        m_sidebar->setCount(QStringLiteral("followups"), count > 0 ? QLocale().toString(count) : QString());
    });
    connect(m_followUps, &FollowUpNotifier::due, m_followUpPopup,
            [this](const QString &id, const QString &name, const QDateTime &at) {
        if (SettingsDialog::followUpReminders())
            m_followUpPopup->add(id, name, at);
    });
    connect(m_followUpPopup, &FollowUpPopup::snoozeLead, m_followUps, &FollowUpNotifier::snooze);
    connect(m_followUpPopup, &FollowUpPopup::openLead, this, [this](const QString &leadId) {
        m_sidebar->setCurrent(QStringLiteral("leads"));
        m_pages->setCurrentWidget(m_leadsPage);
        LeadFilter all = m_leadsPage->leadFilter();
        all.clearFilters();
        all.search.clear();
        m_leadsPage->setLeadFilter(all);
        m_leadsPage->selectLead(leadId);
        showNormal();
        raise();
        activateWindow();
    });
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        // Also tell the desktop, for when the window is behind others.
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Leads"));
        m_tray->show();
        connect(m_followUps, &FollowUpNotifier::due, m_tray, [this](const QString &, const QString &name, const QDateTime &) {
            if (SettingsDialog::followUpReminders())
                m_tray->showMessage(tr("Follow-up due"), tr("Follow up with %1").arg(name));
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_followUpPopup->currentLeadId().isEmpty())
                Q_EMIT m_followUpPopup->openLead(m_followUpPopup->currentLeadId());
        });
    }
    auto recount = [this] { m_followUps->check(); };
    connect(&service, &LeadService::leadChanged, m_followUps, recount);
    connect(&service, &LeadService::leadCreated, m_followUps, recount);
    m_followUps->start();

    m_userLabel = new QLabel(tr("Signed in as %1 · %2").arg(service.actor().displayName, roleLabel(service.actor().role)), this);
    const QString path = service.database().path();
    m_databaseLabel = new QLabel(path.isEmpty() || path == u":memory:" ? tr("Local database (in memory)")
                                                                       : tr("Local database · %1").arg(QFileInfo(path).fileName()),
                                 this);
    m_databaseLabel->setToolTip(path);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("statusCounts"));
    statusBar()->addWidget(m_userLabel);
    statusBar()->addWidget(m_databaseLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->setSizeGripEnabled(false);
    for (QLabel *l : {m_userLabel, m_databaseLabel, m_countLabel})
        l->setContentsMargins(8, 0, 8, 0);

    connect(m_leadsPage, &LeadsPage::countsChanged, this, &MainWindow::updateCounts);
    connect(m_leadsPage, &LeadsPage::message, this, [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    if (m_leadsPage->totalCount() >= 0)
        updateCounts(m_leadsPage->totalCount(), m_leadsPage->shownCount());

    m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *settings = m_fileMenu->addAction(tr("Se&ttings…"));
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(tr("&Quit"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);

    buildPowerActions();

    applyStyle();
    resize(1280, 800);
    if (m_persist)
        restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::applyPermissions()
{
    m_leadsPage->applyPermissions();
}

void MainWindow::showPipeline()
{
    m_sidebar->setCurrent(QStringLiteral("pipeline"));
    m_pages->setCurrentWidget(m_pipelinePage);
    m_pipelinePage->refresh();
}

void MainWindow::showUnassigned()
{
    m_sidebar->setCurrent(QStringLiteral("unassigned"));
    m_pages->setCurrentWidget(m_leadsPage);
    LeadFilter filter;
    filter.assignees = {LeadFilter::kUnassigned};
    filter.finality = LeadFilter::Finality::Active;
    m_leadsPage->setLeadFilter(filter);
}

void MainWindow::showFollowUps()
{
    m_sidebar->setCurrent(QStringLiteral("followups"));
    m_pages->setCurrentWidget(m_leadsPage);
    LeadFilter filter;
    filter.followUp = LeadFilter::FollowUp::DueOrOverdue;
    m_leadsPage->setLeadFilter(filter);
}

void MainWindow::attachSync(SyncController *controller)
{
    m_syncStatus = new SyncStatusButton(controller, this);
    // Left of the counts: both are permanent, so the counts are taken out and put back.
    statusBar()->removeWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_syncStatus);
    statusBar()->addPermanentWidget(m_countLabel);
    m_countLabel->show();
    // The same actions in the File menu, above Quit, so they have a home and shortcuts.
    m_fileMenu->insertAction(m_quit, m_syncStatus->signInAction());
    m_fileMenu->insertAction(m_quit, m_syncStatus->signOutAction());
    m_fileMenu->insertSeparator(m_quit);
    m_fileMenu->insertAction(m_quit, m_syncStatus->syncNowAction());
    m_fileMenu->insertAction(m_quit, m_syncStatus->notAppliedAction());
    m_fileMenu->insertSeparator(m_quit);
    connect(m_syncStatus, &SyncStatusButton::signInRequested, this, &MainWindow::signInRequested);
    connect(m_syncStatus, &SyncStatusButton::signOutRequested, this, &MainWindow::signOutRequested);
    connect(m_syncStatus, &SyncStatusButton::notAppliedRequested, this, [this, controller] {
        NotAppliedDialog dialog(m_service, this);
        connect(&dialog, &NotAppliedDialog::changed, controller, [this, controller] {
            m_leadsPage->refresh();
            controller->syncNow();
        });
        dialog.exec();
        m_syncStatus->refresh();
    });
    connect(controller, &SyncController::dataChanged, m_leadsPage, &LeadsPage::refresh);

    // Per-lead sync marks in the table, on the board's cards and in the detail header.
    auto *badges = new SyncBadges(m_service.database(), this);
    badges->setObjectName(QStringLiteral("syncBadges"));
    badges->attach(controller, &m_service);
    m_leadsPage->model()->setSyncBadges(badges);
    m_leadsPage->detail()->setSyncBadges(badges);
    if (auto *cards = m_leadsPage->board()->findChild<KanbanDelegate *>()) {
        cards->setSyncBadges(badges);
        connect(badges, &SyncBadges::changed, m_leadsPage->board(), [board = m_leadsPage->board()] {
            for (QAbstractItemView *column : board->findChildren<QAbstractItemView *>())
                column->viewport()->update();
        });
    }
}

void MainWindow::buildPowerActions()
{
    m_goMenu = menuBar()->addMenu(tr("&Go"));
    const struct
    {
        QString text;
        std::function<void()> go;
    } pages[] = {
        {tr("Go to Leads"), [this] {
             m_sidebar->setCurrent(QStringLiteral("leads"));
             m_pages->setCurrentWidget(m_leadsPage);
         }},
        {tr("Go to Pipeline"), [this] { showPipeline(); }},
        {tr("Go to Follow-ups"), [this] { showFollowUps(); }},
    };
    for (const auto &page : pages)
        connect(m_goMenu->addAction(page.text), &QAction::triggered, this, page.go);
    if (m_service.permissions().allows(m_service.actor().role, Permission::ViewUnassigned))
        connect(m_goMenu->addAction(tr("Go to Unassigned")), &QAction::triggered, this, &MainWindow::showUnassigned);

    m_leadsMenu = menuBar()->addMenu(tr("&Leads"));
    m_triage = new TriageMode(*m_leadsPage, m_service, this);
    m_triageAction = m_leadsMenu->addAction(tr("&Keyboard triage"));
    m_triageAction->setObjectName(QStringLiteral("triageAction"));
    m_triageAction->setCheckable(true);
    m_triageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_triageAction->setToolTip(TriageMode::keyHelp());
    connect(m_triageAction, &QAction::toggled, this, &MainWindow::setTriage);
    connect(m_triage, &TriageMode::message, this, [this](const QString &text) { statusBar()->showMessage(text, 6000); });

    QAction *palette = m_leadsMenu->addAction(tr("Command &palette…"));
    palette->setObjectName(QStringLiteral("paletteAction"));
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(palette, &QAction::triggered, this, [this] { showPalette(); });
    m_leadsMenu->addSeparator();

    QAction *duplicates = m_leadsMenu->addAction(tr("Possible &duplicates…"));
    duplicates->setObjectName(QStringLiteral("duplicatesAction"));
    duplicates->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(duplicates, &QAction::triggered, this, [this] { showDuplicates(); });

    m_editSelected = m_leadsMenu->addAction(tr("&Edit selected…"));
    m_editSelected->setObjectName(QStringLiteral("editSelectedAction"));
    m_editSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_editSelected, &QAction::triggered, this, &MainWindow::editSelected);
    m_leadsPage->addSelectionAction(m_editSelected);
    QAction *matching = m_leadsMenu->addAction(tr("Edit &all matching…"));
    matching->setObjectName(QStringLiteral("editMatchingAction"));
    connect(matching, &QAction::triggered, this, &MainWindow::editAllMatching);
    // Says how many: the whole filtered list, not only the rows fetched so far.
    connect(m_leadsPage, &LeadsPage::countsChanged, matching, [matching](qint64, qint64 shown) {
        matching->setText(tr("Edit &all %1 matching…").arg(QLocale().toString(shown)));
        matching->setEnabled(shown > 0);
    });
    m_leadsPage->addSelectionAction(matching);

    m_triageBanner = new QLabel(tr("TRIAGE ON · %1").arg(TriageMode::keyHelp()), this);
    m_triageBanner->setObjectName(QStringLiteral("triageBanner"));
    m_triageBanner->setStyleSheet(QStringLiteral("QLabel#triageBanner { background: palette(highlight); "
                                                 "color: palette(highlighted-text); border-radius: 4px; "
                                                 "padding: 1px 8px; font-weight: 600; }"));
    m_triageBanner->setAccessibleName(tr("Keyboard triage is on"));
    // Permanent: a temporary message (what a key did) must not hide it.
    statusBar()->addPermanentWidget(m_triageBanner);
    m_triageBanner->hide();
}

void MainWindow::setTriage(bool on)
{
    if (on) {
        m_sidebar->setCurrent(QStringLiteral("leads"));
        m_pages->setCurrentWidget(m_leadsPage);
    }
    m_triage->setActive(on);
    m_triageBanner->setVisible(on);
    setWindowTitle(on ? tr("Leads — Keyboard triage") : tr("Leads"));
    statusBar()->showMessage(on ? tr("Keyboard triage on: %1").arg(TriageMode::keyHelp()) : tr("Keyboard triage off."), 6000);
}

QList<QAction *> MainWindow::paletteActions() const
{
    QList<QAction *> list;
    std::function<void(const QList<QAction *> &)> walk = [&](const QList<QAction *> &actions) {
        for (QAction *a : actions) {
            if (a->menu())
                walk(a->menu()->actions());
            else if (!a->isSeparator())
                list.append(a);
        }
    };
    walk(menuBar()->actions());
    walk(m_leadsPage->actions());
    for (QAction *a : m_leadsPage->findChildren<QAction *>()) {
        if (!list.contains(a) && !a->text().isEmpty())
            list.append(a);
    }
    return list;
}

CommandPalette *MainWindow::showPalette()
{
    if (!m_palette) {
        m_palette = new CommandPalette(m_service, this);
        connect(m_palette, &CommandPalette::leadChosen, this, &MainWindow::openLead);
    }
    m_palette->setActions(paletteActions());
    m_palette->filterField()->clear();
    const QRect r = geometry();
    m_palette->move(r.center().x() - m_palette->width() / 2, r.top() + r.height() / 6);
    m_palette->open();
    return m_palette;
}

DuplicatesDialog *MainWindow::showDuplicates()
{
    auto *dialog = new DuplicatesDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DuplicatesDialog::merged, this, [this](const MergeRecord &record) {
        pushMergeUndo(record);
        m_leadsPage->refresh();
        statusBar()->showMessage(tr("Merged \"%1\" into \"%2\". Ctrl+Z undoes it.").arg(record.otherName, record.targetName), 8000);
    });
    connect(dialog, &DuplicatesDialog::openLead, this, &MainWindow::openLead);
    dialog->open();
    return dialog;
}

void MainWindow::pushMergeUndo(const MergeRecord &record)
{
    LeadService *service = &m_service;
    m_leadsPage->pushUndoStep(tr("merge of \"%1\"").arg(record.otherName), [service, record] {
        return MergeService(*service).unmerge(record).ok();
    });
}

BulkEditDialog *MainWindow::editLeads(const QStringList &leadIds)
{
    if (leadIds.isEmpty()) {
        statusBar()->showMessage(tr("Select leads to edit first."), 6000);
        return nullptr;
    }
    auto *dialog = new BulkEditDialog(m_service, leadIds, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkEditDialog::applied, this, [this](const BulkSummary &summary) {
        if (summary.changed > 0) {
            LeadService *service = &m_service;
            const ChangeSet changes = summary.undo;
            m_leadsPage->pushUndoStep(tr("bulk edit of %n lead(s)", nullptr, summary.changed), [service, changes] {
                auto restored = changes.revert(service->database().connection());
                if (restored)
                    service->announce(restored.value());
                return restored.ok();
            });
        }
        m_leadsPage->refresh();
        statusBar()->showMessage(BulkEditDialog::describe(summary).section(QLatin1Char('\n'), 0, 0), 8000);
    });
    dialog->open();
    return dialog;
}

void MainWindow::editSelected()
{
    editLeads(m_leadsPage->selectedLeadIds());
}

void MainWindow::editAllMatching()
{
    // "All N matching": the whole filtered list, not only the fetched rows.
    constexpr int kMaxBulk = 200000;
    editLeads(m_leadsPage->matchingLeadIds(kMaxBulk));
}

void MainWindow::openLead(const QString &leadId)
{
    m_sidebar->setCurrent(QStringLiteral("leads"));
    m_pages->setCurrentWidget(m_leadsPage);
    LeadFilter all = m_leadsPage->leadFilter();
    all.clearFilters();
    all.search.clear();
    m_leadsPage->setLeadFilter(all);
    m_leadsPage->selectLead(leadId);
}

QString MainWindow::styleSheet()
{
    return QStringLiteral(
        "QPushButton[primary=\"true\"] { background: palette(highlight); color: palette(highlighted-text);"
        "  border: 1px solid palette(highlight); border-radius: 5px; padding: 5px 16px; font-weight: 600; min-height: 20px; }"
        "QPushButton[primary=\"true\"]:focus { border: 1px solid palette(highlighted-text); }"
        "QToolButton[filter=\"true\"] { border: 1px solid palette(mid); border-radius: 5px; padding: 4px 9px;"
        "  background: palette(base); min-height: 20px; }"
        "QToolButton[filter=\"true\"]:hover, QToolButton[filter=\"true\"]:focus { border-color: palette(highlight); }"
        "QToolButton[filter=\"true\"][active=\"true\"] { border-color: palette(highlight); color: palette(highlight);"
        "  font-weight: 600; }"
        "QToolButton[filter=\"true\"]::menu-indicator { image: none; width: 0; }"
        "QLineEdit#search { border: 1px solid palette(mid); border-radius: 5px; padding: 3px 4px;"
        "  background: palette(base); }"
        "QLineEdit#search:focus { border-color: palette(highlight); }"
        "QToolButton[chip=\"true\"] { border: 1px solid palette(mid); border-radius: 11px; padding: 2px 10px;"
        "  background: palette(base); }"
        "QToolButton[chip=\"true\"]:hover { border-color: palette(highlight); }"
        "QToolButton#clearAll { border: none; color: palette(link); padding: 2px 6px; }"
        "QLabel#readOnlyBanner { border: 1px solid palette(mid); border-radius: 5px; }"
        "QListWidget#navigation { background: transparent; border: none; }"
        "QFrame#sidebar { border-right: 1px solid palette(midlight); }"
        "QStatusBar { border-top: 1px solid palette(midlight); }"
        "QStatusBar QLabel { color: palette(placeholder-text); }");
}

void MainWindow::applyStyle()
{
    // Only the few widgets that need it get the style sheet: a style sheet on the window
    // would put every widget under QStyleSheetStyle, which stops palette changes (a
    // light/dark switch) from reaching the table and the detail pane.
    const QString css = styleSheet();
    QList<QWidget *> styled = {m_sidebar, statusBar()};
    for (const char *name : {"filterBar", "filterChips", "newLead", "search", "moveStatus", "readOnlyBanner"}) {
        if (auto *w = findChild<QWidget *>(QString::fromLatin1(name)))
            styled.append(w);
    }
    for (QWidget *w : std::as_const(styled)) {
        w->setStyleSheet(QString());
        w->setStyleSheet(css);
    }
}

QString MainWindow::statusText() const
{
    return m_userLabel->text() + QStringLiteral(" | ") + m_databaseLabel->text() + QStringLiteral(" | ")
           + m_countLabel->text();
}

void MainWindow::updateCounts(qint64 total, qint64 shown)
{
    const QLocale locale;
    m_countLabel->setText(total == shown ? tr("%1 leads").arg(locale.toString(total))
                                         : tr("%1 of %2 leads shown").arg(locale.toString(shown), locale.toString(total)));
    m_sidebar->setCount(QStringLiteral("leads"), locale.toString(total));
    // The queue waiting for an owner (the assignee index answers this at once).
    QSqlQuery q(m_service.database().connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE assignee_id IS NULL AND is_final = 0")) && q.next()) {
        const qint64 waiting = q.value(0).toLongLong();
        m_sidebar->setCount(QStringLiteral("unassigned"), waiting > 0 ? locale.toString(waiting) : QString());
    }
    m_sidebar->update();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    m_leadsPage->saveState(settings);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (settings.childGroups().contains(QStringLiteral("leadsPage")))
        m_leadsPage->restoreState(settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persist)
        saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    // A light/dark switch: style sheets and derived shades are computed from the palette,
    // so compute them again (widgets with their own palette would keep the old colours).
    if ((event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange)
        && !m_repolishing) {
        m_repolishing = true;
        applyStyle();
        m_sidebar->followPalette(QApplication::palette());
        m_repolishing = false;
    }
}

} // namespace Leads
