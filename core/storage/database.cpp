// SPDX-License-Identifier: GPL-3.0-or-later
#include "database.h"

#include "leadscore.h"
#include "migrations.h"
#include "searchindex.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <sqlite3.h>

#include <mutex>

namespace Leads {

namespace {
// lupdate files these calls under the class whose member makes them (Leads::Database), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::Database", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

// Runs once before the first connection opens (SQLite accepts configuration only before it
// initialises). Memory statistics take one process-wide mutex on every allocation, which
// serialises threads that work on separate connections (a bulk load writing rows while
// another thread builds the search index ran 2–3× slower); nothing here reads them.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
            qCDebug(lcStorage) << "SQLite was initialised before it could be configured";
    });
}

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("leads-db-%1").arg(counter.fetchAndAddRelaxed(1) + 1);
}

// An existing non-empty file must start with the SQLite header, or we refuse to touch it.
Outcome checkHeader(const QString &path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Storage,
                     tr("Cannot read \"%1\": %2").arg(path, file.errorString()));
    static const QByteArray kMagic("SQLite format 3\0", 16);
    if (file.read(16) != kMagic)
        return Error(ErrorCode::NotADatabase,
                     tr("\"%1\" is not a Leads database (it is not an SQLite file). The file was "
                        "left untouched.")
                         .arg(QDir::toNativeSeparators(path)));
    return {};
}
} // namespace

Error storageError(const QSqlQuery &query, const QString &what)
{
    return Error(ErrorCode::Storage,
                 tr("Database error while %1: %2").arg(what, query.lastError().text()));
}

Error storageError(const QSqlDatabase &db, const QString &what)
{
    return Error(ErrorCode::Storage, tr("Database error while %1: %2").arg(what, db.lastError().text()));
}

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName)), m_path(std::move(path))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            if (db.driver()->hasFeature(QSqlDriver::Transactions)) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("PRAGMA optimize"));
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::defaultPath()
{
    const QString env = qEnvironmentVariable("LEADS_DB");
    if (!env.isEmpty())
        return env;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("leads.sqlite"));
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, Mode mode)
{
    if (path.trimmed().isEmpty())
        return Error(ErrorCode::InvalidInput, tr("No database file was given."));
    if (auto header = checkHeader(path); !header)
        return header.error();
    const QFileInfo info(path);
    if (!info.exists()) {
        if (mode == Mode::ReadOnly)
            return Error(ErrorCode::NotFound,
                         tr("The database \"%1\" does not exist.").arg(QDir::toNativeSeparators(path)));
        if (!QDir().mkpath(info.absolutePath()))
            return Error(ErrorCode::Storage,
                         tr("Cannot create the folder \"%1\" for the database.")
                             .arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    return openConnection(path, mode, false);
}

Result<std::unique_ptr<Database>> Database::openInMemory()
{
    return openConnection(QStringLiteral(":memory:"), Mode::ReadWrite, true);
}

Result<std::unique_ptr<Database>> Database::openConnection(const QString &path, Mode mode,
                                                           bool memory)
{
    configureSqliteOnce();
    const QString name = nextConnectionName();
    std::unique_ptr<Database> database(new Database(name, path));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (mode == Mode::ReadOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open())
        return Error(ErrorCode::Storage, tr("Cannot open the database \"%1\": %2")
                                             .arg(QDir::toNativeSeparators(path), db.lastError().text()));

    QSqlQuery q(db);
    // The first read tells a damaged file from a good one before anything is written.
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        const QString why = q.lastError().text();
        return Error(why.contains(QStringLiteral("not a database"), Qt::CaseInsensitive)
                             || why.contains(QStringLiteral("malformed"), Qt::CaseInsensitive)
                         ? ErrorCode::NotADatabase
                         : ErrorCode::Storage,
                     tr("Cannot read the database \"%1\": %2. The file was left untouched.")
                         .arg(QDir::toNativeSeparators(path), why));
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion)
        return Error(ErrorCode::NewerSchema,
                     tr("\"%1\" was written by a newer version of Leads (schema %2; this version "
                        "understands up to %3). Update Leads to open it; the file was left "
                        "untouched.")
                         .arg(QDir::toNativeSeparators(path))
                         .arg(version)
                         .arg(kSchemaVersion));

    const QStringList pragmas = {
        QStringLiteral("PRAGMA foreign_keys=ON"),
        QStringLiteral("PRAGMA busy_timeout=5000"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("PRAGMA temp_store=MEMORY"),
        QStringLiteral("PRAGMA cache_size=-32768"),
    };
    for (const QString &pragma : pragmas) {
        if (!q.exec(pragma))
            return storageError(q, pragma);
    }
    if (!memory && mode == Mode::ReadWrite) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return storageError(q, tr("switching to write-ahead logging"));
        if (q.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
            qCWarning(lcStorage) << "journal_mode is" << q.value(0).toString() << "not wal";
        q.finish();
    }
    if (mode == Mode::ReadWrite) {
        if (auto migrated = Migrations::apply(db); !migrated)
            return migrated.error();
        if (auto indexes = Migrations::ensureSecondaryIndexes(db); !indexes)
            return indexes.error();
        if (auto repaired = SearchIndex::repairIfStale(db); !repaired)
            return repaired.error();
        if (auto repaired = Migrations::repairStatusTrigger(db); !repaired)
            return repaired.error();
    } else if (version < kSchemaVersion) {
        return Error(ErrorCode::Storage,
                     tr("\"%1\" needs an upgrade and was opened read-only.").arg(path));
    }
    qCDebug(lcStorage) << "opened" << path << "schema" << kSchemaVersion;
    return database;
}

int Database::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void Database::setInterruptCheck(std::function<bool()> stop)
{
    sqlite3 *db = sqliteHandle(connection());
    if (!db)
        return;
    if (!stop) {
        sqlite3_progress_handler(db, 0, nullptr, nullptr);
        m_interruptCheck.reset();
        return;
    }
    m_interruptCheck = std::make_unique<std::function<bool()>>(std::move(stop));
    sqlite3_progress_handler(
        db, 4000, [](void *check) { return (*static_cast<std::function<bool()> *>(check))() ? 1 : 0; },
        m_interruptCheck.get());
}

Outcome Database::exec(const QString &sql) const
{
    QSqlQuery q(connection());
    if (!q.exec(sql))
        return storageError(q, sql.left(60));
    return {};
}

} // namespace Leads
