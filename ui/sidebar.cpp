// SPDX-License-Identifier: GPL-3.0-or-later
#include "sidebar.h"

#include "domain/permissions.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace Leads {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kCountRole = Qt::UserRole + 2;
constexpr int kViewRole = Qt::UserRole + 3;     // saved view id (view rows only)
constexpr int kEditableRole = Qt::UserRole + 4; // the user's own view
constexpr int kTeamRole = Qt::UserRole + 5;     // shared with the team
const QString kViewPrefix = QStringLiteral("view:");

// Entry: highlight pill (palette highlight), icon, label, and a muted count on the right.
class EntryDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const bool selected = option.state & QStyle::State_Selected;
        const bool hover = option.state & QStyle::State_MouseOver;
        const QRect r = option.rect.adjusted(8, 2, -8, -2);
        const QPalette &pal = option.palette;
        if (selected || hover) {
            QColor bg = pal.color(QPalette::Highlight);
            if (!selected)
                bg.setAlphaF(0.12);
            p->setPen(Qt::NoPen);
            p->setBrush(bg);
            p->drawRoundedRect(r, 6, 6);
        }
        if (option.state & QStyle::State_HasFocus && option.widget && option.widget->hasFocus()) {
            QPen focus(pal.color(QPalette::Highlight).darker(130), 1.2);
            p->setPen(focus);
            p->setBrush(Qt::NoBrush);
            p->drawRoundedRect(QRectF(r).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        }
        const QColor fg = pal.color(selected ? QPalette::HighlightedText : QPalette::WindowText);
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        // Saved views sit under Leads, indented, with a small bullet instead of an icon.
        const bool view = index.data(kViewRole).isValid();
        const QRect iconRect(r.left() + (view ? 22 : 10), r.center().y() - 8, view ? 8 : 16, 16);
        if (view) {
            QColor dot = fg;
            dot.setAlphaF(selected ? 0.9 : 0.45);
            p->setPen(Qt::NoPen);
            p->setBrush(dot);
            p->drawEllipse(QRectF(iconRect.left() + 1.5, iconRect.center().y() - 1.5, 4, 4));
        } else {
            icon.paint(p, iconRect, Qt::AlignCenter, selected ? QIcon::Selected : QIcon::Normal);
        }
        QFont f = option.font;
        f.setWeight(selected ? QFont::DemiBold : QFont::Normal);
        p->setFont(f);
        p->setPen(fg);
        const QString count = index.data(kCountRole).toString();
        const QFontMetrics fm(f);
        const int countWidth = count.isEmpty() ? 0 : fm.horizontalAdvance(count) + 12;
        const QRect textRect(iconRect.right() + 10, r.top(), r.right() - iconRect.right() - 20 - countWidth, r.height());
        p->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(index.data().toString(), Qt::ElideRight, textRect.width()));
        if (!count.isEmpty()) {
            QColor c = fg;
            c.setAlphaF(selected ? 0.85 : 0.6);
            QFont cf = option.font;
            p->setFont(cf);
            p->setPen(c);
            p->drawText(QRect(r.right() - countWidth, r.top(), countWidth - 10, r.height()),
                        Qt::AlignVCenter | Qt::AlignRight, count);
        }
        p->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.data(kViewRole).isValid())
            return QSize(option.rect.width(), std::max(28, QFontMetrics(option.font).height() + 10));
        return QSize(option.rect.width(), std::max(36, QFontMetrics(option.font).height() + 18));
    }
};

QString initials(const QString &name)
{
    QString out;
    for (const QString &part : name.split(u' ', Qt::SkipEmptyParts)) {
        out.append(part.at(0).toUpper());
        if (out.size() == 2)
            break;
    }
    return out;
}

