// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/leadstatus.h"

#include <QFrame>

class QListView;
class QToolButton;

namespace Leads {

class KanbanModel;

// One column of the board: a header (status, count; final statuses fold) and a list view
// of painted cards. The whole column is the drop target, so a card dropped anywhere on it
// (header, cards, empty space) lands in its status.
class KanbanColumn : public QFrame
{
    Q_OBJECT
public:
    KanbanColumn(KanbanModel *model, QWidget *parent = nullptr);

    LeadStatus status() const;
    KanbanModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    QToolButton *header() const { return m_header; }
    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed);

Q_SIGNALS:
    // A card was dropped here: lead id and the status it came from.
    void dropped(const QString &leadId, LeadStatus from);
    void collapsedChanged(bool collapsed);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateHeader();
    void setDropHighlight(bool on);

    KanbanModel *m_model;
    QToolButton *m_header = nullptr;
    QListView *m_view = nullptr;
    bool m_collapsed = false;
    bool m_highlighted = false;
    bool m_settingPalette = false; // our own setPalette() also sends a PaletteChange
};

} // namespace Leads
