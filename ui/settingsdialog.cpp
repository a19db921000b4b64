// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "stalerulespage.h"

#include "aisettingspanel.h"
#include "languages.h"
#include "scoring/aisettingsbackend.h"
#include "teamadminpages.h"
#include "teamsettings.h"
#include "themes.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPalette>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr std::array kRoles = {Role::Agent, Role::Manager, Role::Admin};

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setWeight(QFont::DemiBold);
    label->setFont(f);
    return label;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
} // namespace

QString SettingsDialog::theme()
{
    return QSettings().value(QStringLiteral("preferences/theme"), QStringLiteral("system")).toString();
}

bool SettingsDialog::followUpReminders()
{
    return QSettings().value(QStringLiteral("preferences/followUpReminders"), true).toBool();
}

void SettingsDialog::applyTheme()
{
    Themes::apply(theme());
}

SettingsDialog::SettingsDialog(const Actor &actor, TeamSettings &team, AiSettingsBackend *ai, QWidget *parent)
    : QDialog(parent), m_actor(actor), m_team(team), m_nav(new QListWidget(this)), m_pages(new QStackedWidget(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_nav->setObjectName(QStringLiteral("settingsNavigation"));
    m_nav->setFixedWidth(190);
    m_nav->setStyleSheet(QStringLiteral("QListWidget#settingsNavigation::item { padding: 6px 8px; }"));
    m_nav->setAccessibleName(tr("Settings pages"));
    m_status->setWordWrap(true);

    const PermissionMatrix matrix = team.permissions();
    addPage(QStringLiteral("preferences"), tr("Preferences"), buildPreferences());
    if (matrix.allows(actor.role, Permission::ManagePermissions))
        addPage(QStringLiteral("permissions"), tr("Roles & permissions"), buildPermissions());
    auto *server = qobject_cast<ServerTeamSettings *>(&team);
    if (server && matrix.allows(actor.role, Permission::ManageUsers))
        addPage(QStringLiteral("users"), tr("Team members"), new UsersPage(*server, actor.userId, this));
    if (matrix.allows(actor.role, Permission::ManageSettings)) {
        addPage(QStringLiteral("lostReasons"), tr("Lost reasons"), buildLostReasons());
        auto *stale = new StaleRulesPage(team, this);
        connect(stale, &StaleRulesPage::saved, this, [this](const QString &error) {
            setStatus(error.isEmpty() ? tr("Stale limits saved.") : error, !error.isEmpty());
        });
        addPage(QStringLiteral("staleLeads"), tr("Stale leads"), stale);
        if (server) {
            addPage(QStringLiteral("assignment"), tr("Assignment"), buildAssignment());
            addPage(QStringLiteral("capture"), tr("Lead capture"), new CapturePage(*server, this));
        }
    }
    if (ai)
        addPage(QStringLiteral("ai"), tr("AI qualification"), new AiSettingsPanel(*ai, this));

    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *h = new QHBoxLayout;
    h->addWidget(m_nav);
    h->addWidget(m_pages, 1);
    auto *v = new QVBoxLayout(this);
    v->addLayout(h, 1);
    v->addWidget(m_status);
    v->addWidget(buttons);
    resize(860, 560);

    connect(&m_team, &TeamSettings::changed, this, &SettingsDialog::reloadFromBackend);
    if (team.isTeam()) {
        setStatus(tr("Loading the team's settings…"));
        team.load([this, guard = QPointer<SettingsDialog>(this)](const QString &error) {
            if (!guard)
                return;
            reloadFromBackend();
            setStatus(error.isEmpty() ? QString() : tr("Could not load the team's settings: %1").arg(error), !error.isEmpty());
        });
    }
}

void SettingsDialog::addPage(const QString &id, const QString &title, QWidget *page)
{
    auto *item = new QListWidgetItem(title, m_nav);
    item->setData(kIdRole, id);
    m_pages->addWidget(page);
}

QWidget *SettingsDialog::page(const QString &id) const
{
    const int i = int(pageIds().indexOf(id));
    return i < 0 ? nullptr : m_pages->widget(i);
}

QStringList SettingsDialog::pageIds() const
{
    QStringList ids;
    for (int i = 0; i < m_nav->count(); ++i)
        ids << m_nav->item(i)->data(kIdRole).toString();
    return ids;
}

bool SettingsDialog::showPage(const QString &id)
{
    const int i = int(pageIds().indexOf(id));
    if (i < 0)
        return false;
    m_nav->setCurrentRow(i);
    return true;
}

QString SettingsDialog::statusText() const
{
    return m_status->text();
}

void SettingsDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    m_status->setStyleSheet(error ? QStringLiteral("background: #b42318; color: white; padding: 6px; border-radius: 4px;")
                                  : QString());
}

