// SPDX-License-Identifier: GPL-3.0-or-later
#include "savedviews.h"

#include "database.h"
#include "ids.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Leads {

namespace {

// lupdate files these calls under the class whose member makes them (Leads::SavedViews), or
// under the namespace when a free function makes them: look in both.
QString tr(const char *text)
{
    const QString translated = QCoreApplication::translate("Leads::SavedViews", text);
    return translated != QLatin1String(text) ? translated : QCoreApplication::translate("Leads", text);
}

Error invalid(const QString &message)
{
    return Error(ErrorCode::InvalidInput, message);
}

} // namespace

QJsonObject ViewState::toJson() const
{
    QJsonObject o{{QStringLiteral("filter"), QJsonObject::fromVariantMap(filter.toVariant())}};
    if (!sortKey.isEmpty()) {
        o.insert(QStringLiteral("sort"), sortKey);
        o.insert(QStringLiteral("order"), descending ? QStringLiteral("desc") : QStringLiteral("asc"));
    }
    if (!columns.isEmpty())
        o.insert(QStringLiteral("columns"), QJsonArray::fromStringList(columns));
    return o;
}

ViewState ViewState::fromJson(const QJsonObject &json)
{
    ViewState s;
    s.filter = LeadFilter::fromVariant(json.value(QStringLiteral("filter")).toObject().toVariantMap());
    s.sortKey = json.value(QStringLiteral("sort")).toString();
    s.descending = json.value(QStringLiteral("order")).toString() != u"asc";
    for (const QJsonValue &v : json.value(QStringLiteral("columns")).toArray()) {
        if (v.isString() && !s.columns.contains(v.toString()))
            s.columns.append(v.toString());
    }
    return s;
}

SavedViews::SavedViews(QSqlDatabase db, QString userId) : m_db(std::move(db)), m_userId(std::move(userId)) {}

QList<SavedView> SavedViews::builtIns(int hotThreshold)
{
    auto make = [](const char *id, const QString &name, const LeadFilter &filter, const QString &sort = {},
                   bool descending = true) {
        SavedView v;
        v.id = QStringLiteral("builtin:") + QLatin1String(id);
        v.name = name;
        v.kind = SavedView::Kind::BuiltIn;
        v.state.filter = filter;
        v.state.sortKey = sort;
        v.state.descending = descending;
        return v;
    };
    QList<SavedView> list;
    LeadFilter mine;
    mine.assignees = {LeadFilter::kMe};
    mine.finality = LeadFilter::Finality::Active;
    list.append(make("mine", tr("My open leads"), mine));
    LeadFilter unassigned;
    unassigned.assignees = {LeadFilter::kUnassigned};
    unassigned.finality = LeadFilter::Finality::Active;
    list.append(make("unassigned", tr("Unassigned"), unassigned, QStringLiteral("created"), false));
    LeadFilter overdue;
    overdue.followUp = LeadFilter::FollowUp::Overdue;
    list.append(make("overdue", tr("Overdue follow-ups"), overdue, QStringLiteral("follow_up"), false));
    LeadFilter hot;
    hot.minScore = std::clamp(hotThreshold, 0, 100);
    hot.finality = LeadFilter::Finality::Active;
    list.append(make("hot", tr("Hot (AI ≥ %1)").arg(hot.minScore.value()), hot, QStringLiteral("score")));
    LeadFilter stale;
    stale.stale = true;
    list.append(make("stale", tr("Stale"), stale, QStringLiteral("last_activity"), false));
    return list;
}

QList<SavedView> SavedViews::all(const QList<SavedView> &builtIns) const
{
    QList<SavedView> list = builtIns;
    if (auto mine = personal())
        list += mine.value();
    if (auto shared = team())
        list += shared.value();
    return list;
}

Result<QList<SavedView>> SavedViews::personal() const
{
    return read(false);
}

Result<QList<SavedView>> SavedViews::team() const
{
    return read(true);
}

