// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QListWidgetItem;
class QPainter;
class QPen;
class QListWidget;
class QMenu;

namespace Leads {

struct Actor;

// The left navigation: product name, one entry per working page (icon, label, count),
// and the signed-in user with their role at the bottom. Keyboard reachable (a list).
class Sidebar : public QFrame
{
    Q_OBJECT
public:
    explicit Sidebar(const Actor &actor, QWidget *parent = nullptr);

    // Adds an entry; returns its index.
    int addEntry(const QString &id, const QString &label, const QIcon &icon);
    void setCount(const QString &id, const QString &count);
    void setCurrent(const QString &id);
    QString current() const;
    QListWidget *list() const { return m_list; }

    // A 16 px line icon in the palette's text colour (highlighted text when selected);
    // `draw` strokes it with the pen it is given.
    static QIcon lineIcon(const QPalette &palette, const std::function<void(QPainter &, QPen &, bool selected)> &draw);
    static QIcon leadsIcon(const QPalette &palette);
    static QIcon followUpsIcon(const QPalette &palette);
    static QIcon unassignedIcon(const QPalette &palette);
    // Re-derives the sidebar's shade from the application palette (light/dark switch).
    void followPalette(const QPalette &base);

    // Saved views, listed indented under the "leads" entry. Choosing one activates the
    // "leads" entry and then the view.
    struct ViewEntry
    {
        QString id;
        QString name;
        QString count;
        bool editable = false; // the user's own: rename, reorder, delete
        bool team = false;     // shared by a manager
    };
    void setViews(const QList<ViewEntry> &views);
    void setViewCount(const QString &viewId, const QString &count);
    // Highlights a view (empty: none) without activating it.
    void setCurrentView(const QString &viewId);
    QString currentView() const;
    QStringList viewIds() const;
    // The context menu of a view row (tests open it without a mouse).
    QMenu *viewMenu(const QString &viewId);
    // Offers "Share with team" on the user's own views and "Stop sharing" on team views
    // (a manager signed in to a team server).
    void setViewSharing(bool allowed) { m_sharing = allowed; }
    bool viewSharing() const { return m_sharing; }

Q_SIGNALS:
    void entryActivated(const QString &id);
    void viewActivated(const QString &viewId);
    void viewRenameRequested(const QString &viewId);
    void viewDeleteRequested(const QString &viewId);
    void viewMoveRequested(const QString &viewId, int delta);
    void viewShareRequested(const QString &viewId);
    void viewStopSharingRequested(const QString &viewId);

private:
    QListWidgetItem *viewItem(const QString &viewId) const;

    QListWidget *m_list = nullptr;
    bool m_sharing = false;
};

} // namespace Leads
