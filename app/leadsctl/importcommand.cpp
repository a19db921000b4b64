// SPDX-License-Identifier: GPL-3.0-or-later
// leadsctl import: the desktop wizard's import engine from the command line.
#include "commands.h"

#include "domain/clock.h"
#include "io/leadimporter.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <atomic>
#include <csignal>

namespace LeadsCtl {

namespace {
std::atomic_bool g_cancel = false;
void onSignal(int)
{
    g_cancel = true;
}
} // namespace

int import(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Import leads from a CSV file. Without --mapping the columns are guessed from the header;\n"
        "--print-mapping shows that guess as JSON to edit and pass back with --mapping."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("file"), QStringLiteral("CSV file (UTF-8, UTF-16 or Windows-1252)."));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("path"),
                                Leads::Database::defaultPath());
    const QCommandLineOption mappingOpt(QStringLiteral("mapping"), QStringLiteral("Mapping JSON file."),
                                        QStringLiteral("MAP.json"));
    const QCommandLineOption printMapping(QStringLiteral("print-mapping"),
                                          QStringLiteral("Print the guessed mapping as JSON and stop."));
    const QCommandLineOption duplicates(QStringLiteral("duplicates"),
                                        QStringLiteral("skip, update or create (overrides the mapping)."),
                                        QStringLiteral("policy"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Count what would happen; write nothing."));
    const QCommandLineOption failures(QStringLiteral("failures"),
                                      QStringLiteral("Where to write the failed rows (default FILE.failed.csv)."),
                                      QStringLiteral("path"));
    p.addOptions({db, mappingOpt, printMapping, duplicates, dryRun, failures});
    p.process(args);
    if (p.positionalArguments().size() != 1) {
        err << "leadsctl import: give exactly one CSV file\n";
        return 2;
    }
    const QString path = p.positionalArguments().constFirst();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        err << "leadsctl import: cannot open " << path << ": " << file.errorString() << Qt::endl;
        return 1;
    }
    auto preview = Leads::LeadImporter::preview(&file, 200);
    if (!preview) {
        err << "leadsctl import: " << preview.error().message() << Qt::endl;
        return 1;
    }
    Leads::ImportMapping mapping = Leads::ImportMapping::guess(preview.value().header, preview.value().rows);
    if (p.isSet(mappingOpt)) {
        QFile m(p.value(mappingOpt));
        if (!m.open(QIODevice::ReadOnly)) {
            err << "leadsctl import: cannot open the mapping " << m.fileName() << Qt::endl;
            return 1;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(m.readAll(), &parseError);
        if (!doc.isObject()) {
            err << "leadsctl import: the mapping is not a JSON object: " << parseError.errorString() << Qt::endl;
            return 1;
        }
        auto parsed = Leads::ImportMapping::fromJson(doc.object(), preview.value().header);
        if (!parsed) {
            err << "leadsctl import: " << parsed.error().message() << Qt::endl;
            return 1;
        }
        mapping = parsed.value();
    }
    if (p.isSet(printMapping)) {
        out << QJsonDocument(mapping.toJson(preview.value().header)).toJson();
        return 0;
    }
    if (p.isSet(duplicates)) {
        const QString policy = p.value(duplicates);
        if (policy == u"skip")
            mapping.duplicates = Leads::ImportMapping::DuplicatePolicy::Skip;
        else if (policy == u"update")
            mapping.duplicates = Leads::ImportMapping::DuplicatePolicy::UpdateActive;
        else if (policy == u"create")
            mapping.duplicates = Leads::ImportMapping::DuplicatePolicy::AlwaysCreate;
        else {
            err << "leadsctl import: --duplicates must be skip, update or create\n";
            return 2;
        }
    }

    auto database = Leads::Database::open(p.value(db));
    if (!database) {
        err << "leadsctl import: " << database.error().message() << Qt::endl;
        return 1;
    }
    // The command line acts as the local owner, like the standalone desktop client.
    const Leads::Actor owner{QStringLiteral("u-admin"), QStringLiteral("leadsctl"), Leads::Role::Admin};
    Leads::LeadImporter importer(*database.value(), owner, Leads::Clock::system());
    Leads::LeadImporter::Options options;
    options.mapping = mapping;
    options.dryRun = p.isSet(dryRun);
    file.seek(0);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QElapsedTimer timer;
    timer.start();
    auto report = importer.run(&file, options, [&](qint64 done, qint64 total, qint64 rows) {
        err << "\r" << (total > 0 ? done * 100 / total : 100) << "%  " << rows << " rows  "
            << qint64(double(rows) * 1000.0 / double(std::max<qint64>(1, timer.elapsed()))) << " rows/s" << Qt::flush;
    }, &g_cancel);
    err << Qt::endl;
    if (!report) {
        err << "leadsctl import: " << report.error().message() << Qt::endl;
        return 1;
    }
    const auto &r = report.value();
    out << (r.dryRun ? "dry run: " : "") << r.rows << " rows (" << r.encoding << ", delimiter '"
        << (r.delimiter == u'\t' ? QStringLiteral("\\t") : QString(r.delimiter)) << "'): " << r.created
        << " created, " << r.updated << " updated, " << r.skipped << " skipped, " << r.failed << " failed in "
        << r.elapsedMs << " ms" << (r.cancelled ? " — cancelled, whole batches kept" : "") << Qt::endl;
    if (r.failed > 0) {
        const QFileInfo info(path);
        const QString failedPath = p.isSet(failures) ? p.value(failures)
                                                     : info.dir().filePath(info.completeBaseName() + QStringLiteral(".failed.csv"));
        QFile f(failedPath);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate) && Leads::LeadImporter::writeFailures(r, &f))
            out << "failed rows with their reasons: " << failedPath << Qt::endl;
        else
            err << "leadsctl import: cannot write " << failedPath << Qt::endl;
    }
    return r.cancelled ? 130 : 0;
}

} // namespace LeadsCtl
