// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipelinepage.h"

#include "sidebar.h"

#include "domain/clock.h"
#include "storage/database.h"
#include "widgets/statuspalette.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QScrollArea>
#include <QSqlQuery>
#include <QStackedBarSeries>
#include <QBarSeries>
#include <QStandardItemModel>
#include <QTableView>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace Leads {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr double kDayMs = 24.0 * 3600 * 1000;

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString days(double ms)
{
    const double d = ms / kDayMs;
    return d < 10 ? PipelinePage::tr("%1 days").arg(QLocale().toString(d, 'f', 1))
                  : PipelinePage::tr("%1 days").arg(QLocale().toString(qRound(d)));
}

// A round axis maximum above the largest value, with room for the value labels.
double axisMax(double largest)
{
    if (largest <= 0)
        return 1;
    const double padded = largest * 1.15;
    const double step = std::pow(10.0, std::floor(std::log10(padded)));
    return std::ceil(padded / step) * step;
}

// The count axis every chart of the page shares: from 0 to a round value above the
// largest, in whole numbers, at `alignment`; attached to each of `series`.
void addCountAxis(QChart *chart, const QList<QAbstractSeries *> &series, qint64 largest, Qt::Alignment alignment,
                         int ticks = 5)
{
    auto *axis = new QValueAxis;
    axis->setRange(0, axisMax(double(largest)));
    axis->setLabelFormat(QStringLiteral("%d"));
    axis->setTickCount(ticks);
    chart->addAxis(axis, alignment);
    for (QAbstractSeries *one : series)
        one->attachAxis(axis);
}

// A category axis without grid lines at `alignment`, attached to `series`.
void addCategoryAxis(QChart *chart, QAbstractSeries *series, const QStringList &categories, Qt::Alignment alignment)
{
    auto *axis = new QBarCategoryAxis;
    axis->append(categories);
    axis->setGridLineVisible(false);
    chart->addAxis(axis, alignment);
    series->attachAxis(axis);
}

// A status's bar: filled with the colour of its pair that stands out on the chart's
// background, unless that one is white or grey and the other is a colour (final statuses
// are solid fills with white text: three white bars would look alike on a dark chart).
// The value on the bar is written in the other colour of the pair, which meets AA.
std::pair<QColor, QColor> barColours(LeadStatus status, const QPalette &palette)
{
    const StatusPalette::Colors c = StatusPalette::colors(status, StatusPalette::isDark(palette));
    const QColor base = palette.color(QPalette::Base);
    auto neutral = [](const QColor &colour) { return colour.hsvSaturationF() < 0.12; };
    bool textFills = StatusPalette::contrastRatio(c.text, base) > StatusPalette::contrastRatio(c.background, base);
    if (neutral(textFills ? c.text : c.background) && !neutral(textFills ? c.background : c.text))
        textFills = !textFills;
    return textFills ? std::pair{c.text, c.background} : std::pair{c.background, c.text};
}

} // namespace

// The filters' choices, read on the worker thread (a DISTINCT over a million leads is not
// for the UI thread either).
struct PipelinePage::Options
{
    QStringList sources;
    QList<QPair<QString, QString>> agents; // id, display name
    QStringList campaigns;
};

// Lives in the page's thread and owns that thread's read-only connection.
class PipelinePage::Worker : public QObject
{
public:
    Worker(QString path, std::shared_ptr<std::atomic<quint64>> generation)
        : m_path(std::move(path)), m_generation(std::move(generation))
    {
    }

    void compute(PipelinePage *page, quint64 generation, const PipelineStats::Filter &filter, const QDateTime &now,
                 bool withOptions)
    {
        if (generation < m_generation->load())
            return; // a newer request replaced this one
        if (!m_db) {
            auto opened = Database::open(m_path, Database::Mode::ReadOnly);
            if (!opened) {
                deliver(page, generation, std::nullopt, nullptr, opened.error().message());
                return;
            }
            m_db = std::move(opened.value());
            PipelineStats::prepareConnection(m_db->connection());
        }
        std::shared_ptr<Options> options;
        if (withOptions)
            options = readOptions(m_db->connection());
        FixedClock clock(now);
        auto stats = PipelineStats::compute(m_db->connection(), filter, clock);
        if (stats)
            deliver(page, generation, stats.value(), options, QString());
        else
            deliver(page, generation, std::nullopt, options, stats.error().message());
    }