void SettingsDialog::reloadFromBackend()
{
    if (m_grid)
        fillPermissionGrid(m_team.permissions());
    if (m_reasons) {
        m_reasons->clear();
        for (const QString &r : m_team.lostReasons()) {
            auto *item = new QListWidgetItem(r, m_reasons);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
    if (m_ruleMode)
        fillAssignment();
}

QWidget *SettingsDialog::buildPreferences()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    v->addWidget(heading(tr("Preferences"), page));
    v->addWidget(hint(tr("Yours only, on this computer."), page));
    auto *form = new QFormLayout;
    m_theme = new QComboBox(page);
    for (const QString &name : Themes::names())
        m_theme->addItem(Themes::displayName(name), name);
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(theme())));
    m_theme->setAccessibleName(tr("Theme"));
    form->addRow(tr("&Theme:"), m_theme);
    m_reminders = new QCheckBox(tr("Remind me when a follow-up is due"), page);
    m_reminders->setChecked(followUpReminders());
    form->addRow(tr("Notifications:"), m_reminders);
    // Language names stay in their own language, so a user lost in the wrong one finds theirs.
    auto *language = new QComboBox(page);
    language->setObjectName(QStringLiteral("languageBox"));
    language->addItem(tr("Follow the system (%1)").arg(QLocale::system().nativeLanguageName()),
                      QStringLiteral("system"));
    language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    language->setCurrentIndex(std::max(0, language->findData(Translations::preference())));
    language->setAccessibleName(tr("Language"));
    language->setToolTip(tr("The language of the texts, dates and numbers in Leads."));
    form->addRow(tr("&Language:"), language);
    // Every window builds its texts once; a restart is simpler and safer than retranslating them all.
    auto *restart = new QLabel(tr("Restart Leads to switch the language."), page);
    restart->setObjectName(QStringLiteral("languageRestartHint"));
    restart->setWordWrap(true);
    const auto updateRestart = [restart, language] {
        const QString chosen = Translations::resolve(language->currentData().toString());
        restart->setVisible(chosen != Translations::current());
    };
    updateRestart();
    form->addRow(QString(), restart);
    connect(language, &QComboBox::activated, this, [this, language, updateRestart] {
        Translations::setPreference(language->currentData().toString());
        updateRestart();
        Q_EMIT preferencesChanged();
    });
    const QString server = QSettings().value(QStringLiteral("session/server"),
                                             QSettings().value(QStringLiteral("session/lastServer")))
                               .toString();
    auto *serverLabel = new QLabel(server.isEmpty() ? tr("Not signed in — File → Sign in…") : server, page);
    serverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Team server:"), serverLabel);
    v->addLayout(form);
    v->addStretch();
    connect(m_theme, &QComboBox::activated, this, [this] {
        QSettings().setValue(QStringLiteral("preferences/theme"), m_theme->currentData().toString());
        applyTheme();
        Q_EMIT preferencesChanged();
    });
    connect(m_reminders, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("preferences/followUpReminders"), on);
        Q_EMIT preferencesChanged();
    });
    return page;
}

