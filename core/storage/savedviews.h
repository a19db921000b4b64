// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"
#include "leadfilter.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace Leads {

// What a view restores: the search and filters, the sort and the visible columns. Sort
// and columns are stable keys ("last_activity", "company"…) the lead list maps to its
// columns, so a view survives a reordering of the table's columns in a later version.
struct ViewState
{
    LeadFilter filter;
    QString sortKey;           // empty: the list's default
    bool descending = true;
    QStringList columns;       // visible columns in display order; empty: the default set

    QJsonObject toJson() const;
    static ViewState fromJson(const QJsonObject &json);
    bool operator==(const ViewState &other) const = default;
};

struct SavedView
{
    enum class Kind { BuiltIn, Personal, Team };

    QString id;   // built-in views: "builtin:<name>"
    QString name;
    Kind kind = Kind::Personal;
    ViewState state;

    bool isEditable() const { return kind == Kind::Personal; }
};

// The saved views of one user in the local database (saved_views): their own views in
// the order they arranged them, then team views a manager shared (mirrored by sync, read
// only here), after the built-in views the app defines.
class SavedViews
{
public:
    SavedViews(QSqlDatabase db, QString userId);

    // Built-ins first, then the user's views by position, then team views by name.
    QList<SavedView> all(const QList<SavedView> &builtIns) const;
    Result<QList<SavedView>> personal() const;
    Result<QList<SavedView>> team() const;

    // A new personal view at the end; names are trimmed and must not be empty.
    Result<QString> create(const QString &name, const ViewState &state);
    Outcome update(const QString &id, const ViewState &state);
    Outcome rename(const QString &id, const QString &name);
    Outcome remove(const QString &id);
    // Moves a personal view by `delta` places among the user's views.
    Outcome move(const QString &id, int delta);
    // Replaces the team views (what the server shares): id, name and state of each.
    Outcome replaceTeamViews(const QList<SavedView> &views);

    // The built-in views: "My open leads", "Unassigned", "Overdue follow-ups", "Hot (AI ≥
    // threshold)" and "Stale". `hotThreshold` is the AI qualification threshold.
    static QList<SavedView> builtIns(int hotThreshold);

private:
    Result<QList<SavedView>> read(bool team) const;
    Outcome renumber(const QStringList &ids);

    QSqlDatabase m_db;
    QString m_userId;
};

} // namespace Leads