    static std::shared_ptr<Options> readOptions(const QSqlDatabase &db)
    {
        auto options = std::make_shared<Options>();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT DISTINCT source FROM leads ORDER BY source"))) {
            while (q.next())
                options->sources.append(q.value(0).toString());
        }
        if (q.exec(QStringLiteral("SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name"))) {
            while (q.next())
                options->agents.append({q.value(0).toString(), q.value(1).toString()});
        }
        if (q.exec(QStringLiteral("SELECT DISTINCT campaign FROM leads WHERE campaign <> '' ORDER BY campaign"))) {
            while (q.next())
                options->campaigns.append(q.value(0).toString());
        }
        return options;
    }

private:
    static void deliver(PipelinePage *page, quint64 generation, std::optional<PipelineStats> stats,
                        std::shared_ptr<Options> options, QString error)
    {
        QMetaObject::invokeMethod(page, [page, generation, stats = std::move(stats), options = std::move(options),
                                         error = std::move(error)] { page->showResult(generation, stats, options, error); });
    }

    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    std::unique_ptr<Database> m_db;
};

PipelinePage::PipelinePage(Database &db, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_db(db), m_clock(clock), m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    setObjectName(QStringLiteral("pipelinePage"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 14, 20, 12);
    outer->setSpacing(10);
    buildHeader();
    buildCards();

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("pipelineError"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    outer->addWidget(m_error);

    // Panels scroll when the window is smaller than the grid wants.
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *grid = new QWidget(scroll);
    grid->setObjectName(QStringLiteral("pipelineGrid"));
    auto *g = new QGridLayout(grid);
    g->setContentsMargins(0, 0, 0, 0);
    g->setSpacing(12);

    m_agentModel = new QStandardItemModel(0, 6, this);
    m_agentModel->setHorizontalHeaderLabels(
        {tr("Agent"), tr("Active"), tr("Overdue"), tr("Converted"), tr("Lost"), tr("Conversion")});
    m_agentTable = new QTableView(grid);
    m_agentTable->setObjectName(kAgentTable);
    m_agentTable->setModel(m_agentModel);
    m_agentTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_agentTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_agentTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_agentTable->setAlternatingRowColors(true);
    m_agentTable->setShowGrid(false);
    m_agentTable->setWordWrap(false);
    m_agentTable->verticalHeader()->hide();
    m_agentTable->verticalHeader()->setDefaultSectionSize(28);
    m_agentTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_agentTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_agentTable->horizontalHeader()->setHighlightSections(false);
    m_agentTable->setToolTip(tr("Double-click or press Enter to open the agent's leads"));
    connect(m_agentTable, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex first = index.siblingAtColumn(0);
        Q_EMIT openLeads(leadFilterFor(std::nullopt, first.data(kIdRole).toString()));
    });

    // Twelve columns: the status chart gets nine (room for every status name); below,
    // the weeks, the lost reasons and the agents (names and five figures) share the rest.
    g->addWidget(buildPanel(tr("Leads per status"), kStatusChart, newChartView(kStatusChart)), 0, 0, 1, 9);
    g->addWidget(buildPanel(tr("Days in current status"), kAgingChart, newChartView(kAgingChart)), 0, 9, 1, 3);
    g->addWidget(buildPanel(tr("Created and converted per week"), kWeeklyChart, newChartView(kWeeklyChart)), 1, 0, 1, 3);
    g->addWidget(buildPanel(tr("Lost reasons"), kLostChart, newChartView(kLostChart)), 1, 3, 1, 4);
    g->addWidget(buildPanel(tr("Agents"), kAgentTable, m_agentTable), 1, 7, 1, 5);
    for (int c = 0; c < 12; ++c)
        g->setColumnStretch(c, 1);
    g->setRowStretch(0, 1);
    g->setRowStretch(1, 1);
    grid->setMinimumHeight(560);
    scroll->setWidget(grid);
    outer->addWidget(scroll, 1);

    // Cards and panels follow the palette (light or dark) like the rest of the window.
    setStyleSheet(QStringLiteral("QFrame#figureCard, QFrame#chartPanel { background: palette(base); "
                                 "border: 1px solid palette(midlight); border-radius: 8px; }"
                                 "QFrame#figureCard QLabel, QFrame#chartPanel QLabel { border: none; background: transparent; }"
                                 "QFrame#chartPanel QTableView { border: none; }"));

    const QString path = db.path();
    if (!path.isEmpty() && path != u":memory:") {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("pipeline figures"));
        m_worker = new Worker(path, m_generation);
        m_worker->moveToThread(m_thread);
        // The worker (and its connection) is destroyed in its own thread.
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        m_thread->start(QThread::LowPriority);
    }
}

