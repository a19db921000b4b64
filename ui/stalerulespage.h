// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/staleness.h"

#include <QWidget>

#include <array>

class QLabel;
class QPushButton;
class QSpinBox;

namespace Leads {

class TeamSettings;

// Settings page: the maximum age without activity per active status after which a lead is
// stale (0 days: never). Saved through TeamSettings like the lost reasons.
class StaleRulesPage : public QWidget
{
    Q_OBJECT
public:
    explicit StaleRulesPage(TeamSettings &team, QWidget *parent = nullptr);

    QSpinBox *daysBox(LeadStatus status) const;
    QPushButton *saveButton() const { return m_save; }
    StaleRules rules() const;
    // Re-reads the saved limits.
    void reload();

Q_SIGNALS:
    // After a save: empty text on success, else why it failed.
    void saved(const QString &error);

private:
    TeamSettings &m_team;
    std::array<QSpinBox *, kAllStatuses.size()> m_days{};
    QPushButton *m_save = nullptr;
};

} // namespace Leads
