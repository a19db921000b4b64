// SPDX-License-Identifier: GPL-3.0-or-later
#include "newleaddialog.h"

#include "widgets/statuspalette.h"
#include "storage/leadservice.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Leads {

NewLeadDialog::NewLeadDialog(LeadService &service, QWidget *parent) : QDialog(parent), m_service(service)
{
    setWindowTitle(tr("New lead"));
    auto *v = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Full name"));
    m_company = new QLineEdit(this);
    m_phone = new QLineEdit(this);
    m_phone->setPlaceholderText(tr("+34 612 345 678"));
    m_email = new QLineEdit(this);
    m_email->setPlaceholderText(tr("name@example.com"));
    m_assignee = new QComboBox(this);
    m_note = new QPlainTextEdit(this);
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 14);
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Company"), m_company);
    form->addRow(tr("&Phone"), m_phone);
    form->addRow(tr("&E-mail"), m_email);
    const Actor &actor = service.actor();
    const bool canAssign = service.permissions().allows(actor.role, Permission::Assign);
    m_assignee->addItem(tr("Me (%1)").arg(actor.displayName), actor.userId);
    m_assignee->addItem(tr("Unassigned"), QString());
    if (canAssign) {
        for (const UserInfo &u : service.users()) {
            if (u.active && u.id != actor.userId)
                m_assignee->addItem(u.displayName, u.id);
        }
    }
    form->addRow(tr("&Assignee"), m_assignee);
    form->addRow(tr("N&ote"), m_note);
    v->addLayout(form);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, StatusPalette::errorText(palette()));
    m_message->setPalette(p);
    m_message->hide();
    v->addWidget(m_message);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *create = m_buttons->addButton(tr("Create lead"), QDialogButtonBox::AcceptRole);
    create->setDefault(true);
    m_openExisting = m_buttons->addButton(tr("Open existing lead"), QDialogButtonBox::ActionRole);
    m_openExisting->hide();
    v->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(create, &QPushButton::clicked, this, [this] {
        if (submit())
            accept();
    });
    connect(m_openExisting, &QPushButton::clicked, this, [this] {
        m_leadId = m_existingId;
        m_openedExisting = true;
        accept();
    });
    setMinimumWidth(420);
}

QString NewLeadDialog::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

bool NewLeadDialog::submit()
{
    NewLead lead;
    lead.name = m_name->text();
    lead.company = m_company->text().trimmed();
    lead.phone = m_phone->text();
    lead.email = m_email->text();
    lead.assigneeId = m_assignee->currentData().toString();
    lead.note = m_note->toPlainText();
    auto created = m_service.createLead(lead);
    if (created) {
        m_leadId = created.value();
        return true;
    }
    m_message->setText(created.error().message());
    m_message->show();
    const bool duplicate = created.error().code() == ErrorCode::DuplicateActiveLead;
    m_existingId = duplicate ? created.error().detail() : QString();
    m_openExisting->setVisible(duplicate && !m_existingId.isEmpty());
    if (created.error().detail() == u"name")
        m_name->setFocus();
    else if (created.error().detail() == u"phone")
        m_phone->setFocus();
    return false;
}

} // namespace Leads