PipelinePage::~PipelinePage()
{
    if (m_thread) {
        m_generation->fetch_add(1); // queued requests are stale now
        m_thread->quit();
        m_thread->wait();
    }
}

QIcon PipelinePage::icon(const QPalette &palette)
{
    return Sidebar::lineIcon(palette, [](QPainter &p, QPen &, bool) {
        // Three bars on a base line: the dashboard.
        p.drawLine(QPointF(1.5, 14.25), QPointF(14.5, 14.25));
        p.drawRect(QRectF(2.75, 8.0, 2.5, 4.5));
        p.drawRect(QRectF(6.75, 3.0, 2.5, 9.5));
        p.drawRect(QRectF(10.75, 6.0, 2.5, 6.5));
    });
}

void PipelinePage::buildHeader()
{
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    m_title = new QLabel(tr("Pipeline"), this);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.45);
    tf.setWeight(QFont::DemiBold);
    m_title->setFont(tf);
    row->addWidget(m_title, 0, Qt::AlignBaseline);
    row->addSpacing(4);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("counts"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    row->addWidget(m_subtitle, 0, Qt::AlignBaseline);
    row->addStretch(1);

    m_dates = new QComboBox(this);
    m_dates->setObjectName(QStringLiteral("dateFilter"));
    m_dates->setToolTip(tr("Leads created in this period"));
    for (auto preset : {LeadFilter::DatePreset::Any, LeadFilter::DatePreset::Today, LeadFilter::DatePreset::Last7Days,
                        LeadFilter::DatePreset::Last30Days, LeadFilter::DatePreset::ThisMonth,
                        LeadFilter::DatePreset::Custom}) {
        const QString label = preset == LeadFilter::DatePreset::Any      ? tr("Created: any time")
                              : preset == LeadFilter::DatePreset::Custom ? tr("Created between…")
                                                                         : tr("Created: %1").arg(LeadFilter::presetLabel(preset));
        m_dates->addItem(label, int(preset));
    }
    row->addWidget(m_dates);
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        e->setVisible(false);
        connect(e, &QDateEdit::dateChanged, this, &PipelinePage::dateChanged);
    }
    m_from->setObjectName(QStringLiteral("createdFrom"));
    m_from->setToolTip(tr("Created on or after"));
    m_to->setObjectName(QStringLiteral("createdTo"));
    m_to->setToolTip(tr("Created on or before"));
    row->addWidget(m_from);
    row->addWidget(m_to);
    connect(m_dates, &QComboBox::currentIndexChanged, this, &PipelinePage::dateChanged);

    auto combo = [this, row](const QString &name, const QString &all, const QString &tip) {
        auto *c = new QComboBox(this);
        c->setObjectName(name);
        c->setToolTip(tip);
        c->addItem(all, QString());
        c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(c, &QComboBox::currentIndexChanged, this, &PipelinePage::filtersChanged);
        row->addWidget(c);
        return c;
    };
    m_source = combo(QStringLiteral("sourceFilter"), tr("All sources"), tr("Where the leads came from"));
    m_agent = combo(QStringLiteral("agentFilter"), tr("All agents"), tr("Who the leads are assigned to"));
    m_agent->addItem(tr("Unassigned"), LeadFilter::kUnassigned);
    m_campaign = combo(QStringLiteral("campaignFilter"), tr("All campaigns"), tr("The broadcast campaign the leads answered"));

    auto *refreshButton = new QToolButton(this);
    refreshButton->setObjectName(QStringLiteral("refreshPipeline"));
    refreshButton->setText(tr("Refresh"));
    refreshButton->setToolTip(tr("Compute the figures again (F5)"));
    refreshButton->setShortcut(QKeySequence::Refresh);
    refreshButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(refreshButton, &QToolButton::clicked, this, &PipelinePage::refresh);
    row->addWidget(refreshButton);
    static_cast<QVBoxLayout *>(layout())->addLayout(row);
}

