// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Leads {

// Paints a lead score as its number, a small bar and a mark telling an AI score from a
// manual one, over the normal item background so the selection stays visible.
class ScoreDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    ScoreDelegate(int scoreRole, int methodRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_scoreRole;
    int m_methodRole;
};

} // namespace Leads
