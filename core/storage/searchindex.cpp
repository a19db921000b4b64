// SPDX-License-Identifier: GPL-3.0-or-later
#include "searchindex.h"

#include "database.h"
#include "leadscore.h"

#include <QSqlQuery>

namespace Leads {

namespace {
const QString kStaleKey = QStringLiteral("search_index_stale");

QStringList triggerStatements()
{
    return {
        QStringLiteral(R"(CREATE TRIGGER IF NOT EXISTS leads_fts_insert AFTER INSERT ON leads BEGIN
            INSERT INTO leads_fts (rowid, name, company, search_phone, email, notes)
            VALUES (new.lead_no, new.name, new.company, new.search_phone, new.email, new.notes);
        END)"),
        QStringLiteral(R"(CREATE TRIGGER IF NOT EXISTS leads_fts_delete AFTER DELETE ON leads BEGIN
            INSERT INTO leads_fts (leads_fts, rowid, name, company, search_phone, email, notes)
            VALUES ('delete', old.lead_no, old.name, old.company, old.search_phone, old.email, old.notes);
        END)"),
        QStringLiteral(R"(CREATE TRIGGER IF NOT EXISTS leads_fts_update
            AFTER UPDATE OF name, company, search_phone, email, notes ON leads BEGIN
            INSERT INTO leads_fts (leads_fts, rowid, name, company, search_phone, email, notes)
            VALUES ('delete', old.lead_no, old.name, old.company, old.search_phone, old.email, old.notes);
            INSERT INTO leads_fts (rowid, name, company, search_phone, email, notes)
            VALUES (new.lead_no, new.name, new.company, new.search_phone, new.email, new.notes);
        END)"),
    };
}

Outcome run(QSqlDatabase &db, const QStringList &statements, const QString &what)
{
    QSqlQuery q(db);
    for (const QString &s : statements) {
        if (!q.exec(s))
            return storageError(q, what);
    }
    return {};
}
} // namespace

QString SearchIndex::tableStatement()
{
    return QStringLiteral(R"(CREATE VIRTUAL TABLE leads_fts USING fts5 (
            name, company, search_phone, email, notes,
            content = 'leads', content_rowid = 'lead_no',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'))");
}

QStringList SearchIndex::createStatements()
{
    return QStringList{tableStatement()} + triggerStatements();
}

Outcome SearchIndex::suspend(QSqlDatabase &db)
{
    return run(db,
               {QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES ('%1', '1')")
                    .arg(kStaleKey),
                QStringLiteral("DROP TRIGGER IF EXISTS leads_fts_insert"),
                QStringLiteral("DROP TRIGGER IF EXISTS leads_fts_delete"),
                QStringLiteral("DROP TRIGGER IF EXISTS leads_fts_update")},
               QStringLiteral("suspending the search index"));
}

Outcome SearchIndex::rebuild(QSqlDatabase &db)
{
    // Rebuilding with automatic merges off and one merge at the end is faster than merging
    // as it goes, and leaves a single segment, which is what searches read fastest.
    QStringList s = {QStringLiteral("INSERT INTO leads_fts (leads_fts, rank) VALUES ('automerge', 0)"),
                     QStringLiteral("INSERT INTO leads_fts (leads_fts) VALUES ('rebuild')"),
                     QStringLiteral("INSERT INTO leads_fts (leads_fts) VALUES ('optimize')"),
                     QStringLiteral("INSERT INTO leads_fts (leads_fts, rank) VALUES ('automerge', 4)")};
    if (auto built = run(db, s, QStringLiteral("rebuilding the search index")); !built)
        return built;
    return resume(db);
}

Outcome SearchIndex::resume(QSqlDatabase &db)
{
    QStringList s = triggerStatements();
    s.append(QStringLiteral("DELETE FROM settings WHERE key = '%1'").arg(kStaleKey));
    return run(db, s, QStringLiteral("restoring the search index"));
}

Outcome SearchIndex::repairIfStale(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM settings WHERE key = ?"));
    q.addBindValue(kStaleKey);
    if (!q.exec())
        return storageError(q, QStringLiteral("checking the search index"));
    if (!q.next())
        return {};
    q.finish();
    qCWarning(lcStorage) << "search index was left stale by an interrupted bulk load; rebuilding";
    return rebuild(db);
}

QString SearchIndex::phoneTokens(const QString &e164)
{
    QString digits;
    for (QChar c : e164) {
        if (c.isDigit())
            digits.append(c);
    }
    if (digits.isEmpty())
        return {};
    QStringList tokens = {digits};
    for (int cut = 1; cut <= 3 && digits.size() - cut >= 6; ++cut)
        tokens.append(digits.mid(cut));
    return tokens.join(u' ');
}

QString SearchIndex::matchExpression(const QString &userText)
{
    const QString text = userText.trimmed();
    // A query of digits and phone punctuation is one number: "+34 612-34" → "3461234".
    bool phoneLike = false;
    int digitCount = 0;
    {
        bool onlyPhoneChars = true;
        for (QChar c : text) {
            if (c.isDigit())
                ++digitCount;
            else if (!(c.isSpace() || c == u'+' || c == u'-' || c == u'.' || c == u'(' || c == u')'
                       || c == u'/'))
                onlyPhoneChars = false;
        }
        phoneLike = onlyPhoneChars && digitCount >= 3;
    }
    QStringList terms;
    if (phoneLike) {
        QString digits;
        for (QChar c : text) {
            if (c.isDigit())
                digits.append(QChar(u'0' + c.digitValue()));
        }
        // National and international prefixes are not stored: "0151 …" and "0049 151 …"
        // both look for the digits after them.
        if (digits.startsWith(QStringLiteral("00")))
            digits.remove(0, 2);
        else if (digits.startsWith(u'0'))
            digits.remove(0, 1);
        if (!digits.isEmpty())
            terms.append(digits);
    } else {
        QString current;
        auto flush = [&] {
            if (!current.isEmpty())
                terms.append(current);
            current.clear();
        };
        for (QChar c : text) {
            // Emoji, punctuation and FTS5 syntax characters all end a term.
            if (c.isLetterOrNumber() || c.isMark())
                current.append(c);
            else
                flush();
        }
        flush();
    }
    QStringList quoted;
    quoted.reserve(terms.size());
    for (const QString &t : std::as_const(terms)) {
        // Terms hold letters, digits and marks only, so no quote can reach FTS5's parser.
        quoted.append(u'"' + t + QStringLiteral("\"*"));
    }
    return quoted.join(QStringLiteral(" AND "));
}

} // namespace Leads
