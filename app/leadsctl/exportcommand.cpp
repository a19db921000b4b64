// SPDX-License-Identifier: GPL-3.0-or-later
// leadsctl export: the desktop export of a filtered view from the command line.
#include "commands.h"

#include "cli.h"

#include "domain/leadstatus.h"
#include "io/leadexporter.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSqlQuery>
#include <QTextStream>

#include <atomic>
#include <csignal>

namespace LeadsCtl {

namespace {
std::atomic_bool g_cancelExport = false;
void onExportSignal(int)
{
    g_cancelExport = true;
}

int usageError(const QString &message)
{
    err() << "leadsctl export: " << message << "\n(see 'leadsctl export --help')" << Qt::endl;
    return 2;
}

std::optional<Leads::LeadStatus> statusFromText(const QString &text)
{
    const QString key = text.trimmed().toLower().replace(u' ', u'_').replace(u'-', u'_');
    if (auto s = Leads::Status::fromId(key))
        return s;
    for (Leads::LeadStatus s : Leads::kAllStatuses) {
        if (Leads::Status::label(s).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}
} // namespace

int exportLeads(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Export leads to CSV or XLSX: all of them, or those matching the filters (the same filters\n"
        "as the Leads page; repeat --status, --assignee and --source to allow several values).\n"
        "The file is written under a temporary name and appears only when complete."));
    p.addHelpOption();
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("csv (default) or xlsx."),
                                    QStringLiteral("csv|xlsx"), QStringLiteral("csv"));
    const QCommandLineOption bom(QStringLiteral("bom"), QStringLiteral("Start the CSV with a UTF-8 BOM (for Excel)."));
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("Only leads in this status (id or label)."),
                                    QStringLiteral("S"));
    const QCommandLineOption assignee(QStringLiteral("assignee"),
                                      QStringLiteral("Only leads of this user (id or username; 'unassigned' for none)."),
                                      QStringLiteral("ID"));
    const QCommandLineOption source(QStringLiteral("source"), QStringLiteral("Only leads from this source."),
                                    QStringLiteral("S"));
    const QCommandLineOption search(QStringLiteral("search"),
                                    QStringLiteral("Only leads matching this text (name, company, phone, e-mail, notes)."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("The file to write."), QStringLiteral("FILE"));
    const QCommandLineOption db = databaseOption();
    p.addOptions({format, bom, status, assignee, source, search, outOpt, db});
    // parse(), not process(): a bad argument is exit code 2 here, not Qt's 1.
    if (!p.parse(args))
        return usageError(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        out() << p.helpText();
        return 0;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().constFirst()));

    Leads::LeadExporter::Options options;
    const QString formatName = p.value(format).toLower();
    if (formatName == u"csv")
        options.format = Leads::LeadExporter::Format::Csv;
    else if (formatName == u"xlsx")
        options.format = Leads::LeadExporter::Format::Xlsx;
    else
        return usageError(QStringLiteral("--format must be csv or xlsx, not '%1'").arg(p.value(format)));
    if (p.isSet(bom) && options.format != Leads::LeadExporter::Format::Csv)
        return usageError(QStringLiteral("--bom applies to CSV only"));
    options.bom = p.isSet(bom);
    if (!p.isSet(outOpt) || p.value(outOpt).trimmed().isEmpty())
        return usageError(QStringLiteral("give the file to write with --out FILE"));
    const QString outPath = p.value(outOpt);

    Leads::LeadFilter filter;
    for (const QString &s : p.values(status)) {
        const auto st = statusFromText(s);
        if (!st)
            return usageError(QStringLiteral("unknown status '%1'").arg(s));
        filter.statuses.append(*st);
    }
    filter.sources = p.values(source);
    filter.search = p.value(search);

    const QString dbPath = p.value(db);
    if (!QFileInfo::exists(dbPath)) {
        err() << "leadsctl export: no database at " << QDir::toNativeSeparators(dbPath) << Qt::endl;
        return 1;
    }
    auto database = openDatabase(dbPath, "export");
    if (!database)
        return 1;
    for (const QString &a : p.values(assignee)) {
        if (a.compare(QStringLiteral("unassigned"), Qt::CaseInsensitive) == 0 || a == Leads::LeadFilter::kUnassigned) {
            filter.assignees.append(Leads::LeadFilter::kUnassigned);
            continue;
        }
        QSqlQuery q(database->connection());
        q.prepare(QStringLiteral("SELECT id FROM users WHERE id = ? OR username = ? COLLATE NOCASE"));
        q.addBindValue(a);
        q.addBindValue(a);
        if (!q.exec() || !q.next())
            return usageError(QStringLiteral("no user '%1' in this database").arg(a));
        filter.assignees.append(q.value(0).toString());
    }
    if (!filter.isEmpty())
        options.filter = filter;
    options.context.now = QDateTime::currentDateTimeUtc();

    std::signal(SIGINT, onExportSignal);
    std::signal(SIGTERM, onExportSignal);
    Leads::LeadExporter exporter(*database);
    auto report = exporter.run(outPath, options, [](qint64 done, qint64 total) {
        err() << "\r" << (total > 0 ? done * 100 / total : 100) << "%  " << done << " / " << total << " rows"
              << Qt::flush;
    }, &g_cancelExport);
    err() << Qt::endl;
    if (!report) {
        err() << "leadsctl export: " << report.error().message() << Qt::endl;
        return 1;
    }
    const auto &r = report.value();
    if (r.cancelled) {
        err() << "leadsctl export: cancelled, nothing written" << Qt::endl;
        return 130;
    }
    out() << "exported " << r.rows << " rows to " << QDir::toNativeSeparators(r.path) << " in " << r.elapsedMs
          << " ms (" << qint64(double(r.rows) * 1000.0 / double(std::max<qint64>(1, r.elapsedMs))) << " rows/s)"
          << Qt::endl;
    return 0;
}

} // namespace LeadsCtl
