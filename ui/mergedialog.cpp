// SPDX-License-Identifier: GPL-3.0-or-later
#include "mergedialog.h"

#include "storage/leadservice.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Leads {

MergeDialog::MergeDialog(LeadService &service, const QString &targetId, const QString &otherId, QWidget *parent)
    : QDialog(parent), m_service(service)
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge leads"));
    auto *v = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Choose which value the merged lead keeps. The lead on the left stays; the other "
                                "one's timeline joins it and it is closed as Lost (Duplicate). Ctrl+Z undoes the merge."),
                             this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    m_grid = new QWidget(this);
    v->addWidget(m_grid);
    auto *line = new QFrame(this);
    line->setFrameShape(QFrame::HLine);
    v->addWidget(line);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("mergePreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::RichText);
    v->addWidget(m_preview);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("mergeProblem"));
    m_problem->setWordWrap(true);
    QPalette p = m_problem->palette();
    p.setColor(QPalette::WindowText, QColor(0xB9, 0x1C, 0x1C));
    m_problem->setPalette(p);
    v->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(this);
    auto *swap = buttons->addButton(tr("Keep the other lead"), QDialogButtonBox::ActionRole);
    m_merge = buttons->addButton(tr("Merge"), QDialogButtonBox::AcceptRole);
    m_merge->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(swap, &QPushButton::clicked, this, &MergeDialog::swapSides);
    connect(buttons, &QDialogButtonBox::accepted, this, &MergeDialog::merge);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    v->addWidget(buttons);
    load(targetId, otherId);
}

void MergeDialog::load(const QString &targetId, const QString &otherId)
{
    auto t = m_service.lead(targetId);
    auto o = m_service.lead(otherId);
    if (t)
        m_target = t.value();
    if (o)
        m_other = o.value();
    m_plan = MergePlan(m_target.id, m_other.id);
    rebuild();
}

void MergeDialog::swapSides()
{
    load(m_other.id, m_target.id);
}

void MergeDialog::rebuild()
{
    delete m_grid->layout();
    qDeleteAll(m_grid->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    m_radios.clear();
    auto *g = new QGridLayout(m_grid);
    g->setHorizontalSpacing(18);
    auto heading = [this](const QString &text) {
        auto *l = new QLabel(text, m_grid);
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
        return l;
    };
    auto side = [this, &heading](const QString &role, const Lead &l) {
        const int entries = m_service.timeline(l.id).ok() ? int(m_service.timeline(l.id).value().size()) : 0;
        auto *label = heading(tr("%1: %2").arg(role, l.name));
        label->setToolTip(tr("Created %1 · %n timeline entries", nullptr, entries)
                              .arg(QLocale().toString(l.createdAt.toLocalTime(), QLocale::ShortFormat)));
        return label;
    };
    g->addWidget(side(tr("Keep"), m_target), 0, 1);
    g->addWidget(side(tr("Merge into it"), m_other), 0, 2);
    int row = 1;
    for (MergeField field : kAllMergeFields) {
        const bool differs = MergeRule::differs(m_target, m_other, field);
        g->addWidget(new QLabel(MergePlan::fieldLabel(field), m_grid), row, 0);
        auto *group = new QButtonGroup(m_grid);
        auto *left = new QRadioButton(MergePlan::displayValue(m_target, field), m_grid);
        auto *right = new QRadioButton(MergePlan::displayValue(m_other, field), m_grid);
        left->setAccessibleName(tr("%1 from the kept lead").arg(MergePlan::fieldLabel(field)));
        right->setAccessibleName(tr("%1 from the merged lead").arg(MergePlan::fieldLabel(field)));
        group->addButton(left);
        group->addButton(right);
        left->setChecked(true);
        // Equal values leave nothing to choose.
        left->setEnabled(differs);
        right->setEnabled(differs);
        g->addWidget(left, row, 1);
        g->addWidget(right, row, 2);
        m_radios.insert(field, {left, right});
        connect(right, &QRadioButton::toggled, this, [this, field](bool on) {
            m_plan.choose(field, on ? MergePlan::Side::Other : MergePlan::Side::Target);
            updatePreview();
        });
        ++row;
    }
    g->setColumnStretch(1, 1);
    g->setColumnStretch(2, 1);
    updatePreview();
}

QRadioButton *MergeDialog::radio(MergeField field, MergePlan::Side side) const
{
    const auto pair = m_radios.value(field);
    return side == MergePlan::Side::Target ? pair.first : pair.second;
}

void MergeDialog::choose(MergeField field, MergePlan::Side side)
{
    if (QRadioButton *r = radio(field, side))
        r->setChecked(true);
}

void MergeDialog::updatePreview()
{
    const Lead merged = MergeRule::compose(m_target, m_other, m_plan);
    const int targetEntries = m_service.timeline(m_target.id).ok() ? int(m_service.timeline(m_target.id).value().size()) : 0;
    const int otherEntries = m_service.timeline(m_other.id).ok() ? int(m_service.timeline(m_other.id).value().size()) : 0;
    QStringList contact;
    if (!merged.phone.isEmpty())
        contact.append(merged.phone);
    if (!merged.email.isEmpty())
        contact.append(merged.email);
    m_preview->setText(tr("<b>Result:</b> %1%2 · %3 · %4 · %5<br>Timeline: %6 + %7 entries, and the merge itself.")
                           .arg(merged.name.toHtmlEscaped(),
                                merged.company.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(merged.company.toHtmlEscaped()),
                                contact.join(QStringLiteral(", ")).toHtmlEscaped(), Status::label(merged.status),
                                merged.assigneeId.isEmpty() ? tr("Unassigned") : merged.assigneeName.toHtmlEscaped())
                           .arg(targetEntries)
                           .arg(otherEntries));
    const Outcome ok = MergeRule::check(m_target, m_other, m_plan);
    m_problem->setText(ok ? QString() : ok.error().message());
    m_problem->setVisible(!ok);
    m_merge->setEnabled(ok.ok());
}

QString MergeDialog::previewText() const
{
    return m_preview->text();
}

QString MergeDialog::problemText() const
{
    return m_problem->isVisibleTo(this) ? m_problem->text() : QString();
}

void MergeDialog::merge()
{
    MergeService merges(m_service);
    auto done = merges.merge(m_plan);
    if (!done) {
        m_problem->setText(done.error().message());
        m_problem->setVisible(true);
        return;
    }
    m_record = done.value();
    accept();
}

} // namespace Leads
