// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "flowlayout.h"
#include "pillpixmap.h"
#include "widgets/statusdelegate.h"
#include "storage/leadservice.h"

#include <QActionGroup>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace Leads {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QStringList checkedIds(QListWidget *list)
{
    QStringList ids;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            ids.append(list->item(i)->data(kIdRole).toString());
    }
    return ids;
}

void setChecked(QListWidget *list, const QStringList &ids)
{
    for (int i = 0; i < list->count(); ++i) {
        QListWidgetItem *item = list->item(i);
        item->setCheckState(ids.contains(item->data(kIdRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
}

} // namespace

FilterBar::FilterBar(QWidget *parent) : QWidget(parent)
{
    // Wraps onto a second row when narrow (large fonts, 200 % scaling).
    new FlowLayout(this, 4);

    // Status: a checkable list of pills.
    {
        QToolButton *b = addButton(QStringLiteral("status"), tr("Status"));
        auto *menu = new QMenu(b);
        m_statusList = addList(menu, false);
        fillStatusList();
        b->setMenu(menu);
    }
    {
        QToolButton *b = addButton(QStringLiteral("assignee"), tr("Assignee"));
        auto *menu = new QMenu(b);
        m_assigneeList = addList(menu, true);
        b->setMenu(menu);
    }
    {
        QToolButton *b = addButton(QStringLiteral("source"), tr("Source"));
        auto *menu = new QMenu(b);
        m_sourceList = addList(menu, false);
        b->setMenu(menu);
    }
    {
        QToolButton *b = addButton(QStringLiteral("score"), tr("Score"));
        auto *menu = new QMenu(b);
        auto *box = new QWidget(menu);
        auto *grid = new QHBoxLayout(box);
        grid->setContentsMargins(10, 8, 10, 8);
        m_minScore = new QSpinBox(box);
        m_maxScore = new QSpinBox(box);
        for (QSpinBox *s : {m_minScore, m_maxScore}) {
            s->setRange(0, 100);
            s->setAccelerated(true);
        }
        m_minScore->setObjectName(QStringLiteral("minScore"));
        m_maxScore->setObjectName(QStringLiteral("maxScore"));
        m_maxScore->setValue(100);
        grid->addWidget(new QLabel(tr("From"), box));
        grid->addWidget(m_minScore);
        grid->addWidget(new QLabel(tr("to"), box));
        grid->addWidget(m_maxScore);
        auto *apply = new QPushButton(tr("Apply"), box);
        grid->addWidget(apply);
        auto *action = new QWidgetAction(menu);
        action->setDefaultWidget(box);
        menu->addAction(action);
        connect(apply, &QPushButton::clicked, this, [this, menu] {
            const int lo = std::min(m_minScore->value(), m_maxScore->value());
            const int hi = std::max(m_minScore->value(), m_maxScore->value());
            m_filter.minScore = lo > 0 ? std::optional<int>(lo) : std::nullopt;
            m_filter.maxScore = hi < 100 ? std::optional<int>(hi) : std::nullopt;
            menu->close();
            emitChanged();
        });
        b->setMenu(menu);
    }
    {
        QToolButton *b = addButton(QStringLiteral("dates"), tr("Dates"));
        auto *menu = new QMenu(b);
        m_createdGroup = addDateSection(menu, tr("Created"), &LeadFilter::created);
        m_activityGroup = addDateSection(menu, tr("Last activity"), &LeadFilter::lastActivity);
        b->setMenu(menu);
    }
    {
        QToolButton *b = addButton(QStringLiteral("state"), tr("State"));
        m_stateMenu = new QMenu(b);
        m_stateMenu->addSection(tr("Lead"));
        auto *group = new QActionGroup(m_stateMenu);
        m_finalityGroup = group;
        const std::array<std::pair<LeadFilter::Finality, QString>, 3> choices = {{
            {LeadFilter::Finality::Any, tr("Active and final")},
            {LeadFilter::Finality::Active, tr("Active only")},
            {LeadFilter::Finality::Final, tr("Final only (converted, lost, archived)")},
        }};
        for (const auto &[value, label] : choices) {
            QAction *a = m_stateMenu->addAction(label);
            a->setCheckable(true);
            a->setData(static_cast<int>(value));
            group->addAction(a);
            connect(a, &QAction::triggered, this, [this, v = value] {
                m_filter.finality = v;
                emitChanged();
            });
        }
        m_stateMenu->addSection(tr("Follow-up"));
        m_followUpGroup = new QActionGroup(m_stateMenu);
        for (auto value : {LeadFilter::FollowUp::Any, LeadFilter::FollowUp::DueOrOverdue,
                           LeadFilter::FollowUp::DueToday, LeadFilter::FollowUp::Overdue}) {
            QAction *a = m_stateMenu->addAction(LeadFilter::followUpLabel(value));
            a->setCheckable(true);
            a->setData(static_cast<int>(value));
            m_followUpGroup->addAction(a);
            connect(a, &QAction::triggered, this, [this, value] {
                m_filter.followUp = value;
                emitChanged();
            });
        }
        b->setMenu(m_stateMenu);
    }
    syncWidgets();
}

QToolButton *FilterBar::addButton(const QString &name, const QString &text)
{
    auto *b = new QToolButton(this);
    b->setObjectName(name);
    b->setText(text);
    b->setProperty("baseText", text);
    b->setProperty("filter", true);
    b->setProperty("active", false);
    b->setPopupMode(QToolButton::InstantPopup);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->setAutoRaise(false);
    b->setFocusPolicy(Qt::StrongFocus);
    layout()->addWidget(b);
    m_buttons.append(b);
    return b;
}

QToolButton *FilterBar::button(const QString &name) const
{
    for (QToolButton *b : m_buttons) {
        if (b->objectName() == name)
            return b;
    }
    return nullptr;
}

QListWidget *FilterBar::addList(QMenu *menu, bool withSearch)
{
    auto *box = new QWidget(menu);
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(6, 6, 6, 6);
    v->setSpacing(4);
    auto *list = new QListWidget(box);
    list->setFrameShape(QFrame::NoFrame);
    list->setUniformItemSizes(true);
    list->setMinimumWidth(220);
    // Checkboxes carry the state; a selection highlight beside them would only confuse.
    list->setSelectionMode(QAbstractItemView::NoSelection);
    if (withSearch) {
        auto *search = new QLineEdit(box);
        search->setPlaceholderText(tr("Find a person…"));
        search->setClearButtonEnabled(true);
        v->addWidget(search);
        connect(search, &QLineEdit::textChanged, list, [list](const QString &text) {
            for (int i = 0; i < list->count(); ++i)
                list->item(i)->setHidden(!list->item(i)->text().contains(text, Qt::CaseInsensitive));
        });
    }
    v->addWidget(list);
    auto *action = new QWidgetAction(menu);
    action->setDefaultWidget(box);
    menu->addAction(action);
    connect(menu, &QMenu::aboutToShow, list, [list] {
        list->setFixedHeight(std::min(320, list->sizeHintForRow(0) * list->count() + 6));
        list->setFocus();
    });
    connect(list, &QListWidget::itemChanged, this, [this] {
        if (m_syncing || !m_statusList || !m_assigneeList || !m_sourceList)
            return;
        m_filter.statuses.clear();
        for (const QString &id : checkedIds(m_statusList)) {
            if (auto s = Status::fromId(id))
                m_filter.statuses.append(*s);
        }
        m_filter.assignees = checkedIds(m_assigneeList);
        m_filter.sources = checkedIds(m_sourceList);
        emitChanged();
    });
    // Space toggles, Enter too: keyboard users never need the tiny checkbox.
    connect(list, &QListWidget::itemActivated, list, [](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    return list;
}

void FilterBar::fillStatusList()
{
    m_syncing = true;
    const QStringList checked = checkedIds(m_statusList);
    m_statusList->clear();
    const int h = StatusDelegate::pillSize(LeadStatus::New, QFontMetrics(StatusDelegate::pillFont(font()))).height();
    int w = 0;
    for (LeadStatus s : kAllStatuses)
        w = std::max(w, StatusDelegate::pillSize(s, QFontMetrics(StatusDelegate::pillFont(font()))).width());
    m_statusList->setIconSize(QSize(w, h));
    for (LeadStatus s : kAllStatuses) {
        auto *item = new QListWidgetItem(QIcon(statusPillPixmap(s, palette(), font())), QString(), m_statusList);
        item->setData(kIdRole, Status::id(s));
        item->setData(Qt::AccessibleTextRole, Status::label(s));
        item->setToolTip(Status::label(s));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(Status::id(s)) ? Qt::Checked : Qt::Unchecked);
        item->setSizeHint(QSize(w + 40, h + 8));
    }
    m_syncing = false;
}

QActionGroup *FilterBar::addDateSection(QMenu *menu, const QString &title, LeadFilter::DateRange LeadFilter::*member)
{
    menu->addSection(title);
    auto *group = new QActionGroup(menu);
    for (auto preset : {LeadFilter::DatePreset::Any, LeadFilter::DatePreset::Today,
                        LeadFilter::DatePreset::Last7Days, LeadFilter::DatePreset::Last30Days,
                        LeadFilter::DatePreset::ThisMonth}) {
        QAction *a = menu->addAction(LeadFilter::presetLabel(preset));
        a->setCheckable(true);
        a->setData(static_cast<int>(preset));
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, member, preset] {
            (m_filter.*member) = LeadFilter::DateRange{preset, {}, {}};
            emitChanged();
        });
    }
    QAction *custom = menu->addAction(tr("Custom range…"));
    custom->setCheckable(true);
    custom->setData(static_cast<int>(LeadFilter::DatePreset::Custom));
    group->addAction(custom);
    connect(custom, &QAction::triggered, this, [this, member, title] {
        const LeadFilter::DateRange current = m_filter.*member;
        if (auto range = askDateRange(title, current)) {
            (m_filter.*member) = *range;
            emitChanged();
        } else {
            syncWidgets(); // cancelled: the previous choice stays checked
        }
    });
    return group;
}

std::optional<LeadFilter::DateRange> FilterBar::askDateRange(const QString &title, const LeadFilter::DateRange &current)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("%1: custom range").arg(title));
    auto *form = new QFormLayout(&dialog);
    auto *from = new QDateEdit(&dialog);
    auto *to = new QDateEdit(&dialog);
    for (QDateEdit *e : {from, to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    }
    const QDate today = QDate::currentDate();
    const bool custom = current.preset == LeadFilter::DatePreset::Custom;
    from->setDate(custom ? current.from.toLocalTime().date() : today.addDays(-30));
    to->setDate(custom ? current.to.toLocalTime().addMSecs(-1).date() : today);
    form->addRow(tr("From"), from);
    form->addRow(tr("To (inclusive)"), to);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    const QDate a = std::min(from->date(), to->date());
    const QDate b = std::max(from->date(), to->date());
    return LeadFilter::DateRange{LeadFilter::DatePreset::Custom, a.startOfDay().toUTC(), b.addDays(1).startOfDay().toUTC()};
}

void FilterBar::setUsers(const QList<UserInfo> &users)
{
    m_syncing = true;
    m_assigneeList->clear();
    auto add = [this](const QString &id, const QString &text) {
        auto *item = new QListWidgetItem(text, m_assigneeList);
        item->setSizeHint(QSize(200, 26));
        item->setData(kIdRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    };
    add(LeadFilter::kMe, tr("Me"));
    add(LeadFilter::kUnassigned, tr("Unassigned"));
    for (const UserInfo &u : users) {
        if (u.active)
            add(u.id, u.displayName);
    }
    m_syncing = false;
    syncWidgets();
}

void FilterBar::setSources(const QStringList &sources)
{
    m_syncing = true;
    m_sourceList->clear();
    for (const QString &s : sources) {
        auto *item = new QListWidgetItem(Source::label(s), m_sourceList);
        item->setSizeHint(QSize(200, 26));
        item->setData(kIdRole, s);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(Qt::Unchecked);
    }
    m_syncing = false;
    syncWidgets();
}

void FilterBar::setFilter(const LeadFilter &filter)
{
    m_filter = filter;
    syncWidgets();
}

void FilterBar::syncWidgets()
{
    m_syncing = true;
    QStringList statusIds;
    for (LeadStatus s : std::as_const(m_filter.statuses))
        statusIds.append(Status::id(s));
    setChecked(m_statusList, statusIds);
    setChecked(m_assigneeList, m_filter.assignees);
    setChecked(m_sourceList, m_filter.sources);
    m_minScore->setValue(m_filter.minScore.value_or(0));
    m_maxScore->setValue(m_filter.maxScore.value_or(100));
    auto checkPreset = [](const QList<QAction *> &actions, int value) {
        for (QAction *a : actions)
            a->setChecked(a->data().toInt() == value);
    };
    checkPreset(m_createdGroup->actions(), static_cast<int>(m_filter.created.preset));
    checkPreset(m_activityGroup->actions(), static_cast<int>(m_filter.lastActivity.preset));
    checkPreset(m_finalityGroup->actions(), static_cast<int>(m_filter.finality));
    checkPreset(m_followUpGroup->actions(), static_cast<int>(m_filter.followUp));
    m_syncing = false;
    updateButtonTexts();
}

void FilterBar::updateButtonTexts()
{
    auto mark = [this](const QString &name, int count) {
        QToolButton *b = button(name);
        const QString base = b->property("baseText").toString();
        b->setText((count > 0 ? QStringLiteral("%1 · %2").arg(base).arg(count) : base) + QStringLiteral("  \u25BE"));
        if (b->property("active").toBool() != (count > 0)) {
            b->setProperty("active", count > 0);
            // Dynamic properties only restyle after a repolish.
            b->style()->unpolish(b);
            b->style()->polish(b);
        }
    };
    mark(QStringLiteral("status"), int(m_filter.statuses.size()));
    mark(QStringLiteral("assignee"), int(m_filter.assignees.size()));
    mark(QStringLiteral("source"), int(m_filter.sources.size()));
    mark(QStringLiteral("score"), (m_filter.minScore || m_filter.maxScore) ? 1 : 0);
    mark(QStringLiteral("dates"), (m_filter.created.isActive() ? 1 : 0) + (m_filter.lastActivity.isActive() ? 1 : 0));
    mark(QStringLiteral("state"), (m_filter.finality != LeadFilter::Finality::Any ? 1 : 0)
                                      + (m_filter.followUp != LeadFilter::FollowUp::Any ? 1 : 0));
}

void FilterBar::emitChanged()
{
    updateButtonTexts();
    Q_EMIT filterChanged(m_filter);
}

void FilterBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Status pills follow the palette (light/dark).
    if (m_statusList && (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange))
        fillStatusList();
}

} // namespace Leads
