// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterchips.h"

#include "domain/lead.h"

#include <QHBoxLayout>
#include <QToolButton>

namespace Leads {

FilterChips::FilterChips(QWidget *parent) : QWidget(parent)
{
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(6);
    m_clearAll = new QToolButton(this);
    m_clearAll->setObjectName(QStringLiteral("clearAll"));
    m_clearAll->setText(tr("Clear all"));
    m_clearAll->setAutoRaise(true);
    m_clearAll->setCursor(Qt::PointingHandCursor);
    connect(m_clearAll, &QToolButton::clicked, this, [this] {
        LeadFilter f = m_filter;
        f.clearFilters();
        Q_EMIT filterChanged(f);
    });
    m_layout->addWidget(m_clearAll);
    m_layout->addStretch(1);
    setFilter({});
}

QList<QToolButton *> FilterChips::chips() const
{
    QList<QToolButton *> list;
    for (QToolButton *b : findChildren<QToolButton *>(Qt::FindDirectChildrenOnly)) {
        if (b != m_clearAll)
            list.append(b);
    }
    return list;
}

void FilterChips::addChip(const QString &name, const QString &text, const std::function<void(LeadFilter &)> &remove)
{
    auto *chip = new QToolButton(this);
    chip->setObjectName(name);
    chip->setText(text + QStringLiteral("  \u2715"));
    chip->setToolTip(tr("Remove this filter"));
    chip->setCursor(Qt::PointingHandCursor);
    chip->setProperty("chip", true);
    connect(chip, &QToolButton::clicked, this, [this, remove] {
        LeadFilter f = m_filter;
        remove(f);
        Q_EMIT filterChanged(f);
    });
    m_layout->insertWidget(m_layout->indexOf(m_clearAll), chip);
}

void FilterChips::setFilter(const LeadFilter &filter)
{
    m_filter = filter;
    // A chip may be the sender of the click that got us here: delete it later.
    for (QToolButton *b : chips()) {
        b->hide();
        b->setParent(nullptr);
        b->deleteLater();
    }

    auto list = [](const QStringList &items) -> QString {
        if (items.size() > 3)
            return items.mid(0, 2).join(QStringLiteral(", ")) + tr(" +%1").arg(items.size() - 2);
        return items.join(QStringLiteral(", "));
    };
    if (!filter.statuses.isEmpty()) {
        QStringList labels;
        for (LeadStatus s : filter.statuses)
            labels.append(Status::label(s));
        addChip(QStringLiteral("chipStatus"), tr("Status: %1").arg(list(labels)), [](LeadFilter &f) { f.statuses.clear(); });
    }
    if (!filter.assignees.isEmpty()) {
        QStringList labels;
        for (const QString &a : filter.assignees) {
            labels.append(a == LeadFilter::kMe           ? tr("Me")
                          : a == LeadFilter::kUnassigned ? tr("Unassigned")
                                                         : m_userNames.value(a, a));
        }
        addChip(QStringLiteral("chipAssignee"), tr("Assignee: %1").arg(list(labels)),
                [](LeadFilter &f) { f.assignees.clear(); });
    }
    if (!filter.sources.isEmpty()) {
        QStringList labels;
        for (const QString &s : filter.sources)
            labels.append(Source::label(s));
        addChip(QStringLiteral("chipSource"), tr("Source: %1").arg(list(labels)), [](LeadFilter &f) { f.sources.clear(); });
    }
    if (filter.minScore || filter.maxScore) {
        QString text;
        if (filter.minScore && filter.maxScore)
            text = tr("Score %1–%2").arg(*filter.minScore).arg(*filter.maxScore);
        else if (filter.minScore)
            text = tr("Score \u2265 %1").arg(*filter.minScore);
        else
            text = tr("Score \u2264 %1").arg(*filter.maxScore);
        addChip(QStringLiteral("chipScore"), text, [](LeadFilter &f) {
            f.minScore.reset();
            f.maxScore.reset();
        });
    }
    auto rangeText = [](const LeadFilter::DateRange &r) {
        if (r.preset != LeadFilter::DatePreset::Custom)
            return LeadFilter::presetLabel(r.preset);
        const QLocale locale;
        return tr("%1 – %2").arg(locale.toString(r.from.toLocalTime().date(), QStringLiteral("d MMM yyyy")),
                                 locale.toString(r.to.toLocalTime().addMSecs(-1).date(), QStringLiteral("d MMM yyyy")));
    };
    if (filter.created.isActive())
        addChip(QStringLiteral("chipCreated"), tr("Created: %1").arg(rangeText(filter.created)),
                [](LeadFilter &f) { f.created = {}; });
    if (filter.lastActivity.isActive())
        addChip(QStringLiteral("chipActivity"), tr("Activity: %1").arg(rangeText(filter.lastActivity)),
                [](LeadFilter &f) { f.lastActivity = {}; });
    if (filter.finality != LeadFilter::Finality::Any)
        addChip(QStringLiteral("chipState"),
                filter.finality == LeadFilter::Finality::Active ? tr("Active only") : tr("Final only"),
                [](LeadFilter &f) { f.finality = LeadFilter::Finality::Any; });
    if (!filter.campaigns.isEmpty())
        addChip(QStringLiteral("chipCampaign"), tr("Campaign: %1").arg(filter.campaigns.join(QStringLiteral(", "))),
                [](LeadFilter &f) { f.campaigns.clear(); });
    if (filter.followUp != LeadFilter::FollowUp::Any)
        addChip(QStringLiteral("chipFollowUp"), tr("Follow-up: %1").arg(LeadFilter::followUpLabel(filter.followUp).toLower()),
                [](LeadFilter &f) { f.followUp = LeadFilter::FollowUp::Any; });
    m_clearAll->setVisible(filter.hasFilters());
    setVisible(filter.hasFilters());
}

} // namespace Leads
