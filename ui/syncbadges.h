// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/leadsyncmarks.h"

#include <QIcon>
#include <QObject>
#include <QTimer>

class QPainter;
class QPalette;
class QRectF;

namespace Leads {

class Database;
class LeadService;
class SyncController;

// The per-lead sync mark of a signed-in workspace: "Waiting to sync", "Synced" or "Not
// applied: <reason>". Keeps two small in-memory sets read from the outbox (refreshed when
// the outbox or the Not applied list may have changed), so the lazy lead list and the
// board can mark each row without touching their own queries. Without a server session
// there are no marks at all: a workspace on its own has nothing to sync.
class SyncBadges : public QObject
{
    Q_OBJECT
public:
    enum class State { None, Waiting, Synced, NotApplied };

    explicit SyncBadges(Database &db, QObject *parent = nullptr);

    // Follows a controller (signed in or not, rounds ending) and a service (local edits).
    void attach(SyncController *controller, LeadService *service);
    // Marks show only while signed in to a server.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // Re-reads the outbox now (changes are otherwise coalesced into one read per event loop turn).
    void refresh();

    State state(const QString &leadId) const;
    // What the mark says, for tooltips and screen readers ("Not applied: <reason>").
    QString text(const QString &leadId) const;
    static QString stateText(State state, const QString &reason = {});
    // A 16 px icon for item views (DecorationRole), in the colours of `palette`.
    static QIcon icon(State state, const QPalette &palette);
    // Paints the mark into `rect` (a square, about 12–16 px) for custom delegates.
    static void paint(QPainter *painter, const QRectF &rect, State state, const QPalette &palette);

Q_SIGNALS:
    void changed();

private:
    void scheduleRefresh();

    Database &m_db;
    LeadSyncMarks m_marks;
    bool m_active = false;
    QTimer m_coalesce;
};

} // namespace Leads
