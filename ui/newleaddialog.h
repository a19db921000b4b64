// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Leads {

class LeadService;

// Creates a lead by hand. Validation is the core's (LeadService::createLead); when the
// contact already has an active lead the dialog says so and offers to open that one.
class NewLeadDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewLeadDialog(LeadService &service, QWidget *parent = nullptr);

    // The lead created, or the existing lead the user chose to open.
    const QString &leadId() const { return m_leadId; }
    bool openedExisting() const { return m_openedExisting; }

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *phoneField() const { return m_phone; }
    QLineEdit *emailField() const { return m_email; }
    QString message() const;
    // Runs the same steps as the Create button (tests, keyboard).
    bool submit();

private:
    LeadService &m_service;
    QString m_leadId;
    QString m_existingId;
    bool m_openedExisting = false;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_company = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_email = nullptr;
    QComboBox *m_assignee = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_openExisting = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Leads
