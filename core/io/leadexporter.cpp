// SPDX-License-Identifier: GPL-3.0-or-later
#include "leadexporter.h"

#include "leadscore.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QUuid>

#include <xlsxwriter.h>

#include <filesystem>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::LeadExporter), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::LeadExporter", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// The file's columns. Their names are ImportMapping synonyms (name, company, phone, email,
// source, status, score → manual score, assignee, created, notes), so a re-import maps
// them without help; campaign, follow-up and last activity have no import field and come
// back as custom attributes.
enum Col { Name, Company, Phone, Email, Source, Campaign, Status, Assignee, Score, FollowUp, Created, LastActivity, Notes, kFixedColumns };
const char *const kHeader[kFixedColumns] = {"name",     "company",  "phone",   "email", "source",
                                            "campaign", "status",   "assignee", "score", "follow-up",
                                            "created",  "last activity", "notes"};
bool isDateColumn(int c)
{
    return c == FollowUp || c == Created || c == LastActivity;
}

// XLSX's sheet limit, header row included.
constexpr qint64 kXlsxMaxRows = 1'048'576;
constexpr qsizetype kFlushBytes = 1 << 20;
constexpr int kProgressEvery = 2048;
constexpr int kMaxAttributeColumns = 200;

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

void appendDigits(char *&p, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    p += width;
}

// "yyyy-MM-dd HH:mm:ss[.zzz]" in UTC without QDateTime: formatting three dates per row
// through QDateTime::toString would cost more than the rest of the row (a million rows).
// The days → civil date step is Howard Hinnant's algorithm.
void appendUtc(QByteArray &out, qint64 ms)
{
    const qint64 secs = floorDiv(ms, 1000);
    const int milli = int(ms - secs * 1000);
    qint64 days = floorDiv(secs, 86400);
    const int sod = int(secs - days * 86400);
    days += 719468;
    const qint64 era = floorDiv(days, 146097);
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    if (y < 0 || y > 9999) {
        out.append(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8());
        return;
    }
    char buf[24];
    char *p = buf;
    appendDigits(p, int(y), 4);
    *p++ = '-';
    appendDigits(p, m, 2);
    *p++ = '-';
    appendDigits(p, d, 2);
    *p++ = ' ';
    appendDigits(p, sod / 3600, 2);
    *p++ = ':';
    appendDigits(p, sod / 60 % 60, 2);
    *p++ = ':';
    appendDigits(p, sod % 60, 2);
    if (milli != 0) {
        *p++ = '.';
        appendDigits(p, milli, 3);
    }
    out.append(buf, p - buf);
}

bool startsFormula(QChar c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

bool needsQuotes(QStringView s)
{
    for (QChar c : s) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r')
            return true;
    }
    return false;
}

// One RFC 4180 field, neutralised, as UTF-8.
void appendCsv(QByteArray &out, const QString &value)
{
    if (value.isEmpty())
        return;
    const bool prefix = startsFormula(value.front()) && !LeadExporter::isPlainNumber(value);
    if (!needsQuotes(value)) {
        if (prefix)
            out.append('\'');
        out.append(value.toUtf8());
        return;
    }
    out.append('"');
    if (prefix)
        out.append('\'');
    const QByteArray utf8 = value.toUtf8();
    for (char c : utf8) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void appendCsvHeader(QByteArray &out, const QString &name)
{
    appendCsv(out, name);
}

// The temporary name the file is written under: same folder (so the final rename is
// atomic and never crosses file systems), hidden, unique.
QString partPath(const QString &path)
{
    const QFileInfo info(path);
    return info.dir().filePath(QStringLiteral(".") + info.fileName() + QStringLiteral(".")
                               + QUuid::createUuid().toString(QUuid::Id128).left(8) + QStringLiteral(".part"));
}

Outcome replaceFile(const QString &from, const QString &to)
{
    std::error_code ec;
    // POSIX rename(2) and Windows MoveFileEx(REPLACE_EXISTING): an existing file is
    // replaced in one step, never left half-written.
    std::filesystem::rename(std::filesystem::path(from.toStdU16String()), std::filesystem::path(to.toStdU16String()),
                            ec);
    if (ec) {
        QFile::remove(from);
        return Error(ErrorCode::Storage,
                     tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(to), QString::fromStdString(ec.message())));
    }
    return {};
}

