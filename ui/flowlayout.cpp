// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowlayout.h"

#include <QWidget>

#include <algorithm>

namespace Leads {

FlowLayout::FlowLayout(QWidget *parent, int spacing, Qt::Alignment rows)
    : QLayout(parent), m_spacing(spacing), m_rows(rows)
{
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item)
{
    m_items.append(item);
}

int FlowLayout::count() const
{
    return int(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const
{
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index)
{
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

int FlowLayout::heightForWidth(int width) const
{
    return place(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    QSize size;
    for (const QLayoutItem *item : m_items) {
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    }
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    int width = 0;
    int height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        width += (width > 0 ? m_spacing : 0) + hint.width();
        height = std::max(height, hint.height());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect &rect)
{
    QLayout::setGeometry(rect);
    place(rect, true);
}

// Fills rows left to right; returns the height used. Each row is aligned as asked and
// its items centred vertically on the row.
int FlowLayout::place(const QRect &rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    int y = area.y();
    int total = 0;
    qsizetype first = 0;
    while (first < m_items.size()) {
        // One row: as many items as fit (at least one).
        int rowWidth = 0;
        int rowHeight = 0;
        qsizetype last = first;
        for (; last < m_items.size(); ++last) {
            const QLayoutItem *item = m_items.at(last);
            if (item->isEmpty())
                continue;
            const int w = std::min(item->sizeHint().width(), area.width());
            const int next = rowWidth + (rowWidth > 0 ? m_spacing : 0) + w;
            if (rowWidth > 0 && next > area.width())
                break;
            rowWidth = next;
            rowHeight = std::max(rowHeight, item->sizeHint().height());
        }
        if (apply) {
            int x = area.x();
            if (m_rows & Qt::AlignRight)
                x = area.right() + 1 - rowWidth;
            else if (m_rows & Qt::AlignHCenter)
                x = area.x() + (area.width() - rowWidth) / 2;
            for (qsizetype i = first; i < last; ++i) {
                QLayoutItem *item = m_items.at(i);
                if (item->isEmpty())
                    continue;
                const QSize hint = item->sizeHint();
                const int w = std::max(item->minimumSize().width(), std::min(hint.width(), area.width()));
                item->setGeometry(QRect(x, y + (rowHeight - hint.height()) / 2, w, hint.height()));
                x += w + m_spacing;
            }
        }
        if (rowHeight > 0) {
            total += (total > 0 ? m_spacing : 0) + rowHeight;
            y = area.y() + total + m_spacing;
        }
        first = std::max(last, first + 1);
    }
    const QMargins m = contentsMargins();
    return total + m.top() + m.bottom();
}

} // namespace Leads
