// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Leads {

class LeadService;
struct NotApplied;

// The changes the server refused (the lead became Converted on another machine, someone
// else assigned it first, a permission was removed): what was asked, why it was refused
// and what the server has. Each can be dismissed, or retried — done again on the lead as
// it is now, which is what a person means by "try again".
class NotAppliedDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NotAppliedDialog(LeadService &service, QWidget *parent = nullptr);

    void reload();
    QTreeWidget *list() const { return m_list; }
    QPushButton *dismissButton() const { return m_dismiss; }
    QPushButton *retryButton() const { return m_retry; }
    QString lastMessage() const;

    // "Status → Converted", "Note: …": what a refused mutation asked for, for people.
    static QString describe(const NotApplied &change);

Q_SIGNALS:
    void changed();

private:
    void dismissSelected();
    void retrySelected();
    void updateButtons();

    LeadService &m_service;
    QTreeWidget *m_list;
    QLabel *m_message;
    QPushButton *m_dismiss;
    QPushButton *m_retry;
};

} // namespace Leads