// A sink for rows: CSV or XLSX.
class Writer
{
public:
    virtual ~Writer() = default;
    virtual Outcome open(const QStringList &header) = 0;
    // One row: the fixed columns from `q` and the attributes after them.
    virtual Outcome row(const QSqlQuery &q, int columns) = 0;
    virtual Outcome finish() = 0;
    virtual void discard() = 0;
};

class CsvWriter : public Writer
{
public:
    CsvWriter(QString path, bool bom, QHash<QString, QString> users)
        : m_file(std::move(path)), m_bom(bom), m_users(std::move(users))
    {
        m_buffer.reserve(kFlushBytes + 64 * 1024);
    }
    Outcome open(const QStringList &header) override
    {
        // QSaveFile writes to a temporary file beside the target and renames it on commit.
        m_file.setDirectWriteFallback(false);
        if (!m_file.open(QIODevice::WriteOnly))
            return Error(ErrorCode::Storage, tr("Cannot write %1: %2")
                                                 .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()));
        if (m_bom)
            m_buffer.append("\xEF\xBB\xBF");
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (i > 0)
                m_buffer.append(',');
            appendCsvHeader(m_buffer, header.at(i));
        }
        m_buffer.append("\r\n");
        return {};
    }
    Outcome row(const QSqlQuery &q, int columns) override
    {
        for (int c = 0; c < columns; ++c) {
            if (c > 0)
                m_buffer.append(',');
            const QVariant v = q.value(c);
            if (v.isNull())
                continue;
            if (c == Score) {
                m_buffer.append(QByteArray::number(v.toLongLong()));
            } else if (c < kFixedColumns && isDateColumn(c)) {
                appendUtc(m_buffer, v.toLongLong());
            } else if (c == Assignee) {
                appendCsv(m_buffer, m_users.value(v.toString()));
            } else {
                appendCsv(m_buffer, v.toString());
            }
        }
        m_buffer.append("\r\n");
        if (m_buffer.size() >= kFlushBytes)
            return flush();
        return {};
    }
    Outcome finish() override
    {
        if (auto f = flush(); !f)
            return f;
        if (!m_file.commit())
            return Error(ErrorCode::Storage, tr("Cannot write %1: %2")
                                                 .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()));
        return {};
    }
    void discard() override { m_file.cancelWriting(); }

private:
    Outcome flush()
    {
        if (m_file.write(m_buffer) != m_buffer.size())
            return Error(ErrorCode::Storage, tr("Cannot write %1: %2")
                                                 .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()));
        m_buffer.clear();
        return {};
    }

    QSaveFile m_file;
    bool m_bom;
    QHash<QString, QString> m_users;
    QByteArray m_buffer;
};