QWidget *SettingsDialog::buildPermissions()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    v->addWidget(heading(tr("Roles & permissions"), page));
    v->addWidget(hint(m_team.isTeam() ? tr("Saved on the server, which enforces them for everyone at once.")
                                      : tr("For this computer's workspace."),
                      page));
    m_grid = new QTableWidget(kPermissionCount, int(kRoles.size()), page);
    m_grid->setObjectName(QStringLiteral("permissionGrid"));
    m_grid->setAccessibleName(tr("Permissions per role"));
    QStringList roles;
    for (Role r : kRoles)
        roles << roleLabel(r);
    m_grid->setHorizontalHeaderLabels(roles);
    QStringList perms;
    for (int p = 0; p < kPermissionCount; ++p)
        perms << permissionLabel(static_cast<Permission>(p));
    m_grid->setVerticalHeaderLabels(perms);
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->setSelectionMode(QAbstractItemView::NoSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    fillPermissionGrid(m_team.permissions());
    v->addWidget(m_grid, 1);
    auto *row = new QHBoxLayout;
    m_restoreDefaults = new QPushButton(tr("Restore defaults"), page);
    m_savePermissions = new QPushButton(tr("Save permissions"), page);
    m_savePermissions->setProperty("primary", true);
    row->addWidget(m_restoreDefaults);
    row->addStretch();
    row->addWidget(m_savePermissions);
    v->addLayout(row);
    connect(m_restoreDefaults, &QPushButton::clicked, this, [this] {
        fillPermissionGrid(PermissionMatrix::defaults());
        setStatus(tr("Defaults restored in the grid — save to apply them."));
    });
    connect(m_savePermissions, &QPushButton::clicked, this, [this] {
        m_savePermissions->setEnabled(false);
        m_team.savePermissions(gridMatrix(), [this, guard = QPointer<SettingsDialog>(this)](const QString &error) {
            if (!guard)
                return;
            m_savePermissions->setEnabled(true);
            setStatus(error.isEmpty() ? tr("Permissions saved.") : error, !error.isEmpty());
        });
    });
    return page;
}

void SettingsDialog::fillPermissionGrid(const PermissionMatrix &matrix)
{
    for (int p = 0; p < kPermissionCount; ++p) {
        for (int r = 0; r < int(kRoles.size()); ++r) {
            auto *item = new QTableWidgetItem;
            const bool locked = kRoles[size_t(r)] == Role::Admin && static_cast<Permission>(p) == Permission::ManagePermissions;
            item->setFlags(locked ? Qt::ItemIsEnabled : (Qt::ItemIsEnabled | Qt::ItemIsUserCheckable));
            item->setCheckState(matrix.allows(kRoles[size_t(r)], static_cast<Permission>(p)) ? Qt::Checked : Qt::Unchecked);
            if (locked)
                item->setToolTip(tr("Admins always keep this, so nobody can lock the team out."));
            m_grid->setItem(p, r, item);
        }
    }
}

PermissionMatrix SettingsDialog::gridMatrix() const
{
    PermissionMatrix m = PermissionMatrix::defaults();
    for (int p = 0; p < kPermissionCount; ++p) {
        for (int r = 0; r < int(kRoles.size()); ++r)
            m.set(kRoles[size_t(r)], static_cast<Permission>(p), m_grid->item(p, r)->checkState() == Qt::Checked);
    }
    return m;
}

QWidget *SettingsDialog::buildLostReasons()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    v->addWidget(heading(tr("Lost reasons"), page));
    v->addWidget(hint(tr("Offered when a lead is marked Lost. Double-click to rename; removing one retires it — "
                         "leads already lost for it keep it."),
                      page));
    m_reasons = new QListWidget(page);
    m_reasons->setObjectName(QStringLiteral("lostReasons"));
    m_reasons->setAccessibleName(tr("Lost reasons"));
    m_reasons->setDragDropMode(QAbstractItemView::InternalMove);
    v->addWidget(m_reasons, 1);
    auto *row = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add…"), page);
    auto *remove = new QPushButton(tr("Retire"), page);
    m_saveReasons = new QPushButton(tr("Save lost reasons"), page);
    m_saveReasons->setProperty("primary", true);
    row->addWidget(add);
    row->addWidget(remove);
    row->addStretch();
    row->addWidget(m_saveReasons);
    v->addLayout(row);
    reloadFromBackend();
    connect(add, &QPushButton::clicked, this, [this] {
        const QString label = QInputDialog::getText(this, tr("Add a lost reason"), tr("Reason:")).trimmed();
        if (label.isEmpty())
            return;
        auto *item = new QListWidgetItem(label, m_reasons);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    });
    connect(remove, &QPushButton::clicked, this, [this] { delete m_reasons->currentItem(); });
    connect(m_saveReasons, &QPushButton::clicked, this, [this] {
        QStringList labels;
        for (int i = 0; i < m_reasons->count(); ++i)
            labels << m_reasons->item(i)->text();
        m_saveReasons->setEnabled(false);
        m_team.saveLostReasons(labels, [this, guard = QPointer<SettingsDialog>(this)](const QString &error) {
            if (!guard)
                return;
            m_saveReasons->setEnabled(true);
            setStatus(error.isEmpty() ? tr("Lost reasons saved.") : error, !error.isEmpty());
        });
    });
    return page;
}

