// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/authclient.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Leads {

// Signs in to a Leads server: address, user name, password. "Work offline" closes it and
// the local database stays usable. Errors (wrong password, no answer, too many attempts)
// show in the dialog, which stays open with what was typed.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    SignInDialog(AuthClient *auth, QWidget *parent = nullptr);

    void setServer(const QString &server);
    void setUsername(const QString &username);
    // A line above the form, e.g. why a sign-in is needed again.
    void setNotice(const QString &text);

    const AuthSession &session() const { return m_session; }
    QString errorText() const;
    bool isBusy() const { return m_busy; }

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *offlineButton() const { return m_offline; }
    void showError(const QString &text);

private:
    void submit();
    void setBusy(bool busy);
    void updateButtons();

    AuthClient *m_auth;
    AuthSession m_session;
    QLabel *m_notice = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_offline = nullptr;
    bool m_busy = false;
};

} // namespace Leads