class XlsxWriter : public Writer
{
public:
    XlsxWriter(QString path, QHash<QString, QString> users)
        : m_path(std::move(path)), m_part(partPath(m_path)), m_users(std::move(users))
    {
    }
    ~XlsxWriter() override
    {
        if (m_workbook) {
            workbook_close(m_workbook);
            QFile::remove(m_part);
        }
    }
    Outcome open(const QStringList &header) override
    {
        m_partUtf8 = m_part.toUtf8();
        lxw_workbook_options options = {};
        options.constant_memory = LXW_TRUE;
        m_workbook = workbook_new_opt(m_partUtf8.constData(), &options);
        if (!m_workbook)
            return Error(ErrorCode::Storage, tr("Cannot start the XLSX file."));
        m_sheet = workbook_add_worksheet(m_workbook, "Leads");
        m_bold = workbook_add_format(m_workbook);
        format_set_bold(m_bold);
        m_date = workbook_add_format(m_workbook);
        format_set_num_format(m_date, "yyyy-mm-dd hh:mm");
        m_columns = int(header.size());
        for (int c = 0; c < m_columns; ++c) {
            const double width = c == Name || c == Company || c == Email || c == Notes ? 24
                                 : isDateColumn(c) && c < kFixedColumns      ? 17
                                 : c == Score                                ? 7
                                                                             : 14;
            worksheet_set_column(m_sheet, lxw_col_t(c), lxw_col_t(c), width, nullptr);
            worksheet_write_string(m_sheet, 0, lxw_col_t(c), header.at(c).toUtf8().constData(), m_bold);
        }
        worksheet_freeze_panes(m_sheet, 1, 0);
        return {};
    }
    Outcome row(const QSqlQuery &q, int columns) override
    {
        ++m_row;
        for (int c = 0; c < columns; ++c) {
            const QVariant v = q.value(c);
            if (v.isNull())
                continue;
            lxw_error e = LXW_NO_ERROR;
            if (c == Score) {
                e = worksheet_write_number(m_sheet, lxw_row_t(m_row), lxw_col_t(c), v.toDouble(), nullptr);
            } else if (c < kFixedColumns && isDateColumn(c)) {
                // An Excel serial day (days since 1899-12-30), a real date that sorts and filters.
                const double serial = 25569.0 + double(v.toLongLong()) / 86400000.0;
                e = worksheet_write_number(m_sheet, lxw_row_t(m_row), lxw_col_t(c), serial, m_date);
            } else {
                const QString text = c == Assignee ? m_users.value(v.toString()) : v.toString();
                if (text.isEmpty())
                    continue;
                // The same text as the CSV: a string cell is not evaluated, but one edited
                // and confirmed in Excel would become a live formula without the apostrophe.
                e = worksheet_write_string(m_sheet, lxw_row_t(m_row), lxw_col_t(c),
                                           LeadExporter::neutralise(text).toUtf8().constData(), nullptr);
            }
            if (e != LXW_NO_ERROR)
                return Error(ErrorCode::Storage, tr("Cannot write the XLSX file: %1").arg(QString::fromUtf8(lxw_strerror(e))));
        }
        return {};
    }
    Outcome finish() override
    {
        worksheet_autofilter(m_sheet, 0, 0, lxw_row_t(m_row), lxw_col_t(std::max(0, m_columns - 1)));
        const lxw_error e = workbook_close(m_workbook);
        m_workbook = nullptr;
        if (e != LXW_NO_ERROR) {
            QFile::remove(m_part);
            return Error(ErrorCode::Storage, tr("Cannot write %1: %2")
                                                 .arg(QDir::toNativeSeparators(m_path), QString::fromUtf8(lxw_strerror(e))));
        }
        return replaceFile(m_part, m_path);
    }
    void discard() override
    {
        if (m_workbook) {
            // libxlsxwriter has no abort: it assembles the file, which then goes.
            workbook_close(m_workbook);
            m_workbook = nullptr;
        }
        QFile::remove(m_part);
    }

private:
    QString m_path;
    QString m_part;
    QByteArray m_partUtf8;
    QHash<QString, QString> m_users;
    lxw_workbook *m_workbook = nullptr;
    lxw_worksheet *m_sheet = nullptr;
    lxw_format *m_bold = nullptr;
    lxw_format *m_date = nullptr;
    qint64 m_row = 0;
    int m_columns = 0;
};
} // namespace

LeadExporter::LeadExporter(Database &db)
    : m_db(db)
{
}

QStringList LeadExporter::columns()
{
    QStringList list;
    for (const char *h : kHeader)
        list.append(QString::fromLatin1(h));
    return list;
}

bool LeadExporter::isPlainNumber(QStringView cell)
{
    qsizetype i = 0;
    if (i < cell.size() && (cell[i] == u'+' || cell[i] == u'-'))
        ++i;
    const qsizetype digitsFrom = i;
    while (i < cell.size() && cell[i] >= u'0' && cell[i] <= u'9')
        ++i;
    if (i == digitsFrom)
        return false;
    if (i < cell.size() && cell[i] == u'.') {
        const qsizetype fraction = ++i;
        while (i < cell.size() && cell[i] >= u'0' && cell[i] <= u'9')
            ++i;
        if (i == fraction)
            return false;
    }
    return i == cell.size();
}

QString LeadExporter::neutralise(const QString &cell)
{
    if (cell.isEmpty() || !startsFormula(cell.front()) || isPlainNumber(cell))
        return cell;
    return u'\'' + cell;
}

