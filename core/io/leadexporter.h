// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "storage/leadfilter.h"
#include "storage/leadquery.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace Leads {

class Database;

// Writes the leads of a filtered view (or all of them) to a CSV or XLSX file that
// LeadImporter maps back by itself. Streams one forward-only query: memory stays flat
// whatever the number of leads. The file appears only when it is complete: it is written
// under a temporary name in the target folder and renamed at the end, so a cancel or a
// failure leaves nothing behind (and an existing file untouched). Runs on the thread that
// owns `db`.
class LeadExporter
{
public:
    enum class Format { Csv, Xlsx };

    struct Options
    {
        Format format = Format::Csv;
        // A UTF-8 byte order mark, which Excel needs to read UTF-8 (CSV only).
        bool bom = false;
        // The view to export; nullopt exports the whole pipeline.
        std::optional<LeadFilter> filter;
        // Who "Me" is and the moment date presets resolve against.
        LeadQuery::Context context;
        // Custom attributes as extra columns, one per key present in the database.
        bool attributes = true;
    };
    struct Report
    {
        qint64 rows = 0;
        qint64 elapsedMs = 0;
        bool cancelled = false; // then no file was written
        QString path;
    };
    // (rows written, rows to write)
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit LeadExporter(Database &db);

    Result<Report> run(const QString &path, const Options &options, const Progress &progress = {},
                       const std::atomic_bool *cancel = nullptr);

    // The fixed columns, in file order; their names are ones ImportMapping recognises.
    static QStringList columns();
    // The formula-injection rule: a cell a spreadsheet would run as a formula (starting
    // with = + - @, a tab or a carriage return) gets a leading apostrophe, unless the whole
    // cell is a plain signed number such as an E.164 phone "+34612345678" (a number is
    // data, it calls nothing), so phones stay importable as they are.
    static QString neutralise(const QString &cell);
    static bool isPlainNumber(QStringView cell);

private:
    Database &m_db;
};

} // namespace Leads
