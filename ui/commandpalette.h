// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

class QAction;
class QLineEdit;
class QListWidget;
class QListWidgetItem;

namespace Leads {

class LeadService;

// Ctrl+K: one field to run any action of the window or jump to a lead by name. Actions
// match on every word of their text; leads come from the full-text index (a few, the
// best first), only those the actor may see.
class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kMaxLeads = 8;

    CommandPalette(LeadService &service, QWidget *parent = nullptr);

    // The actions offered (menus, toolbar and page actions); disabled ones are left out.
    void setActions(const QList<QAction *> &actions);
    QLineEdit *filterField() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    // Runs the selected entry (as Enter does).
    void activateCurrent();
    // An action's text as listed ("Possible duplicates", no mnemonic or ellipsis).
    static QString plainText(const QAction *action);

Q_SIGNALS:
    void leadChosen(const QString &leadId);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void run(QListWidgetItem *item);

    LeadService &m_service;
    QList<QPointer<QAction>> m_actions;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace Leads