Result<LeadExporter::Report> LeadExporter::run(const QString &path, const Options &options, const Progress &progress,
                                               const std::atomic_bool *cancel)
{
    QElapsedTimer timer;
    timer.start();
    const QSqlDatabase conn = m_db.connection();
    const QFileInfo target(path);
    if (path.isEmpty() || target.isDir())
        return Error(ErrorCode::InvalidInput, tr("Choose a file to export to."));
    if (!target.dir().exists())
        return Error(ErrorCode::NotFound,
                     tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(target.absolutePath())));

    // Which leads: the view's filter through the same LeadQuery as the list. The list's
    // form of the condition lets SQLite walk the table in lead_no order and test each row,
    // so rows stream out as they are read instead of being collected and sorted first.
    QString where;
    QString countWhere;
    if (options.filter) {
        where = LeadQuery::where(*options.filter, conn.driver(), options.context, true);
        countWhere = LeadQuery::where(*options.filter, conn.driver(), options.context, false);
    }
    auto total = LeadQuery::count(conn, countWhere);
    if (!total)
        return total.error();
    if (options.format == Format::Xlsx && total.value() >= kXlsxMaxRows)
        return Error(ErrorCode::InvalidInput, tr("%1 leads do not fit in one XLSX sheet (at most %2 rows); export "
                                                 "them as CSV or narrow the view.")
                                                  .arg(total.value())
                                                  .arg(kXlsxMaxRows - 1));

    QHash<QString, QString> users; // id → username (unique, and what the importer matches)
    {
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT id, username FROM users")))
            return storageError(q, tr("reading users"));
        while (q.next())
            users.insert(q.value(0).toString(), q.value(1).toString());
    }

    QStringList header = columns();
    QString select = QStringLiteral("SELECT name, company, phone, email, source, campaign, status, assignee_id, score, "
                                    "follow_up_at, created_at, last_activity_at, notes");
    if (options.attributes) {
        QSet<QString> taken;
        for (const QString &h : std::as_const(header))
            taken.insert(h.toLower());
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT DISTINCT key FROM lead_attributes ORDER BY key")))
            return storageError(q, tr("reading custom attributes"));
        int added = 0;
        while (q.next() && added < kMaxAttributeColumns) {
            const QString key = q.value(0).toString();
            // An attribute named like a fixed column would be read back as that column.
            if (key.trimmed().isEmpty() || taken.contains(key.toLower()))
                continue;
            taken.insert(key.toLower());
            header.append(key);
            select += QStringLiteral(", (SELECT value FROM lead_attributes WHERE lead_id = leads.id AND key = %1)")
                          .arg(LeadQuery::literal(conn.driver(), key));
            ++added;
        }
    }
    select += QStringLiteral(" FROM leads");
    if (!where.isEmpty())
        select += QStringLiteral(" WHERE ") + where;
    select += QStringLiteral(" ORDER BY lead_no");

    std::unique_ptr<Writer> writer;
    if (options.format == Format::Csv)
        writer = std::make_unique<CsvWriter>(target.absoluteFilePath(), options.bom, users);
    else
        writer = std::make_unique<XlsxWriter>(target.absoluteFilePath(), users);
    if (auto o = writer->open(header); !o)
        return o.error();

    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(select)) {
        writer->discard();
        return storageError(q, tr("reading leads"));
    }
    Report report;
    report.path = target.absoluteFilePath();
    const int width = int(header.size());
    if (progress)
        progress(0, total.value());
    while (q.next()) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            report.cancelled = true;
            break;
        }
        if (auto o = writer->row(q, width); !o) {
            writer->discard();
            return o.error();
        }
        ++report.rows;
        if (progress && report.rows % kProgressEvery == 0)
            progress(report.rows, std::max(report.rows, total.value()));
    }
    if (!report.cancelled && q.lastError().isValid()) {
        writer->discard();
        return storageError(q, tr("reading leads"));
    }
    q.finish();
    if (report.cancelled) {
        writer->discard();
    } else {
        if (auto o = writer->finish(); !o)
            return o.error();
        if (progress)
            progress(report.rows, report.rows);
    }
    report.elapsedMs = timer.elapsed();
    qCInfo(lcStorage) << "export:" << report.rows << "rows in" << report.elapsedMs << "ms"
                      << (report.cancelled ? "(cancelled, nothing written)" : "");
    return report;
}

} // namespace Leads
