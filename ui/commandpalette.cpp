// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandpalette.h"

#include "domain/permissions.h"
#include "storage/database.h"
#include "storage/leadservice.h"
#include "storage/searchindex.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpression>
#include <QListWidget>
#include <QSqlQuery>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace Leads {

namespace {
constexpr int kActionRole = Qt::UserRole + 1;
constexpr int kLeadRole = Qt::UserRole + 2;
constexpr int kShortcutRole = Qt::UserRole + 3;

// The row as usual, with the action's shortcut right-aligned and dimmed.
class ShortcutDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(painter, option, index);
        const QString shortcut = index.data(kShortcutRole).toString();
        if (shortcut.isEmpty())
            return;
        painter->save();
        const bool selected = option.state & QStyle::State_Selected;
        QColor c = option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
        painter->setPen(c);
        painter->drawText(option.rect.adjusted(0, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter, shortcut);
        painter->restore();
    }
};
} // namespace

CommandPalette::CommandPalette(LeadService &service, QWidget *parent) : QDialog(parent), m_service(service)
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Command palette"));
    setWindowFlag(Qt::FramelessWindowHint);
    setModal(true);
    // Frameless, so it draws its own edge to stand out from the window behind it.
    setStyleSheet(QStringLiteral("QDialog#commandPalette { border: 1px solid palette(mid); border-radius: 6px; }"));
    resize(560, 380);
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(10, 10, 10, 10);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("paletteFilter"));
    m_filter->setPlaceholderText(tr("Type an action or a lead's name…"));
    m_filter->setAccessibleName(tr("Command or lead"));
    m_filter->setClearButtonEnabled(true);
    v->addWidget(m_filter);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setAccessibleName(tr("Matching actions and leads"));
    m_list->setUniformItemSizes(true);
    m_list->setItemDelegate(new ShortcutDelegate(m_list));
    v->addWidget(m_list, 1);
    auto *hint = new QLabel(tr("↑↓ choose · Enter run or open · Esc close"), this);
    hint->setEnabled(false);
    v->addWidget(hint);

    connect(m_filter, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::run);
    m_filter->installEventFilter(this);
}

QString CommandPalette::plainText(const QAction *action)
{
    QString t = action->text();
    t.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    t.replace(QStringLiteral("&&"), QStringLiteral("&"));
    if (t.endsWith(QChar(0x2026)))
        t.chop(1);
    if (t.endsWith(QStringLiteral("...")))
        t.chop(3);
    return t.trimmed();
}

void CommandPalette::setActions(const QList<QAction *> &actions)
{
    m_actions.clear();
    QStringList seen;
    for (QAction *a : actions) {
        if (!a || a->isSeparator() || a->menu() || plainText(a).isEmpty())
            continue;
        const QString key = plainText(a);
        if (seen.contains(key))
            continue;
        seen.append(key);
        m_actions.append(a);
    }
    refill();
}

void CommandPalette::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_filter->selectAll();
    m_filter->setFocus();
    refill();
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    // Up, Down and Enter work from the filter field, so the hands stay on the keys.
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int count = m_list->count();
        switch (key->key()) {
        case Qt::Key_Down:
            if (count)
                m_list->setCurrentRow((m_list->currentRow() + 1) % count);
            return true;
        case Qt::Key_Up:
            if (count)
                m_list->setCurrentRow((m_list->currentRow() - 1 + count) % count);
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activateCurrent();
            return true;
        default: break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::refill()
{
    m_list->clear();
    const QString text = m_filter->text().trimmed();
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QPointer<QAction> &a : std::as_const(m_actions)) {
        if (!a || !a->isEnabled() || !a->isVisible())
            continue;
        const QString label = plainText(a);
        bool all = true;
        for (const QString &w : words)
            all = all && label.contains(w, Qt::CaseInsensitive);
        if (!all)
            continue;
        const QString shortcut = a->shortcut().toString(QKeySequence::NativeText);
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(kShortcutRole, shortcut);
        item->setData(kActionRole, QVariant::fromValue<QObject *>(a.data()));
        item->setToolTip(a->toolTip());
    }
    const QString match = SearchIndex::matchExpression(text);
    if (text.size() >= 2 && !match.isEmpty()) {
        QSqlQuery q(m_service.database().connection());
        q.setForwardOnly(true);
        // Best matches first; a few more than shown, as some may be out of the actor's view.
        q.prepare(QStringLiteral("SELECT l.id, l.name, l.company, l.assignee_id FROM leads_fts "
                                 "JOIN leads l ON l.lead_no = leads_fts.rowid WHERE leads_fts MATCH ? "
                                 "ORDER BY rank LIMIT ?"));
        q.addBindValue(match);
        q.addBindValue(kMaxLeads * 4);
        if (q.exec()) {
            const PermissionMatrix matrix = m_service.permissions();
            int shown = 0;
            while (q.next() && shown < kMaxLeads) {
                if (!canSeeLead(matrix, m_service.actor(), q.value(3).toString()))
                    continue;
                const QString company = q.value(2).toString();
                auto *item = new QListWidgetItem(company.isEmpty() ? tr("Lead: %1").arg(q.value(1).toString())
                                                                   : tr("Lead: %1 · %2").arg(q.value(1).toString(), company),
                                                 m_list);
                item->setData(kLeadRole, q.value(0).toString());
                ++shown;
            }
        }
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

void CommandPalette::activateCurrent()
{
    if (QListWidgetItem *item = m_list->currentItem())
        run(item);
}

void CommandPalette::run(QListWidgetItem *item)
{
    const QString leadId = item->data(kLeadRole).toString();
    QPointer<QAction> action = qobject_cast<QAction *>(item->data(kActionRole).value<QObject *>());
    accept();
    if (!leadId.isEmpty())
        Q_EMIT leadChosen(leadId);
    else if (action)
        action->trigger();
}

} // namespace Leads
