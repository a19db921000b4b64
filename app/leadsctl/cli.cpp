// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"

#include "storage/database.h"

#include <QTextStream>

namespace LeadsCtl {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("path"),
                              Leads::Database::defaultPath());
}

std::unique_ptr<Leads::Database> openDatabase(const QString &path, const char *command)
{
    auto db = Leads::Database::open(path);
    if (!db) {
        err() << "leadsctl " << command << ": " << db.error().message() << Qt::endl;
        return nullptr;
    }
    return std::move(db.value());
}

} // namespace LeadsCtl