void PipelinePage::buildCards()
{
    auto *row = new QHBoxLayout;
    row->setSpacing(12);
    const QList<QPair<QString, QString>> cards = {
        {QStringLiteral("total"), tr("Leads")},
        {QStringLiteral("active"), tr("Active")},
        {QStringLiteral("conversion"), tr("Conversion rate")},
        {QStringLiteral("timeToConvert"), tr("Median time to convert")},
        {QStringLiteral("overdue"), tr("Overdue follow-ups")},
    };
    for (const auto &[id, caption] : cards) {
        auto *card = new QFrame(this);
        card->setObjectName(QStringLiteral("figureCard"));
        card->setProperty("card", id);
        auto *v = new QVBoxLayout(card);
        v->setContentsMargins(14, 10, 14, 10);
        v->setSpacing(2);
        auto *c = new QLabel(caption, card);
        c->setForegroundRole(QPalette::PlaceholderText);
        c->setWordWrap(true); // narrow cards (large fonts, 200 %) wrap instead of cutting

        v->addWidget(c);
        auto *value = new QLabel(QStringLiteral("–"), card);
        value->setObjectName(QStringLiteral("figureValue"));
        QFont f = value->font();
        f.setPointSizeF(f.pointSizeF() * 1.7);
        f.setWeight(QFont::DemiBold);
        value->setFont(f);
        v->addWidget(value);
        auto *note = new QLabel(card);
        note->setObjectName(QStringLiteral("figureNote"));
        note->setForegroundRole(QPalette::PlaceholderText);
        note->setWordWrap(true);
        v->addWidget(note);
        row->addWidget(card, 1);
        m_cards.insert(id, card);
    }
    static_cast<QVBoxLayout *>(layout())->addLayout(row);
}

QWidget *PipelinePage::buildPanel(const QString &title, const QString &name, QWidget *content)
{
    auto *panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("chartPanel"));
    panel->setMinimumHeight(250);
    auto *v = new QVBoxLayout(panel);
    v->setContentsMargins(12, 8, 8, 8);
    v->setSpacing(4);
    auto *head = new QHBoxLayout;
    auto *label = new QLabel(title, panel);
    QFont f = label->font();
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    head->addWidget(label, 1);
    auto *save = new QToolButton(panel);
    save->setObjectName(QStringLiteral("save_") + name);
    save->setText(tr("Save as PNG…"));
    save->setToolTip(tr("Save this chart as a PNG picture"));
    save->setAutoRaise(true);
    connect(save, &QToolButton::clicked, this, [this, name] { askToSave(name); });
    head->addWidget(save);
    v->addLayout(head);
    content->setParent(panel);
    v->addWidget(content, 1);
    content->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(content, &QWidget::customContextMenuRequested, this, [this, name, content](const QPoint &pos) {
        QMenu menu(this);
        menu.addAction(tr("Save as PNG…"), this, [this, name] { askToSave(name); });
        menu.exec(content->mapToGlobal(pos));
    });
    return panel;
}

QChartView *PipelinePage::newChartView(const QString &name)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setVisible(false);
    auto *view = new QChartView(chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    view->setMinimumSize(160, 190);
    m_charts.insert(name, view);
    return view;
}

QChartView *PipelinePage::chartView(const QString &name) const
{
    return m_charts.value(name);
}

