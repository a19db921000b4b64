// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLayout>
#include <QList>

namespace Leads {

// Lays its items out in a row that wraps onto further rows when the width runs out, so
// a row of buttons never forces a minimum width wider than its widest button (at 200 %
// scaling or with a large font the window still fits the screen and no text is cut).
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int spacing = 6, Qt::Alignment rows = Qt::AlignLeft);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    int place(const QRect &rect, bool apply) const;
    QList<QLayoutItem *> m_items;
    int m_spacing;
    Qt::Alignment m_rows;
};

} // namespace Leads
