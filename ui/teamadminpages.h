// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <functional>

class QCheckBox;
class QJsonObject;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Leads {

class ServerTeamSettings;

// Settings pages that only exist on a team server, each working straight on its API.

// What both pages share: the server, and the line that says what happened.
class ServerPage : public QWidget
{
    Q_OBJECT
public:
    ServerPage(ServerTeamSettings &server, QWidget *parent);
    QString message() const;

Q_SIGNALS:
    // A request (or a refusal before any request) ended.
    void done();

protected:
    void show(const QString &text, bool error);
    // Shows `success` or the server's error; `then` runs after a success.
    void report(const QString &error, const QString &success, const std::function<void()> &then = {});

    ServerTeamSettings &m_server;
    QLabel *m_message;
};

// The team's accounts: add, change role, deactivate or reactivate, reset a password.
class UsersPage : public ServerPage
{
    Q_OBJECT
public:
    UsersPage(ServerTeamSettings &server, const QString &selfId, QWidget *parent = nullptr);
    void reload();
    QTableWidget *table() const { return m_table; }
    // The actions as the buttons run them, on the selected row (tests call these).
    void addUser(const QString &username, const QString &displayName, const QString &role, const QString &password);
    void setRole(const QString &userId, const QString &role);
    void setActive(const QString &userId, bool active);
    void resetPassword(const QString &userId, const QString &password);

private:
    void patch(const QString &userId, const QJsonObject &changes, const QString &what);
    QString selectedId() const;

    QString m_self;
    QTableWidget *m_table;
};

// How leads are captured: the broadcast and chat rules, and the integrations' secrets
// (created and rotated secrets are shown once, with a copy button).
class CapturePage : public ServerPage
{
    Q_OBJECT
public:
    explicit CapturePage(ServerTeamSettings &server, QWidget *parent = nullptr);
    void reload();
    QTableWidget *integrations() const { return m_integrations; }
    QString lastSecret() const { return m_lastSecret; }
    void createIntegration(const QString &name);
    void rotate(const QString &name);
    void revoke(const QString &name);
    void saveRules();
    QCheckBox *broadcastCreates() const { return m_broadcastCreates; }
    QLineEdit *keyword() const { return m_keyword; }

private:
    // Creating and rotating both answer with a secret shown once.
    void issueSecret(const QString &path, const QJsonObject &body, const QString &name);
    void showSecret(const QString &name, const QString &secret);
    QString selectedName() const;

    QCheckBox *m_broadcastCreates;
    QLineEdit *m_keyword;
    QCheckBox *m_chatCreates;
    QTableWidget *m_integrations;
    QString m_lastSecret;
};

} // namespace Leads
