// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverdatabase.h"

#include "servermigrations.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

Q_LOGGING_CATEGORY(lcServerDb, "leads.server.db")

namespace Leads::Server {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ServerDatabase", text);
}

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("leads-server-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

Error dbError(const QSqlQuery &query, const QString &what)
{
    // The driver text may quote the statement but never bound values.
    qCWarning(lcServerDb).noquote() << "database error while" << what << ':' << query.lastError().text();
    return Error(ErrorCode::Storage, tr("The server could not finish %1; try again later.").arg(what));
}

ServerDatabase::ServerDatabase(QString connectionName, Backend backend)
    : m_connectionName(std::move(connectionName)), m_backend(backend)
{
}

ServerDatabase::~ServerDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase ServerDatabase::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<ServerDatabase>> ServerDatabase::open(const QString &url)
{
    const QString name = nextConnectionName();
    std::unique_ptr<ServerDatabase> result;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        const QString path = url.mid(7);
        if (path.isEmpty())
            return Error(ErrorCode::InvalidInput,
                         tr("--db sqlite: needs a file path, e.g. sqlite:/var/lib/leads/server.sqlite"));
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
            return Error(ErrorCode::Storage, tr("The Qt SQLite driver (QSQLITE) is not installed."));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        result.reset(new ServerDatabase(name, Backend::Sqlite));
        if (!db.open())
            return Error(ErrorCode::Storage, tr("Cannot open the database: %1").arg(db.lastError().text()));
        QSqlQuery q(db);
        const char *pragmas[]
            = {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"};
        for (const char *p : pragmas) {
            if (!q.exec(QLatin1String(p)))
                return Error(ErrorCode::NotADatabase,
                             tr("The file is not a Leads server database: %1").arg(q.lastError().text()));
        }
    } else if (url.startsWith(QLatin1String("postgresql://"))
               || url.startsWith(QLatin1String("postgres://"))) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return Error(ErrorCode::Storage,
                         tr("The Qt PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql."));
        const QUrl u(url);
        if (!u.isValid() || u.path().size() < 2)
            return Error(ErrorCode::InvalidInput, tr("Use --db postgresql://user@host[:port]/dbname"));
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(u.host().isEmpty() ? QStringLiteral("localhost") : u.host());
        if (u.port() > 0)
            db.setPort(u.port());
        db.setUserName(u.userName());
        if (!u.password().isEmpty())
            db.setPassword(u.password());
        db.setDatabaseName(u.path().mid(1));
        result.reset(new ServerDatabase(name, Backend::Postgres));
        if (!db.open())
            return Error(ErrorCode::Storage,
                         tr("Cannot connect to PostgreSQL: %1").arg(db.lastError().text()));
    } else {
        return Error(ErrorCode::InvalidInput,
                     tr("Unknown database \"%1\": use sqlite:PATH or postgresql://user@host/db")
                         .arg(url.section(u':', 0, 0)));
    }
    return result;
}

bool ServerDatabase::isTransient(const QSqlQuery &query) const
{
    const QSqlError e = query.lastError();
    if (m_backend == Backend::Postgres) {
        const QString state = e.nativeErrorCode();
        return state == QLatin1String("40001") || state == QLatin1String("40P01")
            || state == QLatin1String("55P03");
    }
    const QString code = e.nativeErrorCode();
    return code == QLatin1String("5") || code == QLatin1String("6"); // SQLITE_BUSY, SQLITE_LOCKED
}

int ServerDatabase::latestSchema()
{
    return ServerMigrations::latest();
}

int ServerDatabase::schemaVersion() const
{
    QSqlQuery q(connection());
    if (q.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) && q.next())
        return q.value(0).toInt();
    return 0;
}

Outcome ServerDatabase::migrate()
{
    return ServerMigrations::apply(*this);
}

} // namespace Leads::Server
