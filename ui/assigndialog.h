// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace Leads {

class LeadService;

// Picks who gets the selected leads: a search field over the active team, each person
// with their current load of active leads (so work spreads fairly), and "Unassigned" to
// put leads back in the queue. Says up front how many of the selection are final and will
// keep their assignee.
class AssignDialog : public QDialog
{
    Q_OBJECT
public:
    AssignDialog(LeadService &service, const QStringList &leadIds, QWidget *parent = nullptr);

    // The chosen user id; empty for "Unassigned". Valid after accept().
    QString assigneeId() const;
    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QPushButton *assignButton() const { return m_assign; }
    QString noteText() const;
    // Picks the row of `userId` (empty: Unassigned), as a click would.
    bool choose(const QString &userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void filter(const QString &text);
    void updateButton();

    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_note;
    QPushButton *m_assign;
    int m_count = 0;
    bool m_nothingToAssign = false;
};

} // namespace Leads