Result<QList<SavedView>> SavedViews::read(bool team) const
{
    QSqlQuery q(m_db);
    if (team) {
        q.prepare(QStringLiteral("SELECT id, name, state FROM saved_views WHERE team = 1 ORDER BY name COLLATE NOCASE, id"));
    } else {
        q.prepare(QStringLiteral("SELECT id, name, state FROM saved_views WHERE team = 0 AND owner_id = ? "
                                 "ORDER BY position, id"));
        q.addBindValue(m_userId);
    }
    if (!q.exec())
        return storageError(q, tr("reading saved views"));
    QList<SavedView> list;
    while (q.next()) {
        SavedView v;
        v.id = q.value(0).toString();
        v.name = q.value(1).toString();
        v.kind = team ? SavedView::Kind::Team : SavedView::Kind::Personal;
        v.state = ViewState::fromJson(QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object());
        list.append(v);
    }
    return list;
}

Result<QString> SavedViews::create(const QString &name, const ViewState &state)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return invalid(tr("A view needs a name."));
    const QString id = newId();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO saved_views (id, owner_id, team, name, position, state, updated_at) "
                             "VALUES (?, ?, 0, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM saved_views "
                             "WHERE owner_id = ? AND team = 0), ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(m_userId);
    q.addBindValue(trimmed);
    q.addBindValue(m_userId);
    q.addBindValue(QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return storageError(q, tr("saving a view"));
    return id;
}

Outcome SavedViews::update(const QString &id, const ViewState &state)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE saved_views SET state = ?, updated_at = ? WHERE id = ? AND owner_id = ? AND team = 0"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(id);
    q.addBindValue(m_userId);
    if (!q.exec())
        return storageError(q, tr("saving a view"));
    if (q.numRowsAffected() == 0)
        return invalid(tr("Only your own views can be changed."));
    return {};
}

Outcome SavedViews::rename(const QString &id, const QString &name)
{
    const QString trimmed = name.simplified();
    if (trimmed.isEmpty())
        return invalid(tr("A view needs a name."));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE saved_views SET name = ?, updated_at = ? WHERE id = ? AND owner_id = ? AND team = 0"));
    q.addBindValue(trimmed);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(id);
    q.addBindValue(m_userId);
    if (!q.exec())
        return storageError(q, tr("renaming a view"));
    if (q.numRowsAffected() == 0)
        return invalid(tr("Only your own views can be renamed."));
    return {};
}

Outcome SavedViews::remove(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM saved_views WHERE id = ? AND owner_id = ? AND team = 0"));
    q.addBindValue(id);
    q.addBindValue(m_userId);
    if (!q.exec())
        return storageError(q, tr("deleting a view"));
    if (q.numRowsAffected() == 0)
        return invalid(tr("Only your own views can be deleted."));
    return {};
}

Outcome SavedViews::move(const QString &id, int delta)
{
    auto mine = personal();
    if (!mine)
        return mine.error();
    QStringList ids;
    for (const SavedView &v : mine.value())
        ids.append(v.id);
    const int from = int(ids.indexOf(id));
    if (from < 0)
        return invalid(tr("Only your own views can be moved."));
    const int to = std::clamp(from + delta, 0, int(ids.size()) - 1);
    if (to == from)
        return {};
    ids.move(from, to);
    return renumber(ids);
}

Outcome SavedViews::renumber(const QStringList &ids)
{
    Transaction tx(m_db);
    if (auto begun = tx.begun(); !begun)
        return begun;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE saved_views SET position = ? WHERE id = ? AND owner_id = ? AND team = 0"));
    for (int i = 0; i < ids.size(); ++i) {
        q.addBindValue(i + 1);
        q.addBindValue(ids.at(i));
        q.addBindValue(m_userId);
        if (!q.exec())
            return storageError(q, tr("reordering views"));
    }
    return tx.commit();
}

Outcome SavedViews::replaceTeamViews(const QList<SavedView> &views)
{
    Transaction tx(m_db);
    if (auto begun = tx.begun(); !begun)
        return begun;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("DELETE FROM saved_views WHERE team = 1")))
        return storageError(q, tr("saving team views"));
    q.prepare(QStringLiteral("INSERT INTO saved_views (id, owner_id, team, name, position, state, updated_at) "
                             "VALUES (?, '', 1, ?, ?, ?, ?)"));
    int position = 0;
    for (const SavedView &v : views) {
        if (v.id.isEmpty() || v.name.simplified().isEmpty())
            continue;
        q.addBindValue(v.id);
        q.addBindValue(v.name.simplified());
        q.addBindValue(++position);
        q.addBindValue(QString::fromUtf8(QJsonDocument(v.state.toJson()).toJson(QJsonDocument::Compact)));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return storageError(q, tr("saving team views"));
    }
    return tx.commit();
}

} // namespace Leads
