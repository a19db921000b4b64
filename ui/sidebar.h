// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPainter;
class QPen;
class QListWidget;

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

Q_SIGNALS:
    void entryActivated(const QString &id);

private:
    QListWidget *m_list = nullptr;
};

} // namespace Leads
