// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/mergeservice.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace Leads {

class LeadService;
class MergeDialog;

// "Possible duplicates": groups of active leads with the same phone or e-mail or a similar
// name at the same company. Merge… opens the side-by-side merge of the two chosen leads
// (the first of a group is kept unless swapped); Open shows a lead on the Leads page.
class DuplicatesDialog : public QDialog
{
    Q_OBJECT
public:
    DuplicatesDialog(LeadService &service, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    int groupCount() const;
    void refresh();
    // Selects group `group`'s leads (the first two when it has more).
    void selectGroup(int group);
    // How the merge dialog is shown; tests replace it to drive the dialog.
    void setMergeRunner(std::function<int(MergeDialog &)> runner) { m_runner = std::move(runner); }
    void mergeSelected();

Q_SIGNALS:
    void merged(const Leads::MergeRecord &record);
    void openLead(const QString &leadId);

private:
    QStringList selectedLeadIds() const;
    void updateButtons();

    LeadService &m_service;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_merge = nullptr;
    QPushButton *m_open = nullptr;
    std::function<int(MergeDialog &)> m_runner;
};

} // namespace Leads