QPixmap avatar(const QString &name, const QPalette &palette, const QFont &font)
{
    const qreal dpr = 2.0;
    const int size = 32;
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(palette.color(QPalette::Highlight));
    p.drawEllipse(QRectF(0, 0, size, size));
    QFont f = font;
    f.setWeight(QFont::DemiBold);
    f.setPointSizeF(font.pointSizeF() * 0.9);
    p.setFont(f);
    p.setPen(palette.color(QPalette::HighlightedText));
    p.drawText(QRect(0, 0, size, size), Qt::AlignCenter, initials(name));
    return pm;
}

} // namespace

QIcon Sidebar::lineIcon(const QPalette &palette, const std::function<void(QPainter &, QPen &, bool)> &draw)
{
    QIcon icon;
    for (bool selected : {false, true}) {
        const qreal dpr = 2.0;
        QPixmap pm(QSize(16, 16) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        QPen pen(palette.color(selected ? QPalette::HighlightedText : QPalette::WindowText), 1.5);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        draw(p, pen, selected);
        p.end();
        icon.addPixmap(pm, selected ? QIcon::Selected : QIcon::Normal);
    }
    return icon;
}

QIcon Sidebar::leadsIcon(const QPalette &palette)
{
    return lineIcon(palette, [](QPainter &p, QPen &pen, bool selected) {
        // Two people: the lead list.
        p.drawEllipse(QRectF(3.5, 2.0, 5.0, 5.0));
        p.drawArc(QRectF(1.0, 8.5, 10.0, 9.0), 0, 180 * 16);
        pen.setColor(pen.color().lighter(selected ? 100 : 140));
        p.setPen(pen);
        p.drawEllipse(QRectF(10.0, 3.0, 4.0, 4.0));
        p.drawArc(QRectF(9.5, 9.0, 6.0, 7.0), 0, 100 * 16);
    });
}

QIcon Sidebar::unassignedIcon(const QPalette &palette)
{
    return lineIcon(palette, [](QPainter &p, QPen &, bool) {
        // An inbox tray: leads waiting for someone.
        QPainterPath tray;
        tray.moveTo(1.75, 8.5);
        tray.lineTo(4.5, 2.75);
        tray.lineTo(11.5, 2.75);
        tray.lineTo(14.25, 8.5);
        tray.lineTo(14.25, 13.25);
        tray.lineTo(1.75, 13.25);
        tray.closeSubpath();
        p.drawPath(tray);
        QPainterPath slot;
        slot.moveTo(1.75, 8.5);
        slot.lineTo(5.5, 8.5);
        slot.lineTo(6.5, 10.25);
        slot.lineTo(9.5, 10.25);
        slot.lineTo(10.5, 8.5);
        slot.lineTo(14.25, 8.5);
        p.drawPath(slot);
    });
}

QIcon Sidebar::followUpsIcon(const QPalette &palette)
{
    return lineIcon(palette, [](QPainter &p, QPen &, bool) {
        // A clock face: things due.
        p.drawEllipse(QRectF(1.75, 1.75, 12.5, 12.5));
        p.drawLine(QPointF(8.0, 8.0), QPointF(8.0, 4.5));
        p.drawLine(QPointF(8.0, 8.0), QPointF(10.5, 9.5));
    });
}

Sidebar::Sidebar(const Actor &actor, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("sidebar"));
    setFixedWidth(216);
    setAutoFillBackground(true);
    followPalette(QApplication::palette());
    const QPalette pal = palette();

    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 16, 0, 12);
    v->setSpacing(10);

    auto *brand = new QLabel(QStringLiteral("<span style='color:%1'>\u25C6</span>&nbsp;&nbsp;%2")
                                 .arg(palette().color(QPalette::Highlight).name(), tr("Leads CRM").toHtmlEscaped()),
                             this);
    brand->setObjectName(QStringLiteral("brand"));
    QFont bf = brand->font();
    bf.setPointSizeF(bf.pointSizeF() * 1.15);
    bf.setWeight(QFont::Bold);
    brand->setFont(bf);
    brand->setContentsMargins(18, 0, 0, 6);
    v->addWidget(brand);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("navigation"));
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setItemDelegate(new EntryDelegate(m_list));
    m_list->setMouseTracking(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_list->setAccessibleName(tr("Pages"));
    m_list->setAttribute(Qt::WA_MacShowFocusRect, false);
    v->addWidget(m_list, 1);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const QVariant view = item->data(kViewRole);
        if (view.isValid()) {
            Q_EMIT entryActivated(QStringLiteral("leads"));
            Q_EMIT viewActivated(view.toString());
            return;
        }
        Q_EMIT entryActivated(item->data(kIdRole).toString());
    });
    // Clicking the view already chosen applies it again (after the filters were changed).
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (item && item == m_list->currentItem() && item->data(kViewRole).isValid())
            Q_EMIT viewActivated(item->data(kViewRole).toString());
    });
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QListWidgetItem *item = m_list->itemAt(pos);
        if (!item || !item->data(kViewRole).isValid())
            return;
        QMenu *menu = viewMenu(item->data(kViewRole).toString());
        if (!menu)
            return;
        menu->exec(m_list->viewport()->mapToGlobal(pos));
        menu->deleteLater();
    });

    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Plain);
    QPalette lp = line->palette();
    lp.setColor(QPalette::WindowText, pal.color(QPalette::Mid).lighter(120));
    line->setPalette(lp);
    v->addWidget(line);

    auto *user = new QWidget(this);
    user->setObjectName(QStringLiteral("signedInUser"));
    auto *uh = new QHBoxLayout(user);
    uh->setContentsMargins(16, 4, 12, 0);
    uh->setSpacing(10);
    auto *pic = new QLabel(user);
    pic->setPixmap(avatar(actor.displayName, palette(), font()));
    uh->addWidget(pic);
    auto *who = new QVBoxLayout;
    who->setSpacing(0);
    auto *name = new QLabel(actor.displayName, user);
    QFont nf = name->font();
    nf.setWeight(QFont::DemiBold);
    name->setFont(nf);
    auto *role = new QLabel(roleLabel(actor.role), user);
    role->setForegroundRole(QPalette::PlaceholderText);
    who->addWidget(name);
    who->addWidget(role);
    uh->addLayout(who, 1);
    v->addWidget(user);
}

