// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/leadfilter.h"

#include <QHash>
#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace Leads {

// The active filters as removable chips ("Status: New, Contacted ✕") and "Clear all".
class FilterChips : public QWidget
{
    Q_OBJECT
public:
    explicit FilterChips(QWidget *parent = nullptr);

    void setUserNames(const QHash<QString, QString> &names) { m_userNames = names; }
    void setFilter(const LeadFilter &filter);
    QList<QToolButton *> chips() const;

Q_SIGNALS:
    // The filter with one chip removed, or with every filter cleared.
    void filterChanged(const Leads::LeadFilter &filter);

private:
    void addChip(const QString &name, const QString &text, const std::function<void(LeadFilter &)> &remove);

    LeadFilter m_filter;
    QHash<QString, QString> m_userNames;
    QHBoxLayout *m_layout = nullptr;
    QToolButton *m_clearAll = nullptr;
};

} // namespace Leads
