// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/leadfilter.h"
#include "storage/pipelinestats.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QFrame;
class QIcon;
class QLabel;
class QStandardItemModel;
class QThread;
class QTableView;

namespace Leads {

class Clock;
class Database;

// The managers' view of the pipeline: figure cards and charts for the leads narrowed by
// creation date, source, agent and campaign, read from the local database (so it works
// offline). The figures are computed on a worker thread with its own connection; clicking
// a status bar or an agent asks for the Leads page with the matching filter.
class PipelinePage : public QWidget
{
    Q_OBJECT
public:
    // Names of the panels (charts and the agents table), for saveChart() and tests.
    static inline const QString kStatusChart = QStringLiteral("statusChart");
    static inline const QString kWeeklyChart = QStringLiteral("weeklyChart");
    static inline const QString kLostChart = QStringLiteral("lostChart");
    static inline const QString kAgingChart = QStringLiteral("agingChart");
    static inline const QString kAgentTable = QStringLiteral("agentTable");

    PipelinePage(Database &db, const Clock &clock, QWidget *parent = nullptr);
    ~PipelinePage() override;

    // The sidebar entry's icon (three bars), drawn like the sidebar's other line icons.
    static QIcon icon(const QPalette &palette);

    // What the filters select now.
    PipelineStats::Filter filter() const;
    // The figures shown (none before the first computation finished).
    const std::optional<PipelineStats> &stats() const { return m_stats; }
    bool isComputing() const { return m_computing; }
    QString errorText() const;

    QChartView *chartView(const QString &name) const;
    QTableView *agentTable() const { return m_agentTable; }
    // The text of a figure card ("total", "active", "conversion", "timeToConvert", "overdue").
    QString figureText(const QString &card) const;

    // The Leads page filter for the leads behind a bar: the page's filters plus a status
    // and/or an agent (a user id, or LeadFilter::kUnassigned).
    LeadFilter leadFilterFor(std::optional<LeadStatus> status, const QString &assignee = {}) const;
    // Writes a chart (or the agents table) as a PNG picture; false when it cannot.
    bool saveChart(const QString &name, const QString &file) const;

public Q_SLOTS:
    // Computes every figure again (new data, or a new day for "overdue" and aging).
    void refresh();

Q_SIGNALS:
    void openLeads(const Leads::LeadFilter &filter);
    // A computation finished (the figures or the error are shown).
    void computed();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Options;
    class Worker;

    void buildHeader();
    void buildCards();
    QWidget *buildPanel(const QString &title, const QString &name, QWidget *content);
    QChartView *newChartView(const QString &name);
    void filtersChanged();
    void dateChanged();
    void compute(bool withOptions);
    void showResult(quint64 generation, const std::optional<PipelineStats> &stats,
                    const std::shared_ptr<Options> &options, const QString &error);
    void applyOptions(const Options &options);
    void showStats();
    void styleChart(QChart *chart) const;
    void fillStatusChart();
    void fillWeeklyChart();
    void fillLostChart();
    void fillAgingChart();
    void fillAgentTable();
    void setFigure(const QString &card, const QString &value, const QString &note, bool alert = false);
    void askToSave(const QString &name);

    Database &m_db;
    const Clock &m_clock;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    bool m_computing = false;
    bool m_computedOnce = false;
    bool m_updatingOptions = false;
    LeadFilter::DateRange m_created;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_error = nullptr;
    QComboBox *m_dates = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_agent = nullptr;
    QComboBox *m_campaign = nullptr;
    QHash<QString, QFrame *> m_cards;
    QHash<QString, QChartView *> m_charts;
    QTableView *m_agentTable = nullptr;
    QStandardItemModel *m_agentModel = nullptr;
    std::optional<PipelineStats> m_stats;
    QString m_errorText;
};

} // namespace Leads
