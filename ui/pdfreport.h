// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace Leads {

class Database;

// The pipeline report managers hand on: a title, the view in words, summary figures
// (computed with SQL aggregates) and the lead list as a paginated A4 table with page
// numbers, as real text. Streams the list from one forward-only query; written under a
// temporary name, so a cancel or a failure leaves no file. Runs on the thread that owns
// `db` (QPdfWriter paints without a GUI thread).
class PdfReport
{
    Q_DECLARE_TR_FUNCTIONS(PdfReport)
public:
    struct Options
    {
        QString title;                    // empty: "Pipeline report"
        std::optional<LeadFilter> filter; // nullopt: the whole pipeline
        LeadQuery::Context context;
        // Pictures placed after the summary (the dashboard's charts), each scaled to the
        // page width; a picture that does not fit the rest of a page starts the next one.
        QList<QImage> charts;
        // The list stops after this many leads (a note says how many were left out);
        // 0: every lead.
        qint64 maxRows = 20000;
    };
    struct Summary
    {
        qint64 total = 0;
        QList<qint64> perStatus; // index: Status::index
        qint64 active = 0;
        qint64 followUps = 0; // active leads with a follow-up set
        qint64 overdue = 0;   // … whose time has passed
        // Converted ÷ (converted + lost); nullopt when nothing is closed yet.
        std::optional<double> conversionRate;
    };
    struct Report
    {
        qint64 rows = 0; // leads listed
        int pages = 0;
        bool cancelled = false;
        QString path;
    };
    // (leads listed, leads to list)
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit PdfReport(Database &db);

    Result<Report> write(const QString &path, const Options &options, const Progress &progress = {},
                         const std::atomic_bool *cancel = nullptr);

    Result<Summary> summary(const std::optional<LeadFilter> &filter, const LeadQuery::Context &context) const;
    // "Status: New, Contacted · Assignee: Ana Ruiz · Search: "lumen"", or "All leads".
    QString describe(const std::optional<LeadFilter> &filter) const;

private:
    Database &m_db;
};

} // namespace Leads
