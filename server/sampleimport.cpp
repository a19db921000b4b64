// SPDX-License-Identifier: GPL-3.0-or-later
#include "sampleimport.h"

#include "auth/passwordhasher.h"
#include "domain/leadstatus.h"
#include "serverdatabase.h"
#include "writetransaction.h"
#include "storage/database.h"
#include "storage/sampledata.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace Leads::Server {

namespace {
// Copies the rows of `select` (client database) into `insert` (server database), binding
// the selected columns in order and then the transaction's change number.
Outcome copyRows(QSqlQuery &select, QSqlQuery &insert, qint64 seq, qint64 *count)
{
    while (select.next()) {
        const QSqlRecord rec = select.record();
        for (int i = 0; i < rec.count(); ++i)
            insert.bindValue(i, select.value(i));
        insert.bindValue(rec.count(), seq);
        if (!insert.exec())
            return dbError(insert, QStringLiteral("copying sample data"));
        if (count)
            ++*count;
    }
    return {};
}
} // namespace

Result<qint64> SampleImport::run(ServerDatabase &db, qint64 leads)
{
    QSqlQuery check(db.connection());
    if (!check.exec(QStringLiteral("SELECT COUNT(*) FROM leads")) || !check.next())
        return dbError(check, QStringLiteral("checking for leads"));
    if (check.value(0).toLongLong() > 0)
        return qint64(0);
    check.finish();

    auto client = Database::openInMemory();
    if (!client)
        return client.error();
    SampleData::Options options;
    options.leads = leads;
    if (auto generated = SampleData::generate(*client.value(), options); !generated)
        return generated.error();
    QSqlDatabase src = client.value()->connection();

    WriteTransaction tx(db);
    if (auto begun = tx.begin(); !begun)
        return begun.error();
    QSqlQuery select(src);
    QSqlQuery insert(db.connection());

    // Users: a name already taken (the bootstrap admin) gets a suffix.
    if (!select.exec(QStringLiteral("SELECT id, username, display_name, role, created_at FROM users")))
        return dbError(select, QStringLiteral("reading sample users"));
    while (select.next()) {
        QSqlQuery taken(db.connection());
        taken.prepare(QStringLiteral("SELECT 1 FROM users WHERE username = ?"));
        taken.addBindValue(select.value(1).toString());
        if (!taken.exec())
            return dbError(taken, QStringLiteral("checking sample users"));
        const QString username = taken.next() ? select.value(1).toString() + QStringLiteral("-sample")
                                              : select.value(1).toString();
        insert.prepare(
            QStringLiteral("INSERT INTO users (id, username, display_name, role, active, password_hash, "
                           "created_at, updated_at, change_seq) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)"));
        insert.addBindValue(select.value(0));
        insert.addBindValue(username);
        insert.addBindValue(select.value(2));
        insert.addBindValue(select.value(3));
        insert.addBindValue(PasswordHasher::unusable());
        insert.addBindValue(select.value(4));
        insert.addBindValue(select.value(4));
        insert.addBindValue(tx.seq());
        if (!insert.exec())
            return dbError(insert, QStringLiteral("copying sample users"));
    }

    if (!select.exec(QStringLiteral("SELECT id, phone, email, display_name, created_at FROM contacts")))
        return dbError(select, QStringLiteral("reading sample contacts"));
    insert.prepare(
        QStringLiteral("INSERT INTO contacts (id, phone, email, display_name, created_at, change_seq) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    if (auto c = copyRows(select, insert, tx.seq(), nullptr); !c)
        return c.error();

    if (!select.exec(QStringLiteral(
            "SELECT id, contact_id, name, company, phone, email, source, source_detail, campaign, status, "
            "status_rank, is_final, lost_reason, assignee_id, ai_score, manual_score, score, "
            "qualification_method, "
            "qualified_by, qualified_at, follow_up_at, created_at, updated_at, last_activity_at, "
            "status_version "
            "FROM leads")))
        return dbError(select, QStringLiteral("reading sample leads"));
    insert.prepare(QStringLiteral(
        "INSERT INTO leads (id, contact_id, name, company, phone, email, source, source_detail, campaign, "
        "status, "
        "status_rank, is_final, lost_reason, assignee_id, ai_score, manual_score, score, "
        "qualification_method, "
        "qualified_by, qualified_at, follow_up_at, created_at, updated_at, last_activity_at, status_v, "
        "change_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    qint64 count = 0;
    if (auto c = copyRows(select, insert, tx.seq(), &count); !c)
        return c.error();

    if (!select.exec(QStringLiteral(
            "SELECT id, lead_id, kind, occurred_at, author_id, author_name, body, data FROM interactions")))
        return dbError(select, QStringLiteral("reading sample interactions"));
    insert.prepare(
        QStringLiteral("INSERT INTO interactions (id, lead_id, kind, occurred_at, author_id, author_name, "
                       "body, data, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (auto c = copyRows(select, insert, tx.seq(), nullptr); !c)
        return c.error();
    select.finish();
    if (auto done = tx.commit(); !done)
        return done.error();
    return count;
}

} // namespace Leads::Server
