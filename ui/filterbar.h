// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/leadfilter.h"

#include <QWidget>

#include <optional>

class QActionGroup;
class QListWidget;
class QMenu;
class QSpinBox;
class QToolButton;

namespace Leads {

struct UserInfo;

// The row of filter buttons beside the search field. Each opens a compact popup (status
// list with pills, agent list with search, score range, date presets, active/final) and
// every change is announced at once.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);

    void setUsers(const QList<UserInfo> &users);
    void setSources(const QStringList &sources);
    // Shows `filter` (its search text is ignored) without emitting filterChanged.
    void setFilter(const LeadFilter &filter);
    const LeadFilter &filter() const { return m_filter; }

    QToolButton *button(const QString &name) const;

Q_SIGNALS:
    void filterChanged(const Leads::LeadFilter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    QToolButton *addButton(const QString &name, const QString &text);
    QListWidget *addList(QMenu *menu, bool withSearch);
    void fillStatusList();
    void syncWidgets();
    void updateButtonTexts();
    void emitChanged();
    std::optional<LeadFilter::DateRange> askDateRange(const QString &title, const LeadFilter::DateRange &current);
    QActionGroup *addDateSection(QMenu *menu, const QString &title, LeadFilter::DateRange LeadFilter::*member);

    LeadFilter m_filter;
    bool m_syncing = false;
    QListWidget *m_statusList = nullptr;
    QListWidget *m_assigneeList = nullptr;
    QListWidget *m_sourceList = nullptr;
    QSpinBox *m_minScore = nullptr;
    QSpinBox *m_maxScore = nullptr;
    QActionGroup *m_createdGroup = nullptr;
    QActionGroup *m_activityGroup = nullptr;
    QMenu *m_stateMenu = nullptr;
    QActionGroup *m_finalityGroup = nullptr;
    QActionGroup *m_followUpGroup = nullptr;
    QList<QToolButton *> m_buttons;
};

} // namespace Leads
