// SPDX-License-Identifier: GPL-3.0-or-later
#include "kanbanboard.h"

#include "domain/clock.h"
#include "domain/pipeline.h"
#include "kanbancolumn.h"
#include "kanbandelegate.h"
#include "kanbanmodel.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "widgets/statuspalette.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace Leads {

namespace {

std::optional<QString> askLostReason(QWidget *parent, const QStringList &reasons)
{
    bool ok = false;
    const QString reason = QInputDialog::getItem(parent, KanbanBoard::tr("Mark as lost"),
                                                 KanbanBoard::tr("Why was this lead lost?"), reasons, 0, false, &ok);
    if (!ok || reason.isEmpty())
        return std::nullopt;
    return reason;
}

} // namespace

KanbanBoard::KanbanBoard(LeadService &service, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_service(service), m_clock(clock), m_lostReason(askLostReason)
{
    setObjectName(QStringLiteral("leadsBoard"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(4);
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("boardNotice"));
    m_notice->setWordWrap(true);
    QPalette np = m_notice->palette();
    np.setColor(QPalette::WindowText, StatusPalette::errorText(palette()));
    m_notice->setPalette(np);
    m_notice->hide();
    v->addWidget(m_notice);

    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *strip = new QWidget(m_scroll);
    auto *h = new QHBoxLayout(strip);
    h->setContentsMargins(0, 0, 0, 0);
    h->setSpacing(8);
    QHash<QString, QString> names;
    for (const UserInfo &u : service.users())
        names.insert(u.id, u.displayName);
    auto *delegate = new KanbanDelegate(clock, this);
    for (LeadStatus s : kAllStatuses) {
        auto *model = new KanbanModel(service.database().connection(), s, clock, this);
        model->setUserNames(names);
        auto *column = new KanbanColumn(model, strip);
        column->view()->setItemDelegate(delegate);
        column->setCollapsed(Status::isFinal(s));
        h->addWidget(column);
        m_columns.append(column);
        connect(column, &KanbanColumn::dropped, this, [this, column](const QString &id, LeadStatus) {
            moveLead(id, column->status());
        });
        connect(column->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this, column](const QModelIndex &current) {
                    if (!current.isValid())
                        return;
                    // One selection on the whole board.
                    for (KanbanColumn *other : std::as_const(m_columns)) {
                        if (other != column)
                            other->view()->clearSelection();
                    }
                    m_current = current.data(KanbanModel::LeadIdRole).toString();
                    Q_EMIT currentLeadChanged(m_current);
                });
        connect(column->view(), &QListView::activated, this, [this](const QModelIndex &index) {
            Q_EMIT leadActivated(index.data(KanbanModel::LeadIdRole).toString());
        });
    }
    h->addStretch(1);
    m_scroll->setWidget(strip);
    v->addWidget(m_scroll, 1);
}

KanbanColumn *KanbanBoard::column(LeadStatus status) const
{
    for (KanbanColumn *c : m_columns) {
        if (c->status() == status)
            return c;
    }
    return nullptr;
}

void KanbanBoard::setQuery(const QString &where, const StaleRules &rules)
{
    for (KanbanColumn *c : std::as_const(m_columns))
        c->model()->setQuery(where, rules);
}

void KanbanBoard::reload()
{
    for (KanbanColumn *c : std::as_const(m_columns))
        c->model()->reload();
    if (!m_current.isEmpty())
        selectLead(m_current);
}

void KanbanBoard::selectLead(const QString &leadId)
{
    for (KanbanColumn *c : std::as_const(m_columns)) {
        const int row = c->model()->rowOfLead(leadId);
        QItemSelectionModel *sm = c->view()->selectionModel();
        const QSignalBlocker block(sm);
        if (row >= 0) {
            sm->setCurrentIndex(c->model()->index(row), QItemSelectionModel::ClearAndSelect);
            c->view()->scrollTo(c->model()->index(row));
        } else {
            sm->clear();
        }
    }
    m_current = leadId;
}

QString KanbanBoard::notice() const
{
    return m_notice->isVisible() ? m_notice->text() : QString();
}

void KanbanBoard::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

bool KanbanBoard::moveLead(const QString &leadId, LeadStatus to)
{
    auto lead = m_service.lead(leadId);
    if (!lead) {
        showNotice(lead.error().message());
        Q_EMIT message(lead.error().message());
        return false;
    }
    const LeadStatus from = lead.value().status;
    if (from == to)
        return false;
    // The rule's own reason before asking anything (a final lead refuses every move).
    if (!Pipeline::isMoveAllowed(from, to)) {
        const Outcome refused = Pipeline::checkMove(from, to);
        const QString why = refused ? tr("This move is not allowed.") : refused.error().message();
        const QString text = tr("%1 cannot move to %2: %3").arg(lead.value().name, Status::label(to), why);
        showNotice(text);
        Q_EMIT message(text);
        return false;
    }
    QString reason;
    if (to == LeadStatus::Lost) {
        const auto chosen = m_lostReason(this, m_service.lostReasons());
        if (!chosen) {
            showNotice({});
            return false;
        }
        reason = *chosen;
    }
    const Outcome done = m_service.setStatus(leadId, to, reason);
    if (!done) {
        const QString text = tr("%1 cannot move to %2: %3").arg(lead.value().name, Status::label(to), done.error().message());
        showNotice(text);
        Q_EMIT message(text);
        return false;
    }
    showNotice({});
    m_current = leadId;
    // Both columns change at once; the page's refresh re-reads the rest.
    if (KanbanColumn *c = column(from))
        c->model()->reload();
    if (KanbanColumn *c = column(to))
        c->model()->reload();
    selectLead(leadId);
    Q_EMIT moved(leadId, from);
    Q_EMIT message(tr("%1 moved to %2.").arg(lead.value().name, Status::label(to)));
    return true;
}

} // namespace Leads
