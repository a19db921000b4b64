// SPDX-License-Identifier: GPL-3.0-or-later
#include "kanbancolumn.h"

#include "kanbanmodel.h"
#include "widgets/statuspalette.h"

#include <QDragEnterEvent>
#include <QEvent>
#include <QListView>
#include <QLocale>
#include <QMimeData>
#include <QToolButton>
#include <QVBoxLayout>

namespace Leads {

namespace {

constexpr int kColumnWidth = 232;
constexpr int kCollapsedWidth = 132;

std::optional<std::pair<QString, LeadStatus>> readPayload(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(KanbanModel::kMimeType))
        return std::nullopt;
    const QStringList parts = QString::fromUtf8(mime->data(KanbanModel::kMimeType)).split(u'\n');
    if (parts.size() != 2 || parts.at(0).isEmpty())
        return std::nullopt;
    const auto from = Status::fromId(parts.at(1));
    if (!from)
        return std::nullopt;
    return std::make_pair(parts.at(0), *from);
}

} // namespace

KanbanColumn::KanbanColumn(KanbanModel *model, QWidget *parent) : QFrame(parent), m_model(model)
{
    setObjectName(QStringLiteral("boardColumn_") + Status::id(model->status()));
    setAcceptDrops(true);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(4, 6, 4, 4);
    v->setSpacing(4);

    m_header = new QToolButton(this);
    m_header->setObjectName(QStringLiteral("columnHeader"));
    m_header->setAutoRaise(true);
    m_header->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_header->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    QFont hf = m_header->font();
    hf.setWeight(QFont::DemiBold);
    m_header->setFont(hf);
    v->addWidget(m_header);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("columnCards"));
    m_view->setModel(model);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setUniformItemSizes(true);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setDefaultDropAction(Qt::MoveAction);
    // Drops go to the column (see dropEvent), never into the list's own rows.
    m_view->setAcceptDrops(false);
    m_view->viewport()->setAcceptDrops(false);
    m_view->setAccessibleName(Status::label(model->status()));
    QPalette vp = m_view->palette();
    vp.setColor(QPalette::Base, Qt::transparent);
    m_view->setPalette(vp);
    m_view->viewport()->setAutoFillBackground(false);
    v->addWidget(m_view, 1);

    connect(model, &KanbanModel::totalChanged, this, &KanbanColumn::updateHeader);
    connect(m_header, &QToolButton::clicked, this, [this] { setCollapsed(!m_collapsed); });
    setDropHighlight(false);
    setFixedWidth(kColumnWidth);
    updateHeader();
}

LeadStatus KanbanColumn::status() const
{
    return m_model->status();
}

void KanbanColumn::setCollapsed(bool collapsed)
{
    if (collapsed == m_collapsed)
        return;
    m_collapsed = collapsed;
    m_view->setVisible(!collapsed);
    setFixedWidth(collapsed ? kCollapsedWidth : kColumnWidth);
    updateHeader();
    Q_EMIT collapsedChanged(collapsed);
}

void KanbanColumn::updateHeader()
{
    const LeadStatus s = status();
    const QString count = QLocale().toString(m_model->total());
    const QString fold = m_collapsed ? QStringLiteral("\u25B8 ") : (Status::isFinal(s) ? QStringLiteral("\u25BE ") : QString());
    m_header->setText(fold + Status::glyph(s) + u' ' + Status::label(s) + QStringLiteral("  ") + count);
    m_header->setToolTip(m_collapsed ? tr("%1: %2 leads. Click to show the cards; drop a card here to move it.")
                                           .arg(Status::label(s), count)
                                     : tr("%1: %2 leads").arg(Status::label(s), count));
    m_header->setAccessibleName(tr("%1, %2 leads").arg(Status::label(s), count));
}

void KanbanColumn::setDropHighlight(bool on)
{
    m_highlighted = on;
    QPalette p = palette();
    const QPalette app = parentWidget() ? parentWidget()->palette() : palette();
    QColor bg = app.color(QPalette::Window);
    bg = StatusPalette::isDark(app) ? bg.lighter(on ? 140 : 115) : bg.darker(on ? 112 : 104);
    if (on)
        bg = QColor::fromRgbF(bg.redF() * 0.8 + app.color(QPalette::Highlight).redF() * 0.2,
                              bg.greenF() * 0.8 + app.color(QPalette::Highlight).greenF() * 0.2,
                              bg.blueF() * 0.8 + app.color(QPalette::Highlight).blueF() * 0.2);
    p.setColor(QPalette::Window, bg);
    m_settingPalette = true;
    setPalette(p);
    m_settingPalette = false;
}

// The column's shade is derived from the window's: a theme switched while the board is
// open (light to dark, or to high contrast) derives it again.
void KanbanColumn::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_settingPalette)
        setDropHighlight(m_highlighted);
}

void KanbanColumn::dragEnterEvent(QDragEnterEvent *event)
{
    const auto payload = readPayload(event->mimeData());
    if (!payload || payload->second == status()) {
        event->ignore();
        return;
    }
    // Accepted even where the rules will refuse: the drop then says why.
    event->setDropAction(Qt::MoveAction);
    event->accept();
    setDropHighlight(true);
}

void KanbanColumn::dragMoveEvent(QDragMoveEvent *event)
{
    const auto payload = readPayload(event->mimeData());
    if (!payload || payload->second == status()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
}

void KanbanColumn::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropHighlight(false);
    QFrame::dragLeaveEvent(event);
}

void KanbanColumn::dropEvent(QDropEvent *event)
{
    setDropHighlight(false);
    const auto payload = readPayload(event->mimeData());
    if (!payload || payload->second == status()) {
        event->ignore();
        return;
    }
    event->setDropAction(Qt::MoveAction);
    event->accept();
    Q_EMIT dropped(payload->first, payload->second);
}

} // namespace Leads