QWidget *SettingsDialog::buildAssignment()
{
    auto *page = new QWidget(this);
    auto *v = new QVBoxLayout(page);
    v->addWidget(heading(tr("Assignment of captured leads"), page));
    v->addWidget(hint(tr("Who gets a lead that arrives from a broadcast reply, a chat or an integration. "
                         "Deactivated agents are passed over."),
                      page));
    m_ruleMode = new QComboBox(page);
    for (auto mode : {AssignmentRule::Mode::Manual, AssignmentRule::Mode::RoundRobin, AssignmentRule::Mode::LeastLoaded})
        m_ruleMode->addItem(AssignmentRule::modeLabel(mode), static_cast<int>(mode));
    m_ruleMode->setAccessibleName(tr("Assignment rule"));
    v->addWidget(m_ruleMode);
    m_ruleAgents = new QListWidget(page);
    m_ruleAgents->setAccessibleName(tr("Agents who take captured leads"));
    v->addWidget(m_ruleAgents, 1);
    auto *row = new QHBoxLayout;
    m_saveRule = new QPushButton(tr("Save rule"), page);
    m_saveRule->setProperty("primary", true);
    row->addStretch();
    row->addWidget(m_saveRule);
    v->addLayout(row);
    connect(m_ruleMode, &QComboBox::currentIndexChanged, this, [this] {
        m_ruleAgents->setEnabled(m_ruleMode->currentData().toInt() != int(AssignmentRule::Mode::Manual));
    });
    connect(m_saveRule, &QPushButton::clicked, this, [this] {
        AssignmentRule rule;
        rule.mode = static_cast<AssignmentRule::Mode>(m_ruleMode->currentData().toInt());
        for (int i = 0; i < m_ruleAgents->count(); ++i) {
            if (m_ruleAgents->item(i)->checkState() == Qt::Checked)
                rule.agents << m_ruleAgents->item(i)->data(kIdRole).toString();
        }
        if (auto valid = AssignmentRule::fromJson(rule.toJson()); !valid) {
            setStatus(valid.error().message(), true);
            return;
        }
        m_team.saveAssignmentRule(rule, [this, guard = QPointer<SettingsDialog>(this)](const QString &error) {
            if (guard)
                setStatus(error.isEmpty() ? tr("Assignment rule saved.") : error, !error.isEmpty());
        });
    });
    fillAssignment();
    return page;
}

void SettingsDialog::fillAssignment()
{
    const AssignmentRule rule = m_team.assignmentRule();
    m_ruleMode->setCurrentIndex(std::max(0, m_ruleMode->findData(static_cast<int>(rule.mode))));
    m_ruleAgents->clear();
    for (const UserInfo &u : m_team.users()) {
        if (!u.active)
            continue;
        auto *item = new QListWidgetItem(QStringLiteral("%1 · %2").arg(u.displayName, roleLabel(u.role)), m_ruleAgents);
        item->setData(kIdRole, u.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(rule.agents.contains(u.id) ? Qt::Checked : Qt::Unchecked);
    }
    m_ruleAgents->setEnabled(rule.mode != AssignmentRule::Mode::Manual);
}

} // namespace Leads
