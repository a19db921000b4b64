// SPDX-License-Identifier: GPL-3.0-or-later
#include "teamadminpages.h"

#include "domain/passwordpolicy.h"
#include "domain/permissions.h"
#include "teamsettings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;

QLabel *messageLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void styleMessage(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(error ? QStringLiteral("color: white; background: #b42318; padding: 6px; border-radius: 4px;")
                               : QString());
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setStretchLastSection(true);
    t->verticalHeader()->hide();
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    return t;
}
} // namespace

ServerPage::ServerPage(ServerTeamSettings &server, QWidget *parent)
    : QWidget(parent), m_server(server), m_message(messageLabel(this))
{
}

QString ServerPage::message() const
{
    return m_message->text();
}

void ServerPage::show(const QString &text, bool error)
{
    styleMessage(m_message, text, error);
}

void ServerPage::report(const QString &error, const QString &success, const std::function<void()> &then)
{
    show(error.isEmpty() ? success : error, !error.isEmpty());
    if (error.isEmpty() && then)
        then();
    else
        Q_EMIT done();
}

UsersPage::UsersPage(ServerTeamSettings &server, const QString &selfId, QWidget *parent)
    : ServerPage(server, parent), m_self(selfId),
      m_table(makeTable({tr("Name"), tr("User name"), tr("Role"), tr("State")}, this))
{
    m_table->setAccessibleName(tr("Team members"));
    auto *add = new QPushButton(tr("Add…"), this);
    auto *role = new QPushButton(tr("Change role…"), this);
    auto *active = new QPushButton(tr("Deactivate / reactivate"), this);
    auto *password = new QPushButton(tr("Reset password…"), this);
    auto *row = new QHBoxLayout;
    for (QPushButton *b : {add, role, active, password})
        row->addWidget(b);
    row->addStretch();
    auto *v = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Team members"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setWeight(QFont::DemiBold);
    title->setFont(f);
    v->addWidget(title);
    v->addWidget(m_table, 1);
    v->addLayout(row);
    v->addWidget(m_message);

    connect(add, &QPushButton::clicked, this, [this] {
        QDialog d(this);
        d.setWindowTitle(tr("Add a team member"));
        auto *form = new QFormLayout(&d);
        auto *username = new QLineEdit(&d);
        auto *name = new QLineEdit(&d);
        auto *roleBox = new QComboBox(&d);
        for (Role r : {Role::Agent, Role::Manager, Role::Admin})
            roleBox->addItem(roleLabel(r), roleId(r));
        auto *pass = new QLineEdit(&d);
        pass->setEchoMode(QLineEdit::Password);
        form->addRow(tr("User name:"), username);
        form->addRow(tr("Display name:"), name);
        form->addRow(tr("Role:"), roleBox);
        form->addRow(tr("First password:"), pass);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
        form->addRow(buttons);
        connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
        connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
        if (d.exec() == QDialog::Accepted)
            addUser(username->text(), name->text(), roleBox->currentData().toString(), pass->text());
    });
    connect(role, &QPushButton::clicked, this, [this] {
        if (selectedId().isEmpty())
            return;
        const QStringList labels = {roleLabel(Role::Agent), roleLabel(Role::Manager), roleLabel(Role::Admin)};
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("Change role"), tr("Role:"), labels, 0, false, &ok);
        if (ok)
            setRole(selectedId(), roleId(std::array{Role::Agent, Role::Manager, Role::Admin}[size_t(labels.indexOf(chosen))]));
    });
    connect(active, &QPushButton::clicked, this, [this] {
        const int current = m_table->currentRow();
        if (current < 0)
            return;
        setActive(selectedId(), !m_table->item(current, 3)->data(kIdRole).toBool());
    });
    connect(password, &QPushButton::clicked, this, [this] {
        if (selectedId().isEmpty())
            return;
        bool ok = false;
        const QString p = QInputDialog::getText(this, tr("Reset password"),
                                                tr("New password (at least %1 characters):").arg(PasswordPolicy::kMinLength),
                                                QLineEdit::Password, {}, &ok);
        if (ok)
            resetPassword(selectedId(), p);
    });
    reload();
}

QString UsersPage::selectedId() const
{
    const int row = m_table->currentRow();
    return row < 0 ? QString() : m_table->item(row, 0)->data(kIdRole).toString();
}

