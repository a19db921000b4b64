// SPDX-License-Identifier: GPL-3.0-or-later
// leadsctl: the Leads core on the command line, no window.
#include "commands.h"
#include "scoringcommands.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {
void usage(QTextStream &out)
{
    out << "Usage: leadsctl COMMAND [OPTIONS]\n\n"
           "Commands:\n"
           "  seed   --leads N [--seed S] [--db PATH]  fill a database with N deterministic sample leads\n"
           "  stats  [--db PATH]                        counts of leads per status\n"
           "  train  [--db PATH]                        train the AI model, print its hold-out evaluation\n"
           "  score  [--db PATH] [--stale]              rescore active leads with the AI model\n"
           "  import FILE [--mapping MAP.json] [--dry-run] [--duplicates skip|update|create]\n"
           "                                            import leads from a CSV file\n"
           "  export --out FILE [--format csv|xlsx] [--bom] [--status S]... [--assignee ID]... [--source S]...\n"
           "         [--search TEXT]                    export leads (all, or those matching) to CSV or XLSX\n"
           "  simulate --server URL --rate N --duration S [--seed S] [--integration NAME --secret S]\n"
           "                                            send lead-capture events to a leads-server\n\n"
           "The database defaults to $LEADS_DB or the desktop client's own file.\n"
           "Run 'leadsctl COMMAND --help' for a command's options.\n";
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Leads"));
    QCoreApplication::setOrganizationName(QStringLiteral("Leads"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEADS_VERSION));
    QStringList args = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2 || args.at(1) == u"--help" || args.at(1) == u"-h" || args.at(1) == u"help") {
        usage(out);
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == u"--version") {
        out << "leadsctl " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    const QString command = args.takeAt(1);
    if (command == u"seed")
        return LeadsCtl::seed(args);
    if (command == u"stats")
        return LeadsCtl::stats(args);
    if (command == u"train")
        return LeadsCtl::train(args);
    if (command == u"score")
        return LeadsCtl::score(args);
    if (command == u"import")
        return LeadsCtl::import(args);
    if (command == u"export")
        return LeadsCtl::exportLeads(args);
    if (command == u"simulate")
        return LeadsCtl::simulate(args);
    err << "leadsctl: unknown command '" << command << "'\n\n";
    usage(err);
    return 2;
}
