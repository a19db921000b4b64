// SPDX-License-Identifier: GPL-3.0-or-later
#include "bulkeditdialog.h"

#include "domain/permissions.h"
#include "storage/leadservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Leads {

BulkEditDialog::BulkEditDialog(LeadService &service, QStringList leadIds, QWidget *parent)
    : QDialog(parent), m_service(service), m_ids(std::move(leadIds))
{
    setObjectName(QStringLiteral("bulkEditDialog"));
    setWindowTitle(tr("Edit %n lead(s)", nullptr, int(m_ids.size())));
    auto *v = new QVBoxLayout(this);
    v->addWidget(new QLabel(tr("Change %n lead(s). Each lead goes through the usual rules; the ones that refuse are "
                               "listed with the reason.", nullptr, int(m_ids.size())),
                            this));
    auto *form = new QFormLayout;
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("bulkKind"));
    m_kind->addItem(tr("Status"), int(BulkChange::Kind::Status));
    const bool mayAssign = service.permissions().allows(service.actor().role, Permission::Assign);
    if (mayAssign)
        m_kind->addItem(tr("Assignee"), int(BulkChange::Kind::Assignee));
    m_kind->addItem(tr("Follow-up"), int(BulkChange::Kind::FollowUp));
    m_kind->addItem(tr("Add tag"), int(BulkChange::Kind::Tag));
    form->addRow(tr("Change"), m_kind);
    v->addLayout(form);

    m_editors = new QStackedWidget(this);
    // Status with its lost reason.
    auto *statusPage = new QWidget(m_editors);
    auto *sf = new QFormLayout(statusPage);
    sf->setContentsMargins(0, 0, 0, 0);
    m_status = new QComboBox(statusPage);
    for (LeadStatus s : kAllStatuses)
        m_status->addItem(Status::label(s), Status::id(s));
    m_lostReason = new QComboBox(statusPage);
    m_lostReason->addItems(service.lostReasons());
    m_lostLabel = new QLabel(tr("Lost reason"), statusPage);
    sf->addRow(tr("Move to"), m_status);
    sf->addRow(m_lostLabel, m_lostReason);
    m_editors->addWidget(statusPage);
    // Assignee.
    auto *assignPage = new QWidget(m_editors);
    auto *af = new QFormLayout(assignPage);
    af->setContentsMargins(0, 0, 0, 0);
    m_assignee = new QComboBox(assignPage);
    m_assignee->addItem(tr("Unassigned"), QString());
    for (const UserInfo &u : service.users()) {
        if (u.active)
            m_assignee->addItem(u.displayName, u.id);
    }
    af->addRow(tr("Assign to"), m_assignee);
    m_editors->addWidget(assignPage);
    // Follow-up.
    auto *followPage = new QWidget(m_editors);
    auto *ff = new QFormLayout(followPage);
    ff->setContentsMargins(0, 0, 0, 0);
    m_followUp = new QDateTimeEdit(QDateTime(QDate::currentDate().addDays(1), QTime(9, 0)), followPage);
    m_followUp->setCalendarPopup(true);
    m_followUp->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_clearFollowUp = new QCheckBox(tr("Clear the follow-up instead"), followPage);
    ff->addRow(tr("Follow up on"), m_followUp);
    ff->addRow(QString(), m_clearFollowUp);
    m_editors->addWidget(followPage);
    // Tag.
    auto *tagPage = new QWidget(m_editors);
    auto *tf = new QFormLayout(tagPage);
    tf->setContentsMargins(0, 0, 0, 0);
    m_tag = new QLineEdit(tagPage);
    m_tag->setPlaceholderText(tr("e.g. fair 2026"));
    tf->addRow(tr("Tag"), m_tag);
    m_editors->addWidget(tagPage);
    v->addWidget(m_editors);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("bulkSummary"));
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->hide();
    v->addWidget(m_result);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::ApplyRole);
    m_apply->setDefault(true);
    m_close = buttons->addButton(QDialogButtonBox::Cancel);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_summary)
            accept();
        else
            reject();
    });
    v->addWidget(buttons);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &BulkEditDialog::kindChanged);
    connect(m_status, &QComboBox::currentIndexChanged, this, &BulkEditDialog::kindChanged);
    connect(m_clearFollowUp, &QCheckBox::toggled, m_followUp, &QWidget::setDisabled);
    kindChanged();
}

