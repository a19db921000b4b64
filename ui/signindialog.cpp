// SPDX-License-Identifier: GPL-3.0-or-later
#include "signindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace Leads {

SignInDialog::SignInDialog(AuthClient *auth, QWidget *parent) : QDialog(parent), m_auth(auth)
{
    setWindowTitle(tr("Sign in to your team"));
    setModal(true);

    auto *intro = new QLabel(tr("Sign in to share leads with your team. Everything you do offline is "
                                "sent when the connection is back."),
                             this);
    intro->setWordWrap(true);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->hide();

    m_server = new QLineEdit(this);
    m_server->setPlaceholderText(QStringLiteral("https://leads.example.com"));
    m_server->setAccessibleName(tr("Server address"));
    m_username = new QLineEdit(this);
    m_username->setAccessibleName(tr("User name"));
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: palette(bright-text); background: #b42318; "
                                          "border-radius: 4px; padding: 6px;"));
    m_error->setAccessibleName(tr("Sign-in error"));
    m_error->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_offline = buttons->addButton(tr("Work offline"), QDialogButtonBox::RejectRole);
    m_signIn->setDefault(true);
    m_offline->setToolTip(tr("Keep working on the leads on this computer; sign in later from the File menu."));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_server, m_username, m_password})
        connect(edit, &QLineEdit::textChanged, this, &SignInDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_notice);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(buttons);
    setMinimumWidth(420);
    updateButtons();
}

void SignInDialog::setServer(const QString &server)
{
    m_server->setText(server);
    if (!server.isEmpty())
        m_username->setFocus();
}

void SignInDialog::setUsername(const QString &username)
{
    m_username->setText(username);
    if (!username.isEmpty())
        m_password->setFocus();
}

void SignInDialog::setNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString SignInDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SignInDialog::updateButtons()
{
    m_signIn->setEnabled(!m_busy && !m_server->text().trimmed().isEmpty()
                         && !m_username->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void SignInDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QLineEdit *edit : {m_server, m_username, m_password})
        edit->setEnabled(!busy);
    m_signIn->setText(busy ? tr("Signing in…") : tr("Sign in"));
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
    updateButtons();
}

void SignInDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void SignInDialog::submit()
{
    if (m_busy || !m_signIn->isEnabled())
        return;
    const QUrl server = AuthClient::normalisedServerUrl(m_server->text());
    if (!server.isValid()) {
        showError(tr("\"%1\" is not a server address. Use the address your administrator gave you, "
                     "for example https://leads.example.com.")
                      .arg(m_server->text().trimmed()));
        m_server->setFocus();
        m_server->selectAll();
        return;
    }
    m_error->hide();
    setBusy(true);
    m_auth->signIn(server, m_username->text(), m_password->text(),
                   [this, guard = QPointer<SignInDialog>(this)](const AuthSession *s, const AuthFailure *f) {
        if (!guard)
            return;
        setBusy(false);
        if (s) {
            m_session = *s;
            m_password->clear();
            accept();
            return;
        }
        showError(f->message);
        if (f->kind == AuthFailure::Kind::BadCredentials) {
            m_password->setFocus();
            m_password->selectAll();
        } else if (f->kind == AuthFailure::Kind::Unreachable) {
            m_server->setFocus();
        }
    });
}

} // namespace Leads
