// SPDX-License-Identifier: GPL-3.0-or-later
#include "pdfreport.h"

#include "domain/leadstatus.h"
#include "storage/database.h"

#include <QDir>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSqlDriver>
#include <QSqlQuery>

#include <cmath>

namespace Leads {

namespace {
constexpr int kDpi = 96;
constexpr int kProgressEvery = 512;

// The table's columns and their share of the page width.
struct ListColumn
{
    const char *title;
    double share;
    Qt::Alignment align;
};
const ListColumn kListColumns[] = {
    {QT_TRANSLATE_NOOP("PdfReport", "Name"), 0.24, Qt::AlignLeft},
    {QT_TRANSLATE_NOOP("PdfReport", "Company"), 0.22, Qt::AlignLeft},
    {QT_TRANSLATE_NOOP("PdfReport", "Status"), 0.14, Qt::AlignLeft},
    {QT_TRANSLATE_NOOP("PdfReport", "Assignee"), 0.18, Qt::AlignLeft},
    {QT_TRANSLATE_NOOP("PdfReport", "Score"), 0.07, Qt::AlignRight},
    {QT_TRANSLATE_NOOP("PdfReport", "Last activity"), 0.15, Qt::AlignRight},
};
constexpr int kListColumnCount = int(std::size(kListColumns));

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

// Places content top to bottom and starts pages. Run twice with the same content: first
// without a painter to count the pages ("Page 2 of 7" needs the total on page 1), then
// painting.
class Pager
{
public:
    Pager(QPdfWriter &writer, QPainter *painter, QString footerTitle)
        : m_writer(writer), m_painter(painter), m_footerTitle(std::move(footerTitle)),
          m_footerFont(font(7.5)), m_footerHeight(QFontMetricsF(m_footerFont, &writer).height() * 2)
    {
    }
    double width() const { return m_writer.width(); }
    double bottom() const { return m_writer.height() - m_footerHeight; }
    double y() const { return m_y; }
    int page() const { return m_page; }
    QPainter *painter() const { return m_painter; }
    void setTotalPages(int pages) { m_totalPages = pages; }
    // Room for `height` more on this page, else a new page.
    void ensure(double height)
    {
        if (m_y + height > bottom() && m_y > 0)
            newPage();
    }
    void advance(double height) { m_y += height; }
    void newPage()
    {
        footer();
        if (m_painter)
            m_writer.newPage();
        ++m_page;
        m_y = 0;
    }
    void finish() { footer(); }
    // Wrapped text across the page width.
    void paragraph(const QString &text, const QFont &f, double spaceAfter = 0)
    {
        const QFontMetricsF fm(f, &m_writer);
        const QRectF bounds = fm.boundingRect(QRectF(0, 0, width(), 1e6), Qt::TextWordWrap, text);
        ensure(bounds.height());
        if (m_painter) {
            m_painter->setFont(f);
            m_painter->drawText(QRectF(0, m_y, width(), bounds.height()), Qt::TextWordWrap, text);
        }
        m_y += bounds.height() + spaceAfter;
    }

private:
    void footer()
    {
        if (!m_painter)
            return;
        m_painter->save();
        m_painter->setFont(m_footerFont);
        m_painter->setPen(QColor(0x55, 0x55, 0x55));
        const QRectF rect(0, m_writer.height() - m_footerHeight / 2, width(), m_footerHeight / 2);
        m_painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, m_footerTitle);
        m_painter->drawText(rect, Qt::AlignRight | Qt::AlignVCenter,
                            PdfReport::tr("Page %1 of %2").arg(m_page).arg(m_totalPages));
        m_painter->restore();
    }

    QPdfWriter &m_writer;
    QPainter *m_painter;
    QString m_footerTitle;
    QFont m_footerFont;
    double m_footerHeight;
    double m_y = 0;
    int m_page = 1;
    int m_totalPages = 1;
};

QString percent(double v)
{
    return QLocale().toString(v * 100.0, 'f', 1) + u'%';
}
} // namespace

PdfReport::PdfReport(Database &db)
    : m_db(db)
{
}

