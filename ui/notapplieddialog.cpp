// SPDX-License-Identifier: GPL-3.0-or-later
#include "notapplieddialog.h"

#include "domain/leadstatus.h"
#include "storage/leadservice.h"
#include "sync/syncstore.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kSeqRole = Qt::UserRole + 1;

QString statusText(const QString &id)
{
    const auto s = Status::fromId(id);
    return s ? Status::label(*s) : id;
}
} // namespace

NotAppliedDialog::NotAppliedDialog(LeadService &service, QWidget *parent)
    : QDialog(parent), m_service(service), m_list(new QTreeWidget(this)), m_message(new QLabel(this))
{
    setWindowTitle(tr("Changes not applied"));
    auto *intro = new QLabel(tr("The server refused these changes, usually because someone else changed "
                                "the lead first. The lead shows what the server has."),
                             this);
    intro->setWordWrap(true);
    m_list->setColumnCount(4);
    m_list->setHeaderLabels({tr("Lead"), tr("Your change"), tr("Why it was refused"), tr("The server has")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setAccessibleName(tr("Changes not applied"));
    m_message->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_retry = buttons->addButton(tr("&Retry"), QDialogButtonBox::ActionRole);
    m_retry->setToolTip(tr("Make the same change again on the lead as it is now."));
    m_dismiss = buttons->addButton(tr("&Dismiss"), QDialogButtonBox::ActionRole);
    m_dismiss->setToolTip(tr("Forget this change; the server's value stays."));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_dismiss, &QPushButton::clicked, this, &NotAppliedDialog::dismissSelected);
    connect(m_retry, &QPushButton::clicked, this, &NotAppliedDialog::retrySelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &NotAppliedDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(820, 360);
    reload();
}

QString NotAppliedDialog::lastMessage() const
{
    return m_message->text();
}

QString NotAppliedDialog::describe(const NotApplied &change)
{
    const QJsonObject &a = change.args;
    if (change.name == u"lead.setStatus")
        return tr("Status → %1").arg(statusText(a.value(QStringLiteral("to")).toString()));
    if (change.name == u"lead.assign") {
        const QString to = a.value(QStringLiteral("assigneeId")).toString();
        return to.isEmpty() ? tr("Unassign") : tr("Assign to %1").arg(to);
    }
    if (change.name == u"lead.qualify")
        return tr("Score %1").arg(a.value(QStringLiteral("score")).toInt());
    if (change.name == u"lead.addNote")
        return tr("Note: %1").arg(a.value(QStringLiteral("text")).toString().left(80));
    if (change.name == u"lead.setFollowUp") {
        const QDateTime at = QDateTime::fromString(a.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        return at.isValid() ? tr("Follow up %1").arg(QLocale().toString(at.toLocalTime(), QLocale::ShortFormat))
                            : tr("Clear the follow-up");
    }
    if (change.name == u"lead.create")
        return tr("New lead %1").arg(a.value(QStringLiteral("name")).toString());
    if (change.name == u"lead.merge")
        return tr("Merge: %1").arg(a.value(QStringLiteral("targetNote")).toString().left(80));
    return change.name;
}

void NotAppliedDialog::reload()
{
    m_list->clear();
    const QList<NotApplied> changes = SyncStore(m_service.database()).notApplied();
    for (const NotApplied &c : changes) {
        QString leadName = c.args.value(QStringLiteral("name")).toString();
        if (auto lead = m_service.lead(c.leadId); lead)
            leadName = lead.value().name;
        QString server;
        if (!c.serverValue.isEmpty()) {
            QStringList parts;
            if (c.serverValue.contains(QStringLiteral("status")))
                parts << statusText(c.serverValue.value(QStringLiteral("status")).toString());
            const QString assignee = c.serverValue.value(QStringLiteral("assigneeName")).toString();
            if (!assignee.isEmpty())
                parts << tr("assigned to %1").arg(assignee);
            server = parts.join(QStringLiteral(", "));
        }
        auto *item = new QTreeWidgetItem(m_list, {leadName.isEmpty() ? c.leadId : leadName, describe(c),
                                                  c.message.isEmpty() ? c.code : c.message, server});
        item->setData(0, kSeqRole, c.seq);
        item->setToolTip(2, c.code);
    }
    for (int i = 0; i < 3; ++i)
        m_list->resizeColumnToContents(i);
    updateButtons();
}

void NotAppliedDialog::updateButtons()
{
    const bool any = !m_list->selectedItems().isEmpty();
    m_dismiss->setEnabled(any);
    m_retry->setEnabled(any);
}

void NotAppliedDialog::dismissSelected()
{
    SyncStore store(m_service.database());
    QStringList problems;
    for (QTreeWidgetItem *item : m_list->selectedItems()) {
        if (auto done = store.dismiss(item->data(0, kSeqRole).toLongLong()); !done)
            problems << done.error().message();
    }
    reload();
    m_message->setText(problems.join(u'\n'));
    Q_EMIT changed();
}

void NotAppliedDialog::retrySelected()
{
    SyncStore store(m_service.database());
    const QList<NotApplied> all = store.notApplied();
    QStringList problems;
    int retried = 0;
    for (QTreeWidgetItem *item : m_list->selectedItems()) {
        const qint64 seq = item->data(0, kSeqRole).toLongLong();
        auto it = std::find_if(all.begin(), all.end(), [seq](const NotApplied &c) { return c.seq == seq; });
        if (it == all.end())
            continue;
        const QJsonObject &a = it->args;
        Outcome done = Error(ErrorCode::InvalidInput, tr("This kind of change cannot be retried; make it again by hand."));
        if (it->name == u"lead.setStatus") {
            if (auto to = Status::fromId(a.value(QStringLiteral("to")).toString()))
                done = m_service.setStatus(it->leadId, *to, a.value(QStringLiteral("reason")).toString());
        } else if (it->name == u"lead.assign") {
            done = m_service.assign(it->leadId, a.value(QStringLiteral("assigneeId")).toString());
        } else if (it->name == u"lead.qualify") {
            done = m_service.qualifyManually(it->leadId, a.value(QStringLiteral("score")).toInt());
        } else if (it->name == u"lead.addNote") {
            done = m_service.addNote(it->leadId, a.value(QStringLiteral("text")).toString());
        } else if (it->name == u"lead.setFollowUp") {
            done = m_service.setFollowUp(it->leadId, QDateTime::fromString(a.value(QStringLiteral("at")).toString(),
                                                                            Qt::ISODateWithMs));
        }
        if (done)
            done = store.dismiss(seq); // the new change is queued in its place
        if (done) {
            ++retried;
        } else {
            problems << QStringLiteral("%1: %2").arg(item->text(0), done.error().message());
        }
    }
    reload();
    m_message->setText(problems.isEmpty() ? tr("%n change(s) queued again.", nullptr, retried)
                                          : problems.join(u'\n'));
    Q_EMIT changed();
}

} // namespace Leads