PipelineStats::Filter PipelinePage::filter() const
{
    PipelineStats::Filter f;
    if (m_created.isActive()) {
        const auto [from, to] = LeadFilter::resolve(m_created, m_clock.now());
        f.createdFrom = from;
        f.createdTo = to;
    }
    if (const QString s = m_source->currentData().toString(); !s.isEmpty())
        f.sources = {s};
    if (const QString a = m_agent->currentData().toString(); !a.isEmpty())
        f.assignees = {a};
    if (const QString c = m_campaign->currentData().toString(); !c.isEmpty())
        f.campaigns = {c};
    return f;
}

LeadFilter PipelinePage::leadFilterFor(std::optional<LeadStatus> status, const QString &assignee) const
{
    LeadFilter f;
    if (status)
        f.statuses = {*status};
    f.created = m_created;
    if (const QString s = m_source->currentData().toString(); !s.isEmpty())
        f.sources = {s};
    if (!assignee.isEmpty())
        f.assignees = {assignee};
    else if (const QString a = m_agent->currentData().toString(); !a.isEmpty())
        f.assignees = {a};
    if (const QString c = m_campaign->currentData().toString(); !c.isEmpty())
        f.campaigns = {c};
    return f;
}

void PipelinePage::dateChanged()
{
    const auto preset = LeadFilter::DatePreset(m_dates->currentData().toInt());
    const bool custom = preset == LeadFilter::DatePreset::Custom;
    if (custom && !m_from->isVisible() && !m_to->isVisible() && !m_from->property("set").toBool()) {
        const QDate today = m_clock.now().toLocalTime().date();
        const QSignalBlocker b1(m_from), b2(m_to);
        m_from->setDate(today.addDays(-29));
        m_to->setDate(today);
        m_from->setProperty("set", true);
    }
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    LeadFilter::DateRange range;
    range.preset = preset;
    if (custom) {
        range.from = QDateTime(m_from->date(), QTime(0, 0)).toUTC();
        range.to = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toUTC();
        if (range.to <= range.from)
            range.to = range.from.addDays(1);
    }
    m_created = range;
    filtersChanged();
}

void PipelinePage::filtersChanged()
{
    if (m_updatingOptions)
        return;
    compute(false);
}

void PipelinePage::refresh()
{
    compute(true);
}

void PipelinePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_computedOnce && !m_computing)
        refresh();
}

void PipelinePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        // Charts paint with colours taken from the palette when they were filled.
        if (m_stats)
            showStats();
    }
}

void PipelinePage::compute(bool withOptions)
{
    m_computing = true;
    m_subtitle->setText(m_stats ? tr("%1 leads · updating…").arg(number(m_stats->total)) : tr("Computing…"));
    const quint64 generation = m_generation->fetch_add(1) + 1;
    const PipelineStats::Filter f = filter();
    const QDateTime now = m_clock.now();
    if (!m_thread) {
        // An in-memory database has no second connection: compute here, it is small.
        std::shared_ptr<Options> options = withOptions ? Worker::readOptions(m_db.connection()) : nullptr;
        FixedClock clock(now);
        auto stats = PipelineStats::compute(m_db.connection(), f, clock);
        showResult(generation, stats ? std::optional<PipelineStats>(stats.value()) : std::nullopt, options,
                   stats ? QString() : stats.error().message());
        return;
    }
    auto *worker = static_cast<Worker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [worker, this, generation, f, now, withOptions] {
        worker->compute(this, generation, f, now, withOptions);
    });
}

void PipelinePage::showResult(quint64 generation, const std::optional<PipelineStats> &stats,
                              const std::shared_ptr<Options> &options, const QString &error)
{
    if (options)
        applyOptions(*options);
    if (generation != m_generation->load())
        return; // a newer computation is on its way
    m_computing = false;
    m_computedOnce = true;
    m_errorText = error;
    m_error->setVisible(!error.isEmpty());
    m_error->setText(tr("The figures could not be computed: %1").arg(error));
    if (stats) {
        m_stats = stats;
        showStats();
    } else {
        m_subtitle->setText(QString());
    }
    Q_EMIT computed();
}

