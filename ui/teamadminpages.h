// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Leads {

class ServerTeamSettings;

// Settings pages that only exist on a team server, each working straight on its API.

// The team's accounts: add, change role, deactivate or reactivate, reset a password.
class UsersPage : public QWidget
{
    Q_OBJECT
public:
    UsersPage(ServerTeamSettings &server, const QString &selfId, QWidget *parent = nullptr);
    void reload();
    QTableWidget *table() const { return m_table; }
    QString message() const;
    // The actions as the buttons run them, on the selected row (tests call these).
    void addUser(const QString &username, const QString &displayName, const QString &role, const QString &password);
    void setRole(const QString &userId, const QString &role);
    void setActive(const QString &userId, bool active);
    void resetPassword(const QString &userId, const QString &password);

Q_SIGNALS:
    void done();

private:
    void patch(const QString &userId, const QJsonObject &changes, const QString &what);
    void show(const QString &text, bool error);
    QString selectedId() const;

    ServerTeamSettings &m_server;
    QString m_self;
    QTableWidget *m_table;
    QLabel *m_message;
};

// How leads are captured: the broadcast and chat rules, and the integrations' secrets
// (created and rotated secrets are shown once, with a copy button).
class CapturePage : public QWidget
{
    Q_OBJECT
public:
    explicit CapturePage(ServerTeamSettings &server, QWidget *parent = nullptr);
    void reload();
    QTableWidget *integrations() const { return m_integrations; }
    QString message() const;
    QString lastSecret() const { return m_lastSecret; }
    void createIntegration(const QString &name);
    void rotate(const QString &name);
    void revoke(const QString &name);
    void saveRules();
    QCheckBox *broadcastCreates() const { return m_broadcastCreates; }
    QLineEdit *keyword() const { return m_keyword; }

Q_SIGNALS:
    void done();

private:
    void showSecret(const QString &name, const QString &secret);
    void show(const QString &text, bool error);
    QString selectedName() const;

    ServerTeamSettings &m_server;
    QCheckBox *m_broadcastCreates;
    QLineEdit *m_keyword;
    QCheckBox *m_chatCreates;
    QTableWidget *m_integrations;
    QLabel *m_message;
    QString m_lastSecret;
};

} // namespace Leads
