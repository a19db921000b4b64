// SPDX-License-Identifier: GPL-3.0-or-later
#include "followuppopup.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Leads {

FollowUpPopup::FollowUpPopup(QWidget *parent)
    : QFrame(parent), m_title(new QLabel(this)), m_body(new QLabel(this)),
      m_open(new QPushButton(tr("Open lead"), this)), m_snooze(new QPushButton(this)),
      m_close(new QPushButton(QStringLiteral("\u2715"), this))
{
    setObjectName(QStringLiteral("followUpPopup"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("QFrame#followUpPopup { background: palette(base); border: 1px solid palette(mid);"
                                 " border-left: 4px solid palette(highlight); border-radius: 6px; }"));
    setAccessibleName(tr("Follow-up reminder"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_body->setWordWrap(true);
    m_snooze->setText(tr("Snooze %n min", nullptr, kSnoozeMinutes));
    m_open->setProperty("primary", true);
    m_close->setFlat(true);
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss the reminder"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_close);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_snooze);
    buttons->addWidget(m_open);
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(14, 10, 10, 10);
    v->addLayout(top);
    v->addWidget(m_body);
    v->addLayout(buttons);
    setFixedWidth(340);

    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString id = currentLeadId();
        next();
        Q_EMIT openLead(id);
    });
    connect(m_snooze, &QPushButton::clicked, this, [this] {
        const QString id = currentLeadId();
        next();
        Q_EMIT snoozeLead(id, kSnoozeMinutes);
    });
    connect(m_close, &QPushButton::clicked, this, &FollowUpPopup::next);
    parent->installEventFilter(this);
    hide();
}

QString FollowUpPopup::text() const
{
    return m_title->text() + u'\n' + m_body->text();
}

void FollowUpPopup::add(const QString &leadId, const QString &name, const QDateTime &at)
{
    for (const Item &i : std::as_const(m_queue)) {
        if (i.leadId == leadId)
            return;
    }
    m_queue.append({leadId, name, at});
    if (m_queue.size() == 1)
        showFirst();
    else
        m_title->setText(tr("Follow up with %1 (+%2 more)").arg(m_queue.first().name).arg(m_queue.size() - 1));
}

void FollowUpPopup::showFirst()
{
    if (m_queue.isEmpty()) {
        hide();
        return;
    }
    const Item &i = m_queue.first();
    m_title->setText(m_queue.size() > 1 ? tr("Follow up with %1 (+%2 more)").arg(i.name).arg(m_queue.size() - 1)
                                        : tr("Follow up with %1").arg(i.name));
    m_body->setText(tr("Due %1.").arg(QLocale().toString(i.at.toLocalTime(), QLocale::ShortFormat)));
    adjustSize();
    place();
    show();
    raise();
}

void FollowUpPopup::next()
{
    if (!m_queue.isEmpty())
        m_queue.removeFirst();
    showFirst();
}

void FollowUpPopup::place()
{
    if (!parentWidget())
        return;
    const QRect area = parentWidget()->rect();
    move(area.right() - width() - 16, area.bottom() - height() - 40);
}

bool FollowUpPopup::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QFrame::eventFilter(watched, event);
}

} // namespace Leads