void PipelinePage::applyOptions(const Options &options)
{
    m_updatingOptions = true;
    auto refill = [](QComboBox *combo, const QList<QPair<QString, QString>> &items, int keep) {
        const QString current = combo->currentData().toString();
        while (combo->count() > keep)
            combo->removeItem(combo->count() - 1);
        for (const auto &[id, label] : items)
            combo->addItem(label, id);
        const int at = combo->findData(current);
        combo->setCurrentIndex(at >= 0 ? at : 0);
    };
    QList<QPair<QString, QString>> sources;
    for (const QString &s : options.sources) {
        QString label = s;
        if (!label.isEmpty())
            label[0] = label[0].toUpper();
        sources.append({s, label});
    }
    refill(m_source, sources, 1);
    refill(m_agent, options.agents, 2);
    QList<QPair<QString, QString>> campaigns;
    for (const QString &c : options.campaigns)
        campaigns.append({c, c});
    refill(m_campaign, campaigns, 1);
    m_updatingOptions = false;
}

QString PipelinePage::errorText() const
{
    return m_errorText;
}

void PipelinePage::setFigure(const QString &card, const QString &value, const QString &note, bool alert)
{
    QFrame *frame = m_cards.value(card);
    if (!frame)
        return;
    auto *v = frame->findChild<QLabel *>(QStringLiteral("figureValue"));
    v->setText(value);
    QPalette p = v->palette();
    p.setColor(QPalette::WindowText, alert ? QColor(StatusPalette::isDark(palette()) ? 0xFCA5A5 : 0xB91C1C)
                                           : palette().color(QPalette::WindowText));
    v->setPalette(p);
    frame->findChild<QLabel *>(QStringLiteral("figureNote"))->setText(note);
}

QString PipelinePage::figureText(const QString &card) const
{
    QFrame *frame = m_cards.value(card);
    return frame ? frame->findChild<QLabel *>(QStringLiteral("figureValue"))->text() : QString();
}

void PipelinePage::showStats()
{
    const PipelineStats &s = *m_stats;
    const QString when = QLocale().toString(m_clock.now().toLocalTime().time(), QLocale::ShortFormat);
    m_subtitle->setText(tr("%1 leads · as of %2").arg(number(s.total), when));

    setFigure(QStringLiteral("total"), number(s.total), tr("created in the period"));
    setFigure(QStringLiteral("active"), number(s.active),
              s.total ? tr("%1 of all").arg(percent(double(s.active) / double(s.total))) : QString());
    const auto rate = s.conversionRate();
    setFigure(QStringLiteral("conversion"), rate ? percent(*rate) : QStringLiteral("–"),
              tr("%1 converted · %2 lost").arg(number(s.converted), number(s.lost)));
    setFigure(QStringLiteral("timeToConvert"),
              s.medianTimeToConvertMs ? days(double(*s.medianTimeToConvertMs)) : QStringLiteral("–"),
              s.meanTimeToConvertMs ? tr("mean %1").arg(days(*s.meanTimeToConvertMs)) : QString());
    setFigure(QStringLiteral("overdue"), number(s.overdue), tr("on active leads"), s.overdue > 0);

    for (QChartView *view : std::as_const(m_charts))
        view->setBackgroundBrush(palette().color(QPalette::Base));
    fillStatusChart();
    fillWeeklyChart();
    fillLostChart();
    fillAgingChart();
    fillAgentTable();
}

void PipelinePage::styleChart(QChart *chart) const
{
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->legend()->setFont(font());
    const QColor grid = pal.color(QPalette::Mid);
    QColor faint = grid;
    faint.setAlpha(90);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setLabelsFont(small);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(faint);
        axis->setShadesVisible(false);
        axis->setTitleVisible(false);
        // Qt Charts elides category names under bars that would fit ("Qualifyi…" in a
        // 100 px slot); the layout leaves each its room, and a status needs its whole name.
        if (axis->type() == QAbstractAxis::AxisTypeBarCategory && axis->orientation() == Qt::Horizontal)
            axis->setTruncateLabels(false);
    }
}

namespace {

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

} // namespace

