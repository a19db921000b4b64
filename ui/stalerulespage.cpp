// SPDX-License-Identifier: GPL-3.0-or-later
#include "stalerulespage.h"

#include "teamsettings.h"

#include <QFormLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Leads {

StaleRulesPage::StaleRulesPage(TeamSettings &team, QWidget *parent) : QWidget(parent), m_team(team)
{
    setObjectName(QStringLiteral("staleRulesPage"));
    auto *v = new QVBoxLayout(this);
    auto *title = new QLabel(tr("Stale leads"), this);
    QFont tf = title->font();
    tf.setWeight(QFont::DemiBold);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    title->setFont(tf);
    v->addWidget(title);
    auto *hint = new QLabel(tr("A lead is stale when it stays in a status longer than this without any activity. "
                               "Stale leads are marked in the table and on the board and counted in the sidebar. "
                               "0 days: never stale."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    v->addWidget(hint);
    auto *form = new QFormLayout;
    for (LeadStatus s : kAllStatuses) {
        if (Status::isFinal(s))
            continue;
        auto *box = new QSpinBox(this);
        box->setObjectName(QStringLiteral("staleDays_") + Status::id(s));
        box->setRange(0, 365);
        box->setSpecialValueText(tr("Never"));
        box->setSuffix(tr(" days"));
        box->setAccessibleName(tr("Days without activity before a %1 lead is stale").arg(Status::label(s)));
        form->addRow(Status::label(s), box);
        m_days[size_t(Status::index(s))] = box;
    }
    v->addLayout(form);
    v->addStretch(1);
    m_save = new QPushButton(tr("Save limits"), this);
    m_save->setObjectName(QStringLiteral("saveStaleRules"));
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(m_save);
    v->addLayout(row);
    connect(m_save, &QPushButton::clicked, this, [this] {
        m_save->setEnabled(false);
        m_team.saveStaleRules(rules(), [this, guard = QPointer<StaleRulesPage>(this)](const QString &error) {
            if (!guard)
                return;
            m_save->setEnabled(true);
            Q_EMIT saved(error);
        });
    });
    connect(&m_team, &TeamSettings::changed, this, &StaleRulesPage::reload);
    reload();
}

QSpinBox *StaleRulesPage::daysBox(LeadStatus status) const
{
    return m_days[size_t(Status::index(status))];
}

StaleRules StaleRulesPage::rules() const
{
    StaleRules r;
    for (LeadStatus s : kAllStatuses) {
        if (QSpinBox *box = daysBox(s); box && box->value() > 0)
            r.setMaxAgeHours(s, box->value() * 24);
    }
    return r;
}

void StaleRulesPage::reload()
{
    const StaleRules r = m_team.staleRules();
    for (LeadStatus s : kAllStatuses) {
        if (QSpinBox *box = daysBox(s)) {
            // Limits are kept in hours; the page edits whole days (rounded up).
            const int hours = r.maxAgeHours(s).value_or(0);
            box->setValue((hours + 23) / 24);
        }
    }
}

} // namespace Leads
