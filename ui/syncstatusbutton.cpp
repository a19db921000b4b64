// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncstatusbutton.h"

#include "synccontroller.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>

namespace Leads {

namespace {
// A small round badge with a glyph; the glyph carries the meaning, the colour repeats it.
QIcon badge(SyncController::State state)
{
    QColor colour;
    QString glyph;
    switch (state) {
    case SyncController::State::Offline:
        colour = QColor(0x6b, 0x72, 0x80);
        glyph = QStringLiteral("–");
        break;
    case SyncController::State::Syncing:
        colour = QColor(0x25, 0x63, 0xeb);
        glyph = QStringLiteral("↻");
        break;
    case SyncController::State::Synced:
        colour = QColor(0x15, 0x80, 0x3d);
        glyph = QStringLiteral("✓");
        break;
    case SyncController::State::Pending:
        colour = QColor(0xb4, 0x53, 0x09);
        glyph = QStringLiteral("↑");
        break;
    case SyncController::State::Retrying:
        colour = QColor(0xb4, 0x53, 0x09);
        glyph = QStringLiteral("…");
        break;
    case SyncController::State::Error:
        colour = QColor(0xb4, 0x23, 0x18);
        glyph = QStringLiteral("!");
        break;
    }
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawEllipse(QRectF(2, 2, 28, 28));
    QFont font = p.font();
    font.setPixelSize(20);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(0, 0, 32, 31), Qt::AlignCenter, glyph);
    p.end();
    return QIcon(pixmap);
}
} // namespace

SyncStatusButton::SyncStatusButton(SyncController *controller, QWidget *parent)
    : QToolButton(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("syncStatus"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setAutoRaise(true);
    setPopupMode(QToolButton::InstantPopup);
    setIconSize(QSize(14, 14));

    auto *menu = new QMenu(this);
    m_syncNow = menu->addAction(tr("Sync &now"));
    m_syncNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_notApplied = menu->addAction(tr("Changes &not applied…"));
    menu->addSeparator();
    m_signIn = menu->addAction(tr("&Sign in…"));
    m_signOut = menu->addAction(tr("Sign &out…"));
    setMenu(menu);

    connect(m_syncNow, &QAction::triggered, m_controller, &SyncController::syncNow);
    connect(m_notApplied, &QAction::triggered, this, &SyncStatusButton::notAppliedRequested);
    connect(m_signIn, &QAction::triggered, this, &SyncStatusButton::signInRequested);
    connect(m_signOut, &QAction::triggered, this, &SyncStatusButton::signOutRequested);
    connect(m_controller, &SyncController::changed, this, &SyncStatusButton::refresh);
    refresh();
}

void SyncStatusButton::refresh()
{
    const SyncController::State state = m_controller->state();
    const QString summary = m_controller->summary();
    setText(summary);
    setIcon(badge(state));
    setToolTip(m_controller->detail());
    setAccessibleName(tr("Sync status"));
    setAccessibleDescription(summary);
    const bool signedIn = m_controller->isSignedIn();
    m_syncNow->setEnabled(signedIn);
    m_signIn->setVisible(!signedIn || state == SyncController::State::Error);
    m_signOut->setVisible(signedIn);
    const int notApplied = m_controller->notAppliedCount();
    m_notApplied->setText(notApplied > 0 ? tr("Changes &not applied (%1)…").arg(notApplied)
                                         : tr("Changes &not applied…"));
    m_notApplied->setEnabled(notApplied > 0);
}

} // namespace Leads
