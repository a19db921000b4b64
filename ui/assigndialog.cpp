// SPDX-License-Identifier: GPL-3.0-or-later
#include "assigndialog.h"

#include "domain/pipeline.h"
#include "storage/leadservice.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kUnassignedRole = Qt::UserRole + 2;
} // namespace

AssignDialog::AssignDialog(LeadService &service, const QStringList &leadIds, QWidget *parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_list(new QListWidget(this)), m_note(new QLabel(this)),
      m_count(int(leadIds.size()))
{
    setWindowTitle(tr("Assign %n lead(s)", nullptr, m_count));
    m_search->setPlaceholderText(tr("Search the team…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the team"));
    m_list->setAccessibleName(tr("People"));
    m_list->setAlternatingRowColors(true);
    m_note->setWordWrap(true);

    int final = 0;
    for (const QString &id : leadIds) {
        if (auto lead = service.lead(id); lead && !Pipeline::checkAssign(lead.value().status))
            ++final;
    }
    if (final > 0) {
        m_note->setText(final == m_count
                            ? tr("Converted, lost and archived leads keep their assignee: there is nothing to assign.")
                            : tr("%n of the selected leads are converted, lost or archived and keep their assignee.",
                                 nullptr, final));
    }
    m_note->setVisible(final > 0);
    m_nothingToAssign = final == m_count;

    const QHash<QString, int> loads = service.activeLoads();
    const QLocale locale;
    auto *unassigned = new QListWidgetItem(tr("Unassigned — back to the queue"), m_list);
    unassigned->setData(kIdRole, QString());
    unassigned->setData(kUnassignedRole, true);
    QList<UserInfo> people = service.users();
    std::sort(people.begin(), people.end(), [](const UserInfo &a, const UserInfo &b) {
        return a.displayName.localeAwareCompare(b.displayName) < 0;
    });
    for (const UserInfo &u : std::as_const(people)) {
        if (!u.active)
            continue;
        const int load = loads.value(u.id);
        auto *item = new QListWidgetItem(tr("%1 · %2 — %n active lead(s)", nullptr, load)
                                             .arg(u.displayName, roleLabel(u.role)),
                                         m_list);
        item->setData(kIdRole, u.id);
        item->setData(Qt::AccessibleTextRole, item->text());
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_assign = buttons->addButton(tr("Assign"), QDialogButtonBox::AcceptRole);
    m_assign->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &AssignDialog::filter);
    connect(m_list, &QListWidget::currentItemChanged, this, &AssignDialog::updateButton);
    connect(m_list, &QListWidget::itemDoubleClicked, this, [this] {
        if (m_assign->isEnabled())
            accept();
    });
    // Arrow keys in the search field move through the list, so the keyboard never leaves it.
    m_search->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    resize(400, 420);
    m_list->setCurrentRow(0);
    updateButton();
}

QString AssignDialog::assigneeId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

QString AssignDialog::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

bool AssignDialog::choose(const QString &userId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(kIdRole).toString() == userId) {
            m_list->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

void AssignDialog::filter(const QString &text)
{
    QListWidgetItem *firstVisible = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool match = text.trimmed().isEmpty() || item->text().contains(text.trimmed(), Qt::CaseInsensitive);
        item->setHidden(!match);
        if (match && !firstVisible)
            firstVisible = item;
    }
    if (m_list->currentItem() == nullptr || m_list->currentItem()->isHidden())
        m_list->setCurrentItem(firstVisible);
    updateButton();
}

void AssignDialog::updateButton()
{
    const QListWidgetItem *item = m_list->currentItem();
    const bool chosen = item && !item->isHidden();
    if (chosen) {
        m_assign->setText(item->data(kUnassignedRole).toBool()
                              ? tr("Unassign %n lead(s)", nullptr, m_count)
                              : tr("Assign %n lead(s)", nullptr, m_count));
    }
    m_assign->setEnabled(chosen && !m_nothingToAssign);
}

bool AssignDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up || key == Qt::Key_PageDown || key == Qt::Key_PageUp) {
            QCoreApplication::sendEvent(m_list, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace Leads
