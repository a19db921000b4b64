// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/permissions.h"
#include "domain/result.h"
#include "importmapping.h"

#include <QDateTime>
#include <QStringList>

#include <atomic>
#include <functional>

class QIODevice;

namespace Leads {

class Clock;
class Database;

// Imports leads from a delimited file with the same rules as every other way a lead is
// made (contact identity, one active lead per contact, score bounds, final states), in
// batches of whole leads: a cancel or a crash leaves the database as it was or with whole
// committed batches. Runs on whatever thread owns `db`; the UI runs it on a worker thread
// with its own connection.
class LeadImporter
{
public:
    struct Options
    {
        ImportMapping mapping;
        bool dryRun = false;
        int batchSize = 5000;
        bool hasHeader = true;
    };
    struct FailedRow
    {
        qint64 line = 0;
        QStringList fields;
        QString reason;
    };
    struct Report
    {
        qint64 rows = 0;
        qint64 created = 0;
        qint64 updated = 0;
        qint64 skipped = 0;
        qint64 failed = 0;
        bool cancelled = false;
        bool dryRun = false;
        qint64 elapsedMs = 0;
        QString encoding;
        QChar delimiter;
        QStringList header;
        QList<FailedRow> failures;
    };
    // (bytes read, total bytes, rows so far)
    using Progress = std::function<void(qint64, qint64, qint64)>;

    LeadImporter(Database &db, Actor actor, const Clock &clock);

    Result<Report> run(QIODevice *file, const Options &options, const Progress &progress = {},
                       const std::atomic_bool *cancel = nullptr);

    // Reads the header and the first rows (for the preview and the mapping guess).
    struct Preview
    {
        QString encoding;
        QChar delimiter;
        QStringList header;
        QList<QStringList> rows;
    };
    static Result<Preview> preview(QIODevice *file, int rows = 20);

    // The failed rows as CSV (header + a "reason" column), to fix and import again.
    static bool writeFailures(const Report &report, QIODevice *out);

    // Value parsing shared with the wizard's preview.
    static QString unwrapExcelText(const QString &cell); // ="0123" → 0123
    static QDateTime parseDate(const QString &text);     // ISO, d/m/y, m/d/y (unambiguous), …

private:
    Database &m_db;
    Actor m_actor;
    const Clock &m_clock;
};

} // namespace Leads
