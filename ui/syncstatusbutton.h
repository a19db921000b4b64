// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolButton>

class QAction;

namespace Leads {

class SyncController;

// The sync indicator in the status bar: a glyph and a word for the state (never colour
// alone), the details in the tooltip, and a menu with Sync now, the changes the server
// did not apply, and signing in or out.
class SyncStatusButton : public QToolButton
{
    Q_OBJECT
public:
    explicit SyncStatusButton(SyncController *controller, QWidget *parent = nullptr);

    QAction *syncNowAction() const { return m_syncNow; }
    QAction *notAppliedAction() const { return m_notApplied; }
    QAction *signInAction() const { return m_signIn; }
    QAction *signOutAction() const { return m_signOut; }

    void refresh();

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void notAppliedRequested();

private:
    SyncController *m_controller;
    QAction *m_syncNow;
    QAction *m_notApplied;
    QAction *m_signIn;
    QAction *m_signOut;
};

} // namespace Leads