void Sidebar::followPalette(const QPalette &base)
{
    // A shade off the window colour, in light and dark alike.
    QPalette pal = base;
    const QColor window = base.color(QPalette::Window);
    pal.setColor(QPalette::Window, window.lightness() > 128 ? window.darker(104) : window.lighter(118));
    pal.setColor(QPalette::Base, pal.color(QPalette::Window));
    setPalette(pal);
    if (m_list) {
        for (int i = 0; i < m_list->count(); ++i) {
            const QString id = m_list->item(i)->data(kIdRole).toString();
            if (id == u"leads")
                m_list->item(i)->setIcon(leadsIcon(pal));
            else if (id == u"followups")
                m_list->item(i)->setIcon(followUpsIcon(pal));
            else if (id == u"unassigned")
                m_list->item(i)->setIcon(unassignedIcon(pal));
        }
    }
}

int Sidebar::addEntry(const QString &id, const QString &label, const QIcon &icon)
{
    auto *item = new QListWidgetItem(icon, label, m_list);
    item->setData(kIdRole, id);
    item->setData(Qt::AccessibleTextRole, label);
    return m_list->row(item);
}

QListWidgetItem *Sidebar::viewItem(const QString &viewId) const
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kViewRole).toString() == viewId)
            return m_list->item(i);
    }
    return nullptr;
}

