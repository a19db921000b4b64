// SPDX-License-Identifier: GPL-3.0-or-later
#include "syncbadges.h"

#include "leadsui.h"
#include "storage/leadservice.h"
#include "synccontroller.h"
#include "widgets/statuspalette.h"

#include <QGuiApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace Leads {

namespace {
QColor waitingColor(bool dark)
{
    return dark ? QColor(0x93, 0xC5, 0xFD) : QColor(0x1D, 0x4E, 0xD8);
}
} // namespace

SyncBadges::SyncBadges(Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(0);
    connect(&m_coalesce, &QTimer::timeout, this, &SyncBadges::refresh);
}

void SyncBadges::attach(SyncController *controller, LeadService *service)
{
    if (controller) {
        setActive(controller->isSignedIn());
        connect(controller, &SyncController::changed, this, [this, controller] {
            setActive(controller->isSignedIn());
            scheduleRefresh();
        });
        connect(controller, &SyncController::dataChanged, this, &SyncBadges::scheduleRefresh);
    }
    if (service) {
        connect(service, &LeadService::leadChanged, this, &SyncBadges::scheduleRefresh);
        connect(service, &LeadService::leadCreated, this, &SyncBadges::scheduleRefresh);
        connect(service, &LeadService::leadsChanged, this, &SyncBadges::scheduleRefresh);
    }
    refresh();
}

void SyncBadges::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (m_active)
        refresh();
    Q_EMIT changed();
}

void SyncBadges::scheduleRefresh()
{
    if (m_active && !m_coalesce.isActive())
        m_coalesce.start();
}

void SyncBadges::refresh()
{
    m_coalesce.stop();
    if (!m_active)
        return;
    auto marks = LeadSyncMarks::read(m_db);
    if (!marks) {
        qCWarning(lcUi) << "reading the sync marks failed:" << marks.error().message();
        return;
    }
    if (marks.value() == m_marks)
        return;
    m_marks = marks.value();
    Q_EMIT changed();
}

SyncBadges::State SyncBadges::state(const QString &leadId) const
{
    if (!m_active || leadId.isEmpty())
        return State::None;
    // A refusal needs the user, so it wins over a later change still waiting.
    if (m_marks.notApplied.contains(leadId))
        return State::NotApplied;
    if (m_marks.waiting.contains(leadId))
        return State::Waiting;
    return State::Synced;
}

QString SyncBadges::text(const QString &leadId) const
{
    const State s = state(leadId);
    return stateText(s, s == State::NotApplied ? m_marks.notApplied.value(leadId) : QString());
}

QString SyncBadges::stateText(State state, const QString &reason)
{
    switch (state) {
    case State::None: return {};
    case State::Waiting: return tr("Waiting to sync");
    case State::Synced: return tr("Synced");
    case State::NotApplied:
        return reason.isEmpty() ? tr("Not applied") : tr("Not applied: %1").arg(reason);
    }
    return {};
}

void SyncBadges::paint(QPainter *p, const QRectF &rect, State state, const QPalette &palette)
{
    if (state == State::None)
        return;
    const bool dark = StatusPalette::isDark(palette);
    const qreal s = std::min(rect.width(), rect.height());
    const QRectF r(rect.center().x() - s / 2, rect.center().y() - s / 2, s, s);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const qreal pen = std::max<qreal>(1.2, s / 9);
    switch (state) {
    case State::Waiting: {
        // A clock: waiting for the next round.
        p->setPen(QPen(waitingColor(dark), pen, Qt::SolidLine, Qt::RoundCap));
        p->setBrush(Qt::NoBrush);
        const QRectF face = r.adjusted(pen / 2 + 0.5, pen / 2 + 0.5, -pen / 2 - 0.5, -pen / 2 - 0.5);
        p->drawEllipse(face);
        const QPointF c = face.center();
        p->drawLine(c, QPointF(c.x(), face.top() + face.height() * 0.24));
        p->drawLine(c, QPointF(face.right() - face.width() * 0.26, c.y()));
        break;
    }
    case State::Synced: {
        // A quiet check: most rows are synced, so it must not shout.
        p->setPen(QPen(palette.color(QPalette::PlaceholderText), pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        QPainterPath check;
        check.moveTo(r.left() + s * 0.2, r.top() + s * 0.52);
        check.lineTo(r.left() + s * 0.42, r.top() + s * 0.74);
        check.lineTo(r.left() + s * 0.82, r.top() + s * 0.28);
        p->drawPath(check);
        break;
    }
    case State::NotApplied: {
        // A filled disc with "!": needs the user.
        p->setPen(Qt::NoPen);
        p->setBrush(StatusPalette::errorText(dark));
        p->drawEllipse(r.adjusted(0.5, 0.5, -0.5, -0.5));
        p->setPen(QPen(dark ? QColor(0x1F, 0x0A, 0x0A) : QColor(Qt::white), pen * 1.1, Qt::SolidLine, Qt::RoundCap));
        const qreal x = r.center().x();
        p->drawLine(QPointF(x, r.top() + s * 0.25), QPointF(x, r.top() + s * 0.56));
        p->drawPoint(QPointF(x, r.top() + s * 0.74));
        break;
    }
    case State::None: break;
    }
    p->restore();
}

QIcon SyncBadges::icon(State state, const QPalette &palette)
{
    if (state == State::None)
        return {};
    const bool dark = StatusPalette::isDark(palette);
    static QHash<int, QIcon> cache;
    const int key = int(state) * 2 + (dark ? 1 : 0);
    // The synced check takes the palette's muted colour: cached per light/dark only.
    if (auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QIcon icon;
    // On a selected row the quiet check takes the selection's text colour, to stay visible.
    QPalette selected = palette;
    selected.setColor(QPalette::PlaceholderText, palette.color(QPalette::HighlightedText));
    for (const qreal dpr : {1.0, 2.0}) {
        for (const QIcon::Mode mode : {QIcon::Normal, QIcon::Selected}) {
            QPixmap pm(QSize(16, 16) * dpr);
            pm.setDevicePixelRatio(dpr);
            pm.fill(Qt::transparent);
            QPainter p(&pm);
            paint(&p, QRectF(2, 2, 12, 12), state, mode == QIcon::Selected ? selected : palette);
            p.end();
            icon.addPixmap(pm, mode);
        }
    }
    cache.insert(key, icon);
    return icon;
}

} // namespace Leads