Result<PdfReport::Summary> PdfReport::summary(const std::optional<LeadFilter> &filter,
                                              const LeadQuery::Context &context) const
{
    const QSqlDatabase conn = m_db.connection();
    const QString where = filter ? LeadQuery::where(*filter, conn.driver(), context, false) : QString();
    const QString whereClause = where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where;
    Summary s;
    s.perStatus.fill(0, int(kAllStatuses.size()));
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT status_rank, COUNT(*) FROM leads") + whereClause
                + QStringLiteral(" GROUP BY status_rank")))
        return storageError(q, tr("summing up the leads"));
    while (q.next()) {
        const int rank = q.value(0).toInt();
        if (rank >= 0 && rank < s.perStatus.size())
            s.perStatus[rank] = q.value(1).toLongLong();
        s.total += q.value(1).toLongLong();
    }
    const qint64 nowMs = context.now.isValid() ? context.now.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
    if (!q.exec(QStringLiteral("SELECT COALESCE(SUM(is_final = 0), 0), "
                               "COALESCE(SUM(is_final = 0 AND follow_up_at IS NOT NULL), 0), "
                               "COALESCE(SUM(is_final = 0 AND follow_up_at IS NOT NULL AND follow_up_at < %1), 0) "
                               "FROM leads")
                    .arg(nowMs)
                + whereClause)
        || !q.next())
        return storageError(q, tr("counting follow-ups"));
    s.active = q.value(0).toLongLong();
    s.followUps = q.value(1).toLongLong();
    s.overdue = q.value(2).toLongLong();
    const qint64 converted = s.perStatus.at(Status::index(LeadStatus::Converted));
    const qint64 lost = s.perStatus.at(Status::index(LeadStatus::Lost));
    if (converted + lost > 0)
        s.conversionRate = double(converted) / double(converted + lost);
    return s;
}

QString PdfReport::describe(const std::optional<LeadFilter> &filter) const
{
    if (!filter || filter->isEmpty())
        return tr("All leads");
    const LeadFilter &f = *filter;
    QStringList parts;
    if (!f.search.trimmed().isEmpty())
        parts.append(tr("Search: \u201C%1\u201D").arg(f.search.trimmed()));
    if (!f.statuses.isEmpty()) {
        QStringList labels;
        for (LeadStatus s : f.statuses)
            labels.append(Status::label(s));
        parts.append(tr("Status: %1").arg(labels.join(QStringLiteral(", "))));
    }
    if (!f.assignees.isEmpty()) {
        QHash<QString, QString> names;
        QSqlQuery q(m_db.connection());
        if (q.exec(QStringLiteral("SELECT id, display_name FROM users"))) {
            while (q.next())
                names.insert(q.value(0).toString(), q.value(1).toString());
        }
        QStringList who;
        for (const QString &a : f.assignees) {
            if (a == LeadFilter::kUnassigned)
                who.append(tr("Unassigned"));
            else if (a == LeadFilter::kMe)
                who.append(tr("Me"));
            else
                who.append(names.value(a, a));
        }
        parts.append(tr("Assignee: %1").arg(who.join(QStringLiteral(", "))));
    }
    if (!f.sources.isEmpty())
        parts.append(tr("Source: %1").arg(f.sources.join(QStringLiteral(", "))));
    if (!f.campaigns.isEmpty())
        parts.append(tr("Campaign: %1").arg(f.campaigns.join(QStringLiteral(", "))));
    if (f.followUp != LeadFilter::FollowUp::Any)
        parts.append(tr("Follow-up: %1").arg(LeadFilter::followUpLabel(f.followUp)));
    if (f.minScore && f.maxScore)
        parts.append(tr("Score %1–%2").arg(*f.minScore).arg(*f.maxScore));
    else if (f.minScore)
        parts.append(tr("Score \u2265 %1").arg(*f.minScore));
    else if (f.maxScore)
        parts.append(tr("Score \u2264 %1").arg(*f.maxScore));
    auto range = [](const LeadFilter::DateRange &r) {
        if (r.preset != LeadFilter::DatePreset::Custom)
            return LeadFilter::presetLabel(r.preset);
        const QLocale locale;
        return QStringLiteral("%1 – %2").arg(locale.toString(r.from.toLocalTime().date(), QLocale::ShortFormat),
                                             locale.toString(r.to.toLocalTime().date().addDays(-1), QLocale::ShortFormat));
    };
    if (f.created.isActive())
        parts.append(tr("Created: %1").arg(range(f.created)));
    if (f.lastActivity.isActive())
        parts.append(tr("Last activity: %1").arg(range(f.lastActivity)));
    if (f.finality == LeadFilter::Finality::Active)
        parts.append(tr("Active leads"));
    else if (f.finality == LeadFilter::Finality::Final)
        parts.append(tr("Closed leads"));
    if (f.followUp != LeadFilter::FollowUp::Any)
        parts.append(tr("Follow-up: %1").arg(LeadFilter::followUpLabel(f.followUp)));
    return parts.join(QStringLiteral(" \u00B7 "));
}