void BulkEditDialog::kindChanged()
{
    const auto kind = BulkChange::Kind(m_kind->currentData().toInt());
    m_editors->setCurrentIndex(int(kind));
    const bool lost = m_status->currentData().toString() == Status::id(LeadStatus::Lost);
    m_lostLabel->setVisible(lost);
    m_lostReason->setVisible(lost);
}

BulkChange BulkEditDialog::change() const
{
    BulkChange c;
    c.kind = BulkChange::Kind(m_kind->currentData().toInt());
    c.status = Status::fromId(m_status->currentData().toString()).value_or(LeadStatus::Contacted);
    if (c.status == LeadStatus::Lost)
        c.lostReason = m_lostReason->currentText();
    c.assigneeId = m_assignee->currentData().toString();
    if (!m_clearFollowUp->isChecked())
        c.followUpAt = m_followUp->dateTime().toUTC();
    c.tag = m_tag->text();
    return c;
}

void BulkEditDialog::setChange(const BulkChange &c)
{
    m_kind->setCurrentIndex(m_kind->findData(int(c.kind)));
    m_status->setCurrentIndex(m_status->findData(Status::id(c.status)));
    if (!c.lostReason.isEmpty())
        m_lostReason->setCurrentText(c.lostReason);
    m_assignee->setCurrentIndex(qMax(0, m_assignee->findData(c.assigneeId)));
    m_clearFollowUp->setChecked(!c.followUpAt.isValid());
    if (c.followUpAt.isValid())
        m_followUp->setDateTime(c.followUpAt.toLocalTime());
    m_tag->setText(c.tag);
}

QString BulkEditDialog::describe(const BulkSummary &s)
{
    QString text = tr("Changed %n lead(s).", nullptr, s.changed);
    if (s.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled after %1 of %2; the leads done so far stay changed.")
                                       .arg(QLocale().toString(s.changed + s.refused), QLocale().toString(s.total));
    if (s.refused > 0) {
        text += QLatin1Char('\n') + tr("Refused %n lead(s):", nullptr, s.refused);
        for (const BulkSummary::Refusal &r : s.refusals) {
            text += QLatin1Char('\n')
                    + tr("• %1 — %n lead(s), e.g. %2", nullptr, r.count).arg(r.reason, r.examples.join(QStringLiteral(", ")));
        }
    }
    if (s.changed > 0)
        text += QLatin1Char('\n') + tr("Ctrl+Z undoes the whole edit.");
    return text;
}

QString BulkEditDialog::summaryText() const
{
    return m_result->text();
}

bool BulkEditDialog::apply()
{
    BulkEdit bulk(m_service);
    std::unique_ptr<QProgressDialog> progress;
    if (m_ids.size() > kProgressThreshold) {
        progress = std::make_unique<QProgressDialog>(tr("Changing leads…"), tr("Cancel"), 0, int(m_ids.size()), this);
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(300);
    }
    QProgressDialog *p = progress.get();
    auto result = bulk.apply(m_ids, change(), [p](int done, int) {
        if (!p)
            return true;
        p->setValue(done);
        QCoreApplication::processEvents();
        return !p->wasCanceled();
    });
    if (!result) {
        m_result->setText(result.error().message());
        m_result->show();
        return false;
    }
    m_summary = result.value();
    m_result->setText(describe(*m_summary));
    m_result->show();
    m_apply->setEnabled(false);
    m_kind->setEnabled(false);
    m_editors->setEnabled(false);
    m_close->setText(tr("Close"));
    Q_EMIT applied(*m_summary);
    return true;
}

} // namespace Leads