void Sidebar::setViews(const QList<ViewEntry> &views)
{
    const QSignalBlocker block(m_list);
    const QString current = currentView();
    const bool leadsCurrent = this->current() == u"leads";
    for (int i = m_list->count() - 1; i >= 0; --i) {
        if (m_list->item(i)->data(kViewRole).isValid())
            delete m_list->takeItem(i);
    }
    int row = -1;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == u"leads")
            row = i;
    }
    if (row < 0)
        return;
    for (const ViewEntry &v : views) {
        auto *item = new QListWidgetItem(v.team ? v.name + QStringLiteral("  \u2691") : v.name);
        item->setData(kIdRole, QString(kViewPrefix + v.id));
        item->setData(kViewRole, v.id);
        item->setData(kEditableRole, v.editable);
        item->setData(kTeamRole, v.team);
        item->setData(kCountRole, v.count);
        item->setData(Qt::AccessibleTextRole, v.team ? tr("%1 (team view)").arg(v.name) : v.name);
        item->setToolTip(v.team ? tr("Shared with the team by a manager") : QString());
        m_list->insertItem(++row, item);
    }
    if (QListWidgetItem *item = viewItem(current))
        m_list->setCurrentItem(item);
    else if (!current.isEmpty() || leadsCurrent)
        setCurrent(QStringLiteral("leads"));
}

void Sidebar::setViewCount(const QString &viewId, const QString &count)
{
    if (QListWidgetItem *item = viewItem(viewId))
        item->setData(kCountRole, count);
}

void Sidebar::setCurrentView(const QString &viewId)
{
    const QSignalBlocker block(m_list);
    if (QListWidgetItem *item = viewItem(viewId))
        m_list->setCurrentItem(item);
    else if (currentView().size())
        setCurrent(QStringLiteral("leads"));
}

QString Sidebar::currentView() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(kViewRole).toString() : QString();
}

QStringList Sidebar::viewIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kViewRole).isValid())
            ids.append(m_list->item(i)->data(kViewRole).toString());
    }
    return ids;
}

QMenu *Sidebar::viewMenu(const QString &viewId)
{
    QListWidgetItem *item = viewItem(viewId);
    if (!item)
        return nullptr;
    if (!item->data(kEditableRole).toBool()) {
        if (!m_sharing || !item->data(kTeamRole).toBool())
            return nullptr;
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("viewMenu"));
        QAction *stop = menu->addAction(tr("Stop sharing"));
        stop->setObjectName(QStringLiteral("stopSharingView"));
        connect(stop, &QAction::triggered, this, [this, viewId] { Q_EMIT viewStopSharingRequested(viewId); });
        return menu;
    }
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("viewMenu"));
    if (m_sharing) {
        QAction *share = menu->addAction(tr("Share with team"));
        share->setObjectName(QStringLiteral("shareView"));
        connect(share, &QAction::triggered, this, [this, viewId] { Q_EMIT viewShareRequested(viewId); });
        menu->addSeparator();
    }
    connect(menu->addAction(tr("Rename…")), &QAction::triggered, this, [this, viewId] { Q_EMIT viewRenameRequested(viewId); });
    QAction *up = menu->addAction(tr("Move up"));
    QAction *down = menu->addAction(tr("Move down"));
    // Only among the user's own views.
    const int row = m_list->row(item);
    up->setEnabled(row > 0 && m_list->item(row - 1)->data(kEditableRole).toBool());
    down->setEnabled(row + 1 < m_list->count() && m_list->item(row + 1)->data(kEditableRole).toBool());
    connect(up, &QAction::triggered, this, [this, viewId] { Q_EMIT viewMoveRequested(viewId, -1); });
    connect(down, &QAction::triggered, this, [this, viewId] { Q_EMIT viewMoveRequested(viewId, 1); });
    menu->addSeparator();
    connect(menu->addAction(tr("Delete")), &QAction::triggered, this, [this, viewId] { Q_EMIT viewDeleteRequested(viewId); });
    return menu;
}

void Sidebar::setCount(const QString &id, const QString &count)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == id)
            m_list->item(i)->setData(kCountRole, count);
    }
}

void Sidebar::setCurrent(const QString &id)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == id)
            m_list->setCurrentRow(i);
    }
}

QString Sidebar::current() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(kIdRole).toString() : QString();
}

} // namespace Leads
