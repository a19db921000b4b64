// SPDX-License-Identifier: GPL-3.0-or-later
#include "duplicatesdialog.h"

#include "mergedialog.h"
#include "storage/duplicatefinder.h"
#include "storage/leadservice.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kLeadIdRole = Qt::UserRole + 1;
}

DuplicatesDialog::DuplicatesDialog(LeadService &service, QWidget *parent)
    : QDialog(parent), m_service(service), m_runner([](MergeDialog &d) { return d.exec(); })
{
    setObjectName(QStringLiteral("duplicatesDialog"));
    setWindowTitle(tr("Possible duplicates"));
    resize(760, 460);
    auto *v = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    v->addWidget(m_summary);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("duplicateGroups"));
    m_tree->setAccessibleName(tr("Groups of possible duplicates"));
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Lead"), tr("Company"), tr("Phone"), tr("E-mail"), tr("Status")});
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    v->addWidget(m_tree, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_merge = buttons->addButton(tr("Merge…"), QDialogButtonBox::ActionRole);
    m_open = buttons->addButton(tr("Open"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_merge, &QPushButton::clicked, this, &DuplicatesDialog::mergeSelected);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedLeadIds();
        if (!ids.isEmpty())
            Q_EMIT openLead(ids.constFirst());
    });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &DuplicatesDialog::updateButtons);
    v->addWidget(buttons);
    refresh();
}

int DuplicatesDialog::groupCount() const
{
    return m_tree->topLevelItemCount();
}

void DuplicatesDialog::refresh()
{
    m_tree->clear();
    auto found = DuplicateFinder(m_service).find();
    if (!found) {
        m_summary->setText(found.error().message());
        updateButtons();
        return;
    }
    for (const DuplicateFinder::Group &g : found.value()) {
        auto *top = new QTreeWidgetItem(m_tree, {tr("%1: %2 (%3 leads)")
                                                     .arg(DuplicateFinder::reasonLabel(g.reason), g.key)
                                                     .arg(g.leads.size())});
        top->setFirstColumnSpanned(true);
        for (const Lead &l : g.leads) {
            auto *item = new QTreeWidgetItem(top, {l.name, l.company, l.phone, l.email, Status::label(l.status)});
            item->setData(0, kLeadIdRole, l.id);
        }
        top->setExpanded(true);
    }
    m_summary->setText(found.value().isEmpty()
                           ? tr("No possible duplicates among the active leads.")
                           : tr("%n group(s) of active leads that may be the same person. Select two leads of a group "
                                "(or the group) and choose Merge….",
                                nullptr, int(found.value().size())));
    updateButtons();
}

void DuplicatesDialog::selectGroup(int group)
{
    m_tree->clearSelection();
    QTreeWidgetItem *top = m_tree->topLevelItem(group);
    if (!top)
        return;
    for (int i = 0; i < qMin(2, top->childCount()); ++i)
        top->child(i)->setSelected(true);
}

QStringList DuplicatesDialog::selectedLeadIds() const
{
    QStringList ids;
    for (QTreeWidgetItem *item : m_tree->selectedItems()) {
        if (!item->parent()) {
            // A group stands for its first two leads.
            for (int i = 0; i < qMin(2, item->childCount()); ++i)
                ids.append(item->child(i)->data(0, kLeadIdRole).toString());
        } else {
            ids.append(item->data(0, kLeadIdRole).toString());
        }
    }
    ids.removeDuplicates();
    return ids;
}

void DuplicatesDialog::updateButtons()
{
    const int n = int(selectedLeadIds().size());
    m_merge->setEnabled(n == 2);
    m_open->setEnabled(n >= 1);
}

void DuplicatesDialog::mergeSelected()
{
    const QStringList ids = selectedLeadIds();
    if (ids.size() != 2)
        return;
    MergeDialog dialog(m_service, ids.at(0), ids.at(1), this);
    if (m_runner(dialog) == QDialog::Accepted && dialog.record()) {
        Q_EMIT merged(*dialog.record());
        refresh();
    }
}

} // namespace Leads