void UsersPage::reload()
{
    m_server.send("GET", QStringLiteral("/v1/users"), {},
                  [this, guard = QPointer<UsersPage>(this)](int, const QJsonObject &json, const QString &error) {
        if (!guard)
            return;
        if (!error.isEmpty()) {
            show(error, true);
            Q_EMIT done();
            return;
        }
        const QJsonArray users = json.value(QStringLiteral("users")).toArray();
        m_table->setRowCount(int(users.size()));
        for (int i = 0; i < users.size(); ++i) {
            const QJsonObject u = users.at(i).toObject();
            auto *name = new QTableWidgetItem(u.value(QStringLiteral("displayName")).toString());
            name->setData(kIdRole, u.value(QStringLiteral("id")).toString());
            m_table->setItem(i, 0, name);
            m_table->setItem(i, 1, new QTableWidgetItem(u.value(QStringLiteral("username")).toString()));
            const auto role = roleFromId(u.value(QStringLiteral("role")).toString());
            m_table->setItem(i, 2, new QTableWidgetItem(role ? roleLabel(*role) : u.value(QStringLiteral("role")).toString()));
            const bool active = u.value(QStringLiteral("active")).toBool(true);
            auto *state = new QTableWidgetItem(active ? tr("Active") : tr("Deactivated"));
            state->setData(kIdRole, active);
            m_table->setItem(i, 3, state);
        }
        m_table->resizeColumnsToContents();
        Q_EMIT done();
    });
}

void UsersPage::addUser(const QString &username, const QString &displayName, const QString &role, const QString &password)
{
    if (auto ok = PasswordPolicy::check(password, username); !ok) {
        show(ok.error().message(), true);
        Q_EMIT done();
        return;
    }
    m_server.send("POST", QStringLiteral("/v1/users"),
                  {{QStringLiteral("username"), username.trimmed()},
                   {QStringLiteral("displayName"), displayName.trimmed().isEmpty() ? username.trimmed() : displayName.trimmed()},
                   {QStringLiteral("role"), role},
                   {QStringLiteral("password"), password}},
                  [this, guard = QPointer<UsersPage>(this), username](int, const QJsonObject &, const QString &error) {
        if (guard)
            report(error, tr("%1 can now sign in.").arg(username.trimmed()), [this] { reload(); });
    });
}

void UsersPage::patch(const QString &userId, const QJsonObject &changes, const QString &what)
{
    m_server.send("PATCH", QStringLiteral("/v1/users/") + userId, changes,
                  [this, guard = QPointer<UsersPage>(this), what](int, const QJsonObject &, const QString &error) {
        if (guard)
            report(error, what, [this] { reload(); });
    });
}

void UsersPage::setRole(const QString &userId, const QString &role)
{
    patch(userId, {{QStringLiteral("role"), role}}, tr("Role changed."));
}

void UsersPage::setActive(const QString &userId, bool active)
{
    patch(userId, {{QStringLiteral("active"), active}},
          active ? tr("Reactivated.") : tr("Deactivated: their sessions ended; their leads stay assigned."));
}

void UsersPage::resetPassword(const QString &userId, const QString &password)
{
    if (auto ok = PasswordPolicy::check(password); !ok) {
        show(ok.error().message(), true);
        Q_EMIT done();
        return;
    }
    patch(userId, {{QStringLiteral("password"), password}}, tr("Password reset; their other sessions ended."));
}

CapturePage::CapturePage(ServerTeamSettings &server, QWidget *parent)
    : ServerPage(server, parent), m_broadcastCreates(new QCheckBox(tr("A reply to a broadcast creates a lead"), this)),
      m_keyword(new QLineEdit(this)), m_chatCreates(new QCheckBox(tr("The first inbound chat message creates a lead"), this)),
      m_integrations(makeTable({tr("Integration"), tr("Secret version"), tr("State")}, this))
{
    m_keyword->setPlaceholderText(tr("Any reply"));
    m_keyword->setAccessibleName(tr("Keyword a reply must contain"));
    m_integrations->setAccessibleName(tr("Integrations"));
    auto *form = new QFormLayout;
    form->addRow(m_broadcastCreates);
    form->addRow(tr("Only replies containing:"), m_keyword);
    form->addRow(m_chatCreates);
    auto *saveRules = new QPushButton(tr("Save capture rules"), this);
    saveRules->setProperty("primary", true);
    auto *create = new QPushButton(tr("New integration…"), this);
    auto *rotate = new QPushButton(tr("Rotate secret"), this);
    auto *revoke = new QPushButton(tr("Revoke"), this);
    auto *row = new QHBoxLayout;
    for (QPushButton *b : {create, rotate, revoke})
        row->addWidget(b);
    row->addStretch();
    auto *v = new QVBoxLayout(this);
    v->addLayout(form);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(saveRules);
    v->addLayout(saveRow);
    v->addWidget(new QLabel(tr("Integrations sign their deliveries with a secret shown only once."), this));
    v->addWidget(m_integrations, 1);
    v->addLayout(row);
    v->addWidget(m_message);
    connect(saveRules, &QPushButton::clicked, this, &CapturePage::saveRules);
    connect(create, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New integration"),
                                                   tr("Name (lower-case letters, digits, - and _):"), QLineEdit::Normal, {}, &ok);
        if (ok)
            createIntegration(name.trimmed());
    });
    connect(rotate, &QPushButton::clicked, this, [this] {
        if (!selectedName().isEmpty())
            this->rotate(selectedName());
    });
    connect(revoke, &QPushButton::clicked, this, [this] {
        if (!selectedName().isEmpty())
            this->revoke(selectedName());
    });
    reload();
}