void PipelinePage::fillStatusChart()
{
    QChart *chart = m_charts.value(kStatusChart)->chart();
    clearChart(chart);
    const PipelineStats &s = *m_stats;
    QStringList categories;
    for (LeadStatus st : kAllStatuses)
        categories.append(Status::glyph(st) + QChar(0x2009) + Status::label(st));
    // One set per status, each holding only its own column: the bars then take the
    // status colours, and a click names the status by its column.
    auto *series = new QStackedBarSeries;
    qint64 largest = 0;
    for (LeadStatus st : kAllStatuses) {
        auto *set = new QBarSet(Status::label(st));
        for (LeadStatus other : kAllStatuses)
            set->append(other == st ? double(s.count(st)) : 0.0);
        const auto [fill, label] = barColours(st, palette());
        set->setColor(fill);
        set->setBorderColor(label); // outlines a dim fill on a dark chart
        set->setLabelColor(label);
        QFont lf = font();
        lf.setWeight(QFont::DemiBold);
        set->setLabelFont(lf);
        series->append(set);
        largest = std::max(largest, s.count(st));
    }
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    addCategoryAxis(chart, series, categories, Qt::AlignBottom);
    addCountAxis(chart, {series}, largest, Qt::AlignLeft);
    styleChart(chart);
    connect(series, &QStackedBarSeries::clicked, this, [this](int index, QBarSet *) {
        if (index >= 0 && index < int(kAllStatuses.size()))
            Q_EMIT openLeads(leadFilterFor(kAllStatuses[size_t(index)]));
    });
    m_charts.value(kStatusChart)->setToolTip(tr("Click a bar to see those leads"));
    m_charts.value(kStatusChart)->setCursor(Qt::PointingHandCursor);
}

void PipelinePage::fillWeeklyChart()
{
    QChart *chart = m_charts.value(kWeeklyChart)->chart();
    clearChart(chart);
    const PipelineStats &s = *m_stats;
    auto *created = new QLineSeries;
    created->setName(tr("Created"));
    auto *converted = new QLineSeries;
    converted->setName(tr("Converted"));
    qint64 largest = 0;
    auto *x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (int w = 0; w < s.weeks.size(); ++w) {
        created->append(w, double(s.weeks[w].created));
        converted->append(w, double(s.weeks[w].converted));
        largest = std::max({largest, s.weeks[w].created, s.weeks[w].converted});
        if ((s.weeks.size() - 1 - w) % 3 == 0)
            x->append(QLocale().toString(s.weeks[w].start, QStringLiteral("d MMM")), w);
    }
    const bool dark = StatusPalette::isDark(palette());
    QPen createdPen(StatusPalette::colors(LeadStatus::New, dark).text, 2.5);
    created->setPen(createdPen);
    QPen convertedPen(StatusPalette::colors(LeadStatus::Converted, dark).background, 2.5, Qt::DashLine);
    if (dark)
        convertedPen.setColor(StatusPalette::colors(LeadStatus::Qualified, dark).text);
    converted->setPen(convertedPen);
    for (QLineSeries *line : {created, converted}) {
        line->setPointsVisible(true);
        chart->addSeries(line);
    }
    x->setRange(-0.3, PipelineStats::kWeeks - 0.7);
    x->setGridLineVisible(false);
    chart->addAxis(x, Qt::AlignBottom);
    for (QLineSeries *line : {created, converted})
        line->attachAxis(x);
    addCountAxis(chart, {created, converted}, largest, Qt::AlignLeft);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignTop);
    styleChart(chart);
    m_charts.value(kWeeklyChart)->setToolTip(tr("Weeks start on Monday (UTC); the last one is this week so far"));
}