Result<PdfReport::Report> PdfReport::write(const QString &path, const Options &options, const Progress &progress,
                                           const std::atomic_bool *cancel)
{
    const QFileInfo target(path);
    if (path.isEmpty() || target.isDir())
        return Error(ErrorCode::InvalidInput, tr("Choose a file to export to."));
    auto sums = summary(options.filter, options.context);
    if (!sums)
        return sums.error();
    const Summary &s = sums.value();
    const qint64 listed = options.maxRows > 0 ? std::min(s.total, options.maxRows) : s.total;

    QSaveFile file(target.absoluteFilePath());
    file.setDirectWriteFallback(false);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::Storage,
                     tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(target.absoluteFilePath()), file.errorString()));
    const QString title = options.title.isEmpty() ? tr("Pipeline report") : options.title;
    QPdfWriter writer(&file);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Portrait);
    writer.setPageMargins(QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter);
    writer.setResolution(kDpi);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Leads"));

    const QDateTime now = options.context.now.isValid() ? options.context.now : QDateTime::currentDateTimeUtc();
    const QLocale locale;
    const QString subtitle = tr("%1 \u00B7 generated %2")
                                 .arg(describe(options.filter), locale.toString(now.toLocalTime(), QLocale::ShortFormat));
    const QFont titleFont = font(18, true);
    const QFont textFont = font(9.5);
    const QFont headingFont = font(12, true);
    const QFont cellFont = font(8);
    const QFont headerFont = font(8, true);
    const double rowHeight = QFontMetricsF(cellFont, &writer).height() * 1.45;

    QStringList figures;
    figures.append(tr("Leads: %1 (%2 active)").arg(locale.toString(s.total), locale.toString(s.active)));
    figures.append(s.conversionRate ? tr("Conversion rate: %1 of closed leads (converted ÷ converted + lost)")
                                          .arg(percent(*s.conversionRate))
                                    : tr("Conversion rate: no closed leads yet"));
    figures.append(tr("Follow-ups: %1 scheduled, %2 overdue").arg(locale.toString(s.followUps), locale.toString(s.overdue)));

    // Title, summary and charts; the same code counts pages (no painter) and paints.
    auto front = [&](Pager &pg) {
        pg.paragraph(title, titleFont, 4);
        pg.paragraph(subtitle, textFont, 14);
        pg.paragraph(tr("Summary"), headingFont, 6);
        for (const QString &line : std::as_const(figures))
            pg.paragraph(line, textFont, 2);
        pg.advance(8);
        // Counts per status as a small table: label, count, share.
        const QFontMetricsF fm(textFont, &writer);
        const double line = fm.height() * 1.3;
        for (LeadStatus st : kAllStatuses) {
            pg.ensure(line);
            const qint64 n = s.perStatus.at(Status::index(st));
            if (QPainter *p = pg.painter()) {
                p->setFont(textFont);
                p->drawText(QRectF(0, pg.y(), 180, line), Qt::AlignLeft | Qt::AlignVCenter,
                            Status::glyph(st) + u' ' + Status::label(st));
                p->drawText(QRectF(180, pg.y(), 90, line), Qt::AlignRight | Qt::AlignVCenter, locale.toString(n));
                p->drawText(QRectF(280, pg.y(), 80, line), Qt::AlignRight | Qt::AlignVCenter,
                            s.total > 0 ? percent(double(n) / double(s.total)) : QString());
            }
            pg.advance(line);
        }
        pg.advance(12);
        for (const QImage &chart : options.charts) {
            if (chart.isNull())
                continue;
            // Scaled to the page width, and to most of a page height for tall pictures.
            const double scale = std::min(pg.width() / chart.width(), pg.bottom() * 0.9 / chart.height());
            const double w = chart.width() * scale;
            const double h = chart.height() * scale;
            pg.ensure(h);
            if (QPainter *p = pg.painter())
                p->drawImage(QRectF((pg.width() - w) / 2, pg.y(), w, h), chart);
            pg.advance(h + 10);
        }
        pg.paragraph(tr("Leads"), headingFont, 4);
        if (listed < s.total)
            pg.paragraph(tr("The first %1 of %2 leads, oldest first; export as CSV or XLSX for all of them.")
                             .arg(locale.toString(listed), locale.toString(s.total)),
                         textFont, 4);
        if (listed == 0)
            pg.paragraph(tr("No leads match."), textFont);
    };
    auto tableHeader = [&](Pager &pg) {
        if (QPainter *p = pg.painter()) {
            p->setFont(headerFont);
            double x = 0;
            for (const ListColumn &c : kListColumns) {
                const double w = c.share * pg.width();
                p->drawText(QRectF(x + 2, pg.y(), w - 4, rowHeight), c.align | Qt::AlignVCenter, tr(c.title));
                x += w;
            }
            p->drawLine(QPointF(0, pg.y() + rowHeight), QPointF(pg.width(), pg.y() + rowHeight));
        }
        pg.advance(rowHeight + 1);
    };

    // Pass 1: count the pages.
    int totalPages = 1;
    {
        Pager dry(writer, nullptr, title);
        front(dry);
        if (listed > 0) {
            dry.ensure(rowHeight * 2 + 1);
            const auto perPage = [&](double from) { return std::max<qint64>(1, qint64((dry.bottom() - from - rowHeight - 1) / rowHeight)); };
            const qint64 first = perPage(dry.y());
            const qint64 rest = perPage(0);
            totalPages = dry.page() + int(listed > first ? (listed - first + rest - 1) / rest : 0);
        } else {
            totalPages = dry.page();
        }
    }

    // Pass 2: paint, streaming the list.
    QPainter painter;
    if (!painter.begin(&writer)) {
        file.cancelWriting();
        return Error(ErrorCode::Storage, tr("Cannot start the PDF."));
    }
    Pager pg(writer, &painter, title);
    pg.setTotalPages(totalPages);
    front(pg);

    Report report;
    report.path = target.absoluteFilePath();
    if (listed > 0) {
        const QSqlDatabase conn = m_db.connection();
        QHash<QString, QString> names;
        {
            QSqlQuery u(conn);
            u.setForwardOnly(true);
            if (u.exec(QStringLiteral("SELECT id, display_name FROM users"))) {
                while (u.next())
                    names.insert(u.value(0).toString(), u.value(1).toString());
            }
        }
        const QString where = options.filter ? LeadQuery::where(*options.filter, conn.driver(), options.context, true)
                                             : QString();
        QSqlQuery q(conn);
        q.setForwardOnly(true);
        QString sql = QStringLiteral("SELECT name, company, status, assignee_id, score, last_activity_at FROM leads");
        if (!where.isEmpty())
            sql += QStringLiteral(" WHERE ") + where;
        sql += QStringLiteral(" ORDER BY lead_no LIMIT %1").arg(listed);
        if (!q.exec(sql)) {
            painter.end();
            file.cancelWriting();
            return storageError(q, tr("reading leads"));
        }
        pg.ensure(rowHeight * 2 + 1);
        tableHeader(pg);
        const QFontMetricsF fm(cellFont, &writer);
        painter.setFont(cellFont);
        if (progress)
            progress(0, listed);
        while (q.next()) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                report.cancelled = true;
                break;
            }
            if (pg.y() + rowHeight > pg.bottom()) {
                pg.newPage();
                tableHeader(pg);
                painter.setFont(cellFont);
            }
            const auto status = Status::fromId(q.value(2).toString());
            const QString cells[kListColumnCount] = {
                q.value(0).toString(),
                q.value(1).toString(),
                status ? Status::label(*status) : q.value(2).toString(),
                q.value(3).isNull() ? QString() : names.value(q.value(3).toString()),
                q.value(4).isNull() ? QString() : QString::number(q.value(4).toInt()),
                locale.toString(QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC).toLocalTime().date(),
                                QLocale::ShortFormat),
            };
            double x = 0;
            for (int c = 0; c < kListColumnCount; ++c) {
                const double w = kListColumns[c].share * pg.width();
                painter.drawText(QRectF(x + 2, pg.y(), w - 4, rowHeight), kListColumns[c].align | Qt::AlignVCenter,
                                 fm.elidedText(cells[c], Qt::ElideRight, w - 4));
                x += w;
            }
            pg.advance(rowHeight);
            ++report.rows;
            if (progress && report.rows % kProgressEvery == 0)
                progress(report.rows, listed);
        }
    }
    pg.finish();
    painter.end();
    if (report.cancelled) {
        file.cancelWriting();
        return report;
    }
    if (!file.commit())
        return Error(ErrorCode::Storage,
                     tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(target.absoluteFilePath()), file.errorString()));
    report.pages = pg.page();
    if (progress)
        progress(report.rows, listed);
    return report;
}

} // namespace Leads
