// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/permissions.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace Leads {

class AiSettingsBackend;
class TeamSettings;

// Settings, one page per subject on the left. Everyone gets their own preferences;
// admins (by permission) also get the role × permission grid, the lost reasons, the
// assignment rule for captured leads (in a team) and the AI page. Each page saves on
// its own button, validated, in one step; open windows follow at once.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(const Actor &actor, TeamSettings &team, AiSettingsBackend *ai, QWidget *parent = nullptr);

    QStringList pageIds() const;
    bool showPage(const QString &id);
    QWidget *page(const QString &id) const;
    QTableWidget *permissionGrid() const { return m_grid; }
    QPushButton *savePermissionsButton() const { return m_savePermissions; }
    QPushButton *restoreDefaultsButton() const { return m_restoreDefaults; }
    QListWidget *lostReasonList() const { return m_reasons; }
    QPushButton *saveLostReasonsButton() const { return m_saveReasons; }
    QComboBox *themeBox() const { return m_theme; }
    QCheckBox *remindersBox() const { return m_reminders; }
    QString statusText() const;

    // Preferences every window follows (QSettings "preferences/…").
    static QString theme();          // system, light, dark
    static bool followUpReminders();
    // Applies the saved theme to the application's palette.
    static void applyTheme();

Q_SIGNALS:
    void preferencesChanged();

private:
    void addPage(const QString &id, const QString &title, QWidget *page);
    QWidget *buildPreferences();
    QWidget *buildPermissions();
    QWidget *buildLostReasons();
    QWidget *buildAssignment();
    void fillPermissionGrid(const PermissionMatrix &matrix);
    PermissionMatrix gridMatrix() const;
    void fillAssignment();
    void setStatus(const QString &text, bool error = false);
    void reloadFromBackend();

    Actor m_actor;
    TeamSettings &m_team;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    QLabel *m_status;
    QComboBox *m_theme = nullptr;
    QCheckBox *m_reminders = nullptr;
    QTableWidget *m_grid = nullptr;
    QPushButton *m_savePermissions = nullptr;
    QPushButton *m_restoreDefaults = nullptr;
    QListWidget *m_reasons = nullptr;
    QPushButton *m_saveReasons = nullptr;
    QComboBox *m_ruleMode = nullptr;
    QListWidget *m_ruleAgents = nullptr;
    QPushButton *m_saveRule = nullptr;
};

} // namespace Leads