void PipelinePage::fillLostChart()
{
    QChart *chart = m_charts.value(kLostChart)->chart();
    clearChart(chart);
    const PipelineStats &s = *m_stats;
    auto *set = new QBarSet(tr("Lost"));
    QStringList categories;
    qint64 largest = 0;
    // Horizontal bars list bottom-up: the most frequent reason goes last to sit on top.
    for (qsizetype i = s.lostReasons.size() - 1; i >= 0; --i) {
        const auto &r = s.lostReasons[i];
        categories.append(r.reason.isEmpty() ? tr("No reason given") : r.reason);
        set->append(double(r.count));
        largest = std::max(largest, r.count);
    }
    const auto [fill, outline] = barColours(LeadStatus::Lost, palette());
    set->setColor(fill);
    set->setBorderColor(outline);
    set->setLabelColor(palette().color(QPalette::Text));
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setBarWidth(0.65);
    chart->addSeries(series);
    addCategoryAxis(chart, series, categories.isEmpty() ? QStringList{tr("No lost leads")} : categories, Qt::AlignLeft);
    addCountAxis(chart, {series}, largest, Qt::AlignBottom, 3);
    styleChart(chart);
    connect(series, &QHorizontalBarSeries::clicked, this,
            [this](int, QBarSet *) { Q_EMIT openLeads(leadFilterFor(LeadStatus::Lost)); });
    m_charts.value(kLostChart)->setToolTip(tr("Click a bar to see the lost leads"));
}

void PipelinePage::fillAgingChart()
{
    QChart *chart = m_charts.value(kAgingChart)->chart();
    clearChart(chart);
    const PipelineStats &s = *m_stats;
    auto *set = new QBarSet(tr("Active leads"));
    QStringList categories;
    qint64 largest = 0;
    for (int b = 0; b < PipelineStats::kAgeBuckets; ++b) {
        categories.append(PipelineStats::ageBucketLabel(PipelineStats::AgeBucket(b)));
        set->append(double(s.aging[size_t(b)]));
        largest = std::max(largest, s.aging[size_t(b)]);
    }
    // Older is worse: the colour darkens with age, and the labels say the ages anyway.
    const QColor accent = palette().color(QPalette::Highlight);
    set->setColor(accent);
    set->setBorderColor(accent);
    set->setLabelColor(palette().color(QPalette::Text));
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setBarWidth(0.6);
    chart->addSeries(series);
    addCategoryAxis(chart, series, categories, Qt::AlignBottom);
    addCountAxis(chart, {series}, largest, Qt::AlignLeft);
    styleChart(chart);
    m_charts.value(kAgingChart)
        ->setToolTip(tr("Days since each active lead's last status change (or its creation)"));
}

void PipelinePage::fillAgentTable()
{
    const PipelineStats &s = *m_stats;
    m_agentModel->setRowCount(0);
    for (const PipelineStats::Agent &a : s.agents) {
        QList<QStandardItem *> row;
        auto *name = new QStandardItem(a.id.isEmpty() ? tr("Unassigned") : a.name);
        name->setData(a.id.isEmpty() ? LeadFilter::kUnassigned : a.id, kIdRole);
        name->setToolTip(tr("%1: %2 leads in the period").arg(name->text(), number(a.total)));
        row.append(name);
        for (qint64 n : {a.active, a.overdue, a.converted, a.lost}) {
            auto *item = new QStandardItem(number(n));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.append(item);
        }
        if (a.overdue > 0)
            row[2]->setForeground(QColor(StatusPalette::isDark(palette()) ? 0xFCA5A5 : 0xB91C1C));
        const auto rate = a.conversionRate();
        auto *conv = new QStandardItem(rate ? percent(*rate) : QStringLiteral("–"));
        conv->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        row.append(conv);
        m_agentModel->appendRow(row);
    }
}

bool PipelinePage::saveChart(const QString &name, const QString &file) const
{
    QWidget *w = name == kAgentTable ? static_cast<QWidget *>(m_agentTable) : m_charts.value(name);
    if (!w)
        return false;
    const QPixmap picture = w->grab();
    return !picture.isNull() && picture.save(file, "PNG");
}

void PipelinePage::askToSave(const QString &name)
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Save chart as PNG"), name + QStringLiteral(".png"),
                                                      tr("PNG pictures (*.png)"));
    if (file.isEmpty())
        return;
    if (!saveChart(name, file)) {
        m_error->setText(tr("Could not write %1.").arg(QDir::toNativeSeparators(file)));
        m_error->setVisible(true);
    }
}

} // namespace Leads
