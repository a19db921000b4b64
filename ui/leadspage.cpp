// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadspage.h"

#include "flowlayout.h"
#include "importwizard.h"

#include "domain/clock.h"
#include "kanbanboard.h"
#include "savedviewscontroller.h"
#include "sidebar.h"
#include "filterbar.h"
#include "filterchips.h"
#include "importwizard.h"
#include "leadcounter.h"
#include "leadsui.h"
#include "assigndialog.h"
#include "exportdialog.h"
#include "leadtablemodel.h"
#include "newleaddialog.h"
#include "scoredelegate.h"
#include "widgets/statusdelegate.h"
#include "storage/database.h"
#include "storage/leadquery.h"
#include "storage/leadservice.h"
#include "storage/sampledata.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QSqlError>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Leads {

namespace {

constexpr int kSearchDebounceMs = 120;
constexpr int kRowHeight = 30;
using Column = LeadTableModel::Column;

// Stable names of the table's columns for saved views (indexes may change between versions).
constexpr std::array<const char *, LeadTableModel::kColumnCount> kColumnKeys = {
    "name", "contact", "company", "source", "status", "score", "assignee", "follow_up", "last_activity", "created",
};

int columnOfKey(const QString &key)
{
    for (int c = 0; c < LeadTableModel::kColumnCount; ++c) {
        if (key == QLatin1String(kColumnKeys[size_t(c)]))
            return c;
    }
    return -1;
}

QIcon searchIcon(const QPalette &palette)
{
    const qreal dpr = 2.0;
    QPixmap pm(QSize(16, 16) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    QPen pen(palette.color(QPalette::PlaceholderText), 1.6);
    pen.setCapStyle(Qt::RoundCap);
    p.setPen(pen);
    p.drawEllipse(QRectF(2.5, 2.5, 8.5, 8.5));
    p.drawLine(QPointF(10, 10), QPointF(13.5, 13.5));
    return QIcon(pm);
}

} // namespace

LeadsPage::LeadsPage(LeadService &service, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_service(service), m_clock(clock)
{
    setObjectName(QStringLiteral("leadsPage"));
    m_model = new LeadTableModel(service.database(), clock, this);
    m_counter = new LeadCounter(service.database(), this);
    connect(m_counter, &LeadCounter::counted, this, &LeadsPage::countArrived);
    connect(m_counter, &LeadCounter::failed, this, [this](const QString &, const QString &message) {
        qCWarning(lcUi) << "counting leads failed:" << message;
    });
    m_model->setMe(service.actor().userId);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("leadsSplitter"));
    m_splitter->setChildrenCollapsible(true);
    outer->addWidget(m_splitter);

    auto *main = new QWidget(m_splitter);
    auto *v = new QVBoxLayout(main);
    v->setContentsMargins(20, 16, 12, 0);
    v->setSpacing(10);
    buildHeader(main);

    // Search + filters on one row.
    auto *searchRow = new QHBoxLayout;
    searchRow->setSpacing(8);
    m_search = new QLineEdit(main);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setAccessibleName(tr("Search leads"));
    m_search->setPlaceholderText(tr("Search name, company, phone, e-mail, notes…  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(searchIcon(palette()), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(160);
    m_search->setMinimumHeight(30);
    searchRow->addWidget(m_search, 1);
    m_filterBar = new FilterBar(main);
    m_filterBar->setObjectName(QStringLiteral("filterBar"));
    m_filterBar->setUsers(service.users());
    m_filterBar->setSources(LeadQuery::sources(service.database().connection()));
    searchRow->addWidget(m_filterBar);
    v->addLayout(searchRow);

    m_chips = new FilterChips(main);
    m_chips->setObjectName(QStringLiteral("filterChips"));
    QHash<QString, QString> names;
    for (const UserInfo &u : service.users())
        names.insert(u.id, u.displayName);
    m_chips->setUserNames(names);
    v->addWidget(m_chips);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(kSearchDebounceMs);
    connect(m_search, &QLineEdit::textEdited, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        // The clear button and Esc apply at once; typing waits for a pause.
        if (text.isEmpty())
            applySearchNow();
    });
    connect(m_searchTimer, &QTimer::timeout, this, [this] { applyFilter(leadFilter()); });
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), m_search, nullptr, nullptr, Qt::WidgetShortcut);
    connect(esc, &QShortcut::activated, m_search, &QLineEdit::clear);
    auto *find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, &LeadsPage::focusSearch);

    connect(m_filterBar, &FilterBar::filterChanged, this, [this](const LeadFilter &f) {
        LeadFilter all = f;
        all.search = m_search->text();
        applyFilter(all);
    });
    connect(m_chips, &FilterChips::filterChanged, this, [this](const LeadFilter &f) {
        LeadFilter all = f;
        all.search = m_search->text();
        m_filterBar->setFilter(all);
        applyFilter(all);
    });

    // The table and its empty/error states.
    m_stack = new QStackedWidget(main);
    m_view = new QTableView(m_stack);
    m_view->setObjectName(QStringLiteral("leadsTable"));
    m_view->setAccessibleName(tr("Leads"));
    m_view->setAccessibleDescription(tr("The leads that match the search and filters; the selected one shows in the detail pane."));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(kRowHeight);
    m_view->setItemDelegateForColumn(int(Column::Status), new StatusDelegate(LeadTableModel::StatusRole, m_view));
    m_view->setItemDelegateForColumn(int(Column::Score),
                                     new ScoreDelegate(LeadTableModel::ScoreRole, LeadTableModel::ScoreMethodRole, m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setMinimumSectionSize(48);
    header->setFixedHeight(kRowHeight);
    const std::array<int, LeadTableModel::kColumnCount> widths = {150, 144, 128, 92, 130, 100, 118, 94, 116, 96};
    for (int c = 0; c < LeadTableModel::kColumnCount; ++c)
        header->resizeSection(c, widths[size_t(c)]);
    header->setSortIndicator(int(Column::LastActivity), Qt::DescendingOrder);
    // Sorting is ours, not setSortingEnabled's: one ORDER BY select per click.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        reselect([this, column, order] { m_model->sort(column, order); });
    });
    // While search results come newest first the indicator is hidden; a click on a column
    // sorts the results by it.
    connect(header, &QHeaderView::sectionClicked, this, [this, header](int column) {
        if (!m_model->isNewestFirst())
            return;
        reselect([this, column, header] { m_model->sort(column, header->sortIndicatorOrder()); });
    });
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &pos) {
        QMenu menu(this);
        for (int c = 0; c < LeadTableModel::kColumnCount; ++c) {
            QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
            a->setCheckable(true);
            a->setChecked(!header->isSectionHidden(c));
            a->setEnabled(c != int(Column::Name));
            connect(a, &QAction::toggled, header, [header, c](bool on) { header->setSectionHidden(c, !on); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
    connect(m_view, &QTableView::activated, this, [this] {
        if (m_splitter->sizes().value(1) == 0)
            m_splitter->setSizes({m_splitter->width() - 380, 380});
        m_detail->focusFirstControl();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LeadsPage::currentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LeadsPage::updateSelectionActions);
    // Right-click on rows: the bulk actions for what is selected.
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex at = m_view->indexAt(pos);
        if (at.isValid() && !m_view->selectionModel()->isRowSelected(at.row(), QModelIndex()))
            m_view->selectRow(at.row());
        if (selectedLeadIds().isEmpty())
            return;
        QMenu menu(this);
        menu.addAction(m_assignAction);
        for (QAction *a : std::as_const(m_selectionActions)) {
            if (a)
                menu.addAction(a);
        }
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    m_stack->addWidget(m_view);

    auto *createOne = new QPushButton(tr("Create a lead"));
    auto *sample = new QPushButton(tr("Load sample data"));
    connect(createOne, &QPushButton::clicked, this, &LeadsPage::newLead);
    connect(sample, &QPushButton::clicked, this, &LeadsPage::loadSampleData);
    m_stack->addWidget(buildEmptyState(QStringLiteral("\u2709"), tr("No leads yet. Leads arrive from broadcasts, chats and integrations, or you can add one by hand."),
                                       {createOne, sample}));
    auto *clear = new QPushButton(tr("Clear search and filters"));
    clear->setObjectName(QStringLiteral("clearFilters"));
    connect(clear, &QPushButton::clicked, this, [this] { setLeadFilter({}); });
    m_stack->addWidget(buildEmptyState(QStringLiteral("\u2205"), tr("No leads match this search and these filters."), {clear}));
    auto *retry = new QPushButton(tr("Try again"));
    connect(retry, &QPushButton::clicked, this, &LeadsPage::refresh);
    QWidget *errorPage = buildEmptyState(QStringLiteral("\u26A0"), QString(), {retry});
    m_errorText = errorPage->findChild<QLabel *>(QStringLiteral("emptyText"));
    m_stack->addWidget(errorPage);
    // Table (with its empty and error states) or board.
    m_modes = new QStackedWidget(main);
    m_modes->setObjectName(QStringLiteral("leadsModes"));
    m_stack->setParent(m_modes);
    m_modes->addWidget(m_stack);
    m_board = new KanbanBoard(service, clock, m_modes);
    m_modes->addWidget(m_board);
    v->addWidget(m_modes, 1);
    connect(m_board, &KanbanBoard::message, this, &LeadsPage::message);
    connect(m_board, &KanbanBoard::moved, this, [this](const QString &id, LeadStatus previous) {
        m_undo.append({id, LeadDetail::ChangeKind::Status, Status::id(previous), {}, {}});
    });
    connect(m_board, &KanbanBoard::currentLeadChanged, this, [this](const QString &id) { m_detail->setLead(id); });
    connect(m_board, &KanbanBoard::leadActivated, this, [this] {
        if (m_splitter->sizes().value(1) == 0)
            m_splitter->setSizes({m_splitter->width() - 380, 380});
        m_detail->focusFirstControl();
    });

    m_detail = new LeadDetail(service, clock, m_splitter);
    m_detail->setObjectName(QStringLiteral("leadDetail"));
    m_splitter->addWidget(main);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setSizes({1000, 380});
    connect(m_detail, &LeadDetail::changed, this,
            [this](const QString &id, LeadDetail::ChangeKind kind, const QString &previous) {
                if (!m_undoing)
                    m_undo.append({id, kind, previous, {}, {}});
            });

    auto *undoAction = new QAction(tr("Undo"), this);
    undoAction->setShortcut(QKeySequence::Undo);
    undoAction->setShortcutContext(Qt::WindowShortcut);
    connect(undoAction, &QAction::triggered, this, [this] { undo(); });
    addAction(undoAction);

    // Changes reach the list after the writer has returned (queued), whoever made them.
    connect(&service, &LeadService::leadChanged, this, [this](const QString &id) {
        refresh();
        if (id == m_detail->leadId())
            m_detail->reload();
    }, Qt::QueuedConnection);
    connect(&service, &LeadService::leadCreated, this, [this] {
        refresh();
    }, Qt::QueuedConnection);
    // AI scores arrive in batches (and may move leads to Qualified).
    connect(&service, &LeadService::aiScoresChanged, this, [this](const QStringList &ids) {
        refresh();
        if (ids.contains(m_detail->leadId()))
            m_detail->reload();
    }, Qt::QueuedConnection);
    connect(&service, &LeadService::leadsChanged, this, [this](const QStringList &ids) {
        refresh();
        if (ids.contains(m_detail->leadId()))
            m_detail->reload();
    }, Qt::QueuedConnection);

    m_views = new SavedViewsController(service, *this);
    connect(m_views, &SavedViewsController::message, this, &LeadsPage::message);

    m_staleRules = StaleRules::fromSetting(service.setting(StaleRules::settingKey()));
    m_model->setStaleRules(m_staleRules);
    m_model->setSort(int(Column::LastActivity), Qt::DescendingOrder);
    applyFilter({});
    updateSelectionActions();
}

LeadsPage::~LeadsPage() = default;

void LeadsPage::buildHeader(QWidget *parent)
{
    auto *row = new QHBoxLayout;
    row->setSpacing(12);
    m_title = new QLabel(tr("Leads"), parent);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.45);
    tf.setWeight(QFont::DemiBold);
    m_title->setFont(tf);
    row->addWidget(m_title, 0, Qt::AlignBaseline);
    m_counts = new QLabel(parent);
    m_counts->setObjectName(QStringLiteral("counts"));
    m_counts->setForegroundRole(QPalette::PlaceholderText);
    row->addWidget(m_counts, 0, Qt::AlignBaseline);
    row->addStretch(1);
    // The actions wrap onto a second row rather than widen the window (large fonts, 200 %).
    auto *actionsBox = new QWidget(parent);
    actionsBox->setObjectName(QStringLiteral("pageActions"));
    auto *actions = new FlowLayout(actionsBox, 6, Qt::AlignRight);
    // Table or board: two toggles of one group.
    auto *modes = new QWidget(parent);
    modes->setObjectName(QStringLiteral("viewModes"));
    auto *mh = new QHBoxLayout(modes);
    mh->setContentsMargins(0, 0, 0, 0);
    mh->setSpacing(0);
    m_tableButton = new QToolButton(modes);
    m_tableButton->setObjectName(QStringLiteral("showTable"));
    m_tableButton->setText(tr("\u2630 Table"));
    m_tableButton->setToolTip(tr("Show the leads as a table"));
    m_boardButton = new QToolButton(modes);
    m_boardButton->setObjectName(QStringLiteral("showBoard"));
    m_boardButton->setText(tr("\u25A5 Board"));
    m_boardButton->setToolTip(tr("Show the leads as a board, one column per status; drag a card to move it"));
    for (QToolButton *b : {m_tableButton, m_boardButton}) {
        b->setCheckable(true);
        b->setAutoExclusive(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        mh->addWidget(b);
    }
    m_tableButton->setChecked(true);
    connect(m_tableButton, &QToolButton::clicked, this, [this] { setMode(Mode::Table); });
    connect(m_boardButton, &QToolButton::clicked, this, [this] { setMode(Mode::Board); });
    actions->addWidget(modes);
    m_saveViewButton = new QPushButton(tr("Save view…"), parent);
    m_saveViewButton->setObjectName(QStringLiteral("saveView"));
    m_saveViewButton->setToolTip(tr("Save the search, filters, sort and columns as a view in the sidebar"));
    connect(m_saveViewButton, &QPushButton::clicked, this, &LeadsPage::saveView);
    actions->addWidget(m_saveViewButton);
    // Bulk assignment of the selection (also on the rows' context menu).
    m_assignAction = new QAction(tr("Assign to…"), this);
    m_assignAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_assignAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_assignAction, &QAction::triggered, this, &LeadsPage::assignSelected);
    addAction(m_assignAction);
    m_assignButton = new QPushButton(tr("Assign…"), parent);
    m_assignButton->setObjectName(QStringLiteral("assignLeads"));
    connect(m_assignButton, &QPushButton::clicked, this, &LeadsPage::assignSelected);
    actions->addWidget(m_assignButton);
    auto *import = new QPushButton(tr("Import…"), parent);
    m_importButton = import;
    import->setObjectName(QStringLiteral("importLeads"));
    import->setToolTip(tr("Import leads from a CSV file (Ctrl+I)"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    import->setVisible(m_service.permissions().allows(m_service.actor().role, Permission::Import));
    connect(import, &QPushButton::clicked, this, &LeadsPage::importLeads);
    actions->addWidget(import);
    m_exportButton = new QPushButton(tr("Export…"), parent);
    m_exportButton->setObjectName(QStringLiteral("exportLeads"));
    m_exportButton->setToolTip(tr("Export the leads in view, or the whole pipeline, as CSV, XLSX or a PDF report (Ctrl+E)"));
    m_exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportButton->setVisible(m_service.permissions().allows(m_service.actor().role, Permission::Export));
    connect(m_exportButton, &QPushButton::clicked, this, [this] { ExportDialog::run(m_service, leadFilter(), this); });
    actions->addWidget(m_exportButton);
    m_newLead = new QPushButton(tr("+  New lead"), parent);
    m_newLead->setObjectName(QStringLiteral("newLead"));
    m_newLead->setToolTip(tr("Create a lead by hand (Ctrl+N)"));
    m_newLead->setShortcut(QKeySequence::New);
    m_newLead->setProperty("primary", true);
    m_newLead->setVisible(m_service.permissions().allows(m_service.actor().role, Permission::CreateLead));
    connect(m_newLead, &QPushButton::clicked, this, &LeadsPage::newLead);
    actions->addWidget(m_newLead);
    row->addWidget(actionsBox);
    static_cast<QVBoxLayout *>(parent->layout())->addLayout(row);
}

QWidget *LeadsPage::buildEmptyState(const QString &glyph, const QString &text, const QList<QPushButton *> &buttons)
{
    auto *w = new QWidget(m_stack);
    auto *v = new QVBoxLayout(w);
    v->addStretch(2);
    auto *icon = new QLabel(glyph, w);
    QFont f = icon->font();
    f.setPointSizeF(f.pointSizeF() * 3.2);
    icon->setFont(f);
    icon->setForegroundRole(QPalette::PlaceholderText);
    icon->setAlignment(Qt::AlignCenter);
    v->addWidget(icon);
    auto *label = new QLabel(text, w);
    label->setObjectName(QStringLiteral("emptyText"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setMaximumWidth(460);
    v->addWidget(label, 0, Qt::AlignHCenter);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    for (QPushButton *b : buttons) {
        b->setParent(w);
        row->addWidget(b);
    }
    row->addStretch(1);
    v->addSpacing(8);
    v->addLayout(row);
    v->addStretch(3);
    return w;
}

LeadFilter LeadsPage::leadFilter() const
{
    LeadFilter f = m_filterBar->filter();
    f.search = m_search->text();
    return f;
}

void LeadsPage::setLeadFilter(const LeadFilter &filter)
{
    m_searchTimer->stop();
    {
        const QSignalBlocker block(m_search);
        m_search->setText(filter.search);
    }
    m_filterBar->setFilter(filter);
    applyFilter(filter);
}

void LeadsPage::applySearchNow()
{
    m_searchTimer->stop();
    applyFilter(leadFilter());
}

void LeadsPage::applyFilter(const LeadFilter &filter)
{
    m_searchTimer->stop();
    m_chips->setFilter(filter);
    reselect([this, &filter] { m_model->setLeadFilter(filter); });
    m_boardStale = true;
    if (m_mode == Mode::Board)
        updateBoard();
}

void LeadsPage::updateBoard()
{
    // Same WHERE as the table's count: the board shows exactly the leads the list matches.
    m_boardWhere = m_model->whereClause();
    m_board->setQuery(m_boardWhere, m_staleRules);
    m_boardStale = false;
}

void LeadsPage::refresh()
{
    reselect([this] {
        m_model->reloadUsers();
        // Stale cutoffs and date presets follow the clock: rebuild the WHERE, and select
        // anyway when it came out the same.
        const QString before = m_model->filter();
        m_model->setLeadFilter(m_model->leadFilter());
        if (m_model->filter() == before)
            m_model->select();
    });
    updateCounts(true);
    if (m_mode == Mode::Board) {
        if (m_boardStale || m_boardWhere != m_model->whereClause())
            updateBoard();
        else
            m_board->reload();
    }
    m_views->updateStaleCount();
}

void LeadsPage::setMode(Mode mode)
{
    m_mode = mode;
    m_tableButton->setChecked(mode == Mode::Table);
    m_boardButton->setChecked(mode == Mode::Board);
    if (mode == Mode::Board) {
        updateBoard();
        m_board->selectLead(m_detail->leadId());
        m_modes->setCurrentWidget(m_board);
    } else {
        m_modes->setCurrentWidget(m_stack);
        if (!m_detail->leadId().isEmpty() && m_detail->leadId() != currentLeadId())
            selectLead(m_detail->leadId());
    }
}

void LeadsPage::attachSidebar(Sidebar *sidebar)
{
    m_views->setSidebar(sidebar);
}

QDateTime LeadsPage::now() const
{
    return m_clock.now();
}

void LeadsPage::reloadStaleRules()
{
    const StaleRules rules = StaleRules::fromSetting(m_service.setting(StaleRules::settingKey()));
    if (rules == m_staleRules)
        return;
    m_staleRules = rules;
    reselect([this, &rules] { m_model->setStaleRules(rules); });
    m_boardStale = true;
    if (m_mode == Mode::Board)
        updateBoard();
    updateCounts(false);
    m_views->updateStaleCount();
}

ViewState LeadsPage::viewState() const
{
    ViewState state;
    state.filter = leadFilter();
    const QHeaderView *header = m_view->horizontalHeader();
    state.sortKey = QLatin1String(kColumnKeys[size_t(std::clamp(header->sortIndicatorSection(), 0, LeadTableModel::kColumnCount - 1))]);
    state.descending = header->sortIndicatorOrder() == Qt::DescendingOrder;
    for (int visual = 0; visual < LeadTableModel::kColumnCount; ++visual) {
        const int c = header->logicalIndex(visual);
        if (c >= 0 && !header->isSectionHidden(c))
            state.columns.append(QLatin1String(kColumnKeys[size_t(c)]));
    }
    return state;
}

void LeadsPage::applyViewState(const ViewState &state)
{
    QHeaderView *header = m_view->horizontalHeader();
    {
        const QSignalBlocker block(header);
        if (!state.columns.isEmpty()) {
            // The view's columns in its order, then the others hidden after them.
            int visual = 0;
            for (const QString &key : state.columns) {
                const int c = columnOfKey(key);
                if (c < 0)
                    continue;
                header->setSectionHidden(c, false);
                header->moveSection(header->visualIndex(c), visual++);
            }
            for (int c = 0; c < LeadTableModel::kColumnCount; ++c) {
                if (!state.columns.contains(QLatin1String(kColumnKeys[size_t(c)])))
                    header->setSectionHidden(c, c != int(Column::Name));
            }
        } else {
            for (int c = 0; c < LeadTableModel::kColumnCount; ++c)
                header->setSectionHidden(c, false);
        }
        const int sortColumn = state.sortKey.isEmpty() ? int(Column::LastActivity) : columnOfKey(state.sortKey);
        const Qt::SortOrder order = state.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
        if (sortColumn >= 0) {
            header->setSortIndicator(sortColumn, order);
            m_model->setSort(sortColumn, order);
        }
    }
    // The same filter with a new order must select again.
    if (state.filter == leadFilter())
        reselect([this] { m_model->select(); });
    setLeadFilter(state.filter);
}

void LeadsPage::saveView()
{
    m_views->saveInteractive();
}

void LeadsPage::reselect(const std::function<void()> &select)
{
    const QString current = currentLeadId();
    const QStringList selected = selectedLeadIds();
    const int scroll = m_view->verticalScrollBar()->value();
    const int previousRow = m_view->selectionModel()->currentIndex().row();

    select();

    if (m_model->lastError().isValid()) {
        qCWarning(lcUi) << "lead list query failed:" << m_model->lastError().text();
        m_state = State::Error;
        m_errorText->setText(tr("The leads could not be read from the database: %1").arg(m_model->lastError().text()));
        m_stack->setCurrentIndex(3);
        return;
    }
    // Fetch far enough to put the viewport back where it was.
    const int rowsNeeded = scroll / kRowHeight + m_view->viewport()->height() / kRowHeight + 2;
    while (m_model->rowCount() < rowsNeeded && m_model->canFetchMore())
        m_model->fetchMore();
    // Look for the selected leads near where they were, not through the whole list: a
    // lead the new filter dropped must not cost a fetch of thousands of rows per keystroke.
    const int searchLimit = std::max({rowsNeeded, previousRow + 256, 512});

    QItemSelection selection;
    for (const QString &id : selected) {
        const int row = m_model->rowOfLead(id, searchLimit);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, LeadTableModel::kColumnCount - 1));
    }
    QItemSelectionModel *sm = m_view->selectionModel();
    const int currentRow = m_model->rowOfLead(current, searchLimit);
    {
        const QSignalBlocker block(sm);
        if (currentRow >= 0)
            sm->setCurrentIndex(m_model->index(currentRow, 0), QItemSelectionModel::NoUpdate);
        sm->select(selection, QItemSelectionModel::ClearAndSelect);
    }
    m_view->horizontalHeader()->setSortIndicatorShown(!m_model->isNewestFirst());
    m_view->viewport()->update();
    m_view->verticalScrollBar()->setValue(scroll);
    if (currentRow < 0 && !current.isEmpty() && m_detail->leadId() == current)
        m_detail->setLead({});
    updateCounts(false);
}

void LeadsPage::updateCounts(bool total)
{
    // Counts arrive from LeadCounter (a worker thread for database files): the rows are
    // on screen before a COUNT(*) over a million leads has finished.
    if (total || m_total < 0)
        m_counter->request(QStringLiteral("total"), {});
    const QString where = m_model->whereClause();
    if (where.isEmpty()) {
        m_shownPending = false;
        m_shown = m_total;
    } else {
        m_shownPending = true;
        m_counter->request(QStringLiteral("shown"), where);
    }
    showCounts();
}

void LeadsPage::countArrived(const QString &key, const QString &where, qint64 count)
{
    if (key == u"total") {
        m_total = count;
        if (m_model->whereClause().isEmpty())
            m_shown = count;
    } else if (where == m_model->whereClause()) {
        m_shown = count;
        m_shownPending = false;
    }
    showCounts();
}

void LeadsPage::showCounts()
{
    m_counts->setText(countsText());
    updateState();
    if (m_total >= 0 && !m_shownPending)
        Q_EMIT countsChanged(m_total, m_shown);
}

QString LeadsPage::countsText() const
{
    const QLocale locale;
    if (m_total < 0)
        return tr("Counting…");
    const QString total = tr("%1 leads").arg(locale.toString(m_total));
    if (m_model->whereClause().isEmpty())
        return total;
    const QString order = m_model->isNewestFirst() ? tr(" · newest first") : QString();
    if (m_shownPending)
        return tr("%1 · counting…").arg(total) + order;
    return tr("%1 · %2 shown").arg(total, locale.toString(m_shown)) + order;
}

void LeadsPage::updateState()
{
    if (m_model->lastError().isValid())
        return;
    // From the rows themselves, so the state never waits for a count.
    if (m_model->rowCount() > 0)
        m_state = State::Table;
    else if (m_model->whereClause().isEmpty())
        m_state = State::NoLeads;
    else
        m_state = State::NoResults;
    m_stack->setCurrentIndex(static_cast<int>(m_state));
}

QString LeadsPage::currentLeadId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_model->leadIdAt(current.row()) : QString();
}

void LeadsPage::applyPermissions()
{
    const PermissionMatrix perms = m_service.permissions();
    const Role role = m_service.actor().role;
    m_importButton->setVisible(perms.allows(role, Permission::Import));
    m_exportButton->setVisible(perms.allows(role, Permission::Export));
    m_newLead->setVisible(perms.allows(role, Permission::CreateLead));
    // Called after team settings change: the stale limits may have changed too.
    reloadStaleRules();
    updateSelectionActions();
    if (!m_detail->leadId().isEmpty())
        m_detail->reload();
}

void LeadsPage::updateSelectionActions()
{
    if (!m_assignAction)
        return;
    const bool may = m_service.permissions().allows(m_service.actor().role, Permission::Assign);
    const int n = int(selectedLeadIds().size());
    m_assignButton->setVisible(may);
    m_assignButton->setEnabled(n > 0);
    m_assignButton->setText(n > 1 ? tr("Assign %1…").arg(n) : tr("Assign…"));
    m_assignButton->setToolTip(n > 0 ? tr("Assign the selected leads to someone (Ctrl+Shift+A)")
                                     : tr("Select leads in the table to assign them"));
    m_assignAction->setEnabled(may && n > 0);
    m_assignAction->setVisible(may);
}

void LeadsPage::assignSelected()
{
    const QStringList ids = selectedLeadIds();
    if (ids.isEmpty() || !m_service.permissions().allows(m_service.actor().role, Permission::Assign))
        return;
    AssignDialog dialog(m_service, ids, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    assignLeads(ids, dialog.assigneeId());
}

void LeadsPage::assignLeads(const QStringList &ids, const QString &assigneeId)
{
    auto done = m_service.assignMany(ids, assigneeId);
    if (!done) {
        Q_EMIT message(done.error().message());
        return;
    }
    const BulkAssignment &r = done.value();
    QString text = assigneeId.isEmpty() ? tr("%n lead(s) moved to the unassigned queue.", nullptr, int(r.assigned.size()))
                                        : tr("%n lead(s) assigned.", nullptr, int(r.assigned.size()));
    if (!r.skippedFinal.isEmpty())
        text += u' ' + tr("%n final lead(s) kept their assignee.", nullptr, int(r.skippedFinal.size()));
    if (!r.skippedAlready.isEmpty())
        text += u' ' + tr("%n already there.", nullptr, int(r.skippedAlready.size()));
    Q_EMIT message(text);
}

QStringList LeadsPage::selectedLeadIds() const
{
    QStringList ids;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        ids.append(m_model->leadIdAt(i.row()));
    return ids;
}

void LeadsPage::selectLead(const QString &leadId)
{
    const int row = m_model->rowOfLead(leadId, 1 << 20);
    if (row < 0)
        return;
    m_view->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                              QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(m_model->index(row, 0));
}

void LeadsPage::currentChanged()
{
    m_detail->setLead(currentLeadId());
}

void LeadsPage::pushUndoStep(const QString &label, std::function<bool()> undo)
{
    if (!undo)
        return;
    UndoEntry e;
    e.label = label;
    e.step = std::move(undo);
    m_undo.append(std::move(e));
}

void LeadsPage::addSelectionAction(QAction *action)
{
    if (action && !m_selectionActions.contains(action))
        m_selectionActions.append(action);
}

QStringList LeadsPage::matchingLeadIds(int limit) const
{
    return m_model->matchingLeadIds(limit);
}

bool LeadsPage::undo()
{
    if (m_undo.isEmpty())
        return false;
    const UndoEntry e = m_undo.takeLast();
    if (e.step) {
        m_undoing = true;
        const bool ok = e.step();
        m_undoing = false;
        if (!ok) {
            Q_EMIT message(tr("Could not undo %1.").arg(e.label));
            return false;
        }
        Q_EMIT message(tr("Undone: %1.").arg(e.label));
        refresh();
        if (!m_detail->leadId().isEmpty())
            m_detail->reload();
        return true;
    }
    m_undoing = true;
    Outcome done;
    if (e.kind == LeadDetail::ChangeKind::Status) {
        const auto status = Status::fromId(e.previous);
        done = status ? m_service.setStatus(e.leadId, *status) : Outcome(Error(ErrorCode::InvalidInput, tr("Nothing to undo.")));
    } else {
        done = m_service.assign(e.leadId, e.previous);
    }
    m_undoing = false;
    if (!done) {
        Q_EMIT message(tr("Cannot undo: %1").arg(done.error().message()));
        return false;
    }
    Q_EMIT message(tr("Undone."));
    if (m_detail->leadId() == e.leadId)
        m_detail->reload();
    return true;
}

void LeadsPage::newLead()
{
    NewLeadDialog dialog(m_service, this);
    if (dialog.exec() != QDialog::Accepted || dialog.leadId().isEmpty())
        return;
    const QString id = dialog.leadId();
    // The new lead may not match the current search or filters: show it anyway.
    if (m_model->rowOfLead(id) < 0 && !dialog.openedExisting())
        setLeadFilter({});
    refresh();
    if (m_model->rowOfLead(id) < 0)
        setLeadFilter({});
    selectLead(id);
}

void LeadsPage::importLeads()
{
    // The wizard imports on its own thread and connection to the same file; the page
    // refreshes when it is done.
    auto *wizard = new ImportWizard(m_service.database().path(), m_service.actor(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ImportWizard::imported, this, [this](qint64 created, qint64 updated) {
        refresh();
        Q_EMIT message(tr("Import finished: %1 created, %2 updated.").arg(created).arg(updated));
    });
    wizard->open();
}

void LeadsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void LeadsPage::loadSampleData()
{
    SampleData::Options options;
    options.leads = 500;
    options.now = m_clock.now();
    if (auto done = SampleData::generate(m_service.database(), options); !done) {
        Q_EMIT message(done.error().message());
        return;
    }
    m_filterBar->setUsers(m_service.users());
    m_filterBar->setSources(LeadQuery::sources(m_service.database().connection()));
    refresh();
}

void LeadsPage::applyDetailWidth()
{
    if (m_detailWidth < 0)
        return;
    const int total = m_splitter->width() - m_splitter->handleWidth();
    const int detail = m_detailWidth == 0 ? 0 : std::clamp(m_detailWidth, m_detail->minimumWidth(), std::max(m_detail->minimumWidth(), total / 2));
    m_splitter->setSizes({total - detail, detail});
    m_detailWidth = -1;
}

void LeadsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The window's sidebar lists the saved views (MainWindow builds it next to this page).
    if (!m_views->sidebar()) {
        if (auto *sidebar = window()->findChild<Sidebar *>())
            attachSidebar(sidebar);
    }
    // Without a remembered width the detail pane takes at most two fifths of the page, so
    // a narrow window (200 % scaling, a laptop) keeps room for the table and its filters.
    if (m_detailWidth < 0 && !m_detailSized)
        m_detailWidth = std::min(m_detail->sizeHint().width(), width() * 2 / 5);
    m_detailSized = true;
    // Sizes restored before the window has its final size would be rescaled by the first
    // layouts: restore once the show has settled.
    if (m_detailWidth >= 0) {
        QTimer::singleShot(0, this, [this] {
            applyDetailWidth();
        });
    }
}

void LeadsPage::saveState(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("leadsPage"));
    // The detail pane keeps its width whatever the window size; the table takes the rest.
    settings.setValue(QStringLiteral("detailWidth"), m_splitter->sizes().value(1));
    settings.setValue(QStringLiteral("header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("filter"), leadFilter().toVariant());
    settings.setValue(QStringLiteral("mode"), m_mode == Mode::Board ? QStringLiteral("board") : QStringLiteral("table"));
    settings.endGroup();
}

void LeadsPage::restoreState(QSettings &settings)
{
    settings.beginGroup(QStringLiteral("leadsPage"));
    bool known = false;
    const int width = settings.value(QStringLiteral("detailWidth")).toInt(&known);
    m_detailWidth = known ? std::max(0, width) : -1;
    if (isVisible())
        applyDetailWidth();
    QHeaderView *header = m_view->horizontalHeader();
    {
        const QSignalBlocker block(header);
        header->restoreState(settings.value(QStringLiteral("header")).toByteArray());
    }
    m_model->setSort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    const LeadFilter filter = LeadFilter::fromVariant(settings.value(QStringLiteral("filter")).toMap());
    const bool board = settings.value(QStringLiteral("mode")).toString() == u"board";
    settings.endGroup();
    setMode(board ? Mode::Board : Mode::Table);
    // A filter identical to the current one would not re-select; force the new order.
    m_model->select();
    setLeadFilter(filter);
}

} // namespace Leads