QString CapturePage::selectedName() const
{
    const int row = m_integrations->currentRow();
    return row < 0 ? QString() : m_integrations->item(row, 0)->text();
}

void CapturePage::reload()
{
    m_server.send("GET", QStringLiteral("/v1/capture-settings"), {},
                  [this, guard = QPointer<CapturePage>(this)](int, const QJsonObject &json, const QString &error) {
        if (!guard || !error.isEmpty())
            return;
        const QJsonObject s = json.value(QStringLiteral("captureSettings")).toObject().isEmpty()
                                  ? json
                                  : json.value(QStringLiteral("captureSettings")).toObject();
        m_broadcastCreates->setChecked(s.value(QStringLiteral("broadcastCreatesLead")).toBool(true));
        m_keyword->setText(s.value(QStringLiteral("broadcastKeyword")).toString());
        m_chatCreates->setChecked(s.value(QStringLiteral("chatFirstInboundCreatesLead")).toBool(false));
    });
    m_server.send("GET", QStringLiteral("/v1/integrations"), {},
                  [this, guard = QPointer<CapturePage>(this)](int, const QJsonObject &json, const QString &error) {
        if (!guard)
            return;
        if (!error.isEmpty()) {
            show(error, true);
            Q_EMIT done();
            return;
        }
        const QJsonArray list = json.value(QStringLiteral("integrations")).toArray();
        m_integrations->setRowCount(int(list.size()));
        for (int i = 0; i < list.size(); ++i) {
            const QJsonObject o = list.at(i).toObject();
            m_integrations->setItem(i, 0, new QTableWidgetItem(o.value(QStringLiteral("name")).toString()));
            m_integrations->setItem(i, 1, new QTableWidgetItem(QString::number(o.value(QStringLiteral("secretVersion")).toInt())));
            m_integrations->setItem(i, 2, new QTableWidgetItem(o.value(QStringLiteral("active")).toBool() ? tr("Active")
                                                                                                          : tr("Revoked")));
        }
        Q_EMIT done();
    });
}

void CapturePage::saveRules()
{
    m_server.send("PATCH", QStringLiteral("/v1/capture-settings"),
                  {{QStringLiteral("broadcastCreatesLead"), m_broadcastCreates->isChecked()},
                   {QStringLiteral("broadcastKeyword"), m_keyword->text().trimmed()},
                   {QStringLiteral("chatFirstInboundCreatesLead"), m_chatCreates->isChecked()}},
                  [this, guard = QPointer<CapturePage>(this)](int, const QJsonObject &, const QString &error) {
        if (guard)
            report(error, tr("Capture rules saved."));
    });
}

void CapturePage::showSecret(const QString &name, const QString &secret)
{
    m_lastSecret = secret;
    show(tr("The secret of %1 is shown only now — copy it into the integration:").arg(name) + u'\n' + secret, false);
    QApplication::clipboard()->setText(secret);
}

void CapturePage::issueSecret(const QString &path, const QJsonObject &body, const QString &name)
{
    m_server.send("POST", path, body,
                  [this, guard = QPointer<CapturePage>(this), name](int, const QJsonObject &json, const QString &error) {
        if (!guard)
            return;
        if (error.isEmpty())
            showSecret(name, json.value(QStringLiteral("secret")).toString());
        report(error, message(), [this] { reload(); });
    });
}

void CapturePage::createIntegration(const QString &name)
{
    issueSecret(QStringLiteral("/v1/integrations"), {{QStringLiteral("name"), name}}, name);
}

void CapturePage::rotate(const QString &name)
{
    issueSecret(QStringLiteral("/v1/integrations/%1/rotate").arg(name), {}, name);
}

void CapturePage::revoke(const QString &name)
{
    m_server.send("DELETE", QStringLiteral("/v1/integrations/") + name, {},
                  [this, guard = QPointer<CapturePage>(this), name](int, const QJsonObject &, const QString &error) {
        if (guard)
            report(error, tr("%1 is revoked: its deliveries are refused from now on.").arg(name), [this] { reload(); });
    });
}

} // namespace Leads
